"""B-LT signatures whose embedded revocation data is no longer fresh.

Validation at the current time (EN 319 102-1, 5.5) needs revocation data that is fresh now;
the OCSP responses a B-LT signature carries were fresh when it was made and expire soon after
(ten minutes in the demo PKI). Without a document time-stamp there is no proof of when that
data existed, so the long-term process (5.6) cannot help either, and an offline check ends
INDETERMINATE/TRY_LATER.

The signature time-stamp does prove when the signature existed, though. So, as Adobe's and
pyhanko's classic "LTV" validation do, we validate once more *at the time-stamp's time*, using
only the embedded data and accepting revocation data issued after that moment (it can only know
more). That answers the question that matters for a B-LT signature: was the certificate valid
and unrevoked when the signature provably existed? It is tried only after the standard
processes stayed INDETERMINATE, and only when the time-stamp itself validates at its own time.

Most B-LT letters a person verifies are old enough for that, and validating them now first
costs as much again as the answer. So when validation now is bound to stay INDETERMINATE for
want of fresh data (`bound_to_wait`), the validation at the time-stamp is tried first; the
standard processes run only if it does not pass, and give the same verdict as before.
"""

from __future__ import annotations

from asn1crypto import crl
from pyhanko.sign.ades.report import AdESIndeterminate, AdESPassed
from pyhanko.sign.validation import ades
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter, message_imprint_checker
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo, ValidationTimingParams
from pyhanko_certvalidator.revinfo.archival import RevinfoUsabilityRating

from desktop.core.i18n import tr
from desktop.verify import policy
from desktop.verify import report as rep
from desktop.verify.report import when
from desktop.verify.trust import TrustStore

# INDETERMINATE outcomes that stale or unprovable revocation data can explain.
RETRY_AT_TIMESTAMP = {
    AdESIndeterminate.TRY_LATER,
    AdESIndeterminate.NO_POE,
    AdESIndeterminate.REVOCATION_OUT_OF_BOUNDS_NO_POE,
    AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE,
}


def worth_trying(result, signer_cert, embedded: policy.Embedded) -> bool:
    """Whether validating at the signature time-stamp's time (module docstring) can change `result`:
    an INDETERMINATE that stale revocation data explains, with the embedded data covering the signer.
    """
    return (result.ades_subindic in RETRY_AT_TIMESTAMP and signer_cert is not None
            and embedded.covers(signer_cert))


async def standard_or_at_timestamp(standard, signed_data, signer_info, raw_digest: bytes, trust: TrustStore,
                                   embedded: policy.Embedded, spec, signer_cert, *, first_at_timestamp: bool = True):
    """(standard verdict, verdict at the signature time-stamp) for a time-stamped signature validated now.

    `standard` is an awaitable factory of the standard processes' verdict. The verdict at the
    time-stamp, when not None, is the one that counts; the standard one is then None if it was
    not needed. `first_at_timestamp=False` keeps the standard processes first (document
    time-stamps after the signature can prove more than the signature time-stamp)."""
    tried = first_at_timestamp and bound_to_wait(signed_data, signer_cert, embedded, spec)
    if tried:
        at_timestamp = await validate_at_timestamp(signed_data, signer_info, raw_digest, trust, embedded)
        if at_timestamp is not None:
            return None, at_timestamp
    result = await standard()
    at_timestamp = None
    if not tried and worth_trying(result, signer_cert, embedded):
        at_timestamp = await validate_at_timestamp(signed_data, signer_info, raw_digest, trust, embedded)
    return result, at_timestamp


def bound_to_wait(signed_data, signer_cert, embedded: policy.Embedded, spec) -> bool:
    """Whether validation now can only end INDETERMINATE for want of fresh revocation data.

    True when every embedded OCSP response and CRL that could speak about the signer's
    certificate is stale now, and nothing else could make the verdict now differ from the
    verdict at the time-stamp: no embedded revocation data reports any certificate revoked,
    and every certificate the signature and its time-stamps carry is within its validity
    period now. Then the first standard verdict would be TRY_LATER and `worth_trying`.
    Damaged data here is left to the standard processes, which judge it as before."""
    try:
        return _bound_to_wait(signed_data, signer_cert, embedded, spec)
    except (ValueError, TypeError, KeyError) as e:
        if not rep.raised_by_asn1crypto(e):
            raise
        return False


def _bound_to_wait(signed_data, signer_cert, embedded: policy.Embedded, spec) -> bool:
    if signer_cert is None:
        return False
    cert_policy = spec.cert_validation_policy
    now = ValidationTimingParams(ValidationTimingInfo.now(), cert_policy.time_tolerance)
    stale = RevinfoUsabilityRating.STALE
    # Cheapest first: a fresh letter is told apart by its signer's revocation data alone.
    about_signer = embedded.about(signer_cert)
    if not about_signer or any(item.usable_at(cert_policy.revinfo_policy, now).rating is not stale
                               for item in about_signer):
        return False
    carried = _carried_certs(signed_data)
    if not all(c.not_valid_before <= now.validation_time <= c.not_valid_after for c in carried):
        return False
    serials = {c.serial_number for c in [*carried, *embedded.certs]}
    for o in embedded.ocsps:
        single = o.extract_single_response()
        if single is None or single["cert_status"].name != "good":
            return False
    for c in embedded.crls:
        revoked = c.crl_data["tbs_cert_list"]["revoked_certificates"]
        if isinstance(revoked, crl.RevokedCertificates) and any(
                entry["user_certificate"].native in serials for entry in revoked):
            return False
    return True


def _carried_certs(signed_data) -> list:
    """The certificates of a SignedData and of its signature time-stamps."""
    out = rep.certificates_of(signed_data)
    for signer_info in signed_data["signer_infos"]:
        for tst in extract_tst_data_iter(signer_info, signed=False):
            out.extend(rep.certificates_of(tst))
    return out


async def validate_at_timestamp(signed_data, signer_info, raw_digest: bytes, trust: TrustStore,
                                embedded: policy.Embedded):
    """The basic validation result at the signature time-stamp's time, or None if that fails too."""
    tst = next(extract_tst_data_iter(signer_info, signed=False), None)
    if tst is None:
        return None
    ts_time = tst["encap_content_info"]["content"].parsed["gen_time"].native
    timing = ValidationTimingInfo(validation_time=ts_time, best_signature_time=ts_time,
                                  point_in_time_validation=True)
    spec = policy.signature_spec(trust, embedded, offline=True, retroactive=True)
    ts_result = await ades.ades_timestamp_validation(
        tst, spec, expected_tst_imprint=message_imprint_checker(signer_info), timing_info=timing)
    if ts_result.ades_subindic is not AdESPassed.OK:
        return None
    result = await ades.ades_basic_validation(signed_data, spec, timing_info=timing, raw_digest=raw_digest)
    return result if result.ades_subindic is AdESPassed.OK else None


def annotate(report) -> None:
    """Say on the report that its verdict rests on the signature time-stamp's time."""
    report.message = tr("The signature is valid: it was time-stamped at {time}, when the signer's certificate "
                        "was valid and unrevoked according to the revocation data embedded in it.",
                        time=when(report.timestamp_time))
    report.warnings.append(tr("The embedded revocation data is no longer fresh, so the signature was validated "
                              "at its time-stamp's time; an archive time-stamp (B-LTA) keeps such proofs "
                              "verifiable in the long term."))
