"""Signature time-stamps, each with its own verdict (EN 319 102-1, 5.4), and what that does to the signature's.

A signature time-stamp is an RFC 3161 token in the signer's unsigned attributes whose message
imprint is the hash of the signature value. pyhanko validates it inside validation with time
(5.5) but keeps the status of a time-stamp only when it passed; when none passes, the last
one's sub-indication becomes the signature's (a replaced time-stamp reads as "the signed
content was changed"). So each time-stamp is reported here from the cheapest source:

- the status pyhanko kept (with-time or LTA validation): reused, no second validation;
- ltv.py's validation at the time-stamp's own time, which passed only if the first
  time-stamp validated then: reported as such;
- otherwise validated here with the signature's own validation spec (offline: nothing but
  the data embedded in the file), at the same validation time.

Then, as EN 319 102-1 5.5.4 says, a time-stamp that FAILED is ignored: it proves nothing,
the signature is judged as if it were not there, and its time is not reported as the signing
time. An INDETERMINATE time-stamp keeps a signature that is otherwise fine INDETERMINATE
(pyhanko's verdict), and the message says that the time-stamp is the reason.
"""

from __future__ import annotations

import dataclasses
import hashlib

from asn1crypto import cms
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate, AdESPassed, AdESSubIndic
from pyhanko.sign.general import find_cms_attribute_iter
from pyhanko.sign.validation import ades
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.generic_cms import message_imprint_checker
from pyhanko.sign.validation.policy_decl import (
    SignatureValidationSpec,
    bootstrap_validation_data_handlers,
)
from pyhanko_certvalidator.ltv.poe import ValidationObject, ValidationObjectType
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

from desktop.core.i18n import tr
from desktop.core.model import Indication, SignatureReport, TimestampReport
from desktop.verify import policy
from desktop.verify import report as rep

# What a time-stamp's sub-indication means for the reader; others fall back to the generic text.
MESSAGES: dict[str, str] = {
    "HASH_FAILURE": "The time-stamp does not belong to this signature: its message imprint does not match the "
                    "signature value, so it was replaced or damaged and proves nothing about the signing time.",
    "SIG_CRYPTO_FAILURE": "The time-stamp's own signature does not verify: it is forged or damaged.",
    "FORMAT_FAILURE": "The time-stamp is malformed and cannot be checked.",
    "REVOKED": "The time-stamping authority's certificate was revoked before the time-stamp was made.",
    "NO_SIGNING_CERTIFICATE_FOUND": "The time-stamping authority's certificate is not in the time-stamp.",
    "NO_CERTIFICATE_CHAIN_FOUND": "The time-stamping authority's certificate does not chain up to any trusted "
                                  "root certificate.",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "The time-stamping authority's certificate chain could not be validated.",
    "CHAIN_CONSTRAINTS_FAILURE": "The time-stamping authority's certificate is not acceptable for time-stamping.",
    "TRY_LATER": "The revocation status of the time-stamping authority's certificate could not be established.",
    "OUT_OF_BOUNDS_NO_POE": "The time-stamping authority's certificate has expired or is not yet valid.",
    "OUT_OF_BOUNDS_NOT_REVOKED": "The time-stamping authority's certificate has expired or is not yet valid.",
    "CRYPTO_CONSTRAINTS_FAILURE": "The time-stamp uses an algorithm or key size that is no longer considered secure.",
}


def message_for(sub: str | None, report: TimestampReport) -> str:
    """The sentence for a time-stamp's verdict: its time when valid, else why not (sub-indication name `sub`)."""
    if sub is None:
        return tr("The time-stamp is valid: the signature existed at {time}.", time=rep.when(report.time))
    if sub in MESSAGES:
        return tr(MESSAGES[sub])
    return tr("The time-stamp could not be validated: {reason}", reason=rep.message_for(sub))


def tokens(signer_info) -> list[cms.ContentInfo]:
    """The signature time-stamp tokens of a SignerInfo, in order."""
    unsigned = signer_info["unsigned_attrs"]
    if not isinstance(unsigned, cms.CMSAttributes):  # absent (`.native` would decode every token)
        return []
    return list(find_cms_attribute_iter(unsigned, "signature_time_stamp_token"))


def _embedded_objects(embedded: policy.Embedded) -> list[ValidationObject]:
    return ([ValidationObject(ValidationObjectType.CRL, c) for c in embedded.crls]
            + [ValidationObject(ValidationObjectType.OCSP_RESPONSE, o) for o in embedded.ocsps])


def build(token: cms.ContentInfo, sub: AdESSubIndic, status, objects, *, embedded: policy.Embedded,
          anchors: list, offline: bool, failure_msg: str | None = None) -> TimestampReport:
    """A TimestampReport from pyhanko's verdict on the token and its status object (may be None)."""
    tst = token["content"]
    indication, sub_name = rep.indication_of(sub)
    tsa = getattr(status, "signing_cert", None) or rep.signer_cert_of(tst)
    path = getattr(status, "validation_path", None)
    chain = rep.chain_from(tsa, path, rep.certificates_of(tst) + embedded.certs + anchors)
    sources = rep.revocation_sources(chain, objects, embedded, anchors)
    indication, sub_name, refined = rep.refine_missing_revocation(indication, sub_name, sources, chain, offline)
    report = TimestampReport(
        indication=indication, sub_indication=sub_name, message="",
        time=tst["encap_content_info"]["content"].parsed["gen_time"].native, authority=rep.common_name(tsa),
        authority_certificate=rep.cert_info(tsa) if tsa is not None else None,
        imprint_matches=getattr(status, "intact", None),
        cryptographically_valid=getattr(status, "valid", None),
        # The chain's own verdict, whatever the imprint says (pyhanko's `trusted` needs both).
        trusted=(status.trust_problem_indic is None and status.validation_path is not None)
        if status is not None else None,
        chain=[rep.cert_info(c) for c in chain], revocation=sources,
        token_sha256=hashlib.sha256(token.dump()).hexdigest())
    if sub is AdESFailure.HASH_FAILURE:
        report.imprint_matches = False
    report.message = refined or message_for(sub_name, report)
    if failure_msg and indication is not Indication.TOTAL_PASSED:
        report.warnings.append(str(failure_msg))
    return report


async def validate(token: cms.ContentInfo, expected_imprint, spec: SignatureValidationSpec,
                   timing: ValidationTimingInfo | None, *, embedded: policy.Embedded, anchors: list,
                   offline: bool) -> TimestampReport:
    """One time-stamp validated on its own (EN 319 102-1, 5.4) at `timing` (None: now)."""
    timing = timing or ValidationTimingInfo.now()
    # Our own handlers, so that what an online check fetches appears in the report.
    handlers = bootstrap_validation_data_handlers(spec, timing_info=timing)
    try:
        result = await ades.ades_timestamp_validation(token["content"], spec, expected_tst_imprint=expected_imprint,
                                                      validation_data_handlers=handlers, timing_info=timing)
    except SignatureValidationError as e:
        return build(token, e.ades_subindication or AdESIndeterminate.GENERIC, None, [], embedded=embedded,
                     anchors=anchors, offline=offline, failure_msg=e.failure_message)
    except (ValueError, TypeError, KeyError) as e:
        if not rep.raised_by_asn1crypto(e):
            raise
        return build(token, AdESFailure.FORMAT_FAILURE, None, [], embedded=embedded, anchors=anchors,
                     offline=offline, failure_msg=rep.short(e))
    finally:
        await handlers.aclose()
    objects = [*result.validation_objects, *rep.objects_of(handlers.revinfo_manager)]
    return build(token, result.ades_subindic, result.api_status, objects, embedded=embedded, anchors=anchors,
                 offline=offline, failure_msg=result.failure_msg)


def _kept_by_pyhanko(result) -> list[tuple[object, list]]:
    """(TimestampSignatureStatus, validation objects) of the time-stamps pyhanko's result says passed."""
    kept = []
    lta_ts = getattr(result, "signature_timestamp_status", None)
    if lta_ts is not None and lta_ts.ades_subindic is AdESPassed.OK and lta_ts.api_status is not None:
        kept.append((lta_ts.api_status, list(lta_ts.validation_objects)))
    status = getattr(result, "api_status", None)
    ts = getattr(status, "timestamp_validity", None)
    if ts is not None:  # pyhanko sets it only from a time-stamp that passed
        kept.append((ts, list(result.validation_objects)))
    return kept


def _same_token(status, tst) -> bool:
    tst_info = tst["encap_content_info"]["content"].parsed
    tsa = rep.signer_cert_of(tst)
    return (status.timestamp == tst_info["gen_time"].native and tsa is not None
            and status.signing_cert.dump() == tsa.dump())


async def check(signer_info, result, spec: SignatureValidationSpec, timing: ValidationTimingInfo | None, *,
                embedded: policy.Embedded, anchors: list, offline: bool,
                passed_at_own_time: bool = False) -> list[TimestampReport]:
    """A TimestampReport per signature time-stamp of `signer_info`.

    `result`: pyhanko's verdict on the signature (its time-stamp statuses are reused);
    `passed_at_own_time`: ltv.validate_at_timestamp succeeded, so the first time-stamp
    validated at its own time with the embedded data."""
    out = []
    kept = _kept_by_pyhanko(result)
    for i, token in enumerate(tokens(signer_info)):
        tst = token["content"]
        status, objects = next(((s, o) for s, o in kept if _same_token(s, tst)), (None, None))
        if status is not None:
            out.append(build(token, AdESPassed.OK, status, objects, embedded=embedded, anchors=anchors,
                             offline=offline))
        elif i == 0 and passed_at_own_time:
            out.append(_passed_at_own_time(token, embedded, anchors, offline))
        else:
            out.append(await validate(token, message_imprint_checker(signer_info), spec, timing,
                                      embedded=embedded, anchors=anchors, offline=offline))
    return out


def _passed_at_own_time(token, embedded: policy.Embedded, anchors: list, offline: bool) -> TimestampReport:
    report = build(token, AdESPassed.OK, None, _embedded_objects(embedded), embedded=embedded, anchors=anchors,
                   offline=offline)
    report.imprint_matches = report.cryptographically_valid = report.trusted = True
    report.message = tr("The time-stamp is valid at its own time ({time}) according to the revocation data "
                        "embedded in the signature: the signature existed then.", time=rep.when(report.time))
    return report


def judge(result, stamps: list[TimestampReport]):
    """pyhanko's with-time verdict once time-stamps that did not pass are judged as EN 319 102-1 5.5.4 says.

    Returns (result, blamed): the verdict to report, and the INDETERMINATE time-stamp that
    alone keeps the signature from passing (its message then explains the verdict), or None."""
    if (not stamps or result.ades_subindic is AdESPassed.OK
            or any(s.indication is Indication.TOTAL_PASSED for s in stamps)):
        return result, None
    status = result.api_status
    if status is None or not (status.intact and status.valid):
        return result, None  # the signature itself is broken: that verdict stands
    # pyhanko put the failing time-stamp's sub-indication in place of the signature's own.
    basic = status.trust_problem_indic or AdESPassed.OK
    if basic is not AdESPassed.OK:
        return dataclasses.replace(result, ades_subindic=basic), None
    pending = next((s for s in stamps if s.indication is Indication.INDETERMINATE), None)
    if pending is None:  # every time-stamp FAILED: ignored, the signature stands on its own
        return dataclasses.replace(result, ades_subindic=AdESPassed.OK, failure_msg=None), None
    return result, pending


def attach(report: SignatureReport, stamps: list[TimestampReport], blamed: TimestampReport | None = None) -> None:
    """Put the time-stamps on the signature's report, with what they mean for it.

    `timestamp_time`/`timestamp_authority` keep their meaning (the signature time-stamp's
    time and authority), but never come from a time-stamp that FAILED."""
    report.timestamps = stamps
    shown = (next((s for s in stamps if s.indication is Indication.TOTAL_PASSED), None)
             or next((s for s in stamps if s.indication is Indication.INDETERMINATE), None))
    report.timestamp_time, report.timestamp_authority = (shown.time, shown.authority) if shown else (None, None)
    for s in stamps:
        if s.indication is Indication.TOTAL_FAILED:
            report.warnings.append(tr("A signature time-stamp ({tsa}, {time}) is not valid ({sub}) and was "
                                      "ignored: it does not prove when the signature was made.",
                                      tsa=s.authority or "?", time=rep.when(s.time), sub=s.sub_indication))
    if blamed is not None:
        report.sub_indication = blamed.sub_indication
        report.message = tr("The signature itself is intact and its signer's certificate is trusted, but its "
                            "time-stamp could not be validated: {reason}", reason=blamed.message)
