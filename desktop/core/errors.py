"""Errors a user can meet. Each says what happened and what to do next.

The CLI prints `str(error)` as one line (plus the hint) and exits with `exit_code`;
the GUI shows the same text in a dialog. Nothing here may ever contain a PIN.
"""

from __future__ import annotations


class ImzaError(Exception):
    """Base class: a problem the user can understand and act on."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class InputError(ImzaError):
    """The input file cannot be used (missing, not a PDF, truncated, encrypted, ...)."""

    exit_code = 3


class OutputExistsError(ImzaError):
    exit_code = 4


class ConfigError(ImzaError):
    exit_code = 5


class TrustFolderError(ConfigError):
    """A trust folder change that cannot be made: the file is already there, not there, or bundled."""

    exit_code = 2


class TokenError(ImzaError):
    """Anything about the PKCS#11 module, the reader or the card."""

    exit_code = 6


class ModuleNotFound(TokenError):
    pass


class TokenGone(TokenError):
    """The card was pulled out, reset or stopped answering mid-operation: insert it and go on."""


class TokenNotFound(TokenError):
    pass


class PinError(TokenError):
    """Wrong PIN, PIN locked, or PIN entry cancelled."""

    def __init__(self, message: str, hint: str | None = None, retries_left: int | None = None):
        super().__init__(message, hint)
        self.retries_left = retries_left


class PinLocked(PinError):
    pass


class CertificateError(ImzaError):
    """The chosen certificate cannot be used for this operation."""

    exit_code = 7


class SigningError(ImzaError):
    exit_code = 8


class TimestampError(SigningError):
    pass


class RevocationInfoError(SigningError):
    pass


class DocumentLocked(SigningError):
    """The PDF's certification signature forbids further changes."""
