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
from desktop.core.i18n import tr

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
        return TokenGone(tr("The card {label} was removed or reset while Imza was using it.", label=label),
                         tr("Insert it again and retry; documents already signed are kept."))
    if isinstance(error, p11e.DeviceError):
        return TokenGone(tr("The card reader or the card {label} reported a device error.", label=label),
                         tr("Take the card out, insert it again and retry; if it happens again, "
                            "try another reader or USB port."))
    if isinstance(error, p11e.UserNotLoggedIn):
        return TokenGone(tr("The card {label} is no longer logged in (it was reset, or another program "
                            "used it).", label=label),
                         tr("Log in again with the PIN and retry."))
    if isinstance(error, p11e.TokenNotRecognised):
        return unreadable_card_error(label)
    if isinstance(error, p11e.PinExpired):
        return PinLocked(tr("The PIN of {label} has expired and must be changed before it can be used.",
                            label=label),
                         tr("Change it first (`imza pin change`, or Change PIN… in the window), then retry."))
    if isinstance(error, p11e.PinIncorrect):
        return PinError(tr("The card {label} refused the PIN.", label=label),
                        tr("Check the PIN and try again; Imza did not retry it."))
    if isinstance(error, p11e.PinLocked):
        return PinLocked(tr("The PIN of {label} is blocked.", label=label),
                         tr("Unblock it with your PUK (`imza pin unblock`, or the card issuer's tool)."))
    if isinstance(error, (p11e.FunctionNotSupported, p11e.MechanismInvalid, p11e.MechanismParamInvalid,
                          p11e.KeyTypeInconsistent)):
        return TokenError(tr("The card {label} does not support what Imza asked of it ({code}).",
                             label=label, code=name),
                          tr("Use another certificate or card, or update the card's software."))
    if isinstance(error, p11e.FunctionCancelled):
        return TokenError(tr("The operation was cancelled on the card reader."), tr("Try again."))
    if isinstance(error, p11e.TokenWriteProtected):
        return TokenError(tr("The card {label} is write-protected.", label=label),
                          tr("This cannot be changed on this card."))
    return TokenError(tr("The card {label} refused the operation ({code}).", label=label, code=name),
                      tr("Take the card out and insert it again, then retry."))


def unreadable_card_error(reader: str) -> TokenNotFound:
    """A card is in `reader`, but the module answering for it cannot read it (CKR_TOKEN_NOT_RECOGNIZED)."""
    return TokenNotFound(tr("A card is in the reader {reader}, but no installed card software can read it.",
                            reader=reader),
                         tr("Install the software for this card (for most ID cards OpenSC: `sudo apt install "
                            "opensc`; else the card issuer's package) and choose its PKCS#11 module in "
                            "Settings or with `imza config set pkcs11_module PATH`."))


@contextmanager
def token_errors(label: str) -> Iterator[None]:
    """Turn any PKCS#11 error raised inside into the TokenError `token_error` describes."""
    try:
        yield
    except p11e.PKCS11Error as e:
        raise token_error(e, label) from None
