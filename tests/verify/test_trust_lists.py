"""Trusted lists add trust only when their signature checks out; validation at a past time;
several signatures each with the revision it signs."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from desktop.core.model import Indication
from desktop.verify.engine import verify_file
from desktop.verify.trust import TrustStore

PASSED, FAILED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE


def _folder(tmp_path, demo, *, tl: bytes | None = None, signer: bool = True):
    """A trust folder with the demo trusted list (or `tl`) and no root certificate."""
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "national-tl.xml").write_bytes(tl if tl is not None else (demo.trust_dir / "imza-demo-tl.xml").read_bytes())
    if signer:
        shutil.copytree(demo.trust_dir / "tl-signers", folder / "tl-signers")
    return folder


def test_the_demo_trusted_list_is_accepted_with_its_services(demo_trust):
    (tl,) = demo_trust.trust_lists
    assert tl.accepted and tl.problem is None, tl.problem
    assert (tl.territory, tl.operator) == ("AZ", "Imza Demo Supervisory Body")
    assert sorted((s.kind, s.name) for s in tl.services) == [
        ("CA/QC", "Imza Demo Qualified Issuing CA"), ("TSA/QTST", "Imza Demo Qualified Time-Stamping")]


def test_a_trusted_list_alone_makes_the_listed_ca_an_anchor(samples, demo, tmp_path):
    trust = TrustStore.from_dir(_folder(tmp_path, demo))
    assert trust.anchors == [] and len(trust.listed) == 2
    report = verify_file(samples["rsa-B-LT.pdf"], trust, offline=True)
    sig = report.signatures[0]
    assert sig.indication is PASSED, sig.message
    # the path ends at the listed issuing CA: only the signer needs revocation data
    assert [c.subject.split(",")[0] for c in sig.chain] == ["CN=Aysel Mammadova", "CN=Imza Demo Qualified Issuing CA"]
    assert [r.kind for r in sig.revocation] == ["OCSP"]


def test_the_listed_tsa_makes_a_b_t_time_stamp_trusted_offline(samples, demo, tmp_path):
    trust = TrustStore.from_dir(_folder(tmp_path, demo))
    (ts,) = verify_file(samples["timestamp-only.pdf"], trust, offline=True).signatures
    assert ts.indication is PASSED, ts.message


def test_a_trusted_list_whose_signature_fails_adds_no_trust(samples, demo, tmp_path):
    genuine = (demo.trust_dir / "imza-demo-tl.xml").read_bytes()
    forged = genuine.replace(b"Imza Demo Qualified Time-Stamping", b"Mallory Qualified Time-Stamping!!")
    trust = TrustStore.from_dir(_folder(tmp_path, demo, tl=forged))
    (tl,) = trust.trust_lists
    assert not tl.accepted and "signature does not verify" in tl.problem
    assert trust.listed == []
    sig = verify_file(samples["rsa-B-LT.pdf"], trust, offline=True).signatures[0]
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND")
    assert any("national-tl.xml was not used" in w for w in sig.warnings), sig.warnings


def test_a_trusted_list_without_a_configured_signer_is_refused(demo, tmp_path):
    trust = TrustStore.from_dir(_folder(tmp_path, demo, signer=False))
    (tl,) = trust.trust_lists
    assert not tl.accepted and "no trusted-list signer certificate" in tl.problem
    assert trust.listed == []


def test_validating_before_the_signer_certificate_existed_is_not_passed(samples, trust):
    now = verify_file(samples["rsa-B-LT.pdf"], trust, offline=True).signatures[0]
    assert now.indication is PASSED
    before = now.chain[0].not_before - timedelta(days=1)
    sig = verify_file(samples["rsa-B-LT.pdf"], trust, offline=True, at=before).signatures[0]
    assert sig.indication is not PASSED, sig.message


def test_validating_at_a_past_moment_after_signing_uses_that_time(samples, trust):
    now = verify_file(samples["rsa-B-LT.pdf"], trust, offline=True).signatures[0]
    sig = verify_file(samples["rsa-B-LT.pdf"], trust, offline=True,
                      at=now.timestamp_time + timedelta(seconds=30)).signatures[0]
    assert sig.indication is PASSED, (sig.message, sig.warnings)


@pytest.mark.parametrize("name", ["two-signatures.pdf"])
def test_each_signature_says_which_revision_it_signs(samples, trust, name):
    report = verify_file(samples[name], trust)
    assert report.revisions == 3
    first, second = report.signatures
    assert (first.revision, second.revision) == (2, 3)
    assert "signature 'Signature2' was added (invisible) after the signature by revision 3" in first.changes
    assert second.changes == []


def test_lta_timestamps_carry_their_own_indication_and_revision(samples, trust):
    report = verify_file(samples["rsa-B-LTA.pdf"], trust, offline=True)
    sig, ts = report.signatures
    assert (sig.kind, ts.kind) == ("signature", "document-timestamp")
    assert ts.indication is PASSED and ts.revision == 3
    assert "a document time-stamp was added after the signature by revision 3" in sig.changes
