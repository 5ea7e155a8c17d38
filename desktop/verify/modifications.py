"""The verdict on what happened to a PDF after each signature.

pyhanko's diff policy judges the *kind* of later updates (`docmdp_ok`, `modification_level`);
its whitelist is not the last word, though. On top of it, for each signature:

- its /ByteRange must be honest (byte_range.py) and nothing but white space may follow the last
  %%EOF: otherwise TOTAL-FAILED / FORMAT_FAILURE (universal forgery, signature wrapping);
- a later update that changes what pages show (content streams, XObjects, fonts, resources),
  switches optional content (shadow attacks), rewrites a signature dictionary or the document
  structure: TOTAL-FAILED / FORMAT_FAILURE, whoever signed it later;
- on a certified document (DocMDP): with P=1 only validation data and document time-stamps may
  follow; with P=2 no annotations and no new *visible* signature fields (a "sneaky signature"
  can draw anything over the certified page): TOTAL-FAILED / FORMAT_FAILURE;
- form values, annotations or visible widgets changed in an update that no later signature
  covers: INDETERMINATE / SIG_CONSTRAINTS_FAILURE: nobody vouches for what is shown now.

Validation data (DSS), document time-stamps, metadata and further signatures are fine.
Every later change is listed in words in `SignatureReport.changes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation.pdf_embedded import read_certification_data
from pyhanko.sign.validation.status import ModificationInfo, SignatureCoverageLevel

from desktop.core.i18n import tr
from desktop.core.model import Indication, SignatureReport
from desktop.verify import byte_range
from desktop.verify import report as rep
from desktop.verify.pdf_changes import Kind, RevisionChanges, describe_revisions

COVERAGE = {
    SignatureCoverageLevel.ENTIRE_FILE: "entire-file",
    SignatureCoverageLevel.ENTIRE_REVISION: "entire-revision",
}
ALWAYS_FORBIDDEN = {Kind.PAGE_CONTENT, Kind.OPTIONAL_CONTENT, Kind.SIGNATURE_DICT, Kind.STRUCTURE}
NEEDS_A_SIGNER = {Kind.FORM_VALUE, Kind.ANNOTATION}
HARMLESS = {Kind.VALIDATION_DATA, Kind.METADATA, Kind.UNUSED}
ANALYSIS_ERRORS = (PdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)


@dataclass
class DocumentFacts:
    """What the whole file says, computed once for all its signatures."""

    revisions: list[RevisionChanges] | None  # None: the later revisions could not be analysed
    analysis_error: str | None = None
    certification: MDPPerm | None = None
    signed_revisions: list[int] = field(default_factory=list)  # 0-based, of signatures (not time-stamps)
    trailing: int = 0


def document_facts(reader, data: bytes, signatures) -> DocumentFacts:
    """`signatures`: the EmbeddedPdfSignature objects that could be decoded."""
    signed = [es.signed_revision for es in signatures if es.sig_object_type != "/DocTimeStamp"]
    try:
        info = read_certification_data(reader)
        certification = info.permission if info is not None else None
    except ANALYSIS_ERRORS:
        certification = None
    try:
        revisions, error = describe_revisions(reader), None
    except ANALYSIS_ERRORS as e:
        revisions, error = None, rep.short(e)
    return DocumentFacts(revisions, error, certification, signed, byte_range.trailing_bytes(data))


@dataclass
class _Finding:
    failed: list[str] = field(default_factory=list)  # TOTAL-FAILED reasons
    unsigned: list[str] = field(default_factory=list)  # INDETERMINATE reasons


def _later_changes(report: SignatureReport, signed_revision: int, facts: DocumentFacts) -> _Finding:
    finding = _Finding()
    for rev in facts.revisions or []:
        if rev.revision <= signed_revision + 1:
            continue
        vouched = any(s >= rev.revision - 1 for s in facts.signed_revisions)
        for change in rev.changes:
            sentence = tr("{change} after the signature by revision {n}", change=change.text, n=rev.revision)
            if change.kind in ALWAYS_FORBIDDEN or _certification_forbids(facts.certification, change):
                finding.failed.append(sentence)
            elif not vouched and (change.kind in NEEDS_A_SIGNER or change.visible):
                sentence = tr("{sentence}, which no signature covers", sentence=sentence)
                finding.unsigned.append(sentence)
            if change.kind != Kind.UNUSED:
                report.changes.append(sentence)
    return finding


def _certification_forbids(perm: MDPPerm | None, change) -> bool:
    """What a certification signature's DocMDP permission rules out (ISO 32000-2, 12.8.2.2)."""
    if perm is None or change.kind in HARMLESS or change.kind == Kind.TIMESTAMP:
        return False
    if perm is MDPPerm.NO_CHANGES:
        return True
    if perm is MDPPerm.FILL_FORMS:
        return change.kind == Kind.ANNOTATION or (change.kind in (Kind.SIGNATURE, Kind.SIGNATURE_FIELD)
                                                  and change.visible)
    return False


def judge(report: SignatureReport, es, facts: DocumentFacts, data: bytes) -> None:
    """Coverage, byte range and changes after signing; the worst finding sets the verdict."""
    info = es.summarise_integrity_info()
    coverage = info["coverage"]
    report.coverage = COVERAGE.get(coverage, "partial")
    report.revision = es.signed_revision + 1
    level = ModificationInfo(**info).modification_level
    report.modification_level = level.name.lower().replace("_", "-") if level is not None else None

    failed = []
    if facts.trailing:
        failed.append(tr("{count} bytes were appended after the end of the last revision; they are not a "
                         "proper incremental update and nobody signed them", count=facts.trailing))
    finding = _later_changes(report, es.signed_revision, facts)
    failed += finding.failed
    if coverage not in COVERAGE:
        failed.append(tr("the signature covers only part of its revision: some of the document is not signed"))
    elif info["docmdp_ok"] is False and not finding.failed:
        named = finding.unsigned + [c for c in report.changes if c not in finding.unsigned]
        failed.append(named[0] if named else tr("changes of a kind this signature does not allow ({level})",
                                                level=report.modification_level))
        failed += named[1:len(finding.unsigned)]
    if facts.revisions is None:
        report.warnings.append(tr("The changes after signing could not be analysed ({detail}).",
                                  detail=facts.analysis_error))
        if level not in (None, ModificationLevel.NONE, ModificationLevel.LTA_UPDATES):
            finding.unsigned.append(tr("the document was updated after signing ({level})",
                                       level=report.modification_level))

    if failed:
        _downgrade(report, Indication.TOTAL_FAILED, rep.MODIFIED_AFTER_SIGNING, tr(
            "The document was changed after it was signed in a way this signature does not allow: {what}. "
            "What you see is not what was signed.", what=failed[0]), failed[1:])
    elif finding.unsigned and report.indication is not Indication.TOTAL_FAILED:
        _downgrade(report, Indication.INDETERMINATE, "SIG_CONSTRAINTS_FAILURE", tr(
            "The signature itself is valid, but the document was changed after signing and nobody signed "
            "those changes: {what}. What you see is not exactly what was signed.", what=finding.unsigned[0]),
            finding.unsigned[1:])
    elif level in (ModificationLevel.FORM_FILLING, ModificationLevel.ANNOTATIONS):
        report.warnings.append(tr("The document was updated after signing ({level}); such changes are "
                                  "allowed by its signatures.", level=report.modification_level))


def byte_range_verdict(es, data: bytes) -> SignatureReport | None:
    """TOTAL-FAILED with the reasons when the signature's /ByteRange is not the honest one, else None.

    Decided before any validation: the digest of a dishonest range proves nothing, and absurd
    ranges (negative, beyond the file) must not reach the digest code at all.
    """
    problems = byte_range.signature_value_problems(es.sig_object)
    problems += byte_range.byte_range_problems(data, es.reader, _sig_ref(es), es.sig_object)
    if not problems:
        return None
    report = rep.broken(tr("The signature is not valid: {problem}. It was forged or tampered with.",
                           problem=problems[0]), field_name=es.field_name)
    report.revision = es.signed_revision + 1
    report.coverage = "partial"
    report.warnings.extend(problems[1:])
    return report


def _sig_ref(es):
    try:
        return es.sig_field.raw_get("/V").reference
    except (KeyError, AttributeError):
        return None


def _downgrade(report: SignatureReport, indication: Indication, sub: str, message: str, more: list[str]) -> None:
    if report.indication is Indication.TOTAL_FAILED:
        report.warnings.append(message)
        return
    if report.sub_indication:
        report.warnings.append(tr("Also: {verdict}", verdict=report.message))
    report.indication, report.sub_indication, report.message = indication, sub, message
    report.warnings.extend(more)
