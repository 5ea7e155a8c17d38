"""The default validation policy where pyhanko alone would say PASSED: key usage, expiry, revocation.

Documents come from a test PKI of their own (tests/support/policy_pki.py: certomancer, pyhanko's
SimpleSigner and DummyTimeStamper), verified offline with the data they carry.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop.core.model import Indication
from desktop.verify.engine import exit_status, verify_file
from desktop.verify.trust import TrustStore
from tests.support import policy_pki

PASSED, FAILED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE
AUTH_WORDS = "made with an authentication certificate, not a signing certificate"
FORMATS = ["pdf", "p7s", "asice"]


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> policy_pki.PolicyPki:
    return policy_pki.build(tmp_path_factory.mktemp("policy-pki"))


@pytest.fixture(scope="module")
def trust(pki) -> TrustStore:
    return pki.trust()


def _signed(pki, label: str, fmt: str, name: str | None = None) -> Path:
    """A B-LT signature by `label` in each format: time-stamped, the root's CRL embedded."""
    out = pki.dir / f"{name or label}.{ {'pdf': 'pdf', 'p7s': 'txt.p7s', 'asice': 'asice'}[fmt] }"
    if fmt == "pdf":
        return pki.sign_pdf(out, pki.signer(label), lt=True)
    if fmt == "p7s":
        return pki.sign_cms(out, pki.signer(label), with_timestamp=True, crl=True)
    return pki.sign_asice(out, pki.signer(label), with_timestamp=True, crl=True)


def _only(report):
    assert report.error is None, report.error
    (sig,) = report.signatures
    return sig


# --- key usage (issue 13, item 2) ----------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_a_signing_certificate_passes(pki, trust, fmt):
    """The control: the same documents made with a non-repudiation certificate pass offline."""
    sig = _only(verify_file(_signed(pki, "signer", fmt), trust, offline=True))
    assert (sig.indication, sig.sub_indication) == (PASSED, None), sig.message


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_authentication_certificate_is_not_a_signing_certificate(pki, trust, fmt):
    """digitalSignature + clientAuth, no nonRepudiation (an ID card's login certificate): the
    signing certificate does not meet the signature constraints of the default policy, so
    INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE (ETSI EN 319 102-1, 5.2.6 and Table 5), never PASSED."""
    report = verify_file(_signed(pki, "auth", fmt), trust, offline=True)
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "CHAIN_CONSTRAINTS_FAILURE")
    assert AUTH_WORDS in sig.message
    assert sig.intact and sig.cryptographically_valid is not False
    assert exit_status([report]) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_key_encipherment_only_certificate_fails(pki, trust, fmt):
    """A critical key usage of keyEncipherment alone forbids verifying signatures with the key
    (RFC 5280, 4.2.1.3), so the signature value cannot be verified with the certified key:
    TOTAL-FAILED / SIG_CRYPTO_FAILURE (EN 319 102-1, 5.2.7 and Table 5)."""
    report = verify_file(_signed(pki, "keyenc", fmt), trust, offline=True)
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (FAILED, "SIG_CRYPTO_FAILURE")
    assert "key encipherment" in sig.message
    assert exit_status([report]) == 1


# --- expiry and time-stamps (items 3 and 4) ------------------------------------------------

def _expiry(pki):
    return pki.cert("expired").not_valid_after


@pytest.mark.parametrize("fmt", ["pdf", "p7s"])
def test_a_time_stamp_after_the_certificate_expired_proves_nothing(pki, trust, fmt):
    """The only time-stamp is later than the signing certificate's expiry: nothing proves the
    signature existed while the certificate was valid. EN 319 102-1, 5.5.4 (validation with
    time) and 5.6.2: INDETERMINATE / OUT_OF_BOUNDS_NO_POE, also when validating at the
    time-stamp's own time (`--at`)."""
    late = _expiry(pki) + policy_pki.days(10)
    if fmt == "pdf":
        path = pki.sign_pdf(pki.dir / "late.pdf", pki.signer("expired"), timestamp_at=late, lt=True)
    else:
        path = pki.sign_cms(pki.dir / "late.txt.p7s", pki.signer("expired"), timestamp_at=late, crl=True)
    for at in (None, late, late + policy_pki.days(1)):
        sig = _only(verify_file(path, trust, offline=True, at=at))
        assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "OUT_OF_BOUNDS_NO_POE"), (at, sig.message)


@pytest.mark.parametrize("fmt", ["pdf", "p7s"])
def test_b_t_of_an_expired_certificate_without_revocation_data_is_indeterminate(pki, fmt, tmp_path):
    """B-T, no revocation data anywhere, offline, the certificate has expired since. The
    time-stamp (before expiry) is valid: its TSA is a trust anchor of its own, as a trusted
    list makes it. pyhanko's validation with time then passes without ever establishing the
    signer's revocation status; without revocation data (or proof it is not needed) the answer
    is INDETERMINATE (EN 319 102-1, 5.2.5 and 5.5.4), as for a certificate still valid."""
    (tmp_path / "root.der").write_bytes(pki.root.dump())
    (tmp_path / "tsa.der").write_bytes(pki.cert("tsa").dump())
    tsa_trusted = TrustStore.from_dir(tmp_path)
    early = _expiry(pki) - policy_pki.days(10)
    if fmt == "pdf":
        path = pki.sign_pdf(pki.dir / "bt-expired.pdf", pki.signer("expired"), timestamp_at=early)
    else:
        path = pki.sign_cms(pki.dir / "bt-expired.txt.p7s", pki.signer("expired"), timestamp_at=early)
    report = verify_file(path, tsa_trusted, offline=True)
    sig = _only(report)
    assert sig.timestamps and sig.timestamps[0].indication is PASSED
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "TRY_LATER"), sig.message
    assert "Expired Certificate Holder" in sig.message
    assert exit_status([report]) == 2


# --- a negative RSA modulus (item 8) -------------------------------------------------------

@pytest.mark.parametrize("fmt", ["pdf", "p7s"])
def test_a_negative_rsa_modulus_is_read_as_meant_with_a_warning(pki, trust, fmt):
    """An RSA modulus DER-encoded without its leading zero byte reads as a negative INTEGER
    (ITU-T X.690 8.3.3; asn1crypto: "math domain error", so the signature was "damaged"). As other
    validators do, it is read as the unsigned number meant: the signature verifies, with a warning."""
    cert, key = policy_pki.negative_modulus(pki)
    signer = pki.signer("signer", cert=cert, key=key)
    if fmt == "pdf":
        path = pki.sign_pdf(pki.dir / "negative.pdf", signer, lt=True)
    else:
        path = pki.sign_cms(pki.dir / "negative.txt.p7s", signer, with_timestamp=True, crl=True)
    sig = _only(verify_file(path, trust, offline=True))
    assert (sig.indication, sig.sub_indication) == (PASSED, None), sig.message
    assert any("negative number" in w for w in sig.warnings)


# --- enveloping CAdES (item 9) ---------------------------------------------------------------

@pytest.mark.parametrize("level", ["B-B", "B-T", "B-LT", "B-LTA"])
def test_enveloping_cades_is_verified_at_every_level(pki, trust, level):
    """An enveloping signature (.p7m) carries the signed content in encapContentInfo; the
    message digest is over that content (RFC 5652, 5.4), not over a detached file. B-B and B-T
    carry no revocation data, so offline they are INDETERMINATE / TRY_LATER, never FAILED;
    B-LT passes, and so does B-LTA (an archive-time-stamp-v3 attribute, EN 319 122-1 5.5.3,
    which made the file unreadable)."""
    options = {"B-B": {}, "B-T": {"with_timestamp": True}, "B-LT": {"with_timestamp": True, "crl": True},
               "B-LTA": {"archive": True}}[level]
    path = pki.sign_cms(pki.dir / f"enveloping-{level}.p7m", pki.signer("signer"), detached=False, **options)
    report = verify_file(path, trust, offline=True)
    sig = _only(report)
    assert sig.coverage == "attached-data" and sig.level == level
    assert sig.intact and sig.cryptographically_valid
    if level in ("B-LT", "B-LTA"):
        assert (sig.indication, sig.sub_indication) == (PASSED, None), sig.message
    else:
        assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "TRY_LATER"), sig.message


def test_changed_enveloped_content_fails(pki, trust, tmp_path):
    """A byte of the enveloped content changed: the message digest no longer matches
    (RFC 5652, 5.4; EN 319 102-1 5.2.7: TOTAL-FAILED / HASH_FAILURE)."""
    der = pki.sign_cms(pki.dir / "to-change.p7m", pki.signer("signer"), detached=False, crl=True,
                       with_timestamp=True).read_bytes()
    at = der.index(policy_pki.DATA)
    changed = tmp_path / "changed.p7m"
    changed.write_bytes(der[:at] + policy_pki.DATA.replace(b"version 3", b"version 4") + der[at + len(policy_pki.DATA):])
    sig = _only(verify_file(changed, trust, offline=True))
    assert (sig.indication, sig.sub_indication) == (FAILED, "HASH_FAILURE"), sig.message


def test_the_enveloped_content_can_be_saved(pki, trust, imza, tmp_path):
    """`imza verify x.p7m --extract OUT` writes the content the signature carries, never over an
    existing file; a detached signature has nothing to extract."""
    path = pki.sign_cms(tmp_path / "contract.txt.p7m", pki.signer("signer"), detached=False, crl=True,
                        with_timestamp=True)
    out = tmp_path / "contract.txt"
    proc = imza("verify", path, "--trust", pki.dir / "trust", "--extract", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes() == policy_pki.DATA
    proc = imza("verify", path, "--trust", pki.dir / "trust", "--extract", out)
    assert proc.returncode == 4 and "already exists" in proc.stderr
    assert out.read_bytes() == policy_pki.DATA
    detached = pki.sign_cms(tmp_path / "other.txt.p7s", pki.signer("signer"), crl=True, with_timestamp=True)
    proc = imza("verify", detached, "--trust", pki.dir / "trust", "--extract", tmp_path / "nothing.txt")
    assert proc.returncode == 3 and "nothing to save" in proc.stderr
    assert not (tmp_path / "nothing.txt").exists()


@pytest.mark.parametrize(("label", "verdict"), [("auth", (INDETERMINATE, "CHAIN_CONSTRAINTS_FAILURE")),
                                                ("keyenc", (FAILED, "SIG_CRYPTO_FAILURE"))])
def test_key_usage_policy_holds_for_xades_in_asice(pki, trust, label, verdict):
    """The same key-usage policy for a XAdES signature in ASiC-E (EN 319 102-1, 5.2.6 / 5.2.7)."""
    from tests.support.xades_samples import xades_container

    path = pki.dir / f"{label}-xades.asice"
    path.write_bytes(asyncio.run(xades_container({"contract.txt": policy_pki.DATA}, pki.signer(label),
                                                 pki.cert(label))))
    sig = _only(verify_file(path, trust, offline=True))
    assert (sig.indication, sig.sub_indication) == verdict, sig.message
    if label == "auth":
        assert AUTH_WORDS in sig.message


# --- a library failing is no verdict (item 10) -----------------------------------------------

def test_a_signature_field_pointing_at_a_missing_object_is_indeterminate(pki, trust, tmp_path):
    """The signature field's /V names an object the file does not hold: pyhanko's reader fails
    on it (an AssertionError deep in the library), which says nothing about the signature.
    EN 319 102-1, 5.1.3 (Table 4): INDETERMINATE when the available information is insufficient
    to reach TOTAL-PASSED or TOTAL-FAILED; it was TOTAL-FAILED "damaged or tampered with"."""
    import re

    data = pki.sign_pdf(pki.dir / "missing-v.pdf", pki.signer("signer"), lt=True).read_bytes()
    m = re.search(rb"/V (\d+) 0 R", data)
    broken = tmp_path / "missing-object.pdf"
    broken.write_bytes(data[:m.start(1)] + b"9" * len(m.group(1)) + data[m.end(1):])
    report = verify_file(broken, trust, offline=True)
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "GENERIC"), sig.message
    assert "could not be checked" in sig.message and "AssertionError" in sig.message
    assert exit_status([report]) == 2
