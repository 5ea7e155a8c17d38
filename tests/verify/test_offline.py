"""--offline: only what the file carries and the trust store; any network attempt fails loudly."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

from desktop.core.model import Indication
from desktop.verify.engine import exit_status, verify_file, verify_files
from desktop.verify.policy import FROM_CMS, FROM_DSS

PASSED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.INDETERMINATE


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """The demo services keep running for other tests, so unreachability is enforced here."""
    attempts: list = []

    def refuse(self, address, *args):
        attempts.append(address)
        raise NetworkUsed(f"network access to {address} during an offline verification")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    yield attempts
    assert attempts == [], f"offline verification tried to connect to {attempts}"


def test_the_guard_does_catch_network_use(no_network, samples, trust):
    """Online verification of a B-T file must fetch revocation data, so it trips the guard."""
    sig = verify_file(samples["rsa-B-T.pdf"], trust).signatures[0]
    assert sig.indication is INDETERMINATE  # the fetch failed ...
    assert no_network, "... because it was attempted"
    no_network.clear()


@pytest.mark.parametrize("name", ["rsa-B-LT.pdf", "rsa-B-LTA.pdf", "ec-B-LT.pdf", "ec-B-LTA.pdf"])
def test_lt_and_lta_pdfs_pass_offline_from_embedded_data(no_network, samples, trust, name):
    report = verify_file(samples[name], trust, offline=True)
    assert [s.indication for s in report.signatures] == [PASSED] * len(report.signatures), \
        [s.message for s in report.signatures]
    sig = report.signatures[0]
    assert [(r.kind, r.origin) for r in sig.revocation] == [("OCSP", FROM_DSS), ("CRL", FROM_DSS)]
    assert exit_status([report]) == 0


def test_cades_lt_passes_offline_from_the_signed_data(no_network, samples, trust):
    (sig,) = verify_file(samples["ec-B-LT.txt.p7s"], trust, offline=True).signatures
    assert sig.indication is PASSED, sig.message
    assert {r.origin for r in sig.revocation} == {FROM_CMS}


@pytest.mark.parametrize("name", ["rsa-B-B.pdf", "rsa-B-T.pdf", "rsa-B-B.txt.p7s", "rsa-B-T.txt.p7s"])
def test_without_embedded_revocation_data_offline_is_try_later(no_network, samples, trust, name):
    report = verify_file(samples[name], trust, offline=True)
    (sig,) = report.signatures
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "TRY_LATER")
    assert "checked offline" in sig.message and "Aysel Mammadova" in sig.message
    assert sig.revocation[0].origin == "none"
    assert sig.intact and sig.cryptographically_valid  # only the certificate status is unknown
    assert exit_status([report]) == 2


def test_tampering_is_still_caught_offline(no_network, samples, trust):
    reports = verify_files([samples["page-rewritten.pdf"], samples["other-data.txt.p7s"]], trust, offline=True)
    assert [r.signatures[0].indication for r in reports] == [Indication.TOTAL_FAILED] * 2


@pytest.fixture
def weeks_later(monkeypatch):
    """Shift the validation clock by 20 days.

    Then every revocation datum embedded for the signer is stale (demo OCSP responses live 10
    minutes, the issuing CA's CRL at most 7 days; signing sometimes embeds that CRL too), while
    the root CA's CRL (30 days), which vouches for the issuing CA and the TSA, is still fresh.
    """
    real_now = ValidationTimingInfo.now.__func__

    def later(cls, tz=None):
        t = real_now(cls, tz).validation_time + timedelta(days=20)
        return cls(validation_time=t, best_signature_time=t, point_in_time_validation=False)

    monkeypatch.setattr(ValidationTimingInfo, "now", classmethod(later))


@pytest.mark.parametrize("name", ["rsa-B-LT.pdf", "rsa-B-LT.txt.p7s"])
def test_lt_weeks_later_passes_on_the_signature_timestamp(no_network, weeks_later, samples, trust, name):
    (sig,) = [s for s in verify_file(samples[name], trust, offline=True).signatures if s.kind == "signature"]
    assert sig.indication is PASSED, sig.message
    assert "time-stamped at" in sig.message
    assert any("no longer fresh" in w for w in sig.warnings)
    (ts,) = sig.timestamps  # proven at its own time, as the verdict says
    assert (ts.indication, ts.time) == (PASSED, sig.timestamp_time) and "at its own time" in ts.message


def test_lta_weeks_later_passes_on_the_document_timestamp(no_network, weeks_later, samples, trust):
    report = verify_file(samples["ec-B-LTA.pdf"], trust, offline=True)
    assert [s.indication for s in report.signatures] == [PASSED, PASSED], [s.message for s in report.signatures]
    assert not report.signatures[0].warnings  # proven by the archive time-stamp, no fallback needed


def test_b_t_weeks_later_is_still_indeterminate(no_network, weeks_later, samples, trust):
    (sig,) = verify_file(samples["rsa-B-T.pdf"], trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "TRY_LATER")


@pytest.mark.parametrize("name", ["rsa-B-LT.pdf", "rsa-B-LT.txt.p7s", "ec-B-LT.pdf"])
def test_an_old_lt_signature_is_validated_at_its_timestamp_first_with_the_same_verdict(
        no_network, weeks_later, samples, trust, monkeypatch, name):
    """Old B-LT letters skip the validation now that could only say TRY_LATER (half the work),
    and the report is exactly what the standard-first order gives."""
    from pyhanko.sign.validation import ades

    from desktop.verify import ltv

    standard_runs = []
    real_with_time = ades.ades_with_time_validation

    async def counted(*args, **kwargs):
        standard_runs.append(1)
        return await real_with_time(*args, **kwargs)

    monkeypatch.setattr(ades, "ades_with_time_validation", counted)
    shortcut = verify_file(samples[name], trust, offline=True)
    assert standard_runs == []
    monkeypatch.setattr(ltv, "bound_to_wait", lambda *args: False)
    standard_first = verify_file(samples[name], trust, offline=True)
    assert standard_runs == [1]
    assert shortcut.signatures[0].indication is PASSED
    assert shortcut.signatures == standard_first.signatures


def test_a_fresh_lt_signature_is_validated_now(no_network, samples, trust):
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    from desktop.verify import ltv, pades, policy
    from desktop.verify import report as rep

    reader = pades.open_reader(samples["rsa-B-LT.pdf"], samples["rsa-B-LT.pdf"].read_bytes())
    embedded = pades._dss_knowledge(reader, [])
    (sig,) = reader.embedded_signatures
    signer = rep.signer_cert_of(sig.signed_data)
    spec = policy.signature_spec(trust, embedded, offline=True)
    assert isinstance(sig, EmbeddedPdfSignature)
    assert not ltv.bound_to_wait(sig.signed_data, signer, embedded, spec)
    report = verify_file(samples["rsa-B-LT.pdf"], trust, offline=True)
    assert report.signatures[0].indication is PASSED and not report.signatures[0].warnings
