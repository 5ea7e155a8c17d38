"""PKCS#11 errors in words: the one place that maps what a module returns to what a user reads.

Every PKCS#11 call the engine makes goes through `token_errors()` (or `token_error()` for an
exception already caught), so signing, bulk signing, login, PIN care and listing all say the
same one line for the same CKR_* code. Nothing outside desktop/tokens names a pkcs11 exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pkcs11.exceptions as p11e

from desktop.core.errors import PinError, PinLocked, TokenError, TokenGone, TokenNotFound

# The card is not there any more, or no longer the card the session was opened on: CKR_DEVICE_REMOVED,
# CKR_TOKEN_NOT_PRESENT, and CKR_SESSION_HANDLE_INVALID / CKR_SESSION_CLOSED, which real middleware
# returns for every session of a card that was pulled out and put back (PKCS#11 v2.40, 5.6:
# "all sessions ... are closed" when the token is removed).
GONE: tuple[type[p11e.PKCS11Error], ...] = (
    p11e.TokenNotPresent, p11e.DeviceRemoved, p11e.SessionHandleInvalid, p11e.SessionClosed,
)
# The card answers no more, without being reported as removed: a reader or card fault, a card that
# was reset (its login is gone). A run stops on these too and can be resumed after re-inserting.
STOPPED: tuple[type[p11e.PKCS11Error], ...] = (
    p11e.DeviceError, p11e.DeviceMemory, p11e.GeneralError, p11e.UserNotLoggedIn, p11e.FunctionFailed,
)

PKCS11Error = p11e.PKCS11Error  # for callers that must tell a PKCS#11 failure from anything else


def is_gone(error: BaseException) -> bool:
    """True when `error` says the card was removed or stopped answering (a run should pause)."""
    return isinstance(error, (TokenGone, *GONE, *STOPPED))


def token_error(error: p11e.PKCS11Error, label: str) -> TokenError:
    """One line saying what happened to the card `label` and what to do next."""
    name = type(error).__name__
    if isinstance(error, GONE):
        return TokenGone("The card {label} was removed or reset while Imza was using it.",
                         "Insert it again and retry; documents already signed are kept.", label=label)
    if isinstance(error, p11e.DeviceError):
        return TokenGone("The card reader or the card {label} reported a device error.",
                         "Take the card out, insert it again and retry; if it happens again, "
                         "try another reader or USB port.", label=label)
    if isinstance(error, p11e.UserNotLoggedIn):
        return TokenGone("The card {label} is no longer logged in (it was reset, or another program "
                         "used it).",
                         "Log in again with the PIN and retry.", label=label)
    if isinstance(error, p11e.TokenNotRecognised):
        return unreadable_card_error(label)
    if isinstance(error, p11e.PinExpired):
        return PinLocked("The PIN of {label} has expired and must be changed before it can be used.",
                         "Change it first (`imza pin change`, or Change PIN… in the window), then retry.", label=label)
    if isinstance(error, p11e.PinIncorrect):
        return PinError("The card {label} refused the PIN.",
                        "Check the PIN and try again; Imza did not retry it.", label=label)
    if isinstance(error, p11e.PinLocked):
        return PinLocked("The PIN of {label} is blocked.",
                         "Unblock it with your PUK (`imza pin unblock`, or the card issuer's tool).", label=label)
    if isinstance(error, (p11e.FunctionNotSupported, p11e.MechanismInvalid, p11e.MechanismParamInvalid,
                          p11e.KeyTypeInconsistent)):
        return TokenError("The card {label} does not support what Imza asked of it ({code}).",
                          "Use another certificate or card, or update the card's software.", label=label, code=name)
    if isinstance(error, p11e.FunctionCancelled):
        return TokenError("The operation was cancelled on the card reader.", "Try again.")
    if isinstance(error, p11e.TokenWriteProtected):
        return TokenError("The card {label} is write-protected.",
                          "This cannot be changed on this card.", label=label)
    return TokenError("The card {label} refused the operation ({code}).",
                      "Take the card out and insert it again, then retry.", label=label, code=name)


def unreadable_card_error(reader: str) -> TokenNotFound:
    """A card is in `reader`, but the module answering for it cannot read it (CKR_TOKEN_NOT_RECOGNIZED)."""
    return TokenNotFound("A card is in the reader {reader}, but no installed card software can read it.",
                         "Install the software for this card (for most ID cards OpenSC: `sudo apt install "
                         "opensc`; else the card issuer's package) and choose its PKCS#11 module in "
                         "Settings or with `imza config set pkcs11_module PATH`.", reader=reader)


@contextmanager
def token_errors(label: str) -> Iterator[None]:
    """Turn any PKCS#11 error raised inside into the TokenError `token_error` describes."""
    try:
        yield
    except p11e.PKCS11Error as e:
        raise token_error(e, label) from None
