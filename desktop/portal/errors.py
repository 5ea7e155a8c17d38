"""Problems with the portal a user can meet, each saying what happened and what to do."""

from __future__ import annotations

from desktop.core.errors import ConfigError, ImzaError

# Exit status for "kept in the outbox, not delivered yet" (sysexits' EX_TEMPFAIL).
EXIT_QUEUED = 75
# Exit status of `imza submit` / `imza outbox retry` when the portal took the submission but its
# receipt does not verify (wrong signer, another submission, other files).
EXIT_RECEIPT_UNVERIFIED = 13


class PortalError(ImzaError):
    """The portal answered no (a problem it reported), or answered something unexpected."""

    exit_code = 9

    def __init__(self, template: str, hint: str | None = None, *, status: int | None = None,
                 problem: dict | None = None, **fields: object):
        super().__init__(template, hint, **fields)
        self.status = status
        self.problem = problem or {}


class PortalUnavailable(PortalError):
    """Worth trying again later: no network, a timeout, 5xx, 429, or the key still in progress."""

    exit_code = EXIT_QUEUED

    def __init__(self, template: str, hint: str | None = None, *, status: int | None = None,
                 problem: dict | None = None, retry_after: float | None = None, **fields: object):
        super().__init__(template, hint, status=status, problem=problem, **fields)
        self.retry_after = retry_after


class PortalIdentityError(PortalError):
    """The portal's TLS certificate does not chain to the configured CAs (or names another host).

    Not an outage: trying again changes nothing and nothing was sent, so it is never retried
    by itself and never hidden behind a saved catalogue.
    """

    exit_code = 14


class ResponseTooLarge(PortalError):
    """The portal's answer was larger than the client reads."""


class LoginRequired(PortalError):
    """No refresh token, or the portal no longer accepts it."""

    exit_code = 10


class DocumentRefused(ImzaError):
    """The document may not be sent: its signatures do not verify or are below the required level."""

    exit_code = 11


class PortalConfigError(ConfigError):
    pass


class NoSecureStore(ConfigError):
    """No OS secret store (keyring backend) to keep the login in."""


class OutboxError(ImzaError):
    """An outbox entry that does not exist or cannot be changed now."""

    exit_code = 12
