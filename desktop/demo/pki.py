"""Build the demo PKI from resources/demo/pki.yml with certomancer."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from desktop.resources import resource_path

ARCH = ArchLabel("imza-demo")
# Keys that live in files (the CA side). End-entity keys are generated on the tokens.
# portal-tls / portal-receipt: the reference portal's HTTPS and receipt-signing keys.
FILE_KEYS = ("root", "issuing", "tsa", "ocsp", "portal-tls", "portal-receipt", "tl-signer")


def template() -> str:
    return resource_path("demo", "pki.yml").read_text(encoding="utf-8")


def render(text: str, url_prefix: str, now: datetime | None = None) -> str:
    """Fill @URL@ and @NOW±<n>d@ placeholders."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)

    def date(m: re.Match) -> str:
        sign = 1 if m.group(1) == "+" else -1
        when = now + sign * timedelta(days=int(m.group(2)))
        return when.strftime("%Y-%m-%dT%H:%M:%S+0000")

    text = re.sub(r"@NOW([+-])(\d+)d@", date, text)
    return text.replace("@URL@", url_prefix.rstrip("/"))


def generate_file_keys(key_dir: Path) -> None:
    key_dir.mkdir(parents=True, exist_ok=True)
    for name in FILE_KEYS:
        path = key_dir / f"{name}.key.pem"
        if path.exists():
            continue
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
        path.chmod(0o600)


def load(demo_dir: Path) -> CertomancerConfig:
    """The demo PKI as certomancer sees it (rendered config + keys in demo_dir)."""
    return CertomancerConfig.from_file(str(demo_dir / "pki.yml"), key_search_dir=str(demo_dir))


def cert(config: CertomancerConfig, label: str):
    return config.get_pki_arch(ARCH).get_cert(CertLabel(label))


def service_urls(url_prefix: str) -> dict[str, str]:
    base = f"{url_prefix.rstrip('/')}/{ARCH}"
    return {
        "tsa": f"{base}/tsa/tsa",
        "ocsp": f"{base}/ocsp/issuing",
        "crl (issuing CA)": f"{base}/crls/issuing/latest.crl",
        "crl (root CA)": f"{base}/crls/root/latest.crl",
    }
