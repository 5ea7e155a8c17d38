"""`imza sign` against the real demo token and services, checked with pyhanko as the oracle."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import cms
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.support import oracle

CITIZEN = ["--token", "Citizen ID", "--pin-stdin"]
AGENCY = ["--token", "Agency token", "--pin-stdin"]


def _sigs(path: Path):
    return PdfFileReader(BytesIO(path.read_bytes())).embedded_signatures


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part") or p.name.startswith("."))


def test_sign_pdf_default_is_pades_b_t_and_keeps_the_original(imza, services, demo, letter):
    before = _digest(letter)
    proc = imza("sign", letter, *CITIZEN, input="12345\n")
    assert proc.returncode == 0, proc.stderr
    out = letter.with_name("letter.signed.pdf")
    assert proc.stdout.strip() == str(out)
    assert _digest(letter) == before
    (sig,) = _sigs(out)
    (status,) = oracle.pdf_signatures(out, demo.trust_dir)
    assert status["bottom_line"], status["details"]
    assert status["timestamp_valid"] is True
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert status["signer"] == "Aysel Mammadova"


@pytest.mark.parametrize("level", ["B-LT", "B-LTA"])
def test_long_term_levels_embed_validation_data(imza, services, demo, letter, level):
    proc = imza("sign", letter, *AGENCY, "--level", level, input="246810\n")
    assert proc.returncode == 0, proc.stderr
    out = letter.with_name("letter.signed.pdf")
    reader = PdfFileReader(BytesIO(out.read_bytes()))
    dss = reader.root["/DSS"]
    assert len(dss["/OCSPs"]) >= 1 and len(dss["/Certs"]) >= 2
    sigs = reader.embedded_signatures
    if level == "B-LTA":
        assert [s.sig_object.get("/Type") for s in sigs] == ["/Sig", "/DocTimeStamp"]
    else:
        assert len(sigs) == 1
    status = oracle.pdf_signatures(out, demo.trust_dir)[0]
    assert status["bottom_line"], status["details"]
    assert status["key_algorithm"] == "ec"


def test_reason_and_location_are_in_the_signature(imza, services, letter):
    proc = imza("sign", letter, *CITIZEN, "--level", "B-B", "--reason", "Approved", "--location", "Baku",
                input="12345\n")
    assert proc.returncode == 0, proc.stderr
    (sig,) = _sigs(letter.with_name("letter.signed.pdf"))
    assert sig.sig_object["/Reason"] == "Approved" and sig.sig_object["/Location"] == "Baku"


def test_any_file_gets_a_detached_cades_signature(imza, services, demo, tmp_path):
    data = tmp_path / "contract.docx"
    data.write_bytes(b"PK\x03\x04 not really a docx, any bytes will do")
    proc = imza("sign", data, *CITIZEN, input="12345\n")
    assert proc.returncode == 0, proc.stderr
    p7s = tmp_path / "contract.docx.p7s"
    assert proc.stdout.strip() == str(p7s)
    ci = cms.ContentInfo.load(p7s.read_bytes())
    sd = ci["content"]
    assert sd["encap_content_info"]["content"].native is None  # detached
    si = sd["signer_infos"][0]
    attrs = {a["type"].native for a in si["signed_attrs"]}
    assert {"signing_certificate_v2", "signing_time", "message_digest"} <= attrs
    assert "signature_time_stamp_token" in {a["type"].native for a in si["unsigned_attrs"]}
    status = oracle.detached_cms(data, p7s, demo.trust_dir)
    assert status["bottom_line"] and status["timestamp_valid"], status["details"]


def test_cades_b_lt_carries_certificates_and_revocation_data(imza, services, tmp_path):
    data = tmp_path / "notes.txt"
    data.write_text("minutes of the meeting")
    proc = imza("sign", data, *AGENCY, "--level", "B-LT", input="246810\n")
    assert proc.returncode == 0, proc.stderr
    sd = cms.ContentInfo.load((tmp_path / "notes.txt.p7s").read_bytes())["content"]
    kinds = sorted(c.name for c in sd["crls"])
    assert "other" in kinds and "crl" in kinds  # OCSP for the signer, CRLs for CA and TSA
    subjects = {c.chosen.subject.native["common_name"] for c in sd["certificates"]}
    assert {"Rashad Aliyev", "Imza Demo Qualified Issuing CA", "Imza Demo Root CA"} <= subjects


def test_cades_b_lta_is_refused_clearly(imza, services, tmp_path):
    data = tmp_path / "notes.txt"
    data.write_text("x")
    proc = imza("sign", data, *CITIZEN, "--level", "B-LTA", input="12345\n")
    assert proc.returncode == 8
    assert "B-LTA" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "notes.txt.p7s").exists()


def test_second_signature_keeps_the_first_valid(imza, services, demo, letter):
    first = letter.with_name("letter.signed.pdf")
    assert imza("sign", letter, *CITIZEN, input="12345\n").returncode == 0
    proc = imza("sign", first, *AGENCY, "--level", "B-LT", input="246810\n")
    assert proc.returncode == 0, proc.stderr
    second = letter.with_name("letter.signed.signed.pdf")
    sigs = _sigs(second)
    assert [s.field_name for s in sigs] == ["Signature1", "Signature2"]
    statuses = oracle.pdf_signatures(second, demo.trust_dir)
    assert all(s["bottom_line"] for s in statuses), [s["details"] for s in statuses]
    assert [s["signer"] for s in statuses] == ["Aysel Mammadova", "Rashad Aliyev"]


def test_certified_no_changes_pdf_is_refused(imza, services, letter, tmp_path):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import MDPPerm

    # Certify with a software key from the demo PKI's own files: an author's "no changes" lock.
    signer = signers.SimpleSigner.load(str(_demo_key("tsa")), str(_demo_cert("tsa")))
    certified = tmp_path / "certified.pdf"
    with certified.open("wb") as fh:
        signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(letter.read_bytes())),
                         signers.PdfSignatureMetadata(field_name="Author", certify=True,
                                                      docmdp_permissions=MDPPerm.NO_CHANGES),
                         signer=signer, output=fh)
    proc = imza("sign", certified, *CITIZEN, "--level", "B-B", input="12345\n")
    assert proc.returncode == 8, proc.stderr
    assert "no changes allowed" in proc.stderr
    assert not (tmp_path / "certified.signed.pdf").exists() and _leftovers(tmp_path) == []


def _demo_key(name):
    import os
    return Path(os.environ["SOFTHSM2_CONF"]).parent / "keys" / f"{name}.key.pem"


def _demo_cert(name):
    import os
    return Path(os.environ["SOFTHSM2_CONF"]).parent / "certs" / f"{name}.cert.pem"


def test_existing_output_needs_force(imza, services, letter):
    out = letter.with_name("letter.signed.pdf")
    out.write_bytes(b"precious")
    proc = imza("sign", letter, *CITIZEN, input="12345\n")
    assert proc.returncode == 4 and "--force" in proc.stderr
    assert out.read_bytes() == b"precious"
    proc = imza("sign", letter, *CITIZEN, "--force", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_out_dir_and_output_options(imza, services, letter, tmp_path):
    other = tmp_path / "memo.txt"
    other.write_text("memo")
    outdir = tmp_path / "signed"
    outdir.mkdir()
    proc = imza("sign", letter, other, "--out-dir", outdir, *CITIZEN, "--level", "B-B", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in outdir.iterdir()) == ["letter.signed.pdf", "memo.txt.p7s"]
    proc = imza("sign", letter, other, "-o", tmp_path / "x.pdf", *CITIZEN, input="12345\n")
    assert proc.returncode == 3 and "--out-dir" in proc.stderr
    proc = imza("sign", letter, "-o", tmp_path / "custom.pdf", *CITIZEN, "--level", "B-B", input="12345\n")
    assert proc.returncode == 0 and (tmp_path / "custom.pdf").exists()


def test_unreachable_tsa_is_a_clear_error_and_leaves_nothing(imza, letter, tmp_path):
    proc = imza("sign", letter, *CITIZEN, "--tsa", "http://127.0.0.1:9/tsa", input="12345\n")
    assert proc.returncode == 8
    assert "time-stamping service" in proc.stderr and "Traceback" not in proc.stderr
    assert not letter.with_name("letter.signed.pdf").exists() and _leftovers(tmp_path) == []


def test_visible_signature_is_placed_on_the_page(imza, services, demo, letter):
    proc = imza("sign", letter, *CITIZEN, "--level", "B-B", "--visible", "1:360,60,560,120", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    (sig,) = _sigs(letter.with_name("letter.signed.pdf"))
    widget = sig.sig_field
    assert [round(float(v)) for v in widget["/Rect"]] == [360, 60, 560, 120]
    assert "/AP" in widget  # an appearance stream: the signature is visible
    assert oracle.pdf_signatures(letter.with_name("letter.signed.pdf"), demo.trust_dir)[0]["bottom_line"]


def test_visible_signature_on_a_missing_page_is_refused(imza, services, letter, tmp_path):
    proc = imza("sign", letter, *CITIZEN, "--level", "B-B", "--visible", "3:360,60,560,120", input="12345\n")
    assert proc.returncode == 3 and "no page 3" in proc.stderr
    assert not letter.with_name("letter.signed.pdf").exists()
