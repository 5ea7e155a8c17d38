"""Tokens and login: list what is plugged in, log in once, hand out signers.

A `TokenSession` is one logged-in PKCS#11 session; every signature format signs through the
`Signer` it makes, so bulk signing asks for the PIN once. A key marked CKA_ALWAYS_AUTHENTICATE
(a qualified signing key on an ID card) wants C_Login(CKU_CONTEXT_SPECIFIC) after every
C_SignInit (PKCS#11 v2.40, 4.9 and 5.5.1): the session then keeps the PIN typed at login, in a
buffer it overwrites when it closes, and gives it to the card for each signature.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import pkcs11
import pkcs11.exceptions as p11e
from pkcs11 import Attribute, ObjectClass, SlotFlag, TokenFlag
from pkcs11.types import PROTECTED_AUTH

from desktop.core.errors import (
    CertificateError,
    PinError,
    PinLocked,
    TokenError,
    TokenNotFound,
)
from desktop.core.i18n import tr
from desktop.tokens import discovery
from desktop.tokens.cards import PinRole, group_cards, pin_name
from desktop.tokens.certs import CertificateEntry, CertificateProblem, ProblemCode
from desktop.tokens.errors import GONE, token_error, token_errors, unreadable_card_error


class TokenState(enum.StrEnum):
    """What the UI shows about the card, observed rather than re-derived per dialog."""

    NO_MODULE = "no-module"
    NO_READER = "no-reader"
    NO_TOKEN = "no-token"
    CARD_UNREADABLE = "card-unreadable"  # a card is in a reader, but no module can read it
    PRESENT = "present"
    PIN_LOCKED = "pin-locked"


@dataclass
class TokenInfo:
    """What Imza knows about one token (one slot): labels, PIN state and flags, and its certificates."""

    module: str
    slot_id: int
    slot_description: str
    label: str
    manufacturer: str
    model: str
    serial: str
    pin_pad: bool
    login_required: bool
    pin_count_low: bool
    pin_final_try: bool
    pin_locked: bool
    certificates: list[CertificateEntry] = field(default_factory=list)
    card_label: str = ""  # the card this token is part of (desktop.tokens.cards): label without "(PIN2)"
    pin_role: str = ""  # which of the card's PINs guards this token: "signing", "authentication", "" (only one)

    @property
    def signing_certificates(self) -> list[CertificateEntry]:
        """The certificates fit for signing (CertificateEntry.fit_for_signing), in token order."""
        return [c for c in self.certificates if c.fit_for_signing]


@dataclass(frozen=True)
class UnreadableCard:
    """A slot with a card in it that its module does not recognise (CKR_TOKEN_NOT_RECOGNIZED)."""

    module: str
    slot_id: int
    reader: str


class TokenList(list):
    """The tokens present (a list of TokenInfo), the cards present that no module can read, and
    the card readers (slots of removable devices) seen, with or without a card."""

    def __init__(self, tokens=(), unreadable=(), readers=()):
        super().__init__(tokens)
        self.unreadable: list[UnreadableCard] = list(unreadable)
        self.readers: list[str] = list(readers)


def _flags(token) -> dict[str, bool]:
    f = token.flags
    return {
        "pin_pad": bool(f & TokenFlag.PROTECTED_AUTHENTICATION_PATH),
        "login_required": bool(f & TokenFlag.LOGIN_REQUIRED),
        "pin_count_low": bool(f & TokenFlag.USER_PIN_COUNT_LOW),
        "pin_final_try": bool(f & TokenFlag.USER_PIN_FINAL_TRY),
        "pin_locked": bool(f & TokenFlag.USER_PIN_LOCKED),
    }


def read_certificates(session) -> list[CertificateEntry]:
    """The certificates on a logged-in or public session, in the order the token lists them.

    Objects without a value or an id, and values that are not X.509 certificates, are skipped
    rather than failing the whole token.
    """
    out = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            der = obj[Attribute.VALUE]
            cka_id = obj[Attribute.ID]
        except (p11e.AttributeTypeInvalid, p11e.AttributeSensitive):
            continue
        try:
            label = obj[Attribute.LABEL]
        except p11e.PKCS11Error:
            label = ""
        try:
            out.append(CertificateEntry.from_der(der, cka_id, label))
        except ValueError:
            continue  # not an X.509 certificate we can parse; skip rather than fail the listing
    return out


def _describe_token(module: str, slot, token, *, with_certs: bool) -> TokenInfo:
    info = TokenInfo(
        module=module,
        slot_id=slot.slot_id,
        slot_description=slot.slot_description.strip(),
        label=token.label.strip(),
        manufacturer=token.manufacturer_id.strip(),
        model=token.model.strip(),
        serial=token.serial.decode(errors="replace").strip() if isinstance(token.serial, bytes) else str(token.serial).strip(),
        **_flags(token),
    )
    if with_certs:
        with token.open() as s:  # public objects only: no PIN needed to list certificates
            info.certificates = read_certificates(s)
    return info


def list_tokens(module_setting: str = "", *, with_certs: bool = True):
    """Every token on every loadable module. Returns (tokens, module candidates).

    `tokens` is a TokenList: its `unreadable` names the readers holding a card no module can read.
    """
    found = discovery.discover(module_setting)
    return _list_tokens(found, with_certs=with_certs), [c for c, _ in found]


def _list_tokens(found, *, with_certs: bool) -> TokenList:
    tokens = TokenList()
    for candidate, lib in found:
        if lib is None:
            continue
        try:
            # All slots, not C_GetSlotList(tokenPresent=TRUE): OpenSC leaves a card it cannot read
            # out of that list, though the slot's CKF_TOKEN_PRESENT says a card is there.
            for slot in lib.get_slots():
                if slot.flags & SlotFlag.REMOVABLE_DEVICE and slot.slot_description.strip() not in tokens.readers:
                    tokens.readers.append(slot.slot_description.strip())
                if not slot.flags & SlotFlag.TOKEN_PRESENT:
                    continue
                try:
                    token = slot.get_token()
                    if not token.flags & TokenFlag.TOKEN_INITIALIZED:
                        continue  # a blank token (e.g. SoftHSM2's free slot) holds nothing to sign with
                    tokens.append(_describe_token(candidate.path, slot, token, with_certs=with_certs))
                except p11e.TokenNotRecognised:
                    tokens.unreadable.append(UnreadableCard(candidate.path, slot.slot_id,
                                                            slot.slot_description.strip()))
                except GONE:
                    continue
        except p11e.PKCS11Error as e:
            candidate.error = f"listing slots failed: {type(e).__name__}"
    group_cards(tokens)
    return tokens


def choose_token(tokens: list[TokenInfo], label: str | None, purpose: str = "sign") -> TokenInfo:
    """The token named `label` (a token's label, or a two-PIN card's name), else the only usable one.

    For a card with two PINs named by its card label, `purpose` picks the token: "sign" the one
    behind the signing PIN, "login" the one behind the authentication PIN.
    """
    unreadable = getattr(tokens, "unreadable", [])
    if label:
        match = [t for t in tokens if t.label == label]
        if not match:
            card = [t for t in tokens if t.card_label == label]
            wanted = PinRole.AUTHENTICATION if purpose == "login" else PinRole.SIGNING
            match = [t for t in card if t.pin_role == wanted] or card
        if not match and unreadable:
            raise unreadable_card_error(unreadable[0].reader)
        if not match:
            names = ", ".join(repr(t.label) for t in tokens) or "none"
            raise TokenNotFound("No token labelled {label!r} is present (found: {names}).",
                                "Insert the card or token, or pick one from `imza tokens`.", label=label, names=names)
        return match[0]
    if not tokens and unreadable:
        raise unreadable_card_error(unreadable[0].reader)
    if not tokens:
        raise TokenNotFound("No card or token was found.",
                            "Insert your ID card into the reader (or plug in the token) and try again; "
                            "`imza tokens` shows what Imza can see.")
    usable = [t for t in tokens if t.signing_certificates] or tokens
    if len(usable) > 1:
        names = ", ".join(repr(t.label) for t in usable)
        raise TokenNotFound("Several tokens are present ({names}).", "Choose one with --token LABEL.", names=names)
    return usable[0]


def choose_certificate(token: TokenInfo, selector: str | None) -> CertificateEntry:
    """The certificate to sign with: the one asked for, or the only one fit for signing."""
    if selector:
        match = [c for c in token.certificates if c.matches(selector)]
        if not match:
            raise CertificateError("No certificate on {label!r} matches {selector!r}.",
                                   "Use an ID or fingerprint shown by `imza tokens`.", label=token.label, selector=selector)
        cert = match[0]
        problem = cert.signing_problem()
        if problem:
            raise CertificateError("The certificate of {subject} cannot be used to sign: {reason}.",
                                   _problem_hint(problem), subject=cert.subject, reason=problem.words())
        return cert
    fit = token.signing_certificates
    if len(fit) == 1:
        return fit[0]
    if not fit:
        reasons = "; ".join(f"{c.subject} ({c.signing_problem().words()})" for c in token.certificates if not c.is_ca)
        raise CertificateError("No certificate on {label!r} can sign documents: {reasons}.",
                               "Use a card or token with a valid signing certificate, or renew the certificate.", label=token.label, reasons=reasons or tr("no certificates"))
    choices = "; ".join(f"--cert {c.cka_id} ({c.subject}, SHA-256 {c.sha256[:16]})" for c in fit)
    raise CertificateError("{label!r} holds several signing certificates.", "Choose one: {choices}.", label=token.label, choices=choices)


def _problem_hint(problem: CertificateProblem) -> str:
    if problem.code in (ProblemCode.EXPIRED, ProblemCode.NOT_YET_VALID):
        return "Renew the certificate with your certificate authority, or use another card."
    if problem.code is ProblemCode.NO_NON_REPUDIATION:
        return "This is usually the authentication certificate; choose the signing certificate (see `imza tokens`)."
    return "Choose another certificate (see `imza tokens`)."


class PinPad:
    """Marker: authenticate on the reader's PIN pad (protected authentication path)."""


class HeldPin:
    """A PIN kept for the context-specific logins of one session, overwritten by `wipe()`.

    Held as a bytearray so that it can be overwritten; python-pkcs11 takes a str, so each
    signature makes a short-lived copy for the call (Python strings cannot be wiped).
    """

    def __init__(self, pin: str):
        self._buf = bytearray(pin.encode("utf-8"))

    def __call__(self) -> str:
        if not self._buf:
            raise PinError("The PIN kept for this signing run was already erased.",
                           "Start the signing again; the PIN will be asked once more.")
        return self._buf.decode("utf-8")

    def wipe(self) -> None:
        """Overwrite the held PIN's bytes with zeros, then forget them."""
        for i in range(len(self._buf)):
            self._buf[i] = 0
        self._buf.clear()

    def __repr__(self) -> str:  # never show the PIN in a traceback or log
        return "HeldPin(<hidden>)"


def _always_authenticate(key) -> bool:
    try:
        return bool(key[Attribute.ALWAYS_AUTHENTICATE])
    except (p11e.AttributeTypeInvalid, p11e.AttributeSensitive):
        return False


class TokenSession:
    """One logged-in session on one token. Use as a context manager; logs out on exit."""

    def __init__(self, info: TokenInfo):
        self.info = info
        self._lib = pkcs11.lib(info.module)
        self._session = None
        self._held_pin: HeldPin | None = None

    def _token(self):
        for slot in self._lib.get_slots(token_present=True):
            if slot.slot_id == self.info.slot_id:
                return slot.get_token()
        raise TokenError("The token {label!r} was removed.", "Insert it again and retry.", label=self.info.label)

    def login(self, pin: str | PinPad | None) -> None:
        """Log in once. A wrong PIN raises PinError and is never retried automatically.

        When a key on the token asks for the PIN at every signature (CKA_ALWAYS_AUTHENTICATE),
        a typed PIN is kept until `close()` for those signatures; otherwise it is not kept.
        """
        token = self._token()
        flags = _flags(token)
        if flags["pin_locked"]:
            raise PinLocked("The PIN of {label!r} is blocked.",
                            "Unblock it with your PUK (card issuer's tool or office); Imza will not try it.", label=self.info.label)
        user_pin = PROTECTED_AUTH if isinstance(pin, PinPad) else pin
        if user_pin is None and flags["login_required"]:
            raise PinError("A PIN is needed to sign.", "Enter it when asked, or pass it on standard input with --pin-stdin.")
        try:
            self._session = token.open(user_pin=user_pin)
        except p11e.PinIncorrect:
            raise self._wrong_pin() from None
        except (p11e.PinLenRange, p11e.PinInvalid):
            raise PinError("That PIN has the wrong length or characters for this card.",
                           "Check the PIN and try again; nothing was sent to the card.") from None
        except p11e.PKCS11Error as e:
            raise token_error(e, self.info.label) from None
        if isinstance(user_pin, str) and self._any_key_always_authenticates():
            self._held_pin = HeldPin(user_pin)

    def _any_key_always_authenticates(self) -> bool:
        try:
            return any(_always_authenticate(k) for k in
                       self._session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}))
        except p11e.PKCS11Error:
            return True  # cannot tell: keep the PIN for this session (overwritten at close) so signing works

    def _wrong_pin(self) -> PinError:
        try:
            flags = _flags(self._token())
        except (TokenError, p11e.PKCS11Error):
            flags = {}
        if flags.get("pin_locked"):
            return PinLocked("Wrong PIN. The PIN is now blocked.",
                             "Unblock it with your PUK (card issuer's tool or office).", retries_left=0)
        named = bool(self.info.pin_role)  # a card with two PINs: say which one was wrong
        fields = {"pin": pin_name(self.info), "card": self.info.card_label}
        if flags.get("pin_final_try"):
            if named:
                return PinError(tr("Wrong {pin} for {card}. One try is left before it is blocked.", **fields),
                                tr("Check it carefully before trying again."), retries_left=1)
            return PinError("Wrong PIN. One try is left before the PIN is blocked.",
                            "Check the PIN carefully before trying again.", retries_left=1)
        if flags.get("pin_count_low"):
            if named:
                return PinError(tr("Wrong {pin} for {card}. Few tries are left before it is blocked.", **fields),
                                tr("Check it before trying again."))
            return PinError("Wrong PIN. Few tries are left before the PIN is blocked.",
                            "Check the PIN before trying again.")
        if named:
            return PinError(tr("Wrong {pin} for {card}.", **fields),
                            tr("Check it and try again; Imza did not retry it."))
        return PinError("Wrong PIN.", "Check the PIN and try again; Imza did not retry it.")

    @property
    def pkcs11_session(self):
        """The python-pkcs11 session after login; TokenError before it."""
        if self._session is None:
            raise TokenError("Not logged in to the token.")
        return self._session

    def private_key(self, cert: CertificateEntry):
        """The private key with the certificate's CKA_ID (raises CertificateError when there is none)."""
        with token_errors(self.info.label):
            keys = list(self.pkcs11_session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY,
                                                         Attribute.ID: bytes.fromhex(cert.cka_id)}))
        if not keys:
            raise CertificateError("The token holds no private key for {subject}.",
                                   "Choose a certificate listed as fit for signing by `imza tokens`.", subject=cert.subject)
        return keys[0]

    def has_private_key(self, cert: CertificateEntry) -> bool:
        """Whether the token holds the private key matching `cert` (by CKA_ID), i.e. can sign with it."""
        try:
            self.private_key(cert)
        except CertificateError:
            return False
        return True

    def pin_per_signature(self, cert: CertificateEntry) -> bool:
        """Does the card ask for the PIN at every signature with this certificate's key?"""
        key = self.private_key(cert)
        with token_errors(self.info.label):
            return _always_authenticate(key)

    def _context_pin(self, key):
        """What to give python-pkcs11's `pin=` for this key: None, or a callable giving the PIN."""
        with token_errors(self.info.label):
            if not _always_authenticate(key):
                return None
        if self._held_pin is None:
            # python-pkcs11 sends a context-specific login with the PIN from the host only; a
            # PIN-pad reader would need C_Login with a NULL PIN, which it cannot make.
            raise PinError("{label} asks for the PIN at every signature, and Imza has no PIN for it "
                           "(PIN-pad readers are not supported for such keys yet).",
                           "Type the PIN in Imza instead of on the reader's pad, or use the card "
                           "issuer's signing tool.", label=self.info.label)
        return self._held_pin

    def sign_data(self, cert: CertificateEntry, data: bytes, mechanism) -> bytes:
        """One token signature over `data` with the certificate's key (a context login if the key wants one)."""
        key = self.private_key(cert)
        pin = self._context_pin(key)
        with token_errors(self.info.label):
            return key.sign(data, mechanism=mechanism, **({"pin": pin()} if pin else {}))

    def signer(self, cert: CertificateEntry):
        """A pyhanko Signer using the private key with the certificate's CKA_ID."""
        from desktop.tokens.signer import CardSigner

        key = self.private_key(cert)
        ca_certs = [c.certificate for c in self.info.certificates if c.is_ca]
        return CardSigner(
            self.pkcs11_session,
            label=self.info.label,
            context_pin=self._context_pin(key),
            signing_cert=cert.certificate,
            key_id=bytes.fromhex(cert.cka_id),
            ca_chain=ca_certs,
            embed_roots=False,
            # Many cards (and SoftHSM2) only offer raw CKM_ECDSA: hash on the host, sign on the card.
            use_raw_mechanism=cert.certificate.public_key.algorithm == "ec",
        )

    def close(self) -> None:
        """End the session: the PIN kept for context logins is overwritten, then the card logged out."""
        if self._held_pin is not None:
            self._held_pin.wipe()
            self._held_pin = None
        if self._session is not None:
            try:
                self._session.close()
            except p11e.PKCS11Error:
                pass  # token pulled out: nothing left to log out of
            self._session = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
