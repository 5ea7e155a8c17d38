"""PAdES verification with the demo PKI and services online."""

from __future__ import annotations

import json

import pytest

from desktop.core.model import Indication, to_jsonable
from desktop.verify.engine import exit_status, verify_file, verify_files
from desktop.verify.policy import FETCHED, FROM_DSS

PASSED, FAILED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE


def _only_signature(report):
    assert report.error is None, report.error
    sigs = [s for s in report.signatures if s.kind == "signature"]
    assert len(sigs) == 1, [s.kind for s in report.signatures]
    return sigs[0]


@pytest.mark.parametrize(("name", "level", "coverage", "signer"), [
    ("rsa-B-B.pdf", "B-B", "entire-file", "Aysel Mammadova"),
    ("rsa-B-T.pdf", "B-T", "entire-file", "Aysel Mammadova"),
    ("rsa-B-LT.pdf", "B-LT", "entire-revision", "Aysel Mammadova"),
    ("rsa-B-LTA.pdf", "B-LTA", "entire-revision", "Aysel Mammadova"),
    ("ec-B-LT.pdf", "B-LT", "entire-revision", "Rashad Aliyev"),
    ("ec-B-LTA.pdf", "B-LTA", "entire-revision", "Rashad Aliyev"),
])
def test_each_level_passes_with_its_facts(samples, trust, name, level, coverage, signer):
    report = verify_file(samples[name], trust)
    sig = _only_signature(report)
    assert report.kind == "pdf"
    assert (sig.indication, sig.sub_indication) == (PASSED, None), sig.message
    assert sig.level == level
    assert sig.coverage == coverage
    assert sig.modification_level == ("none" if coverage == "entire-file" else "lta-updates")
    assert sig.signer == signer and sig.signer_certificate.subject.startswith("CN=")
    assert sig.field_name == "Signature1"
    assert sig.intact and sig.cryptographically_valid and sig.trusted
    assert sig.claimed_signing_time is not None
    if level == "B-B":
        assert sig.timestamp_time is None and sig.timestamp_authority is None
    else:
        assert sig.timestamp_authority == "Imza Demo Time-Stamping Authority"
        assert abs((sig.timestamp_time - sig.claimed_signing_time).total_seconds()) < 120
    # signer first, trust anchor last
    assert [c.subject.split(",")[0].removeprefix("CN=") for c in sig.chain] == [
        signer, "Imza Demo Qualified Issuing CA", "Imza Demo Root CA"]
    # revocation for the signer and the issuing CA (the root is the anchor)
    assert [r.certificate for r in sig.revocation] == [c.subject for c in sig.chain[:2]]
    assert all(r.kind in ("OCSP", "CRL") for r in sig.revocation)
    assert exit_status([report]) == 0


def test_online_check_fetches_what_the_file_lacks(samples, trust):
    sig = _only_signature(verify_file(samples["rsa-B-T.pdf"], trust))
    assert {r.origin for r in sig.revocation} == {FETCHED}


def test_lt_revocation_for_the_ca_comes_from_the_dss(samples, trust):
    sig = _only_signature(verify_file(samples["rsa-B-LT.pdf"], trust))
    ca = sig.revocation[1]
    assert (ca.kind, ca.origin) == ("CRL", FROM_DSS)
    assert ca.produced_at is not None


def test_lta_reports_its_document_timestamp(samples, trust):
    report = verify_file(samples["rsa-B-LTA.pdf"], trust)
    kinds = [s.kind for s in report.signatures]
    assert kinds == ["signature", "document-timestamp"]
    ts = report.signatures[1]
    assert ts.indication is PASSED, ts.message
    assert ts.signer == ts.timestamp_authority == "Imza Demo Time-Stamping Authority"
    # pyhanko adds the time-stamp's own validation data to the DSS in one more revision
    assert (ts.coverage, ts.modification_level) == ("entire-revision", "lta-updates")
    assert ts.timestamp_time is not None
    assert ts.level is None


def test_pdf_with_only_a_document_timestamp(samples, trust):
    report = verify_file(samples["timestamp-only.pdf"], trust)
    (ts,) = report.signatures
    assert (ts.kind, ts.indication, ts.coverage) == ("document-timestamp", PASSED, "entire-file"), ts.message
    assert [(r.kind, r.origin) for r in ts.revocation] == [("CRL", FETCHED)]  # the TSA's, fetched online
    assert exit_status([report]) == 0


def test_two_signatures_both_pass_in_signing_order(samples, trust):
    report = verify_file(samples["two-signatures.pdf"], trust)
    assert [s.signer for s in report.signatures] == ["Aysel Mammadova", "Rashad Aliyev"]
    assert [s.indication for s in report.signatures] == [PASSED, PASSED], [s.message for s in report.signatures]
    first, second = report.signatures
    assert first.coverage == "entire-revision" and first.modification_level == "form-filling"
    assert second.coverage == "entire-file"
    assert [s.field_name for s in report.signatures] == ["Signature1", "Signature2"]


def test_changed_content_byte_is_a_hash_failure(samples, trust):
    report = verify_file(samples["content-byte-changed.pdf"], trust)
    sig = _only_signature(report)
    assert (sig.indication, sig.sub_indication) == (FAILED, "HASH_FAILURE")
    assert sig.intact is False
    assert exit_status([report]) == 1


def test_page_rewritten_in_a_later_revision_fails_although_intact_and_valid(samples, trust):
    sig = _only_signature(verify_file(samples["page-rewritten.pdf"], trust))
    # pyhanko keeps these True: the signed bytes are untouched ...
    assert sig.intact is True and sig.cryptographically_valid is True
    # ... but what a reader sees is no longer what was signed.
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE")
    assert sig.coverage == "entire-revision" and sig.modification_level == "other"
    assert "changed after it was signed" in sig.message


def test_zeroed_signature_contents_is_a_verdict_not_an_exception(samples, trust):
    report = verify_file(samples["contents-zeroed.pdf"], trust)
    assert report.error is None
    (sig,) = report.signatures
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE")
    assert sig.field_name == "Signature1"
    assert exit_status([report]) == 1


@pytest.mark.parametrize("name", ["rsa-signature-value-zeroed.pdf", "ec-signature-value-zeroed.pdf"])
def test_zeroed_signature_value_is_a_crypto_failure(samples, trust, name):
    sig = _only_signature(verify_file(samples[name], trust))
    assert (sig.indication, sig.sub_indication) == (FAILED, "SIG_CRYPTO_FAILURE")
    assert sig.intact is True and sig.cryptographically_valid is False


def test_signer_outside_the_trust_store_is_indeterminate(samples, empty_trust):
    report = verify_file(samples["rsa-B-T.pdf"], empty_trust)
    sig = _only_signature(report)
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND")
    assert sig.trusted is False
    assert sig.chain[0].subject == sig.signer_certificate.subject  # best-effort chain still shown
    assert exit_status([report]) == 2


def test_content_decides_the_type_not_the_extension(samples, trust):
    report = verify_file(samples["really-a-pdf.p7s"], trust)
    assert report.kind == "pdf"
    assert _only_signature(report).indication is PASSED


def test_json_form_is_plain_and_complete(samples, trust):
    reports = verify_files([samples["rsa-B-LTA.pdf"], samples["notes.pdf"]], trust)
    doc = json.loads(json.dumps({"schema_version": 1, "files": [to_jsonable(r) for r in reports]}))
    good, bad = doc["files"]
    assert good["kind"] == "pdf" and good["error"] is None
    sig = good["signatures"][0]
    assert sig["indication"] == "TOTAL-PASSED" and sig["sub_indication"] is None
    assert sig["level"] == "B-LTA" and sig["kind"] == "signature"
    assert set(sig["chain"][0]) == {"subject", "issuer", "serial", "not_before", "not_after", "sha256"}
    assert set(sig["revocation"][0]) == {"certificate", "kind", "origin", "produced_at"}
    assert sig["timestamp_time"].startswith("20")
    assert bad["signatures"] == [] and bad["error"]
