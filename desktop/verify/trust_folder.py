"""What the trust folders hold, and adding to or removing from the user's one.

Both faces use this: `imza trust list|add|remove` and the Trust page of the settings. There are
two folders (see trust.py): the one bundled with Imza, which is only ever read, and the user's
(the `trust_dir` setting, else `<data dir>/trust`), where added files are copied. Every file is
listed with what it is and whether it is used, so a refused trusted list or a damaged
certificate shows with its reason instead of being silently ignored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import x509

from desktop.core.errors import ConfigError, OutputExistsError, TrustFolderError
from desktop.core.i18n import tr
from desktop.fsio import write_atomic
from desktop.resources import resource_path
from desktop.verify.trust import (
    CERT_SUFFIXES,
    TRUST_LIST_SUFFIXES,
    load_certificates,
    user_trust_dir,
)
from desktop.verify.trust_lists import (
    TL_SIGNERS_DIR,
    ListedService,
    TrustListStatus,
    load_trust_list,
)

ROOT, TRUSTED_LIST, TL_SIGNER = "root", "trusted list", "trusted-list signer"


@dataclass(frozen=True)
class TrustFolders:
    """The bundled trust folder (read only) and the user's (where files are added)."""

    bundled: Path
    user: Path

    @classmethod
    def from_setting(cls, trust_dir: str | Path | None) -> TrustFolders:
        """The bundled folder and the user's (the trust_dir setting, else <data dir>/trust)."""
        return cls(resource_path("trust"), user_trust_dir(trust_dir))

    @property
    def existing(self) -> tuple[Path, ...]:
        """The folders a TrustStore reads, in its order; the user's once, if it is the bundled one."""
        folders = [self.bundled] if self.bundled.is_dir() else []
        if self.user.is_dir() and not self._user_is_bundled():
            folders.append(self.user)
        return tuple(folders)

    def _user_is_bundled(self) -> bool:
        return self.user.is_dir() and self.bundled.is_dir() and self.user.resolve() == self.bundled.resolve()

    def check_writable(self) -> None:
        """Raise TrustFolderError when the user's folder is the bundled one, which Imza never changes."""
        if self._user_is_bundled():
            raise TrustFolderError("Your trust folder is the one bundled with Imza ({folder}), which Imza "
                                   "never changes.",
                                   "Set the trust folder (trust_dir) to a folder of your own.", folder=self.bundled)


@dataclass(frozen=True)
class TrustEntry:
    """One trusted thing: a root certificate, a trusted-list signer or a trusted list, from one file."""

    kind: str  # ROOT | TRUSTED_LIST | TL_SIGNER
    path: Path
    bundled: bool
    accepted: bool = True
    problem: str | None = None  # why it is not used
    subject: str | None = None  # certificates: the common name
    valid_until: datetime | None = None
    territory: str | None = None  # trusted lists
    operator: str | None = None
    next_update: str | None = None
    services: tuple[ListedService, ...] = ()

    @property
    def name(self) -> str:
        """The file's name in its trust folder, as `imza trust remove` takes it."""
        return f"{TL_SIGNERS_DIR}/{self.path.name}" if self.kind == TL_SIGNER else self.path.name

    @property
    def removable(self) -> bool:
        return not self.bundled

    @property
    def expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < datetime.now(UTC)


@dataclass(frozen=True)
class TrustOverview:
    """Everything the two trust folders hold, accepted or refused, for `imza trust list` and the Trust page."""

    folders: TrustFolders
    entries: tuple[TrustEntry, ...]

    def in_folder(self, folder: Path) -> list[TrustEntry]:
        """The entries read from `folder`."""
        return [e for e in self.entries if _folder_of(e) == folder]

    @property
    def refused(self) -> list[TrustEntry]:
        """The files that are not trusted (unreadable, or a trusted list that did not verify), with why."""
        return [e for e in self.entries if not e.accepted]


def _folder_of(entry: TrustEntry) -> Path:
    return entry.path.parent.parent if entry.kind == TL_SIGNER else entry.path.parent


def _common_name(cert: x509.Certificate) -> str:
    from desktop.verify.report import common_name

    return common_name(cert) or "?"


def _files(folder: Path, suffixes: set[str]) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir()) if p.suffix.lower() in suffixes and p.is_file()]


def _certificate_entries(path: Path, kind: str, bundled: bool) -> list[TrustEntry]:
    try:
        certs = load_certificates(path.read_bytes())
    except (ValueError, TypeError, OSError) as e:
        return [TrustEntry(kind, path, bundled, False, tr(
            "it is not a certificate ({detail}); verification stops with an error until it is removed or "
            "replaced", detail=e))]
    if not certs:
        return [TrustEntry(kind, path, bundled, False, tr("the file holds no certificate"))]
    return [TrustEntry(kind, path, bundled, subject=_common_name(c), valid_until=c.not_valid_after) for c in certs]


def _signer_certificates(folders: tuple[Path, ...]) -> list[x509.Certificate]:
    certs: list[x509.Certificate] = []
    for path in (p for f in folders for p in _files(f / TL_SIGNERS_DIR, CERT_SUFFIXES)):
        try:
            certs += load_certificates(path.read_bytes())
        except (ValueError, TypeError, OSError):
            continue  # listed as refused by _certificate_entries
    return certs


def _trust_list_entry(status: TrustListStatus, bundled: bool) -> TrustEntry:
    return TrustEntry(TRUSTED_LIST, status.path, bundled, status.accepted, status.problem,
                      territory=status.territory, operator=status.operator, next_update=status.next_update,
                      services=tuple(sorted(status.services, key=lambda s: (s.kind, s.name))))


def list_trust(folders: TrustFolders) -> TrustOverview:
    """Every file of the trust folders, in each folder roots, trusted-list signers, then trusted lists.

    Checks the signature of every trusted list, so it takes a moment: run it off the UI thread.
    """
    existing = folders.existing
    signers = _signer_certificates(existing)
    entries: list[TrustEntry] = []
    for folder in existing:
        bundled = folder == folders.bundled
        for path in _files(folder, CERT_SUFFIXES):
            entries += _certificate_entries(path, ROOT, bundled)
        for path in _files(folder / TL_SIGNERS_DIR, CERT_SUFFIXES):
            entries += _certificate_entries(path, TL_SIGNER, bundled)
        for path in _files(folder, TRUST_LIST_SUFFIXES):
            entries.append(_trust_list_entry(load_trust_list(path, signers), bundled))
    return TrustOverview(folders, tuple(entries))


@dataclass(frozen=True)
class CandidateRoot:
    """A certificate file about to be trusted: what a person compares with the centre's publication."""

    path: Path
    subject: str  # common name
    issuer: str
    sha256: str  # fingerprint of the DER encoding, hex
    valid_until: datetime
    self_signed: bool


def _read(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as e:
        raise ConfigError("{file} cannot be read ({detail}).",
                          "Check the file and try again.", file=file, detail=e.strerror or e) from e


def _certificates(file: Path, data: bytes) -> list:
    """The certificates in `data` (PEM or DER, read from `file`): at least one, else ConfigError."""
    try:
        certs = load_certificates(data)
    except (ValueError, TypeError) as e:
        raise ConfigError("{file} is not a certificate ({detail}).",
                          "Pass a PEM or DER certificate.", file=file, detail=e) from e
    if not certs:
        raise ConfigError("{file} holds no certificate.", "Pass a PEM or DER certificate.", file=file)
    return certs


def inspect_certificate(file: Path) -> CandidateRoot:
    """The first certificate in `file` (PEM or DER), described before it is added with add_to_trust."""
    file = Path(file)
    cert = _certificates(file, _read(file))[0]
    issuer = cert.issuer.native.get("common_name") or cert.issuer.human_friendly
    return CandidateRoot(file, _common_name(cert), issuer, hashlib.sha256(cert.dump()).hexdigest(),
                         cert.not_valid_after, cert.self_signed != "no")


def add_to_trust(file: Path, folders: TrustFolders, *, tl_signer: bool = False) -> TrustEntry:
    """Copy a root certificate or trusted list (or, with `tl_signer`, a trusted-list signer's
    certificate) into the user's trust folder. Returns what was added; an added trusted list whose
    signature does not verify is kept but comes back not `accepted`, with the reason."""
    file = Path(file)
    folders.check_writable()
    target_dir = folders.user / TL_SIGNERS_DIR if tl_signer else folders.user
    suffix = file.suffix.lower()
    is_list = suffix in TRUST_LIST_SUFFIXES and not tl_signer
    if not is_list and suffix not in CERT_SUFFIXES:
        if tl_signer:
            raise ConfigError("{file} is not a certificate file (.pem, .crt, .cer, .der).",
                              "A trusted-list signer is the certificate the list is signed with, in PEM or DER.", file=file)
        raise ConfigError("{file} is neither a certificate (.pem, .crt, .cer, .der) nor a trusted list (.xml).", "Pass a root certificate or an ETSI TS 119 612 trusted list.", file=file)
    data = _read(file)
    if not is_list:
        _certificates(file, data)
    target = target_dir / file.name
    already = TrustFolderError("{name} is already in the trust folder {folder}; remove it first.", name=target.name, folder=target_dir)
    if target.exists():
        raise already
    try:
        write_atomic(target, data, force=False)
    except OutputExistsError:
        raise already from None
    except OSError as e:
        raise ConfigError("{file} could not be copied to {folder} ({detail}).", "Check that the trust folder is writable.", file=file, folder=target_dir, detail=e.strerror or e) from e
    if is_list:
        return _trust_list_entry(load_trust_list(target, _signer_certificates(folders.existing)), False)
    return _certificate_entries(target, TL_SIGNER if tl_signer else ROOT, False)[0]


def remove_from_trust(name: str, folders: TrustFolders) -> Path:
    """Delete NAME (a file name, or tl-signers/NAME) from the user's trust folder; returns the path removed.

    Files of the bundled folder are never removed: asking for one says so."""
    folders.check_writable()
    user, signers = folders.user, folders.user / TL_SIGNERS_DIR
    allowed = (user.resolve(), signers.resolve())
    for candidate in (user / name, signers / name):
        if candidate.is_file() and candidate.resolve().parent in allowed:
            try:
                candidate.unlink()
            except OSError as e:
                raise ConfigError("{name} could not be removed from {folder} ({detail}).",
                                  "Check that the trust folder is writable.", name=name, folder=candidate.parent, detail=e.strerror or e) from e
            return candidate
    bundled = folders.bundled
    if any((d / name).is_file() for d in (bundled, bundled / TL_SIGNERS_DIR)):
        raise TrustFolderError(tr("{name} comes with Imza ({folder}) and cannot be removed.", name=name,
                                  folder=bundled),
                               tr("Only files in your trust folder {folder} can be removed.", folder=user))
    raise TrustFolderError("{name} is not in your trust folder {folder}; `imza trust list` shows what is there.", name=name, folder=user)
