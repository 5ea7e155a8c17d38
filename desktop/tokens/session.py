"""Tokens and login: list what is plugged in, log in once, hand out signers.

A `TokenSession` is one logged-in PKCS#11 session; every signature format signs through the
`Signer` it makes, so bulk signing asks for the PIN once.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

import pkcs11
import pkcs11.exceptions as p11e
from pkcs11 import Attribute, ObjectClass, TokenFlag
from pkcs11.types import PROTECTED_AUTH

from desktop.core.errors import (
    CertificateError,
    PinError,
    PinLocked,
    TokenError,
    TokenNotFound,
)
from desktop.tokens import discovery
from desktop.tokens.certs import CertificateEntry


class TokenState(enum.StrEnum):
    """What the UI shows about the card, observed rather than re-derived per dialog."""

    NO_MODULE = "no-module"
    NO_READER = "no-reader"
    NO_TOKEN = "no-token"
    PRESENT = "present"
    PIN_LOCKED = "pin-locked"


@dataclass
class TokenInfo:
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

    @property
    def signing_certificates(self) -> list[CertificateEntry]:
        return [c for c in self.certificates if c.fit_for_signing]


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
    """Every token on every loadable module. Returns (tokens, module candidates)."""
    tokens: list[TokenInfo] = []
    found = discovery.discover(module_setting)
    for candidate, lib in found:
        if lib is None:
            continue
        try:
            for slot in lib.get_slots(token_present=True):
                try:
                    token = slot.get_token()
                    if not token.flags & TokenFlag.TOKEN_INITIALIZED:
                        continue  # a blank token (e.g. SoftHSM2's free slot) holds nothing to sign with
                    tokens.append(_describe_token(candidate.path, slot, token, with_certs=with_certs))
                except (p11e.TokenNotPresent, p11e.DeviceRemoved, p11e.TokenNotRecognised):
                    continue
        except p11e.PKCS11Error as e:
            candidate.error = f"listing slots failed: {type(e).__name__}"
    return tokens, [c for c, _ in found]


def token_state(module_setting: str = "") -> TokenState:
    found = discovery.discover(module_setting)
    libs = [lib for _, lib in found if lib is not None]
    if not libs:
        return TokenState.NO_MODULE
    if not any(lib.get_slots() for lib in libs):
        return TokenState.NO_READER
    tokens = [s.get_token() for lib in libs for s in lib.get_slots(token_present=True)]
    if not tokens:
        return TokenState.NO_TOKEN
    if all(_flags(t)["pin_locked"] for t in tokens):
        return TokenState.PIN_LOCKED
    return TokenState.PRESENT


def choose_token(tokens: list[TokenInfo], label: str | None) -> TokenInfo:
    if label:
        match = [t for t in tokens if t.label == label]
        if not match:
            names = ", ".join(repr(t.label) for t in tokens) or "none"
            raise TokenNotFound(f"No token labelled {label!r} is present (found: {names}).",
                                "Insert the card or token, or pick one from `imza tokens`.")
        return match[0]
    if not tokens:
        raise TokenNotFound("No card or token was found.",
                            "Insert your ID card into the reader (or plug in the token) and try again; "
                            "`imza tokens` shows what Imza can see.")
    usable = [t for t in tokens if t.signing_certificates] or tokens
    if len(usable) > 1:
        names = ", ".join(repr(t.label) for t in usable)
        raise TokenNotFound(f"Several tokens are present ({names}).", "Choose one with --token LABEL.")
    return usable[0]


def choose_certificate(token: TokenInfo, selector: str | None) -> CertificateEntry:
    """The certificate to sign with: the one asked for, or the only one fit for signing."""
    if selector:
        match = [c for c in token.certificates if c.matches(selector)]
        if not match:
            raise CertificateError(f"No certificate on {token.label!r} matches {selector!r}.",
                                   "Use an ID or fingerprint shown by `imza tokens`.")
        cert = match[0]
        problem = cert.signing_problem()
        if problem:
            raise CertificateError(f"The certificate of {cert.subject} cannot be used to sign: {problem}.",
                                   _problem_hint(problem))
        return cert
    fit = token.signing_certificates
    if len(fit) == 1:
        return fit[0]
    if not fit:
        reasons = "; ".join(f"{c.subject} ({c.signing_problem()})" for c in token.certificates if not c.is_ca)
        raise CertificateError(f"No certificate on {token.label!r} can sign documents: {reasons or 'no certificates'}.",
                               "Use a card or token with a valid signing certificate, or renew the certificate.")
    choices = "; ".join(f"--cert {c.cka_id} ({c.subject}, SHA-256 {c.sha256[:16]})" for c in fit)
    raise CertificateError(f"{token.label!r} holds several signing certificates.", f"Choose one: {choices}.")


def _problem_hint(problem: str) -> str:
    if "expired" in problem or "not valid before" in problem:
        return "Renew the certificate with your certificate authority, or use another card."
    if "key usage" in problem:
        return "This is usually the authentication certificate; choose the signing certificate (see `imza tokens`)."
    return "Choose another certificate (see `imza tokens`)."


class PinPad:
    """Marker: authenticate on the reader's PIN pad (protected authentication path)."""


class TokenSession:
    """One logged-in session on one token. Use as a context manager; logs out on exit."""

    def __init__(self, info: TokenInfo):
        self.info = info
        self._lib = pkcs11.lib(info.module)
        self._session = None

    def _token(self):
        for slot in self._lib.get_slots(token_present=True):
            if slot.slot_id == self.info.slot_id:
                return slot.get_token()
        raise TokenError(f"The token {self.info.label!r} was removed.", "Insert it again and retry.")

    def login(self, pin: str | PinPad | None) -> None:
        """Log in once. A wrong PIN raises PinError and is never retried automatically."""
        token = self._token()
        flags = _flags(token)
        if flags["pin_locked"]:
            raise PinLocked(f"The PIN of {self.info.label!r} is blocked.",
                            "Unblock it with your PUK (card issuer's tool or office); Imza will not try it.")
        user_pin = PROTECTED_AUTH if isinstance(pin, PinPad) else pin
        if user_pin is None and flags["login_required"]:
            raise PinError("A PIN is needed to sign.", "Enter it when asked, or pass it on standard input with --pin-stdin.")
        try:
            self._session = token.open(user_pin=user_pin)
        except p11e.PinIncorrect:
            raise self._wrong_pin() from None
        except (p11e.PinLocked, p11e.PinExpired) as e:
            raise PinLocked(f"The PIN of {self.info.label!r} is {'blocked' if isinstance(e, p11e.PinLocked) else 'expired'}.",
                            "Unblock or change it with your card issuer's tool.") from None
        except (p11e.PinLenRange, p11e.PinInvalid):
            raise PinError("That PIN has the wrong length or characters for this card.",
                           "Check the PIN and try again; nothing was sent to the card.") from None
        except p11e.FunctionCancelled:
            raise PinError("PIN entry was cancelled on the reader.", "Try again and enter the PIN on the PIN pad.") from None
        except (p11e.TokenNotPresent, p11e.DeviceRemoved):
            raise TokenError(f"The token {self.info.label!r} was removed.", "Insert it again and retry.") from None

    def _wrong_pin(self) -> PinError:
        try:
            flags = _flags(self._token())
        except (TokenError, p11e.PKCS11Error):
            flags = {}
        if flags.get("pin_locked"):
            return PinLocked("Wrong PIN. The PIN is now blocked.",
                             "Unblock it with your PUK (card issuer's tool or office).", retries_left=0)
        if flags.get("pin_final_try"):
            return PinError("Wrong PIN. One try is left before the PIN is blocked.",
                            "Check the PIN carefully before trying again.", retries_left=1)
        if flags.get("pin_count_low"):
            return PinError("Wrong PIN. Few tries are left before the PIN is blocked.",
                            "Check the PIN before trying again.")
        return PinError("Wrong PIN.", "Check the PIN and try again; Imza did not retry it.")

    @property
    def pkcs11_session(self):
        if self._session is None:
            raise TokenError("Not logged in to the token.")
        return self._session

    def has_private_key(self, cert: CertificateEntry) -> bool:
        keys = list(self.pkcs11_session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY,
                                                     Attribute.ID: bytes.fromhex(cert.cka_id)}))
        return bool(keys)

    def signer(self, cert: CertificateEntry):
        """A pyhanko Signer using the private key with the certificate's CKA_ID."""
        from pyhanko.sign.pkcs11 import PKCS11Signer

        if not self.has_private_key(cert):
            raise CertificateError(f"The token holds no private key for {cert.subject}.",
                                   "Choose a certificate listed as fit for signing by `imza tokens`.")
        ca_certs = [c.certificate for c in self.info.certificates if c.is_ca]
        return PKCS11Signer(
            self.pkcs11_session,
            signing_cert=cert.certificate,
            key_id=bytes.fromhex(cert.cka_id),
            ca_chain=ca_certs,
            embed_roots=False,
            # Many cards (and SoftHSM2) only offer raw CKM_ECDSA: hash on the host, sign on the card.
            use_raw_mechanism=cert.certificate.public_key.algorithm == "ec",
        )

    def close(self) -> None:
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
