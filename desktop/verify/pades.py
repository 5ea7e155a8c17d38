"""PAdES: every signature and document time-stamp in a PDF, each turned into a SignatureReport.

The verdict follows EN 319 102-1: basic validation (B-B), validation with time when a
signature time-stamp is present, and, when that stays INDETERMINATE and document time-stamps
follow the signature, the long-term (LTA) process that uses them as proof of existence.
pyhanko's verdict is about the signed bytes; the changes made to the PDF after signing are
judged here, and forbidden ones make the signature TOTAL-FAILED.
"""

from __future__ import annotations

import re
import zlib
from io import BytesIO
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.crypt import AuthStatus, StandardSecurityHandler
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate, AdESStatus
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.general import find_unique_cms_attribute
from pyhanko.sign.validation import ades
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    bootstrap_validation_data_handlers,
)
from pyhanko.sign.validation.status import DocumentTimestampStatus
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

from desktop.core.i18n import tr
from desktop.core.model import FileReport, Indication, SignatureLevel, SignatureReport
from desktop.verify import byte_range, fastasn1, ltv, modifications, policy, timestamps
from desktop.verify import report as rep
from desktop.verify.pdf_changes import is_document_timestamp
from desktop.verify.trust import TrustStore

# What a damaged PDF structure raises while it is being read.
# Found by fuzzing besides the obvious: decimal.InvalidOperation (ArithmeticError) for a malformed
# real number, zlib.error for a damaged compressed stream, RecursionError for absurd nesting.
OPEN_ERRORS = (PdfError, ValueError, TypeError, KeyError, IndexError, AttributeError,
               ArithmeticError, zlib.error, EOFError, NotImplementedError, RecursionError,
               AssertionError)  # pyhanko's xref reader asserts on what it cannot read

_EOF_LINE = re.compile(rb"%%EOF[ \t]*(?:\r\n|\r|\n)?")


def _unreadable(path: Path, message: str) -> FileReport:
    return FileReport(path, "pdf", [], error=message)


def _open_error(data: bytes) -> str:
    try:
        PdfFileReader(BytesIO(data), strict=False).root  # noqa: B018 - as open_reader
    except OPEN_ERRORS as e:
        return rep.short(e)
    return "?"


def open_reader(path: Path, data: bytes) -> PdfFileReader | str:
    """The reader, or one line saying why the PDF cannot be verified."""
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        reader.root  # noqa: B018 - forces the trailer and catalog to be parsed now
    except OPEN_ERRORS as e:
        return tr("{path} is a damaged or truncated PDF ({detail}); get a complete copy of the document.",
                  path=path, detail=rep.short(e))
    if reader.encrypted:
        sh = reader.security_handler
        if not (isinstance(sh, StandardSecurityHandler) and reader.decrypt("").status != AuthStatus.FAILED):
            return tr("{path} is an encrypted (password-protected) PDF and cannot be verified; "
                      "ask the sender for an unencrypted copy.", path=path)
    return reader


def _dss_knowledge(reader: PdfFileReader, warnings: list[str]) -> policy.Embedded:
    """The certificates, CRLs and OCSP responses of the document's DSS (PAdES B-LT and up).

    Read here rather than with pyhanko's DocumentSecurityStore, which parses each certificate
    twice, and parsed through fastasn1.shared: letters of one batch share most of them."""
    embedded = policy.Embedded()
    try:
        root = reader.root
        dss = root["/DSS"] if "/DSS" in root else None
        if dss is None:
            return embedded
        for ref in _dss_array(dss, "/CRLs"):
            embedded.add_crl(_dss_value(ref, asn1_crl.CertificateList, DecodePurpose.CRL), policy.FROM_DSS)
        for ref in _dss_array(dss, "/OCSPs"):
            embedded.add_ocsp(_dss_value(ref, asn1_ocsp.OCSPResponse, DecodePurpose.OCSP_RESPONSE), policy.FROM_DSS)
        for ref in _dss_array(dss, "/Certs"):
            cert = _dss_value(ref, x509.Certificate, DecodePurpose.CERTIFICATE)
            cert.issuer_serial  # noqa: B018 - as pyhanko's reader does: a damaged certificate shows here
            embedded.add_cert(cert)
    except OPEN_ERRORS as e:
        warnings.append(tr("The document's validation data (DSS) is damaged and was ignored ({detail}).",
                           detail=rep.short(e)))
    return embedded


def _dss_array(dss, key: str) -> list:
    return list(dss[key]) if key in dss else []


def _dss_value(ref, cls, purpose: DecodePurpose):
    return fastasn1.shared(cls, ref.get_object().read_data(purpose))


def _with_adobe_archival(embedded: policy.Embedded, es: EmbeddedPdfSignature) -> policy.Embedded:
    try:
        archival = find_unique_cms_attribute(es.signer_info["signed_attrs"], "adobe_revocation_info_archival")
    except Exception:  # noqa: BLE001 - absent or malformed: the attribute is optional
        return embedded
    local = policy.Embedded(list(embedded.certs), list(embedded.crls), list(embedded.ocsps), dict(embedded.origins))
    for crl in archival["crl"]:
        local.add_crl(crl, policy.FROM_ADOBE)
    for resp in archival["ocsp"]:
        local.add_ocsp(resp, policy.FROM_ADOBE)
    return local


async def verify_pdf(path: Path, data: bytes, trust: TrustStore, *, offline: bool) -> FileReport:
    """Verify every signature and document time-stamp in the PDF `data` (the bytes of `path`).

    A PDF whose newest part cannot be read is verified as it was up to its last readable signed
    revision, with a warning; one with no signature comes back with `error`. `offline`: only what
    the file carries and the trust store. Never raises for a bad file.
    """
    reader = open_reader(path, data)
    if isinstance(reader, str):
        return await _signed_part_of_damaged(path, data, trust, offline, None) or _unreadable(path, reader)
    try:
        found = list(enumerate_sig_fields(reader, filled_status=True))
    except OPEN_ERRORS as e:
        return await _signed_part_of_damaged(path, data, trust, offline, rep.short(e)) or _unreadable(
            path, tr("{path} has a damaged form structure ({detail}); get a fresh copy.", path=path, detail=rep.short(e)))
    # Earlier revisions are looked at only when the newest lists no signature: doing it for every
    # signed file (a signature removed before a later one was made) would cost each verification.
    removed = [] if found else _removed_from_view(reader)
    found += [(name, value, field) for name, value, field, _last in removed]
    if not found:
        return _unreadable(path, tr("{path} contains no signature; nothing to verify. "
                                    "Check that you picked the signed copy.", path=path))
    relabelled = _relabel_sig_typed_timestamps(found)
    file_warnings: list[str] = []
    embedded = _dss_knowledge(reader, file_warnings)
    parsed: list[tuple[int, str, EmbeddedPdfSignature | SignatureReport]] = []
    for fq_name, _sig_obj, sig_field in found:
        # A plain str: pyhanko's text object keeps a reference to the reader, so a report
        # holding it would carry the whole PDF along when it is pickled (batch verification).
        fq_name = str(fq_name)
        try:
            es = EmbeddedPdfSignature(reader, sig_field, fq_name)
            rep.decode_signer_infos(es.signed_data)
            parsed.append((es.signed_revision, fq_name, es))
        except OPEN_ERRORS as e:
            parsed.append((reader.xrefs.total_revisions, fq_name, _undecodable(data, reader, sig_field, fq_name, e)))
    parsed.sort(key=lambda item: item[0])
    decoded = [es for _, _, es in parsed if isinstance(es, EmbeddedPdfSignature)]
    doc_timestamps = [es for es in decoded if modifications.is_timestamp(es)]
    facts = modifications.document_facts(reader, data, decoded)

    reports: list[SignatureReport] = []
    for _, _name, es in parsed:
        if isinstance(es, SignatureReport):
            reports.append(es)
            continue
        reports.append(await _verify_one(es, reader, embedded, doc_timestamps, trust, offline, facts, data))
    removed_by = {str(name): last + 1 for name, _value, _field, last in removed}  # 0-based revisions
    for r in reports:
        r.warnings[:0] = file_warnings
        if r.field_name in removed_by:
            rev = removed_by[r.field_name]
            modifications.signature_removed(r, rev + 1 - sum(1 for p in facts.linearized if p <= rev))
        if r.field_name in relabelled:
            r.warnings.append(tr("This document time-stamp is written as a signature (/Type /Sig); it was "
                                 "checked as the document time-stamp its /SubFilter /ETSI.RFC3161 says it is."))
    return FileReport(path, "pdf", reports, revisions=reader.xrefs.total_revisions - len(facts.linearized))


def _value_key(name, value, field):
    """What identifies a filled signature field across revisions: its signature dictionary's reference."""
    try:
        ref = field.get_object().raw_get("/V")
    except OPEN_ERRORS:
        return ("name", str(name))
    return getattr(ref, "reference", None) or ("name", str(name))


def _removed_from_view(reader: PdfFileReader) -> list[tuple]:
    """The signatures earlier revisions list, for a newest revision that lists none (their field or
    form dropped in an update; ISO 32000-2 7.5.6 keeps the signed revisions in the file): (name,
    value, field, the last 0-based revision listing it), read through that revision. The
    MAX_PREFIXES revisions before the newest are looked at."""
    total = reader.xrefs.total_revisions
    if total < 2:
        return []
    seen: set = set()
    removed: list[tuple] = []
    for rev in range(total - 2, max(-1, total - 2 - MAX_PREFIXES), -1):
        try:
            listed = list(enumerate_sig_fields(reader.get_historical_resolver(rev), filled_status=True))
        except OPEN_ERRORS:
            continue
        for name, value, field in listed:
            key = _value_key(name, value, field)
            if key not in seen:
                seen.add(key)
                removed.append((name, value, field, rev))
    return removed


def _relabel_sig_typed_timestamps(found) -> set[str]:
    """Treat /Type /Sig dictionaries whose /SubFilter is /ETSI.RFC3161 as the document time-stamps
    they are (ETSI EN 319 142-1, 5.4.3), everywhere pyhanko looks at /Type: its change analysis
    (an LTA update, allowed after any certification) and its long-term validation (proof of
    existence). Done on the parsed dictionary in the reader's cache, never on the bytes, which
    the signatures' digests are computed over; the names of the fields so treated."""
    names = set()
    for fq_name, value, _field in found:
        try:
            sig_obj = value.get_object()
        except OPEN_ERRORS:
            continue  # judged when the signature is decoded
        if isinstance(sig_obj, generic.DictionaryObject) and is_document_timestamp(sig_obj) \
                and sig_obj.get("/Type") != "/DocTimeStamp":
            sig_obj[generic.NameObject("/Type")] = generic.NameObject("/DocTimeStamp")
            names.add(str(fq_name))
    return names


MAX_PREFIXES = 8  # earlier revisions tried when the end of a PDF cannot be read


async def _signed_part_of_damaged(path: Path, data: bytes, trust: TrustStore, offline: bool,
                                  detail: str | None) -> FileReport | None:
    """The verdicts on a PDF whose newest part cannot be read but whose signed revision can.

    An incremental update appended after signing (a shadow attack, a broken editor) may be
    unreadable while the revisions before it read and verify. Then each signature is judged
    on the file as it was up to the newest readable revision that holds signatures, and the
    rest is reported as changed after signing and unreadable (TOTAL-FAILED): what a viewer
    shows may not be what was signed. None when no earlier revision reads with a signature.
    `detail`: what is wrong with the whole file (None: found again here, only if needed)."""
    found = await _newest_signed_part(path, data, trust, offline)
    if found is None:
        return None
    report, end = found
    detail = detail or _open_error(data)
    for sig in report.signatures:
        modifications.unreadable_later_part(sig, len(data) - end, report.revisions, detail)
    return report


async def _newest_signed_part(path: Path, data: bytes, trust: TrustStore,
                              offline: bool) -> tuple[FileReport, int] | None:
    """The report on the file cut after its newest earlier revision that reads and holds a
    signature, and where it was cut; None when there is none (MAX_PREFIXES revisions tried)."""
    content_end = len(data.rstrip(b" \t\r\n\x00\x0c"))
    ends = [m.end() for m in _EOF_LINE.finditer(data) if m.end() < content_end]
    for end in reversed(ends[-MAX_PREFIXES:]):
        prefix = data[:end]
        reader = open_reader(path, prefix)
        if isinstance(reader, str):
            continue
        try:
            if not any(True for _ in enumerate_sig_fields(reader, filled_status=True)):
                continue
        except OPEN_ERRORS:
            continue
        report = await verify_pdf(path, prefix, trust, offline=offline)
        if report.error is not None or not report.signatures:
            continue
        return report, end
    return None


def _undecodable(data: bytes, reader, sig_field, fq_name: str, error: Exception) -> SignatureReport:
    """A signature whose value cannot even be parsed (universal signature forgery, damage): say why."""
    sig_ref = None
    try:
        sig_ref = sig_field.get_object().raw_get("/V")
        sig_obj = sig_ref.get_object()
        problems = byte_range.signature_value_problems(sig_obj)
        problems += byte_range.byte_range_problems(data, reader, getattr(sig_ref, "reference", None), sig_obj)
    except OPEN_ERRORS:
        problems = []
    if problems:
        message = tr("The signature cannot be decoded: {problem}. It is damaged or was tampered with.",
                     problem=problems[0])
    elif not rep.proves_damage(error):  # a library failed on it: no verdict (issue 13, item 10)
        return rep.unreadable_structure(error, field_name=fq_name)
    else:
        message = tr("The signature cannot be decoded: it is damaged or was tampered with.")
    broken = rep.broken(message, field_name=fq_name)
    try:
        broken.revision = reader.xrefs.get_last_change(sig_ref.reference) + 1
    except OPEN_ERRORS:
        pass
    broken.warnings.extend(problems[1:])
    broken.warnings.append(rep.short(error))
    return broken


async def _verify_one(es, reader, embedded, doc_timestamps, trust, offline, facts, data) -> SignatureReport:
    is_timestamp = modifications.is_timestamp(es)
    dishonest = modifications.byte_range_verdict(es, data)
    if dishonest is not None:
        dishonest.kind = _kind(is_timestamp)
        dishonest.signer = rep.common_name(_signer_cert(es))
        return dishonest
    try:
        diff_problem = None
        try:
            # pyhanko's change analysis refuses a form with a period in a partial field name
            # outright; pdf_changes judges the later revisions then (modifications.judge says so).
            es.compute_integrity_info(modifications.DIFF_POLICY, skip_diff=bool(facts.dotted_names))
        except modifications.LIBRARY_ERRORS as e:
            # pyhanko's change analysis chokes on some malformed structures (found by fuzzing, e.g.
            # a field name that is not text; sloppy writers: a field that is not an indirect object;
            # a KeyError on an object a later revision names but does not hold, an assertion on
            # an object of an unexpected type). The signature itself is still checked, and
            # pdf_changes alone judges the later revisions; if it cannot either,
            # modifications.judge says why (unreadable: TOTAL-FAILED; a library failing: no verdict).
            diff_problem = rep.short(e) if isinstance(e, PdfError) else rep.described(e)
            try:
                es.compute_integrity_info(skip_diff=True)
            except (TypeError, ValueError, KeyError, IndexError, AttributeError, AssertionError) as e2:
                if rep.proves_damage(e2):
                    return rep.broken(tr("The document's structure is malformed ({detail}), so the changes made "
                                         "after signing cannot be checked: it is damaged or was tampered with.",
                                         detail=rep.short(e2)), field_name=es.field_name, kind=_kind(is_timestamp))
                # a library failing on the structure around the signature: no verdict (issue 13, item 10)
                return rep.unreadable_structure(e2, field_name=es.field_name, kind=_kind(is_timestamp))
        if is_timestamp:
            report = await _doc_timestamp(es, embedded, trust, offline)
        else:
            report = await _signature(es, reader, embedded, doc_timestamps, trust, offline,
                                      check_changes=not (facts.dotted_names or diff_problem))
        try:
            modifications.judge(report, es, facts, data, diff_problem=diff_problem)
        except modifications.LIBRARY_ERRORS as e:
            if rep.proves_damage(e) or rep.unreadable_pdf_data(e):
                raise
            # e.g. pyhanko reading a /Lock rewritten as a number: the signature's own verdict stands,
            # the changes after it are unjudged (issue 13, item 10)
            if report.revision is None:
                report.revision = facts.revision_of(es) + 1
            modifications.analysis_failed(report, rep.described(e))
        return report
    except SignatureValidationError as e:
        sub = e.ades_subindication or AdESIndeterminate.GENERIC
        indication, sub_name = rep.indication_of(sub)
        return SignatureReport(indication, sub_name, tr("The signature cannot be validated: {detail}.",
                                                        detail=rep.short(e)),
                               field_name=es.field_name, kind=_kind(is_timestamp))
    except PdfError as e:
        return rep.broken(tr("The signature is malformed ({detail}): it is damaged or was tampered with.",
                             detail=rep.short(e)), field_name=es.field_name, kind=_kind(is_timestamp))
    except Exception as e:  # noqa: BLE001 - a bug must not pass for a verdict on the signature
        return rep.internal_error(e, field_name=es.field_name, kind=_kind(is_timestamp))


def _kind(is_timestamp: bool) -> str:
    return "document-timestamp" if is_timestamp else "signature"


async def _signature(es, reader, embedded, doc_timestamps, trust, offline, check_changes=True) -> SignatureReport:
    local = _with_adobe_archival(embedded, es)
    spec = policy.signature_spec(trust, local, offline=offline)
    has_sig_ts = next(extract_tst_data_iter(es.signer_info, signed=False), None) is not None
    later_ts = [ts for ts in doc_timestamps if ts.signed_revision > es.signed_revision]
    # Changes after signing are judged in _judge_modifications, so the plain CMS status is
    # enough here (ades_basic_validation cannot carry PDF status fields anyway).
    timing = policy.validation_timing()
    with_time = None

    async def standard():
        nonlocal with_time
        if has_sig_ts:
            result = with_time = await ades.ades_with_time_validation(es.signed_data, spec, timing_info=timing,
                                                                      raw_digest=es.compute_digest())
        else:
            result = with_time = await ades.ades_basic_validation(es.signed_data, spec, timing_info=timing,
                                                                  raw_digest=es.compute_digest())
        if result.ades_subindic.status is AdESStatus.INDETERMINATE and later_ts:
            # Document time-stamps prove when the validation data existed (EN 319 102-1, 5.6.3).
            pdf_spec = PdfSignatureValidationSpec(spec) if check_changes else \
                PdfSignatureValidationSpec(spec, diff_policy=None)
            lta = await ades.ades_lta_validation(es, pdf_spec, timing_info=timing)
            if lta.ades_subindic.status is not AdESStatus.INDETERMINATE:
                result = lta
        return result

    if has_sig_ts and timing is None:
        result, at_timestamp = await ltv.standard_or_at_timestamp(
            standard, es.signed_data, es.signer_info, es.compute_digest(), trust, local, spec, _signer_cert(es),
            first_at_timestamp=not later_ts)
    else:
        result, at_timestamp = await standard(), None
    stamps = await timestamps.check(es.signer_info, result, spec, timing, embedded=local,
                                    anchors=trust.anchor_certificates, offline=offline,
                                    passed_at_own_time=at_timestamp is not None)
    blamed = None
    if result is with_time and at_timestamp is None:
        result, blamed = timestamps.judge(result, stamps)

    report = rep.from_result(at_timestamp or result, signer_cert=_signer_cert(es), cms_certs=_cms_certs(es),
                             embedded=local, anchors=trust.anchor_certificates, offline=offline)
    report.field_name = es.field_name
    report.claimed_signing_time = es.self_reported_timestamp  # /M, or the signing-time attribute
    timestamps.attach(report, stamps, blamed)
    report.level = _level(es, reader, has_sig_ts, later_ts, embedded)
    if at_timestamp is not None:
        ltv.annotate(report)
    return report


async def _doc_timestamp(es, embedded, trust, offline) -> SignatureReport:
    spec = policy.signature_spec(trust, embedded, offline=offline)
    # Our own handlers: pyhanko lists a time-stamp's validation objects before validating it,
    # so what it fetches would be missing from the report.
    timing = policy.validation_timing() or ValidationTimingInfo.now()
    handlers = bootstrap_validation_data_handlers(spec, timing_info=timing)
    try:
        result = await ades.ades_timestamp_validation(
            es.signed_data, spec, expected_tst_imprint=es.compute_digest, validation_data_handlers=handlers,
            timing_info=timing,
            extra_status_kwargs=es.summarise_integrity_info(), status_cls=DocumentTimestampStatus)
    finally:
        await handlers.aclose()
    report = rep.from_result(result, signer_cert=_signer_cert(es), cms_certs=_cms_certs(es), embedded=embedded,
                             anchors=trust.anchor_certificates, offline=offline,
                             extra_objects=rep.objects_of(handlers.revinfo_manager), timestamp=True)
    report.kind = "document-timestamp"
    report.field_name = es.field_name
    report.timestamp_time, report.timestamp_authority = rep.tst_facts(es.signed_data)
    if report.indication is Indication.TOTAL_PASSED:
        report.message = tr("The document time-stamp is valid: the document existed in this form at {time}.",
                            time=rep.when(report.timestamp_time))
    else:
        report.message = tr("Document time-stamp by {tsa}: {verdict}", tsa=report.timestamp_authority or "?",
                            verdict=report.message)
    return report


def _signer_cert(es: EmbeddedPdfSignature):
    return rep.signer_cert_of(es.signed_data)


def _cms_certs(es: EmbeddedPdfSignature) -> list:
    return [c.chosen for c in es.signed_data["certificates"] if c.name == "certificate"]


def _level(es, reader, has_sig_ts: bool, later_ts: list, embedded: policy.Embedded) -> str:
    """The PAdES baseline level the file actually reaches for this signature (EN 319 142-1)."""
    if not (has_sig_ts or later_ts):
        return SignatureLevel.B_B.value
    signer = _signer_cert(es)
    if signer is None or not embedded.covers(signer):
        return SignatureLevel.B_T.value
    for ts in later_ts:
        try:
            if "/DSS" in reader.get_historical_root(ts.signed_revision):
                return SignatureLevel.B_LTA.value
        except OPEN_ERRORS:
            continue
    return SignatureLevel.B_LT.value
