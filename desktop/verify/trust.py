"""The trust store: the certificates and trusted lists a verification may chain up to.

A trust folder holds trusted root certificates (PEM or DER, one or many per file), trusted lists
(`*.xml`, ETSI TS 119 612, see trust_lists.py) and, in `tl-signers/`, the certificates that
trusted lists must be signed with. The store used by default is the folder bundled with Imza
(resources/trust) plus the user's trust folder (the `trust_dir` setting, else `<data dir>/trust`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem, x509
from pyhanko_certvalidator.authority import TrustAnchor

from desktop.core.errors import ConfigError
from desktop.core.i18n import tr
from desktop.resources import resource_path
from desktop.verify.trust_lists import TL_SIGNERS_DIR, TrustListStatus, load_trust_list

CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
TRUST_LIST_SUFFIXES = {".xml"}


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """All certificates in a PEM bundle or one DER certificate."""
    if pem.detect(data):
        return [x509.Certificate.load(der) for kind, _, der in pem.unarmor(data, multiple=True)
                if kind == "CERTIFICATE"]
    return [x509.Certificate.load(data)]


def _certificates_in(directory: Path) -> list[x509.Certificate]:
    certs: list[x509.Certificate] = []
    for path in sorted(directory.iterdir()) if directory.is_dir() else []:
        if path.suffix.lower() not in CERT_SUFFIXES or not path.is_file():
            continue
        try:
            certs.extend(load_certificates(path.read_bytes()))
        except (ValueError, TypeError) as e:
            raise ConfigError("{path} in the trust folder is not a certificate ({error}).",
                              "Remove it or replace it with a PEM or DER certificate.", path=path, error=e) from e
    return certs


def nothing_trusted_text() -> str:
    """Said by `imza verify`, in a verdict and on the window's first screen when nothing is trusted."""
    return tr("Imza does not yet trust any certification centre.")


def trust_add_hint() -> str:
    """What to do when nothing is trusted: add the certification centre's root, from the CLI or the window."""
    return tr("Add your certification centre's root certificate (`imza trust add FILE`, or in the window: "
              "Settings → Trust) to confirm signatures.")


def user_trust_dir(setting: str | Path | None) -> Path:
    """The folder `imza trust add` writes to: the `trust_dir` setting, else `<data dir>/trust`."""
    if setting:
        return Path(setting)
    from desktop.config import data_dir

    return data_dir() / "trust"


@dataclass
class TrustStore:
    """Trusted root certificates (`anchors`) and the services of accepted trusted lists."""

    directory: Path | None
    anchors: list[x509.Certificate] = field(default_factory=list)
    trust_lists: list[TrustListStatus] = field(default_factory=list)
    directories: tuple[Path, ...] = ()
    # pyhanko's trust manager, built once for these anchors (every signature asks for it).
    _manager: tuple | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_dir(cls, directory: Path) -> TrustStore:
        """The anchors and trusted lists in one folder; ConfigError when it does not exist."""
        directory = Path(directory)
        if not directory.is_dir():
            raise ConfigError("The trust folder {directory} does not exist.",
                              "Choose a trust folder that exists, or create this one.", directory=directory)
        return cls.from_dirs([directory])

    @classmethod
    def from_dirs(cls, directories: list[Path]) -> TrustStore:
        """One store from several folders (missing ones are skipped); the last one is `directory`."""
        directories = [Path(d) for d in directories if Path(d).is_dir()]
        anchors: list[x509.Certificate] = []
        signers: list[x509.Certificate] = []
        for d in directories:
            anchors += _certificates_in(d)
            signers += _certificates_in(d / TL_SIGNERS_DIR)
        lists = [load_trust_list(path, signers) for d in directories for path in sorted(d.iterdir())
                 if path.suffix.lower() in TRUST_LIST_SUFFIXES and path.is_file()]
        return cls(directories[-1] if directories else None, anchors, lists, tuple(directories))

    @classmethod
    def bundled(cls) -> TrustStore:
        """The anchors shipped with Imza (resources/trust), without the user's folder."""
        return cls.from_dir(resource_path("trust"))

    @classmethod
    def from_setting(cls, trust_dir: str | Path | None) -> TrustStore:
        """The bundled trust folder plus the user's (`trust_dir` must exist when it is set)."""
        if trust_dir and not Path(trust_dir).is_dir():
            return cls.from_dir(Path(trust_dir))  # says that it does not exist
        return cls.from_dirs([resource_path("trust"), user_trust_dir(trust_dir)])

    @property
    def listed(self) -> list[TrustAnchor]:
        """Services of the accepted trusted lists, as trust anchors with their service type."""
        return [a for tl in self.trust_lists if tl.accepted for a in tl.anchors]

    @property
    def anchor_certificates(self) -> list[x509.Certificate]:
        """Every certificate a validation path may end at: roots and listed services."""
        return self.anchors + [a.authority.certificate for a in self.listed]

    @property
    def nothing_trusted(self) -> bool:
        """No root and no trusted-list service: no signature can be confirmed (a fresh install)."""
        return not self.anchor_certificates

    @property
    def problems(self) -> list[str]:
        """One line per trusted list that was refused, saying why."""
        return [f"Trusted list {tl.name} was not used: {tl.problem}." for tl in self.trust_lists if not tl.accepted]

    def trust_manager(self):
        """pyhanko's trust manager over the anchors and the listed CAs; rebuilt only when those lists change."""
        from pyhanko_certvalidator.registry import SimpleTrustManager

        roots = [*self.anchors, *self.listed]
        key = tuple(map(id, roots))  # the lists may be changed after the store is made
        if self._manager is None or self._manager[0] != key:
            self._manager = (key, SimpleTrustManager.build(trust_roots=roots), roots)
        return self._manager[1]
