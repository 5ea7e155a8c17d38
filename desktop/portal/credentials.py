"""The portal login kept between runs: the refresh token, in the OS secret store only.

keyring picks a backend by itself; on a headless Linux box it finds none, and with keyrings.alt
installed it may pick a plain-text file. Imza uses a backend only if it is a recommended one
(priority >= 1: Secret Service, KWallet, macOS Keychain, Windows Credential Locker) or one the
user or a test named explicitly (PYTHON_KEYRING_BACKEND, keyringrc.cfg, or passed in). Anything
else is a clear error; the login is never written to a plain file behind the user's back.
Access tokens are never stored at all.

Without a secure store a login can still be kept in this process's memory only (`Keeping`):
the window offers one that lasts while it is open, and `imza submit --login` one for that
command alone.
"""

from __future__ import annotations

import enum
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import keyring
import keyring.backend
import keyring.core
import keyring.errors
from keyring.backends.chainer import ChainerBackend

from desktop.portal.errors import NoSecureStore
from desktop.portal.model import Subject

SERVICE_NAME = "imza-portal"
_NO_STORE_HINT = ("Unlock or install your desktop's password store (GNOME Keyring, KWallet, macOS Keychain, "
                  "Windows Credential Manager), or name a keyring backend in PYTHON_KEYRING_BACKEND. "
                  "Imza never keeps the login in a plain file. Without one, `imza submit --login` logs in with "
                  "the card for that submission only, and the window keeps a login while it is open.")


@dataclass
class StoredLogin:
    """The login kept in the system password store: the refresh token, who logged in, and when (ISO 8601)."""

    refresh_token: str
    subject: Subject
    saved_at: str


def secure_backend() -> keyring.backend.KeyringBackend:
    """The keyring backend to keep secrets in, or NoSecureStore."""
    try:
        chosen = keyring.core.load_env() or keyring.core.load_config()
    except Exception as e:  # noqa: BLE001 - a misnamed backend must say so, whatever keyring raises
        raise NoSecureStore("The keyring backend that is configured cannot be loaded ({error}).", _NO_STORE_HINT, error=e) from None
    if chosen is not None and not _is_null(chosen):
        return chosen
    active = keyring.get_keyring()
    candidates = active.backends if isinstance(active, ChainerBackend) else [active]
    secure = [b for b in candidates if keyring.core.recommended(b) and not _is_null(b)]
    if not secure:
        raise NoSecureStore("No secure password store is available to keep your portal login.", _NO_STORE_HINT)
    return secure[0]


class Keeping(enum.Enum):
    """Where a login is kept."""

    STORE = "store"  # the OS secret store; none is an error (NoSecureStore)
    STORE_OR_MEMORY = "store-or-memory"  # the secret store, else this process's memory (the window)
    MEMORY = "memory"  # this process's memory only (one command)


class _MemoryStore:
    """A login kept by this process only: gone when it ends. Duck-types the keyring calls used here."""

    def __init__(self):
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


def _is_null(backend) -> bool:
    return type(backend).__module__ in ("keyring.backends.fail", "keyring.backends.null")


class CredentialStore:
    """The login to one portal (by origin) in the secret store."""

    def __init__(self, portal_origin: str, backend: keyring.backend.KeyringBackend | None = None, *,
                 keeping: Keeping = Keeping.STORE):
        self.portal = portal_origin
        self._explicit = backend if backend is not None else (_MemoryStore() if keeping is Keeping.MEMORY else None)
        self.keeping = keeping

    def _backend(self) -> keyring.backend.KeyringBackend:
        if self._explicit is not None:
            return self._explicit
        try:
            return secure_backend()
        except NoSecureStore:
            if self.keeping is not Keeping.STORE_OR_MEMORY:
                raise
            self._explicit = _MemoryStore()  # from now on, for as long as this object lives
            return self._explicit

    @property
    def persistent(self) -> bool:
        """Whether a login saved now outlives this process (False: memory only)."""
        try:
            return not isinstance(self._backend(), _MemoryStore)
        except NoSecureStore:
            return True  # nothing can be saved at all; save() says so

    def check_available(self) -> None:
        """Raise NoSecureStore now if there is nowhere safe to keep a login."""
        self._backend()

    def load(self) -> StoredLogin | None:
        """The stored login, or None; NoSecureStore when the password store cannot be read."""
        try:
            raw = self._backend().get_password(SERVICE_NAME, self.portal)
        except keyring.errors.KeyringError as e:
            raise NoSecureStore("The password store could not be read ({error}).", _NO_STORE_HINT, error=e) from None
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return StoredLogin(data["refresh_token"], Subject.from_json(data.get("subject") or {}),
                               data.get("saved_at", ""))
        except (ValueError, KeyError, TypeError):
            return None  # not ours or damaged: as good as logged out

    def save(self, refresh_token: str, subject: Subject) -> StoredLogin:
        """Keep the refresh token and subject in the password store (never in a file); NoSecureStore if it cannot."""
        login = StoredLogin(refresh_token, subject, datetime.now(UTC).isoformat(timespec="seconds"))
        value = json.dumps({"refresh_token": login.refresh_token, "subject": asdict(subject),
                            "saved_at": login.saved_at})
        try:
            self._backend().set_password(SERVICE_NAME, self.portal, value)
        except keyring.errors.KeyringError as e:
            raise NoSecureStore("The login could not be saved in the password store ({error}).", _NO_STORE_HINT, error=e) from None
        return login

    def delete(self) -> bool:
        """Forget the login. True if there was one."""
        backend = self._backend()
        try:
            if backend.get_password(SERVICE_NAME, self.portal) is None:
                return False
            backend.delete_password(SERVICE_NAME, self.portal)
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as e:
            raise NoSecureStore("The password store could not be changed ({error}).", _NO_STORE_HINT, error=e) from None
        return True
