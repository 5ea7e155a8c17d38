"""XAdES signatures in ASiC-E containers (DigiDoc style), signed with the real token, verified offline."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path

import pkcs11
import pytest

from desktop.core.model import Indication
from desktop.tokens.session import TokenSession, choose_certificate, choose_token, list_tokens
from desktop.verify.engine import exit_status, verify_file
from desktop.verify.trust import TrustStore
from tests.support.xades_samples import xades_container

FILES = {"application.txt": b"I apply for the e-service.\n", "scan 1.pdf": b"%PDF-1.4 scan\n"}


@pytest.fixture(scope="module")
def xades(demo, services, tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("xades")
    module = demo.state["pkcs11_module"]
    pkcs11.lib(module).reinitialize()
    tokens, _ = list_tokens(module)
    info = choose_token(tokens, "Citizen ID")
    cert = choose_certificate(info, None)
    anchors = TrustStore.from_dir(demo.trust_dir).anchors
    ca = [c.certificate for c in info.certificates if c.is_ca]
    with TokenSession(info) as session:
        session.login("12345")
        signer = session.signer(cert)
        (d / "b-b.asice").write_bytes(asyncio.run(xades_container(FILES, signer, cert.certificate, ca_certs=ca)))
        (d / "signer-only.asice").write_bytes(asyncio.run(xades_container(FILES, signer, cert.certificate)))
        (d / "b-lt.asice").write_bytes(asyncio.run(xades_container(
            FILES, signer, cert.certificate, tsa_url=services["tsa"], trust_roots=anchors, ca_certs=ca)))
    return d


def _rewrite(src: Path, dst: Path, name: str, edit) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            zout.writestr(item, edit(data) if item.filename == name else data)
    return dst


def test_b_lt_xades_passes_offline(xades, trust):
    report = verify_file(xades / "b-lt.asice", trust, offline=True)
    (sig,) = report.signatures
    assert sig.indication is Indication.TOTAL_PASSED, (sig.sub_indication, sig.message, sig.warnings)
    assert sig.signer == "Aysel Mammadova" and sig.level == "B-LT" and sig.trusted
    assert sorted(sig.covered_files) == ["application.txt", "scan 1.pdf"]
    assert sig.timestamp_authority and sig.claimed_signing_time
    (ts,) = sig.timestamps  # the signature time-stamp over the SignatureValue, with its own verdict
    assert (ts.indication, ts.authority, ts.time) == (Indication.TOTAL_PASSED, sig.timestamp_authority,
                                                      sig.timestamp_time), ts.message
    assert {r.origin for r in sig.revocation} == {"embedded (XAdES)"}
    assert exit_status([report]) == 0


def test_b_b_xades_offline_is_indeterminate_and_untrusted_has_no_chain(xades, trust, empty_trust):
    (sig,) = verify_file(xades / "b-b.asice", trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "TRY_LATER")
    assert sig.intact and sig.cryptographically_valid and sig.level == "B-B"
    (sig,) = verify_file(xades / "b-lt.asice", empty_trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND")
    # Only the signer's certificate and no way to fetch the issuing CA's offline: no chain either.
    (sig,) = verify_file(xades / "signer-only.asice", trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND")


def test_changed_file_fails_with_hash_failure(xades, trust, tmp_path):
    bad = _rewrite(xades / "b-lt.asice", tmp_path / "bad.asice", "scan 1.pdf", lambda d: d + b"more")
    (sig,) = verify_file(bad, trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (Indication.TOTAL_FAILED, "HASH_FAILURE")


def test_forged_signature_value_fails(xades, trust, tmp_path):
    def forge(xml: bytes) -> bytes:
        start = xml.index(b'Id="S0-SIG">') + len(b'Id="S0-SIG">')
        value = bytearray(xml[start:start + 40])
        value[10] = ord("A") if value[10] != ord("A") else ord("B")
        return xml[:start] + bytes(value) + xml[start + 40:]

    bad = _rewrite(xades / "b-b.asice", tmp_path / "forged.asice", "META-INF/signatures0.xml", forge)
    (sig,) = verify_file(bad, trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (Indication.TOTAL_FAILED, "SIG_CRYPTO_FAILURE")


def test_changed_signed_properties_fail(xades, trust, tmp_path):
    bad = _rewrite(xades / "b-b.asice", tmp_path / "props.asice", "META-INF/signatures0.xml",
                   lambda xml: xml.replace(b"<xades:SigningTime>20", b"<xades:SigningTime>19"))
    (sig,) = verify_file(bad, trust, offline=True).signatures
    assert sig.indication is Indication.TOTAL_FAILED and sig.sub_indication == "HASH_FAILURE"


def test_missing_file_is_signed_data_not_found(xades, trust, tmp_path):
    src, dst = xades / "b-lt.asice", tmp_path / "missing.asice"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            if item.filename != "application.txt":
                zout.writestr(item, zin.read(item))
    (sig,) = verify_file(dst, trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "SIGNED_DATA_NOT_FOUND")


def test_at_a_past_time_is_validated_then(xades, trust):
    """`imza verify --at`: before the certificates existed, the XAdES signature cannot pass."""
    from datetime import UTC, datetime

    report = verify_file(xades / "b-lt.asice", trust, offline=True, at=datetime(2020, 1, 1, tzinfo=UTC))
    (sig,) = report.signatures
    assert sig.indication is not Indication.TOTAL_PASSED, sig.message


def test_unknown_xades141_validation_data_is_not_a_schema_error(xades, trust, tmp_path):
    """EN 319 132-1 lets UnsignedSignatureProperties carry further (e.g. xades141) validation data
    such as AnyValidationData; the signature does not cover it, so a schema that does not declare
    it must not make a genuine signature malformed (it did: TOTAL-FAILED / FORMAT_FAILURE)."""
    extra = (b'<xades141:AnyValidationData xmlns:xades141="http://uri.etsi.org/01903/v1.4.1#">'
             b'<xades141:Note>added by another validator</xades141:Note></xades141:AnyValidationData>')
    edited = _rewrite(xades / "b-lt.asice", tmp_path / "any-validation-data.asice", "META-INF/signatures0.xml",
                      lambda xml: xml.replace(b"</xades:UnsignedSignatureProperties>",
                                              extra + b"</xades:UnsignedSignatureProperties>"))
    (sig,) = verify_file(edited, trust, offline=True).signatures
    assert sig.indication is Indication.TOTAL_PASSED, (sig.sub_indication, sig.message, sig.warnings)
