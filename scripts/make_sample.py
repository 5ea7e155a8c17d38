"""Make resources/samples/: the signed letter `imza --self-test` verifies, and its trust anchor.

    python scripts/make_sample.py        # run once; the outputs are committed, the keys thrown away

A throw-away certomancer PKI (a root CA valid for a century, a signer and a time-stamping
authority under it), a one-page letter signed PAdES B-LT: signature time-stamp plus the root's
CRL in the document's DSS. The CRL's next update is a century away too, so the letter verifies
TOTAL-PASSED offline, at "now", for as long as anyone runs this version — no clock tricks and no
network. The keys live in a temporary folder and are deleted: nobody can sign with this PKI again.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig, KeyLabel
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "resources" / "samples"
ARCH = "imza-sample"
NOT_BEFORE = "2026-01-01T00:00:00+0000"
NOT_AFTER = "2126-01-01T00:00:00+0000"
KEYS = ("root", "signer", "tsa")


def config() -> dict:
    def cert(issuer: str | None, key_usage: list[str], extra: list | None = None) -> dict:
        c = {"issuer": issuer or "root", "validity": {"valid-from": NOT_BEFORE, "valid-to": NOT_AFTER},
             "extensions": [{"id": "key_usage", "critical": True,
                             "smart-value": {"schema": "key-usage", "params": key_usage}}, *(extra or [])]}
        if issuer is None:
            c.update(subject="root", **{"authority-key": "root"})
            c["extensions"].insert(0, {"id": "basic_constraints", "critical": True, "value": {"ca": True}})
        return c

    # Validation looks for revocation data through the distribution point; nothing is served there.
    crl_dp = {"id": "crl_distribution_points",
              "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": ["root"]}}}
    return {
        "external-url-prefix": "http://sample.imza.invalid",
        "keysets": {ARCH: {"path-prefix": "keys", "keys": {k: {"path": f"{k}.key.pem"} for k in KEYS}}},
        "pki-architectures": {ARCH: {
            "keyset": ARCH,
            "entity-defaults": {"country-name": "AZ", "organization-name": "Imza Self-Test Sample (not a real PKI)"},
            "entities": {"root": {"common-name": "Imza Self-Test Sample Root"},
                         "signer": {"common-name": "Imza Self-Test Signer"},
                         "tsa": {"common-name": "Imza Self-Test Time-Stamping Authority"}},
            "certs": {
                "root": cert(None, ["digital_signature", "key_cert_sign", "crl_sign"]),
                "signer": cert("root", ["digital_signature", "non_repudiation"], [crl_dp]),
                "tsa": cert("root", ["digital_signature"], [
                    crl_dp, {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]}]),
            },
            "services": {"crl-repo": {"root": {"for-issuer": "root", "signing-key": "root",
                                               "simulated-update-schedule": "P36500D"}}},
        }},
    }


def letter() -> bytes:
    from desktop.demo.documents import letter_pdf

    return letter_pdf("Imza self-test", ["This letter was signed once, with a throw-away test PKI,",
                                         "so that every Imza build can check it verifies it."])


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="imza-sample-") as tmp:
        keys = Path(tmp) / "keys"
        keys.mkdir()
        for name in KEYS:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            (keys / f"{name}.key.pem").write_bytes(key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        arch = CertomancerConfig(config(), key_search_dir=tmp).get_pki_arch(ArchLabel(ARCH))
        root, signer_cert, tsa_cert = (arch.get_cert(CertLabel(n)) for n in KEYS)
        now = datetime.now(UTC).replace(microsecond=0)
        crl = arch.service_registry.get_crl(repo_label="root", at_time=now - timedelta(minutes=5))

        signer = signers.SimpleSigner(signing_cert=signer_cert, signing_key=arch.key_set.get_private_key(KeyLabel("signer")),
                                      cert_registry=SimpleCertificateStore.from_certs([root]))
        stamper = DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=arch.key_set.get_private_key(KeyLabel("tsa")),
                                   certs_to_embed=[root])
        vc = ValidationContext(trust_roots=[root], crls=[crl], allow_fetching=False)
        meta = signers.PdfSignatureMetadata(field_name="Signature1", subfilter=SigSeedSubFilter.PADES,
                                            embed_validation_info=True, validation_context=vc,
                                            reason="Imza self-test sample", location="Baku")
        out = BytesIO()
        signers.PdfSigner(meta, signer=signer, timestamper=stamper).sign_pdf(
            IncrementalPdfFileWriter(BytesIO(letter())), output=out)

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "letter-B-LT.pdf").write_bytes(out.getvalue())
    (OUT / "anchor.pem").write_text(_pem(root.dump()))
    print(f"wrote {OUT / 'letter-B-LT.pdf'} and {OUT / 'anchor.pem'} (signed {now:%Y-%m-%d %H:%M} UTC)")


def _pem(der: bytes) -> str:
    from asn1crypto import pem

    return pem.armor("CERTIFICATE", der).decode()


if __name__ == "__main__":
    main()
