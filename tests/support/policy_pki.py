"""A small certomancer PKI of its own for the verification-policy tests (tests/support/policy_pki.yml).

Certificates the demo PKI does not have (an authentication certificate with a software key, a
key-encipherment-only certificate, an expired one) sign with pyhanko's SimpleSigner, and
time-stamps come from pyhanko's DummyTimeStamper at a chosen time: a time-stamp after the
signer's certificate expired cannot be had from a real TSA. Nothing here mocks pyhanko.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

from asn1crypto import cms, core, keys, x509
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig, KeyLabel, ServiceLabel
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator.registry import SimpleCertificateStore

from desktop.demo import pki as demo_pki
from desktop.demo.documents import letter_pdf
from desktop.signing import asice as signing_asice
from desktop.verify.trust import TrustStore

HERE = Path(__file__).parent
ARCH = ArchLabel("policy")
KEYS = ("root", "tsa", "signer", "auth", "keyenc", "expired")
DATA = b"The contract between the Ministry and the citizen, version 3.\n"


@dataclass
class PolicyPki:
    dir: Path
    config: CertomancerConfig
    now: datetime

    @property
    def arch(self):
        return self.config.get_pki_arch(ARCH)

    def cert(self, label: str) -> x509.Certificate:
        return self.arch.get_cert(CertLabel(label))

    def key(self, label: str) -> keys.PrivateKeyInfo:
        return self.arch.key_set.get_private_key(KeyLabel(label))

    @property
    def root(self) -> x509.Certificate:
        return self.cert("root")

    def trust(self) -> TrustStore:
        roots = self.dir / "trust"
        if not roots.exists():
            roots.mkdir()
            (roots / "policy-root.der").write_bytes(self.root.dump())
        return TrustStore.from_dir(roots)

    def crl(self, at: datetime | None = None):
        return self.arch.service_registry.get_crl(ServiceLabel("root"), at_time=at or self.now)

    def signer(self, label: str, cert: x509.Certificate | None = None, key=None) -> signers.SimpleSigner:
        registry = SimpleCertificateStore.from_certs([self.root])
        return signers.SimpleSigner(signing_cert=cert or self.cert(label), signing_key=key or self.key(label),
                                    cert_registry=registry)

    def timestamper(self, at: datetime | None = None) -> DummyTimeStamper:
        return DummyTimeStamper(tsa_cert=self.cert("tsa"), tsa_key=self.key("tsa"),
                                certs_to_embed=SimpleCertificateStore.from_certs([self.root]), fixed_dt=at)

    # --- documents ---------------------------------------------------------------------

    def sign_pdf(self, out: Path, signer: signers.Signer, *, timestamp_at: datetime | None = None,
                 with_timestamp: bool = False, lt: bool = False) -> Path:
        """PAdES B-B, B-T (a signature time-stamp, `timestamp_at` or now) or B-LT (`lt`: the root's
        CRL in a DSS added after signing, as a B-LT augmentation does; pyhanko's own B-LT signer
        refuses a certificate that is not for signing)."""
        stamper = self.timestamper(timestamp_at) if (with_timestamp or timestamp_at or lt) else None
        meta = signers.PdfSignatureMetadata(field_name="Signature1",
                                            subfilter=signers.pdf_signer.SigSeedSubFilter.PADES)
        writer = IncrementalPdfFileWriter(BytesIO(letter_pdf("Letter for the policy tests")))
        buf = BytesIO()
        signers.PdfSigner(meta, signer, timestamper=stamper).sign_pdf(writer, output=buf)
        if lt:
            contents = _last_signature_contents(buf)
            DocumentSecurityStore.add_dss(buf, contents, certs=[self.root, self.cert("tsa")], crls=[self.crl()])
        out.write_bytes(buf.getvalue())
        return out

    def sign_cms(self, out: Path, signer: signers.Signer, *, detached: bool = True,
                 timestamp_at: datetime | None = None, with_timestamp: bool = False,
                 crl: bool = False, archive: bool = False, data: bytes = DATA) -> Path:
        """CAdES over `data`: detached (.p7s, the data written beside it) or enveloping (.p7m).
        `crl`: the root's CRL in SignedData.crls (B-LT); `archive`: and an archive time-stamp v3
        (B-LTA, EN 319 122-1 5.5.3)."""
        stamper = self.timestamper(timestamp_at) if (with_timestamp or timestamp_at or archive) else None
        info = asyncio.run(signer.async_sign_general_data(data, "sha256", detached=detached, use_cades=True,
                                                          timestamper=stamper))
        sd = info["content"]
        if crl or archive:
            sd["crls"] = cms.RevocationInfoChoices([cms.RevocationInfoChoice(name="crl", value=self.crl())])
        if archive:
            _add_archive_timestamp(sd, self.timestamper())
        if detached:
            out.with_suffix("").write_bytes(data)
        out.write_bytes(info.dump(force=True))
        return out

    def sign_asice(self, out: Path, signer: signers.Signer, **cms_options) -> Path:
        """ASiC-E with one CAdES signature over its ASiCManifest (EN 319 162-1 4.4.3), as `imza sign` lays it out."""
        members = [("contract.txt", DATA)]
        manifest = signing_asice.asic_manifest(members)
        signature = self.sign_cms(self.dir / "manifest.p7s", signer, data=manifest, **cms_options).read_bytes()
        out.write_bytes(signing_asice.container(members, manifest, signature))
        return out


ARCHIVE_TIMESTAMP_V3 = "0.4.0.1733.2.4"
ATS_HASH_INDEX_V3 = "0.4.0.19122.1.5"


def _add_archive_timestamp(sd: cms.SignedData, stamper: DummyTimeStamper) -> None:
    """An archive-time-stamp-v3 attribute as EN 319 122-1 5.5.3 lays it out: a time-stamp token
    carrying an ats-hash-index-v3 unsigned attribute (hashes of the certificates, CRLs and
    unsigned attributes), its imprint over the content, those hashes and the signer info."""
    def h(value) -> bytes:
        return hashlib.sha256(value.dump()).digest()

    signer_info = sd["signer_infos"][0]
    def seq(parts: list[bytes]) -> bytes:
        body = b"".join(parts)
        return b"\x30" + _der_len(len(body)) + body

    unsigned = signer_info["unsigned_attrs"]
    index = core.Sequence.load(seq([
        keys.DigestAlgorithm({"algorithm": "sha256"}).dump(),
        seq([core.OctetString(h(c)).dump() for c in sd["certificates"]]),
        seq([core.OctetString(h(c)).dump() for c in sd["crls"]]),
        seq([core.OctetString(h(a)).dump() for a in (unsigned if unsigned.native is not None else [])]),
    ]))
    content = sd["encap_content_info"]
    imprint = hashlib.sha256(content["content_type"].dump() + bytes(content["content"]) + index.dump()
                             + signer_info["signature"].dump()).digest()
    token = asyncio.run(stamper.async_timestamp(imprint, "sha256"))
    tst_signer = token["content"]["signer_infos"][0]
    tst_signer["unsigned_attrs"] = cms.CMSAttributes([cms.CMSAttribute({
        "type": ATS_HASH_INDEX_V3, "values": [index]})])
    attrs = list(signer_info["unsigned_attrs"]) if signer_info["unsigned_attrs"].native is not None else []
    signer_info["unsigned_attrs"] = cms.CMSAttributes([*attrs, cms.CMSAttribute({
        "type": ARCHIVE_TIMESTAMP_V3, "values": [token]})])


def _last_signature_contents(buf: BytesIO) -> bytes:
    reader = PdfFileReader(buf)
    return reader.embedded_signatures[-1].pkcs7_content


def build(base: Path, now: datetime | None = None) -> PolicyPki:
    """Render the PKI under `base` with fresh keys."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    key_dir = base / "keys"
    key_dir.mkdir(parents=True, exist_ok=True)
    for name in KEYS:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        (key_dir / f"{name}.key.pem").write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    text = demo_pki.render((HERE / "policy_pki.yml").read_text(encoding="utf-8"), "http://127.0.0.1:9", now)
    (base / "pki.yml").write_text(text, encoding="utf-8")
    config = CertomancerConfig.from_file(str(base / "pki.yml"), key_search_dir=str(base))
    return PolicyPki(base, config, now)


def negative_modulus(pki: PolicyPki) -> tuple[x509.Certificate, keys.PrivateKeyInfo]:
    """A signing certificate whose RSA modulus is DER-encoded without its leading zero byte, i.e.
    as a negative INTEGER (X.690 8.3.3), as on some national ID cards; re-signed by the root so
    that only the encoding is wrong. Returns (certificate, the private key that matches it)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = key.public_key().public_numbers()
    modulus = numbers.n.to_bytes(256, "big")
    assert modulus[0] & 0x80  # a 2048-bit modulus always has its top bit set
    rsa_pub = (b"\x02\x82\x01\x00" + modulus) + bytes(core.Integer(numbers.e).dump())
    rsa_pub = b"\x30\x82" + len(rsa_pub).to_bytes(2, "big") + rsa_pub
    good = pki.cert("signer")
    tbs = good["tbs_certificate"].copy()
    algorithm = keys.PublicKeyAlgorithm({"algorithm": "rsa", "parameters": core.Null()})
    bits = b"\x00" + rsa_pub
    spki = b"\x30" + _der_len(len(algorithm.dump()) + len(_bit_string(bits))) + algorithm.dump() + _bit_string(bits)
    tbs["subject_public_key_info"] = keys.PublicKeyInfo.load(spki)
    tbs["serial_number"] = good.serial_number + 4242
    tbs_der = tbs.dump(force=True)
    root_key = serialization.load_der_private_key(pki.key("root").dump(), password=None)
    signature = root_key.sign(tbs_der, padding.PKCS1v15(), hashes.SHA256())
    cert_der = (tbs_der + good["signature_algorithm"].dump() + b"\x03" + _der_len(len(signature) + 1) + b"\x00"
                + signature)
    cert_der = b"\x30" + _der_len(len(cert_der)) + cert_der
    private = keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    return x509.Certificate.load(cert_der), private


def _bit_string(content: bytes) -> bytes:
    return b"\x03" + _der_len(len(content)) + content


def _der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def days(n: int) -> timedelta:
    return timedelta(days=n)
