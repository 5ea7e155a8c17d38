"""The verdict on what happened to a PDF after each signature.

pyhanko's diff policy judges the *kind* of later updates (`docmdp_ok`, `modification_level`);
its whitelist is not the last word, though. On top of it, for each signature:

- its /ByteRange must be honest (byte_range.py) and nothing but white space may follow the last
  %%EOF: otherwise TOTAL-FAILED / FORMAT_FAILURE (universal forgery, signature wrapping);
- a later update that changes what pages show (content streams, XObjects, fonts, resources),
  switches optional content (shadow attacks), rewrites a signature dictionary or the document
  structure: TOTAL-FAILED / FORMAT_FAILURE, whoever signed it later;
- on a certified document (DocMDP, ISO 32000-2 12.8.2.2.2, Table 257): with P=1 only validation
  data and document time-stamps may follow; with P=2 form filling and signing (a new signature
  field, visible or not, is listed with a warning: its stamp is drawn over the certified page),
  but no annotations and no new appearance for a field whose value stays; with P=3 annotations
  too: TOTAL-FAILED / FORMAT_FAILURE otherwise;
- a field locked by a signature (/Lock, FieldMDP, 12.8.2.4) whose value or appearance changes
  later: TOTAL-FAILED / FORMAT_FAILURE;
- form values, appearances, annotations or visible widgets changed in an update that no later
  signature covers: INDETERMINATE / SIG_CONSTRAINTS_FAILURE: nobody vouches for what is shown now.

Validation data (DSS), document time-stamps, metadata and further signatures are fine.
Every later change is listed in words in `SignatureReport.changes`.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import RawPdfPath
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    DSSCompareRule,
    FormUpdatingRule,
    GenericFieldModificationRule,
    ModificationLevel,
    ReferenceUpdate,
    SigFieldCreationRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
    WhitelistRule,
)
from pyhanko.sign.diff_analysis.rules_api import Context
from pyhanko.sign.fields import FieldMDPSpec, MDPPerm
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.pdf_embedded import read_certification_data
from pyhanko.sign.validation.status import ModificationInfo, SignatureCoverageLevel

from desktop.core.i18n import tr
from desktop.core.model import Indication, SignatureReport
from desktop.verify import byte_range
from desktop.verify import report as rep
from desktop.verify.pdf_changes import (
    Kind,
    RevisionChanges,
    describe_revisions,
    is_document_timestamp,
    linearization_parts,
)
from desktop.verify.reports.words import changes_text  # pyhanko's level, in words

COVERAGE = {
    SignatureCoverageLevel.ENTIRE_FILE: "entire-file",
    SignatureCoverageLevel.ENTIRE_REVISION: "entire-revision",
}
ALWAYS_FORBIDDEN = {Kind.PAGE_CONTENT, Kind.OPTIONAL_CONTENT, Kind.SIGNATURE_DICT, Kind.STRUCTURE}
NEEDS_A_SIGNER = {Kind.FORM_VALUE, Kind.APPEARANCE, Kind.ANNOTATION}
FIELD_CHANGES = {Kind.FORM_VALUE, Kind.APPEARANCE}
HARMLESS = {Kind.VALIDATION_DATA, Kind.METADATA, Kind.UNUSED}
class ValidationDataRule(WhitelistRule):
    """Any update of the document security store (DSS) is validation data (ETSI EN 319 142-1, 5.4.2).

    pyhanko's DSSCompareRule also judges the DSS's *form*: a VRI key in lower-case hexadecimal
    (ISO 32000-2 12.8.4.4 asks for upper case), a key it does not know, a VRI entry rewritten.
    Software writes all of these, and none changes what a viewer shows, so validation data added
    after a second signature was called a forbidden change. This rule clears every object
    reachable from the new revision's /DSS: fresh objects outright, objects of the old revision
    only at the path through the DSS where they were met, so an object also used by a page stays
    unexplained (and suspicious). The DSS's content is judged where it is used: validation."""

    MAX_OBJECTS = 100_000

    def apply(self, old, new):
        """pyhanko's WhitelistRule hook: yield the references reachable from the new /DSS as explained (at most MAX_OBJECTS)."""
        if "/DSS" not in new.root:
            return
        stack = [(new.root.raw_get("/DSS"), ("/Root", "/DSS"))]
        seen: set = set()
        while stack and len(seen) < self.MAX_OBJECTS:
            obj, path = stack.pop()
            if isinstance(obj, generic.IndirectObject):
                ref = obj.reference
                if ref in seen:
                    continue
                seen.add(ref)
                if old.is_ref_unassignable(ref):
                    yield ReferenceUpdate(ref)
                else:
                    yield ReferenceUpdate(ref, context_checked=Context.from_absolute(old, RawPdfPath(*path)))
                obj = obj.get_object()
            if isinstance(obj, generic.DictionaryObject):
                stack.extend((obj.raw_get(k), (*path, k)) for k in obj)
            elif isinstance(obj, generic.ArrayObject):
                stack.extend((item, (*path, i)) for i, item in enumerate(obj))


def _with_validation_data_rule(rules):
    return [ValidationDataRule().as_qualified(ModificationLevel.LTA_UPDATES)
            if isinstance(getattr(r, "rule", r), DSSCompareRule) else r for r in rules]


# pyhanko's default rules, except that a new *visible* signature field after certification is
# allowed: ISO 32000-2 12.8.2.2.2 (Table 257) permits signing at P=2 and P=3, and Acrobat creates
# such fields. It is still listed as a change, with a warning (judge()). The DSS: ValidationDataRule.
DIFF_POLICY = StandardDiffPolicy(
    global_rules=_with_validation_data_rule(DEFAULT_DIFF_POLICY.global_rules),
    form_rule=FormUpdatingRule(field_rules=[SigFieldCreationRule(allow_new_visible_after_certify=True),
                                            SigFieldModificationRule(), GenericFieldModificationRule()]))
ANALYSIS_ERRORS = (PdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)
# What an analysis of the later revisions may raise besides: a library's assertion on an object of
# a type it did not expect, a damaged compressed stream.
LIBRARY_ERRORS = (*ANALYSIS_ERRORS, AssertionError, ArithmeticError, zlib.error)


@dataclass
class DocumentFacts:
    """What the whole file says, computed once for all its signatures."""

    revisions: list[RevisionChanges] | None  # None: the later revisions could not be analysed
    analysis_error: str | None = None
    certification: MDPPerm | None = None
    signed_revisions: list[int] = field(default_factory=list)  # 0-based, of signatures (not time-stamps)
    trailing: int = 0
    linearized: set[int] = field(default_factory=set)  # 0-based first-page sections (pdf_changes)
    dotted_names: list[str] = field(default_factory=list)  # partial field names holding a period
    # Why the analysis failed: True, the later revisions' bytes cannot be parsed (damaged); False,
    # a library failed on objects it did read (report.unreadable_pdf_data).
    analysis_unreadable: bool = False

    def revision_of(self, es) -> int:
        """The 0-based revision a signature signs, counting a linearized file's two sections as one."""
        return es.signed_revision + 1 if es.signed_revision + 1 in self.linearized else es.signed_revision


def is_timestamp(es) -> bool:
    """Whether the embedded signature `es` is a document time-stamp (/Type /DocTimeStamp), not a signature."""
    return is_document_timestamp(es.sig_object)


def dotted_field_names(reader, limit: int = 10_000) -> list[str]:
    """Partial field names (/T) that hold a period, which ISO 32000-2 12.7.4.2 forbids and some
    software writes anyway; pyhanko's change analysis refuses such forms outright."""
    found: list[str] = []
    try:
        form = reader.root["/AcroForm"] if "/AcroForm" in reader.root else None
        stack = [(f, 0) for f in form["/Fields"]] if form is not None and "/Fields" in form else []
    except ANALYSIS_ERRORS:
        return found
    seen: set = set()
    while stack and len(seen) < limit:
        ref, depth = stack.pop()
        key = getattr(ref, "reference", None)
        if key in seen or depth > 32:
            continue
        seen.add(key)
        try:
            f = ref.get_object()
            name = f.raw_get("/T") if "/T" in f else None
            if isinstance(name, str) and "." in name:
                found.append(str(name))
            stack.extend((kid, depth + 1) for kid in (f["/Kids"] if "/Kids" in f else ()))
        except ANALYSIS_ERRORS:
            continue
    return found


def document_facts(reader, data: bytes, signatures) -> DocumentFacts:
    """`signatures`: the EmbeddedPdfSignature objects that could be decoded."""
    try:
        linearized = linearization_parts(reader, data)
    except ANALYSIS_ERRORS:
        linearized = set()
    signed = [es.signed_revision + (es.signed_revision + 1 in linearized) for es in signatures
              if not is_timestamp(es)]
    try:
        info = read_certification_data(reader)
        certification = info.permission if info is not None else None
    except ANALYSIS_ERRORS:
        certification = None
    unreadable = False
    try:
        revisions, error = describe_revisions(reader, linearized), None
    except LIBRARY_ERRORS as e:
        unreadable = rep.unreadable_pdf_data(e)
        revisions, error = None, rep.short(e) if unreadable else rep.described(e)
    return DocumentFacts(revisions, error, certification, signed, byte_range.trailing_bytes(data), linearized,
                         dotted_field_names(reader), unreadable)


@dataclass
class _Finding:
    failed: list[str] = field(default_factory=list)  # TOTAL-FAILED reasons
    unsigned: list[str] = field(default_factory=list)  # INDETERMINATE reasons


def _lock_of(es) -> FieldMDPSpec | None:
    """The fields this signature locks: its FieldMDP transform, or its field's /Lock (ISO 32000-2 12.7.5.5)."""
    try:
        if es.fieldmdp is not None:
            return es.fieldmdp
        lock = es.sig_field["/Lock"] if "/Lock" in es.sig_field else None
        return FieldMDPSpec.from_pdf_object(lock) if lock is not None else None
    except (*ANALYSIS_ERRORS, SignatureValidationError):
        return None


def _certifies(es) -> bool:
    try:
        return es.docmdp_level is not None
    except (*ANALYSIS_ERRORS, SignatureValidationError):
        return False


def _later_changes(report: SignatureReport, signed_revision: int, facts: DocumentFacts,
                   lock: FieldMDPSpec | None = None) -> _Finding:
    finding = _Finding()
    for rev in facts.revisions or []:
        if rev.revision <= signed_revision + 1:
            continue
        vouched = any(s >= rev.revision - 1 for s in facts.signed_revisions)
        for change in rev.changes:
            sentence = tr("{change} after the signature by revision {n}", change=change.text, n=rev.shown)
            if change.kind in ALWAYS_FORBIDDEN or _certification_forbids(facts.certification, change):
                finding.failed.append(sentence)
            elif lock is not None and change.kind in FIELD_CHANGES and change.field and lock.is_locked(change.field):
                finding.failed.append(tr("{sentence}, a field this signature locks", sentence=sentence))
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
        # Filling in forms and signing (new signature fields included), nothing else: a field's
        # appearance changed while its value stays is no form filling.
        return change.kind in (Kind.ANNOTATION, Kind.APPEARANCE)
    return False  # P=3: annotations may be created, modified and deleted as well


def judge(report: SignatureReport, es, facts: DocumentFacts, data: bytes, diff_problem: str | None = None) -> None:
    """Coverage, byte range and changes after signing; the worst finding sets the verdict.

    `diff_problem`: why pyhanko's change analysis failed (it was skipped then)."""
    info = es.summarise_integrity_info()
    coverage = info["coverage"]
    report.coverage = COVERAGE.get(coverage, "partial")
    signed_revision = facts.revision_of(es)
    report.revision = signed_revision + 1 - sum(1 for p in facts.linearized if p <= signed_revision)
    level = ModificationInfo(**info).modification_level
    report.modification_level = level.name.lower().replace("_", "-") if level is not None else None

    failed = []
    if facts.trailing:
        failed.append(tr("{count} bytes were appended after the end of the last revision; they are not a "
                         "proper incremental update and nobody signed them", count=facts.trailing))
    finding = _later_changes(report, signed_revision, facts, _lock_of(es))
    failed += finding.failed
    if facts.dotted_names:
        report.warnings.append(tr("The form field name '{name}' contains a period, which ISO 32000-2 (12.7.4.2) "
                                  "does not allow; the changes after signing were checked by Imza's own analysis "
                                  "only.", name=facts.dotted_names[0]))
    if facts.certification is not None and _certifies(es) and any(c.visible and c.kind == Kind.SIGNATURE for r in facts.revisions or []
                                               if r.revision > signed_revision + 1 for c in r.changes):
        report.warnings.append(tr("A signature added after certification is drawn on the page; the certification "
                                  "allows signing, but check that its stamp hides nothing of the certified "
                                  "content."))
    if coverage not in COVERAGE:
        failed.append(tr("the signature covers only part of its revision: some of the document is not signed"))
    elif info["docmdp_ok"] is False and not finding.failed:
        named = finding.unsigned + [c for c in report.changes if c not in finding.unsigned]
        failed.append(named[0] if named else tr("changes of a kind this signature does not allow ({level})",
                                                level=changes_text(report.modification_level)))
        failed += named[1:len(finding.unsigned)]
    if diff_problem is not None and facts.revisions is not None:
        report.warnings.append(tr("pyhanko's analysis of the changes after signing failed ({detail}); they were "
                                  "judged by Imza's own analysis only.", detail=diff_problem))
    unchecked = None
    if facts.revisions is None:
        both = facts.analysis_error if diff_problem is None else f"{diff_problem}; {facts.analysis_error}"
        report.warnings.append(tr("The changes after signing could not be analysed ({detail}).", detail=both))
        if level is None and coverage == SignatureCoverageLevel.ENTIRE_REVISION:
            # Neither analysis judged the later revisions: nothing says what they change.
            if facts.analysis_unreadable:  # their bytes cannot be parsed: changed and unreadable (item 11)
                failed.append(tr("the revisions after it cannot be analysed ({detail})", detail=facts.analysis_error))
            else:  # a library failed on what it read: no verdict (EN 319 102-1 5.1.3)
                unchecked = facts.analysis_error
        elif level not in (None, ModificationLevel.NONE, ModificationLevel.LTA_UPDATES):
            finding.unsigned.append(tr("the document was updated after signing ({level})",
                                       level=changes_text(report.modification_level)))

    if failed:
        _downgrade(report, Indication.TOTAL_FAILED, rep.MODIFIED_AFTER_SIGNING, tr(
            "The document was changed after it was signed in a way this signature does not allow: {what}. "
            "What you see is not what was signed.", what=failed[0]), failed[1:])
    elif unchecked is not None:
        analysis_failed(report, unchecked, finding.unsigned)
    elif finding.unsigned and report.indication is not Indication.TOTAL_FAILED:
        _downgrade(report, Indication.INDETERMINATE, "SIG_CONSTRAINTS_FAILURE", tr(
            "The signature itself is valid, but the document was changed after signing and nobody signed "
            "those changes: {what}. What you see is not exactly what was signed.", what=finding.unsigned[0]),
            finding.unsigned[1:])
    elif level in (ModificationLevel.FORM_FILLING, ModificationLevel.ANNOTATIONS):
        report.warnings.append(tr("The document was updated after signing ({level}); such changes are "
                                  "allowed by its signatures.", level=changes_text(report.modification_level)))


def analysis_failed(report: SignatureReport, error: str, more: list[str] = ()) -> None:
    """INDETERMINATE / GENERIC: the signature was checked, but the analysis of what changed after
    it failed inside Imza or a library (`error`), which proves nothing either way (EN 319 102-1
    5.1.3, Table 5). A TOTAL-FAILED verdict stays, with this as a warning."""
    _downgrade(report, Indication.INDETERMINATE, "GENERIC", tr(
        "The signature could not be checked completely: the document was updated after signing, and the "
        "analysis of those changes failed because of an internal error ({error}). That does not show that "
        "the signature is invalid, nor that the changes are allowed; please report it.", error=error), list(more))


def unreadable_later_part(report: SignatureReport, size: int, revisions: int | None, detail: str) -> None:
    """A signature verified on its readable revisions, after which `size` bytes cannot be read."""
    verdict = report.message
    sentence = tr("{size} bytes after revision {n} were appended after the signature and cannot be read ({detail})",
                  size=size, n=revisions or "?", detail=detail)
    report.changes.append(sentence)
    message = tr("The signed revision itself reads and verifies ({indication}: {verdict}), but the file was changed "
                 "after signing and the later part cannot be read ({detail}): what you see may not be what was "
                 "signed.", indication=report.indication.value, verdict=verdict, detail=detail)
    if report.indication is Indication.TOTAL_FAILED:
        report.warnings.append(message)
        return
    report.indication, report.sub_indication, report.message = (Indication.TOTAL_FAILED, rep.MODIFIED_AFTER_SIGNING,
                                                                message)


def signature_removed(report: SignatureReport, removed_by: int) -> None:
    """A signature verified on its revision and taken out of view by revision `removed_by` (shown
    numbering): TOTAL-FAILED, the removal named first."""
    name = report.field_name or "?"
    report.changes.append(tr("the signature field '{name}' was removed after the signature by revision {n}",
                             name=name, n=removed_by))
    message = tr("This signature was removed from the document after signing: revision {n} no longer lists the "
                 "signature field '{name}', so a viewer of the current version does not show it. The signed "
                 "revision was checked ({indication}: {verdict}); the document was changed after signing, and "
                 "what you see may not be what was signed.", n=removed_by, name=name,
                 indication=report.indication.value, verdict=report.message)
    # The first thing to say, whatever else is wrong: the user sees no signature at all. A failed
    # verdict keeps its sub-indication (a forged value outranks the removal); its words stay inside.
    if report.indication is not Indication.TOTAL_FAILED:
        report.sub_indication = rep.MODIFIED_AFTER_SIGNING
    report.indication, report.message = Indication.TOTAL_FAILED, message


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
