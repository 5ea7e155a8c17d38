"""Token care: change the user PIN, or unblock it with the PUK (the token's SO PIN).

Both faces call these with PINs the user just typed; nothing here keeps, logs or retries a PIN.
A wrong PIN raises PinError once, with what the token says about the tries left.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pkcs11
import pkcs11.exceptions as p11e
from pkcs11 import TokenFlag

from desktop.core.errors import PinError, PinLocked, TokenError
from desktop.core.i18n import tr
from desktop.tokens.errors import token_error
from desktop.tokens.session import TokenInfo


@dataclass(frozen=True)
class PinRules:
    """The token's PIN length rules (CK_TOKEN_INFO ulMinPinLen / ulMaxPinLen), None when unknown."""

    min_length: int | None = None
    max_length: int | None = None

    @property
    def known(self) -> bool:
        """Whether the token states any PIN length limit (many do not)."""
        return self.min_length is not None or self.max_length is not None

    def check(self, pin: str) -> None:
        """Refuse a new PIN the token would refuse anyway, before anything is sent to it."""
        if not pin:
            raise PinError("The new PIN is empty.", "Type a new PIN.")
        if self.min_length is not None and len(pin) < self.min_length:
            raise PinError("The new PIN is too short: this token needs at least {min_length} characters.",
                           "Choose a longer PIN.", min_length=self.min_length)
        if self.max_length is not None and len(pin) > self.max_length:
            raise PinError("The new PIN is too long: this token allows at most {max_length} characters.",
                           "Choose a shorter PIN.", max_length=self.max_length)


def pin_rules(info: TokenInfo) -> PinRules:
    """The length rules of the token's PIN.

    python-pkcs11 0.9 reads CK_TOKEN_INFO but keeps only label, serial, model, manufacturer and
    flags, so ulMinPinLen/ulMaxPinLen are not available: the rules are "unknown" and the token
    itself refuses a PIN of the wrong length (CKR_PIN_LEN_RANGE, reported as PinError).
    """
    return PinRules()


def _token(info: TokenInfo):
    lib = pkcs11.lib(info.module)
    for slot in lib.get_slots(token_present=True):
        if slot.slot_id == info.slot_id:
            return slot.get_token()
    raise TokenError("The token {label!r} was removed.", "Insert it again and retry.", label=info.label)


def _flags(info: TokenInfo) -> TokenFlag:
    try:
        return _token(info).flags
    except (TokenError, p11e.PKCS11Error):
        return TokenFlag(0)


def _wrong(what: str, info: TokenInfo, *, so: bool) -> PinError:
    """The error after the token refused `what`, with the tries left as the token reports them."""
    flags = _flags(info)
    locked = TokenFlag.SO_PIN_LOCKED if so else TokenFlag.USER_PIN_LOCKED
    final = TokenFlag.SO_PIN_FINAL_TRY if so else TokenFlag.USER_PIN_FINAL_TRY
    low = TokenFlag.SO_PIN_COUNT_LOW if so else TokenFlag.USER_PIN_COUNT_LOW
    if flags & locked:
        return PinLocked("Wrong {what}. It is now blocked.",
                         "Contact the card issuer; Imza will not try it again.", retries_left=0, what=what)
    if flags & final:
        return PinError("Wrong {what}. One try is left before it is blocked.",
                        "Check it carefully before trying again.", retries_left=1, what=what)
    if flags & low:
        return PinError("Wrong {what}. Few tries are left before it is blocked.",
                        "Check it before trying again.", what=what)
    return PinError("Wrong {what}.", "Check it and try again; Imza did not retry it.", what=what)


def _refuse_pin_pad(info: TokenInfo) -> None:
    if info.pin_pad:
        # python-pkcs11's set_pin/init_pin always send the PIN from the host; a PIN-pad reader
        # must collect it itself, which only the card issuer's tool does.
        raise PinError("{label!r} takes PINs on its reader's PIN pad.",
                       "Change or unblock the PIN with the card issuer's tool.", label=info.label)


def _blocked(info: TokenInfo, *, so: bool) -> PinLocked:
    if so:
        return PinLocked("The PUK of {label!r} is blocked.", "Only the card issuer can help now.", label=info.label)
    return PinLocked("The PIN of {label!r} is blocked.", "Unblock it with the PUK first.", label=info.label)


@contextmanager
def _token_refusals(info: TokenInfo, *, so: bool) -> Iterator[None]:
    """What the token says to C_SetPIN/C_InitPIN, in words; `so`: the PUK was the credential."""
    try:
        yield
    except p11e.PinIncorrect:
        raise _wrong(tr("PUK") if so else tr("current PIN"), info, so=so) from None
    except p11e.PinLocked:
        raise _blocked(info, so=so) from None
    except (p11e.PinLenRange, p11e.PinInvalid):
        raise PinError("The token refused the new PIN: wrong length or characters.",
                       "Choose another PIN; the current PIN is unchanged.") from None
    except p11e.PKCS11Error as e:
        raise token_error(e, info.label) from None


def change_pin(info: TokenInfo, old_pin: str, new_pin: str) -> None:
    """Change the user PIN (C_SetPIN in a read/write session logged in with the old PIN)."""
    _refuse_pin_pad(info)
    pin_rules(info).check(new_pin)
    token = _token(info)
    if token.flags & TokenFlag.USER_PIN_LOCKED:
        raise _blocked(info, so=False)
    with _token_refusals(info, so=False), token.open(rw=True, user_pin=old_pin) as session:
        session.set_pin(old_pin, new_pin)


def unblock_pin(info: TokenInfo, puk: str, new_pin: str) -> None:
    """Set a new user PIN with the PUK (C_InitPIN in a session logged in as security officer)."""
    _refuse_pin_pad(info)
    pin_rules(info).check(new_pin)
    token = _token(info)
    if token.flags & TokenFlag.SO_PIN_LOCKED:
        raise _blocked(info, so=True)
    with _token_refusals(info, so=True), token.open(rw=True, so_pin=puk) as session:
        session.init_pin(new_pin)
