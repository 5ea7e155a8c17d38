"""Errors a user can meet. Each says what happened and what to do next.

An error carries English templates and their fields (`ImzaError(template, hint, **fields)`),
never a finished sentence: `message` and `hint` look the templates up in the user's language
(desktop.core.i18n) when they are shown. The CLI prints them as one line and exits with
`exit_code`; the window shows the same text in a dialog. Nothing here may ever contain a PIN.
"""

from __future__ import annotations

from desktop.core.i18n import tr


def _restore(cls: type, state: dict) -> ImzaError:
    error = cls.__new__(cls)
    Exception.__init__(error, state["template"])
    error.__dict__.update(state)
    return error


class ImzaError(Exception):
    """Base class: a problem the user can understand and act on.

    :param template: the English message with {named} fields, as written in
        resources/i18n/<lang>.json; never an f-string (it could not be looked up).
    :param hint: what to do next, a template filled from the same fields.
    :param fields: the values of the {named} fields (file names, labels, reasons...).
    """

    exit_code = 1

    def __init__(self, template: str, hint: str | None = None, **fields: object):
        super().__init__(template)
        self.template = template
        self.hint_template = hint
        self.fields = fields

    @property
    def message(self) -> str:
        """The message in the user's language, its fields filled in."""
        return tr(self.template, **self.fields)

    @property
    def hint(self) -> str | None:
        """What to do next, in the user's language, its fields filled in; None when the error has no hint."""
        return tr(self.hint_template, **self.fields) if self.hint_template else None

    def __str__(self) -> str:
        hint = self.hint
        return f"{self.message} {hint}" if hint else self.message

    def __reduce__(self):
        # Bulk workers send errors between processes: keep the hint and the fields (and the
        # attributes of subclasses), which Exception's pickling of `args` alone would drop.
        return _restore, (type(self), self.__dict__)


class InputError(ImzaError):
    """The input file cannot be used (missing, not a PDF, truncated, encrypted, ...)."""

    exit_code = 3


class OutputExistsError(ImzaError):
    """The output file exists and replacing it was not asked for (--force)."""

    exit_code = 4


class ConfigError(ImzaError):
    """The settings or a trust folder are wrong: fixed by the user, not by trying again."""

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

    def __init__(self, template: str, hint: str | None = None, retries_left: int | None = None, **fields: object):
        super().__init__(template, hint, **fields)
        self.retries_left = retries_left


class PinLocked(PinError):
    pass


class CertificateError(ImzaError):
    """The chosen certificate cannot be used for this operation."""

    exit_code = 7


class SigningError(ImzaError):
    """Making the signature failed (time-stamp, validation data, the signing library), not the input or the token."""

    exit_code = 8


class TimestampError(SigningError):
    pass


class RevocationInfoError(SigningError):
    pass


class DocumentLocked(SigningError):
    """The PDF's certification signature forbids further changes."""
