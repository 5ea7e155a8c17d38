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
"""

from __future__ import annotations

from pyhanko.sign.ades.report import AdESIndeterminate, AdESPassed
from pyhanko.sign.validation import ades
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter, message_imprint_checker
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

from desktop.core.i18n import tr
from desktop.verify import policy
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
    return (result.ades_subindic in RETRY_AT_TIMESTAMP and signer_cert is not None
            and embedded.covers(signer_cert))


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
