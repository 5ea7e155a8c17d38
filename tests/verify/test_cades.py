"""Detached CAdES (.p7s) verification with the demo PKI and services online."""

from __future__ import annotations

import pytest

from desktop.core.model import Indication
from desktop.verify.engine import exit_status, verify_file
from desktop.verify.policy import FROM_CMS

PASSED, FAILED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE


@pytest.mark.parametrize(("name", "level", "signer"), [
    ("rsa-B-B.txt.p7s", "B-B", "Aysel Mammadova"),
    ("rsa-B-T.txt.p7s", "B-T", "Aysel Mammadova"),
    ("rsa-B-LT.txt.p7s", "B-LT", "Aysel Mammadova"),
    ("ec-B-LT.txt.p7s", "B-LT", "Rashad Aliyev"),
])
def test_detached_signature_finds_its_data_beside_it(samples, trust, name, level, signer):
    report = verify_file(samples[name], trust)
    assert report.error is None, report.error
    assert report.kind == "cms"
    assert report.data_file == samples[name.removesuffix(".p7s")]
    (sig,) = report.signatures
    assert (sig.indication, sig.sub_indication) == (PASSED, None), sig.message
    assert (sig.level, sig.coverage, sig.signer) == (level, "detached-data", signer)
    assert sig.modification_level is None and sig.field_name is None
    assert sig.claimed_signing_time is not None  # CAdES carries signing-time
    assert (sig.timestamp_authority is None) == (level == "B-B")
    assert len(sig.chain) == 3 and sig.chain[-1].subject.startswith("CN=Imza Demo Root CA")
    assert exit_status([report]) == 0


def test_lt_validation_data_is_read_from_the_signed_data(samples, trust):
    sig = verify_file(samples["rsa-B-LT.txt.p7s"], trust, offline=True).signatures[0]
    assert sig.indication is PASSED, sig.message
    assert [(r.kind, r.origin) for r in sig.revocation] == [("OCSP", FROM_CMS), ("CRL", FROM_CMS)]


def test_pem_armoured_signature(samples, trust):
    report = verify_file(samples["pem.txt.p7s"], trust)
    assert report.signatures[0].indication is PASSED, report.error or report.signatures[0].message
    assert report.signatures[0].level == "B-LT"


def test_data_file_overrides_the_name_and_content_decides_the_type(samples, trust):
    report = verify_file(samples["signature.bin"], trust, data_file=samples["contract.txt"])
    assert report.kind == "cms" and report.data_file == samples["contract.txt"]
    assert report.signatures[0].indication is PASSED, report.signatures[0].message


def test_signature_against_other_data_is_a_hash_failure(samples, trust):
    report = verify_file(samples["other-data.txt.p7s"], trust)
    (sig,) = report.signatures
    assert (sig.indication, sig.sub_indication) == (FAILED, "HASH_FAILURE")
    assert sig.signer == "Aysel Mammadova"
    assert exit_status([report]) == 1


def test_data_file_given_explicitly_is_the_one_checked(samples, trust):
    report = verify_file(samples["rsa-B-T.txt.p7s"], trust, data_file=samples["other-data.txt"])
    assert report.data_file == samples["other-data.txt"]
    assert report.signatures[0].sub_indication == "HASH_FAILURE"


def test_zeroed_signature_value_is_a_crypto_failure(samples, trust):
    (sig,) = verify_file(samples["zeroed.txt.p7s"], trust).signatures
    assert (sig.indication, sig.sub_indication) == (FAILED, "SIG_CRYPTO_FAILURE")


def test_signer_outside_the_trust_store_is_indeterminate(samples, empty_trust):
    (sig,) = verify_file(samples["ec-B-LT.txt.p7s"], empty_trust).signatures
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND")
