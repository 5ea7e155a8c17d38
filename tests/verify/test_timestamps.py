"""Signature time-stamps reported with their own indication: PAdES, CAdES (.p7s), and every report face.

The tampered samples carry a genuine token from the demo TSA over other bytes than the
signature value (tests/support/tst_swap.py): the signature is untouched, only its time-stamp
no longer belongs to it, so it must be FAILED / HASH_FAILURE and prove no signing time.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from asn1crypto import cms, pem
from lxml import etree
from pyhanko.generated.etsi import ts_11910202
from xsdata.formats.dataclass.parsers import XmlParser

from desktop.core.model import Indication, to_jsonable
from desktop.verify.engine import exit_status, verify_file
from desktop.verify.reports import html, json_report, render, words, xml_etsi
from desktop.verify.trust import TrustStore
from tests.support import tst_swap

PASSED, FAILED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE
TSA = "Imza Demo Time-Stamping Authority"
VR = "{http://uri.etsi.org/19102/v1.2.1#}"
BOTH = ["rsa-B-T.pdf", "rsa-B-T.txt.p7s"]


@pytest.fixture(scope="module")
def tampered(samples, services, tmp_path_factory) -> dict[str, Path]:
    """The B-T and B-LT samples with their signature time-stamp swapped for a foreign one."""
    token = tst_swap.foreign_token(services["tsa"])
    d = tmp_path_factory.mktemp("swapped-timestamps")
    out = {}
    for name in ("rsa-B-T.pdf", "rsa-B-LT.pdf"):
        out[name] = d / name
        out[name].write_bytes(tst_swap.pdf_with_token(samples[name].read_bytes(), token))
    for name in ("rsa-B-T.txt.p7s", "rsa-B-LT.txt.p7s"):
        out[name] = d / name
        out[name].write_bytes(tst_swap.with_token(samples[name].read_bytes(), token))
        data = name.removesuffix(".p7s")
        (d / data).write_bytes(samples[data].read_bytes())
    return out


@pytest.fixture(scope="module")
def issuing_ca_only(samples, tmp_path_factory) -> TrustStore:
    """A trust store that trusts the signer's issuing CA but not the root that issued the TSA."""
    info = cms.ContentInfo.load(samples["rsa-B-LT.txt.p7s"].read_bytes())
    ca = next(c.chosen for c in info["content"]["certificates"]
              if c.chosen.subject.native.get("common_name") == "Imza Demo Qualified Issuing CA")
    d = tmp_path_factory.mktemp("issuing-ca-only")
    (d / "issuing.pem").write_bytes(pem.armor("CERTIFICATE", ca.dump()))
    return TrustStore.from_dir(d)


def _signature(report):
    (sig,) = [s for s in report.signatures if s.kind == "signature"]
    return sig


@pytest.mark.parametrize("name", BOTH)
def test_b_t_signature_timestamp_passes_with_its_facts(samples, trust, name):
    sig = _signature(verify_file(samples[name], trust))  # online: the TSA's CRL is fetched
    assert sig.indication is PASSED, sig.message
    (ts,) = sig.timestamps
    assert (ts.indication, ts.sub_indication, ts.kind) == (PASSED, None, "signature-timestamp"), ts.message
    assert ts.authority == TSA and ts.authority_certificate.subject.startswith(f"CN={TSA}")
    assert abs((ts.time - sig.claimed_signing_time).total_seconds()) < 120
    assert (ts.imprint_matches, ts.cryptographically_valid, ts.trusted) == (True, True, True)
    assert [c.subject.split(",")[0] for c in ts.chain] == [f"CN={TSA}", "CN=Imza Demo Root CA"]
    assert [(r.kind, r.origin) for r in ts.revocation] == [("CRL", "fetched")]
    assert len(ts.token_sha256) == 64
    assert (sig.timestamp_time, sig.timestamp_authority) == (ts.time, TSA)
    assert sig.proven_time() == ts.time


@pytest.mark.parametrize(("name", "origin"), [("rsa-B-LT.pdf", "embedded (DSS)"),
                                               ("rsa-B-LT.txt.p7s", "embedded (CMS)")])
def test_b_lt_signature_timestamp_passes_offline_from_the_embedded_crl(samples, trust, name, origin):
    (ts,) = _signature(verify_file(samples[name], trust, offline=True)).timestamps
    assert ts.indication is PASSED, ts.message
    assert [(r.kind, r.origin) for r in ts.revocation] == [("CRL", origin)]


def test_b_lta_keeps_its_signature_timestamp_beside_the_document_timestamp(samples, trust):
    report = verify_file(samples["ec-B-LTA.pdf"], trust, offline=True)
    assert [(s.kind, [t.indication for t in s.timestamps]) for s in report.signatures] == [
        ("signature", [PASSED]), ("document-timestamp", [])]


@pytest.mark.parametrize("name", BOTH)
def test_b_t_offline_without_the_tsa_revocation_data_is_indeterminate(samples, trust, name):
    sig = _signature(verify_file(samples[name], trust, offline=True))
    (ts,) = sig.timestamps
    assert (ts.indication, ts.sub_indication) == (INDETERMINATE, "TRY_LATER"), ts.message
    assert TSA in ts.message and "checked offline" in ts.message  # in words: the window shows it too
    assert ts.imprint_matches and ts.cryptographically_valid and ts.trusted is False
    assert [(r.kind, r.origin) for r in ts.revocation] == [("none", "none")]
    assert sig.indication is INDETERMINATE and sig.proven_time() is None
    assert "could not be validated" in words.time_text(sig)


@pytest.mark.parametrize("name", ["rsa-B-T.pdf", "rsa-B-T.txt.p7s", "rsa-B-LT.pdf", "rsa-B-LT.txt.p7s"])
@pytest.mark.parametrize("offline", [False, True])
def test_swapped_timestamp_fails_and_proves_no_signing_time(tampered, trust, name, offline):
    report = verify_file(tampered[name], trust, offline=offline)
    sig = _signature(report)
    (ts,) = sig.timestamps
    assert (ts.indication, ts.sub_indication) == (FAILED, "HASH_FAILURE"), ts.message
    assert ts.imprint_matches is False and ts.cryptographically_valid is True and ts.authority == TSA
    assert "does not belong to this signature" in ts.message
    # Not the signing time: not on the report, not in the words, not as the best signature time.
    assert (sig.timestamp_time, sig.timestamp_authority, sig.proven_time()) == (None, None, None)
    assert words.time_text(sig).endswith("(stated by the signer's computer, not proven)")
    assert any("was ignored" in w and "does not prove when the signature was made" in w for w in sig.warnings)
    # The signature itself is untouched: judged without the time-stamp (EN 319 102-1, 5.5.4).
    assert sig.intact and sig.cryptographically_valid
    if offline and "B-T" in name:  # nothing embedded for the signer either
        assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "TRY_LATER")
    else:
        assert (sig.indication, sig.sub_indication) == (PASSED, None), sig.message
        assert "changed after signing" not in sig.message  # pyhanko alone says HASH_FAILURE here


@pytest.mark.parametrize("name", ["rsa-B-LT.pdf", "rsa-B-LT.txt.p7s"])
def test_untrusted_tsa_keeps_the_signature_indeterminate_and_says_why(samples, issuing_ca_only, name):
    sig = _signature(verify_file(samples[name], issuing_ca_only, offline=True))
    (ts,) = sig.timestamps
    assert (ts.indication, ts.sub_indication, ts.trusted) == (INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND", False)
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND")
    assert sig.trusted and "time-stamp could not be validated" in sig.message
    assert "time-stamping authority's certificate does not chain up" in sig.message
    assert exit_status([verify_file(samples[name], issuing_ca_only, offline=True)]) == 2


def test_json_report_carries_the_timestamps(samples, tampered, trust):
    reports = [verify_file(samples["rsa-B-LT.pdf"], trust, offline=True),
               verify_file(tampered["rsa-B-LT.pdf"], trust, offline=True)]
    doc = json.loads(json_report.render(reports))
    good, bad = (f["signatures"][0] for f in doc["files"])
    assert doc["schema_version"] == 1
    (ts,) = good["timestamps"]
    assert (ts["indication"], ts["sub_indication"], ts["kind"]) == ("TOTAL-PASSED", None, "signature-timestamp")
    assert ts["authority"] == TSA and ts["time"] == good["timestamp_time"] and ts["trusted"] is True
    assert ts["authority_certificate"]["subject"].startswith("CN=") and ts["revocation"][0]["kind"] == "CRL"
    (ts,) = bad["timestamps"]
    assert (ts["indication"], ts["sub_indication"], ts["imprint_matches"]) == ("TOTAL-FAILED", "HASH_FAILURE", False)
    assert bad["timestamp_time"] is None
    assert doc == json.loads(json.dumps({"schema_version": 1, "files": [to_jsonable(r) for r in reports]}))


def test_etsi_xml_report_has_each_timestamp_as_a_validation_object(samples, tampered, trust):
    at = datetime(2030, 1, 1, tzinfo=UTC)
    reports = [verify_file(samples["rsa-B-LT.pdf"], trust, offline=True),
               verify_file(tampered["rsa-B-LT.pdf"], trust, offline=True)]
    xml = xml_etsi.render(reports, verified_at=at)
    root = etree.fromstring(xml)
    objects = {vo.get("id"): vo for vo in root.iter(f"{VR}ValidationObject")}
    good, bad = root.findall(f"{VR}SignatureValidationReport")
    for svr, report, main, sub in ((good, reports[0], "total-passed", None),
                                   (bad, reports[1], "total-failed", "HASH_FAILURE")):
        (ts,) = report.signatures[0].timestamps
        (attr,) = svr.findall(f"{VR}SignatureAttributes/{VR}SignatureTimeStamp")
        ref = attr.find(f"{VR}AttributeObject").get("VOReference")
        assert ref == f"T-{ts.token_sha256.upper()}"
        assert svr.find(f"{VR}SignatureValidationStatus/{VR}AssociatedValidationReportData/"
                        f"{VR}RelatedValidationObject").get("VOReference") == ref
        vo = objects[ref]
        assert vo.findtext(f"{VR}ObjectType") == "urn:etsi:019102:validationObject:timestamp"
        status = vo.find(f"{VR}ValidationReport/{VR}SignatureValidationStatus")
        assert status.findtext(f"{VR}MainIndication") == f"urn:etsi:019102:mainindication:{main}"
        assert status.findtext(f"{VR}SubIndication") == (sub and f"urn:etsi:019102:subindication:{sub}")
        signer = vo.find(f"{VR}ValidationReport/{VR}SignerInformation/{VR}SignerCertificate").get("VOReference")
        assert signer == f"C-{ts.authority_certificate.sha256.upper()}" and signer in objects
        # Only the valid time-stamp provides a proof of existence, and only it dates the signature.
        poe = vo.findtext(f"{VR}POEProvisioning/{VR}POETime")
        best = svr.findtext(f"{VR}ValidationTimeInfo/{VR}BestSignatureTime/{VR}POETime")
        if main == "total-passed":
            assert poe == best == xml_etsi._time(ts.time)
        else:
            assert poe is None and best == "2030-01-01T00:00:00Z"
    refs = {e.get("VOReference") for e in root.iter() if e.get("VOReference")}
    assert refs <= set(objects)
    # The structure follows the schema's element order (pyhanko's bindings of TS 119 102-2).
    parsed = XmlParser().from_bytes(xml, ts_11910202.ValidationReport)
    assert len(parsed.signature_validation_objects.validation_object) == len(objects)


def test_human_reports_give_each_timestamp_a_line_in_its_own_colour(samples, tampered, trust, tmp_path):
    reports = [verify_file(samples["rsa-B-LT.pdf"], trust, offline=True),
               verify_file(tampered["rsa-B-LT.pdf"], trust, offline=True)]
    page = html.render(reports)
    assert page.count("Signature time-stamps") == 2
    assert (f"<b style='color:{words.COLOURS['valid']}'>✔ Valid: signature time-stamp by {TSA}") in page
    assert (f"<b style='color:{words.COLOURS['invalid']}'>✖ Invalid: signature time-stamp by {TSA}") in page
    assert "imprint matches the signature: no" in page
    assert render(tmp_path / "r.pdf", reports).startswith(b"%PDF-")
