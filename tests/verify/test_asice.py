"""ASiC-E containers: signed with the real token (CAdES over the manifest), verified offline, tampered."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pkcs11
import pytest

from desktop.core.errors import InputError, SigningError
from desktop.core.model import Indication, SignatureFormat, SignatureLevel
from desktop.signing import asice as signing_asice
from desktop.signing.inputs import plan
from desktop.signing.session import SigningSession
from desktop.tokens.session import TokenSession, choose_certificate, choose_token, list_tokens
from desktop.verify.engine import exit_status, sniff, verify_file
from desktop.verify.trust import TrustStore
from tests.support import tst_swap


@pytest.fixture(scope="module")
def containers(demo, services, tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("asice")
    (d / "letter.pdf").write_bytes(b"%PDF-1.4 not really, but any bytes can be signed\n")
    (d / "budget 2026.csv").write_text("item;amount\nroads;100\n", encoding="utf-8")
    (d / "single.txt").write_text("one file\n")
    module = demo.state["pkcs11_module"]
    pkcs11.lib(module).reinitialize()
    tokens, _ = list_tokens(module)
    info = choose_token(tokens, "Citizen ID")
    with TokenSession(info) as session:
        session.login("12345")
        signing = SigningSession(session, choose_certificate(info, None), tsa_url=services["tsa"],
                                 trust=TrustStore.from_dir(demo.trust_dir))
        requests = plan([d / "letter.pdf", d / "budget 2026.csv"], fmt=SignatureFormat.ASICE,
                        level=SignatureLevel.B_LT, output=d / "bundle.asice")
        requests += plan([d / "single.txt"], fmt=SignatureFormat.ASICE, level=SignatureLevel.B_T)
        for result in signing.sign_all(requests):
            assert result.error is None, result.error
    return d


def rewrite(src: Path, dst: Path, *, replace: dict[str, bytes] | None = None, drop: tuple[str, ...] = (),
            add: dict[str, bytes] | None = None) -> Path:
    """A copy of a container with some entries replaced, dropped or added (order kept)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = (replace or {}).get(info.filename, zin.read(info))
            zout.writestr(info, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def test_container_layout_follows_en_319_162(containers):
    path = containers / "bundle.asice"
    raw = path.read_bytes()
    assert raw[30:38] == b"mimetype" and raw[38:38 + 31] == b"application/vnd.etsi.asic-e+zip"
    with zipfile.ZipFile(path) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED and not first.extra
        names = z.namelist()
        assert {"letter.pdf", "budget 2026.csv", "META-INF/ASiCManifest.xml", "META-INF/signature001.p7s",
                "META-INF/manifest.xml"} <= set(names)
        manifest = z.read("META-INF/ASiCManifest.xml").decode()
    assert 'URI="budget%202026.csv"' in manifest and 'SigReference URI="META-INF/signature001.p7s"' in manifest
    assert sniff(raw) == "asice"
    assert (containers / "single.asice").is_file()  # default name: NAME.asice beside the file


def test_b_lt_container_passes_offline_and_names_the_files(containers, trust):
    report = verify_file(containers / "bundle.asice", trust, offline=True)
    assert report.kind == "asice" and report.error is None
    (sig,) = report.signatures
    assert sig.indication is Indication.TOTAL_PASSED, (sig.sub_indication, sig.message, sig.warnings)
    assert sig.signer == "Aysel Mammadova" and sig.level == "B-LT"
    assert sig.coverage == "container-files" and sorted(sig.covered_files) == ["budget 2026.csv", "letter.pdf"]
    assert sig.field_name == "META-INF/signature001.p7s" and not sig.warnings
    assert exit_status([report]) == 0


def test_changed_file_inside_fails_with_hash_failure(containers, trust, tmp_path):
    bad = rewrite(containers / "bundle.asice", tmp_path / "bad.asice",
                  replace={"budget 2026.csv": b"item;amount\nroads;100000\n"})
    (sig,) = verify_file(bad, trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (Indication.TOTAL_FAILED, "HASH_FAILURE")
    assert "budget 2026.csv" in sig.message


def test_changed_manifest_breaks_the_signature(containers, trust, tmp_path):
    with zipfile.ZipFile(containers / "bundle.asice") as z:
        manifest = z.read("META-INF/ASiCManifest.xml")
    forged = manifest.replace(b'MimeType="text/csv"', b'MimeType="text/plain"')
    assert forged != manifest
    bad = rewrite(containers / "bundle.asice", tmp_path / "bad.asice", replace={"META-INF/ASiCManifest.xml": forged})
    (sig,) = verify_file(bad, trust, offline=True).signatures
    assert sig.indication is Indication.TOTAL_FAILED and sig.sub_indication == "HASH_FAILURE"


def test_missing_file_is_indeterminate_and_an_extra_file_is_a_warning(containers, trust, tmp_path):
    missing = rewrite(containers / "bundle.asice", tmp_path / "missing.asice", drop=("letter.pdf",))
    (sig,) = verify_file(missing, trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "SIGNED_DATA_NOT_FOUND")
    extra = rewrite(containers / "bundle.asice", tmp_path / "extra.asice", add={"unsigned.txt": b"slipped in"})
    (sig,) = verify_file(extra, trust, offline=True).signatures
    assert sig.indication is Indication.TOTAL_PASSED
    assert any("unsigned.txt" in w for w in sig.warnings)


def test_b_t_container_offline_is_indeterminate(containers, trust):
    (sig,) = verify_file(containers / "single.asice", trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "TRY_LATER")
    assert sig.covered_files == ["single.txt"]


def test_signature_timestamps_get_their_own_verdict(containers, trust, services, tmp_path):
    (sig,) = verify_file(containers / "bundle.asice", trust, offline=True).signatures
    (ts,) = sig.timestamps
    assert (ts.indication, ts.authority) == (Indication.TOTAL_PASSED, "Imza Demo Time-Stamping Authority")
    assert ts.imprint_matches and ts.trusted and sig.timestamp_time == ts.time
    (sig,) = verify_file(containers / "single.asice", trust, offline=True).signatures
    (ts,) = sig.timestamps  # B-T: nothing embedded for the TSA either
    assert (ts.indication, ts.sub_indication) == (Indication.INDETERMINATE, "TRY_LATER")

    name = "META-INF/signature001.p7s"
    with zipfile.ZipFile(containers / "bundle.asice") as z:
        swapped = tst_swap.with_token(z.read(name), tst_swap.foreign_token(services["tsa"]))
    bad = rewrite(containers / "bundle.asice", tmp_path / "swapped.asice", replace={name: swapped})
    (sig,) = verify_file(bad, trust, offline=True).signatures
    (ts,) = sig.timestamps
    assert (ts.indication, ts.sub_indication, ts.imprint_matches) == (Indication.TOTAL_FAILED, "HASH_FAILURE", False)
    assert sig.timestamp_time is None and sig.proven_time() is None
    assert sig.indication is Indication.TOTAL_PASSED and any("was ignored" in w for w in sig.warnings)


XADES = b"""<?xml version="1.0" encoding="UTF-8"?>
<asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
 <ds:Signature Id="S0"><ds:SignedInfo>
  <ds:Reference URI="doc.txt"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
  <ds:DigestValue>AAAA</ds:DigestValue></ds:Reference></ds:SignedInfo>
  <ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>
</asic:XAdESSignatures>"""


def test_xades_without_a_certificate_is_not_passed(trust, tmp_path):
    path = tmp_path / "digidoc.asice"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.etsi.asic-e+zip")
        z.writestr("doc.txt", "hello")
        z.writestr("META-INF/signatures0.xml", XADES)
    report = verify_file(path, trust, offline=True)
    (sig,) = report.signatures
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "NO_SIGNING_CERTIFICATE_FOUND")
    assert sig.covered_files == ["doc.txt"] and sig.field_name == "META-INF/signatures0.xml#S0"
    assert exit_status([report]) == 2


def test_unreadable_containers_get_a_reason(trust, tmp_path, containers):
    raw = (containers / "bundle.asice").read_bytes()
    (tmp_path / "cut.asice").write_bytes(raw[: len(raw) // 2])
    empty = tmp_path / "empty.asice"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.etsi.asic-e+zip")
        z.writestr("doc.txt", "hello")
    for name, words in (("cut.asice", "damaged or truncated"), ("empty.asice", "without any signature")):
        report = verify_file(tmp_path / name, trust, offline=True)
        assert report.error and words in report.error and not report.signatures
        assert exit_status([report]) == 3


def test_plan_refuses_clashing_names_and_b_lta(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for p in (tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"):
        p.write_text("x")
    with pytest.raises(InputError, match="Two files called x.txt"):
        plan([tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"], fmt=SignatureFormat.ASICE,
             level=SignatureLevel.B_B, output=tmp_path / "out.asice")
    with pytest.raises(SigningError, match="B-LTA"):
        import asyncio

        asyncio.run(signing_asice.detached_signature(b"m", SignatureLevel.B_LTA, None, None, None))


def test_at_a_past_time_is_validated_then(containers, trust):
    """`imza verify --at`: before the certificates existed, the CAdES signature inside cannot pass."""
    from datetime import UTC, datetime

    report = verify_file(containers / "bundle.asice", trust, offline=True, at=datetime(2020, 1, 1, tzinfo=UTC))
    (sig,) = report.signatures
    assert sig.indication is not Indication.TOTAL_PASSED, sig.message
