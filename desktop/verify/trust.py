"""Trust anchors: the certificates a verification may chain up to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem, x509

from desktop.core.errors import ConfigError
from desktop.resources import resource_path

CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """All certificates in a PEM bundle or one DER certificate."""
    if pem.detect(data):
        return [x509.Certificate.load(der) for kind, _, der in pem.unarmor(data, multiple=True)
                if kind == "CERTIFICATE"]
    return [x509.Certificate.load(data)]


@dataclass
class TrustStore:
    """A folder of trusted root certificates (PEM or DER, one or many per file)."""

    directory: Path | None
    anchors: list[x509.Certificate] = field(default_factory=list)

    @classmethod
    def from_dir(cls, directory: Path) -> TrustStore:
        directory = Path(directory)
        if not directory.is_dir():
            raise ConfigError(f"The trust folder {directory} does not exist.",
                              "Pass an existing folder with --trust, or run `imza demo init` for the demo anchors.")
        anchors: list[x509.Certificate] = []
        for path in sorted(directory.iterdir()):
            if path.suffix.lower() not in CERT_SUFFIXES or not path.is_file():
                continue
            try:
                anchors.extend(load_certificates(path.read_bytes()))
            except (ValueError, TypeError) as e:
                raise ConfigError(f"{path} in the trust folder is not a certificate ({e}).",
                                  "Remove it or replace it with a PEM or DER certificate.") from e
        return cls(directory, anchors)

    @classmethod
    def bundled(cls) -> TrustStore:
        return cls.from_dir(resource_path("trust"))

    @classmethod
    def from_setting(cls, trust_dir: str | Path | None) -> TrustStore:
        return cls.from_dir(Path(trust_dir)) if trust_dir else cls.bundled()
