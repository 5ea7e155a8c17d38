"""Signed PDFs as other software writes them, and changes made after signing (issue 13).

Each class of document is built here from the demo tokens (tests/support/signed_pdfs.py,
tests/support/attacks.py) and checked against what the standard decides: ISO 32000-2 12.8
(DocMDP, field locks), Annex F (linearized files), ETSI EN 319 142-1 (PAdES document
time-stamps, validation data).
"""

from __future__ import annotations

from io import BytesIO
from types import SimpleNamespace

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.timestamps import HTTPTimeStamper

from desktop.core.model import Indication
from desktop.demo.documents import letter_pdf
from desktop.tokens.session import TokenSession, choose_certificate, choose_token, list_tokens
from desktop.verify import modifications, pdf_changes
from desktop.verify.engine import exit_status, verify_file
from tests.support import attacks, signed_pdfs
from tests.verify.test_attacks import AGENCY, CITIZEN, Signing

PASSED, FAILED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE


@pytest.fixture(scope="module")
def signing(demo, services):
    return Signing(demo)


@pytest.fixture(scope="module")
def letter():
    return letter_pdf("Letter to the Ministry")


@pytest.fixture(scope="module")
def form(signing, letter):
    """A letter with the text field 'amount' = '100 EUR', signed (approval signature)."""
    return signing.sign(attacks.with_text_field(letter))


@pytest.fixture(scope="module")
def certified(signing, letter):
    """The same form, certified with DocMDP P=2 (form filling and signing allowed)."""
    return signing.sign(attacks.with_text_field(letter), certify=MDPPerm.FILL_FORMS)


@pytest.fixture
def verify(tmp_path, trust):
    def run(data: bytes, name: str = "doc.pdf"):
        path = tmp_path / name
        path.write_bytes(data)
        report = verify_file(path, trust)
        assert report.error is None, report.error
        return report
    return run


def _words(sig) -> str:
    return " ".join([sig.message, *sig.warnings, *sig.changes])


def _signer_certs(pdf: bytes) -> list:
    sig = PdfFileReader(BytesIO(pdf)).embedded_signatures[-1]
    return [c.chosen for c in sig.signed_data["certificates"]]


# --- 1: a new appearance for a field whose value stays ----------------------------------------

def test_appearance_replaced_while_value_stays_is_named_and_not_passed(verify, form):
    """ISO 32000-2 12.5.5 / 12.7.4.3: a viewer draws the widget's appearance stream (/AP), not /V.
    Replacing /AP after signing changes what is shown; nobody signed it, so not TOTAL-PASSED."""
    assert verify(form).signatures[0].indication is PASSED
    sig = verify(signed_pdfs.replace_field_appearance(form, "1,000,000 EUR")).signatures[0]
    assert sig.indication is INDETERMINATE, sig.message
    assert any("appearance of form field 'amount' on page 1 was changed while its value stayed '100 EUR'" in c
               and "which no signature covers" in c for c in sig.changes), sig.changes
    assert "amount" in sig.message


def test_appearance_stream_rewritten_in_place_is_named(verify, form):
    """The same change made by rewriting the appearance stream object itself (same number)."""
    sig = verify(signed_pdfs.rewrite_appearance_stream(form, "1,000,000 EUR")).signatures[0]
    assert sig.indication is INDETERMINATE, sig.message
    assert any("appearance of form field 'amount' on page 1 was changed" in c for c in sig.changes), sig.changes


def test_appearance_of_a_kid_widget_is_named_with_its_field(verify, signing, letter):
    """ISO 32000-2 12.7.4.1: a widget may be a kid of its field; the change names the field.
    (pyhanko cannot explain this rewrite at all, so its verdict makes it TOTAL-FAILED.)"""
    signed = signing.sign(signed_pdfs.with_kid_widget_field(letter))
    assert verify(signed).signatures[0].indication is PASSED
    sig = verify(signed_pdfs.rewrite_appearance_stream(signed, "1,000,000 EUR")).signatures[0]
    assert sig.indication is not PASSED, sig.message
    assert "appearance of form field 'amount' on page 1 was changed" in sig.message


def test_appearance_replaced_on_a_form_certified_for_filling_fails(verify, certified):
    """ISO 32000-2 12.8.2.2.2, Table 257: P=2 permits filling in forms and signing; a new
    appearance for an unchanged value is neither, so the certification signature fails."""
    sig = verify(signed_pdfs.replace_field_appearance(certified, "1,000,000 EUR")).signatures[0]
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE"), sig.message
    assert "appearance of form field 'amount' on page 1" in sig.message


def test_appearance_change_of_a_locked_field_fails_even_when_countersigned(verify, signing, letter):
    """ISO 32000-2 12.7.5.5 (/Lock) and 12.8.2.4 (FieldMDP): a field the signature locks must not
    change afterwards, whoever signs the change."""
    locked = signing.sign(attacks.with_text_field(letter), lock=["amount"])
    changed = signing.sign(signed_pdfs.replace_field_appearance(locked, "1,000,000 EUR"), AGENCY, field="Signature2")
    first, second = verify(changed).signatures
    assert (first.indication, first.sub_indication) == (FAILED, "FORMAT_FAILURE"), first.message
    assert "a field this signature locks" in first.message
    assert second.indication is PASSED


def test_countersigned_appearance_change_within_the_policy_is_listed(verify, signing, form):
    """No DocMDP and no lock: a change a later signer vouches for is permitted, and listed."""
    changed = signing.sign(signed_pdfs.replace_field_appearance(form, "120 EUR"), AGENCY, field="Signature2")
    first = verify(changed).signatures[0]
    assert first.indication is PASSED, first.message
    assert any("appearance of form field 'amount' on page 1 was changed" in c for c in first.changes)


# --- 5: certified (P=2), then an approval signature ---------------------------------------------

@pytest.mark.parametrize("box", [None, (60, 100, 260, 150)], ids=["invisible", "visible"])
def test_certified_for_form_filling_then_approval_signature_both_pass(verify, signing, certified, box):
    """ISO 32000-2 12.8.2.2.2, Table 257: P=2 permits signing, in a new field too (as Acrobat
    does); validation data added afterwards is PAdES B-LT (ETSI EN 319 142-1, 5.4.2)."""
    approved = signing.sign(certified, AGENCY, field="Signature2", visible_box=box)
    with_lt = signed_pdfs.with_dss(approved, _signer_certs(approved))
    report = verify(with_lt)
    assert [s.indication for s in report.signatures] == [PASSED, PASSED], [s.message for s in report.signatures]
    first = report.signatures[0]
    where = "visible on page 1" if box else "invisible"
    assert any(f"signature 'Signature2' was added ({where})" in c for c in first.changes), first.changes
    if box:
        assert any("drawn on the page" in w for w in first.warnings), first.warnings


# --- 6: linearized ------------------------------------------------------------------------------

def test_linearized_pdf_with_one_signature_over_the_whole_file(verify, demo, services, letter):
    """ISO 32000-2 Annex F: the first-page cross-reference section of a linearized file is
    written with the rest of it, not appended later (7.5.6): one revision, nothing after it."""
    pkcs = Signing(demo).module
    tokens, _ = list_tokens(pkcs)
    info = choose_token(tokens, CITIZEN[0])
    with TokenSession(info) as session:
        session.login(CITIZEN[1])
        data = signed_pdfs.linearized_signed(letter, session.signer(choose_certificate(info, None)))
    report = verify(data)
    sig = report.signatures[0]
    assert sig.indication is PASSED, (sig.message, sig.changes, sig.warnings)
    assert sig.changes == [] and sig.coverage == "entire-file"
    assert (sig.revision, report.revisions) == (1, 1)
    assert not any("could not be analysed" in w for w in sig.warnings), sig.warnings


def test_linearized_sections_are_one_revision_wherever_the_signature_lies(letter):
    """Annex F: whichever of the two sections holds a signature dictionary, the revision it signs
    is the linearized file's one revision, and the first-page section is no change after it."""
    data = signed_pdfs.linearized(letter)
    reader = PdfFileReader(BytesIO(data), strict=False)
    assert reader.xrefs.total_revisions == 2
    assert pdf_changes.linearization_parts(reader, data) == {1}
    revisions = pdf_changes.describe_revisions(reader, {1})
    assert [(r.revision, r.shown, r.changes, r.linearization) for r in revisions] == [(2, 1, [], True)]
    facts = modifications.DocumentFacts(revisions, linearized={1})
    for section in (0, 1):  # the main section at the end, the first-page section at the start
        assert facts.revision_of(SimpleNamespace(signed_revision=section)) == 1


def test_an_incremental_update_is_never_taken_for_a_linearization_section(samples):
    """7.5.6: updates are appended; a signed letter's later revisions stay revisions."""
    data = samples["two-signatures.pdf"].read_bytes()
    reader = PdfFileReader(BytesIO(data), strict=False)
    assert pdf_changes.linearization_parts(reader, data) == set()


# --- 7: document time-stamps written with /Type /Sig; DSS after a second signature --------------

def test_document_timestamp_with_type_sig_is_checked_as_a_document_timestamp(verify, signing, services, letter):
    """ETSI EN 319 142-1 5.4.3: /SubFilter /ETSI.RFC3161 means the /Contents is an RFC 3161
    time-stamp token over the document, whatever /Type says; it is not a CAdES signature.
    Validation data added after the second signature is a permitted B-LT update (5.4.2)."""
    two = signing.sign(signing.sign(letter), AGENCY, field="Signature2")
    with_lt = signed_pdfs.with_dss(two, _signer_certs(two))
    stamped = signed_pdfs.sig_typed_timestamp(with_lt, HTTPTimeStamper(services["tsa"]))
    report = verify(stamped)
    assert [(s.kind, s.indication) for s in report.signatures] == [
        ("signature", PASSED), ("signature", PASSED), ("document-timestamp", PASSED)], \
        [(s.message, s.warnings) for s in report.signatures]
    assert any("/Type /Sig" in w for w in report.signatures[2].warnings)
    assert not any("forbid" in c or "not allow" in c for s in report.signatures for c in s.changes)
    assert exit_status([report]) == 0


def test_type_sig_document_timestamp_after_a_no_changes_certification(verify, signing, services, letter):
    """PAdES (ETSI EN 319 142-1, 5.4) adds document time-stamps in incremental updates after any
    signature, a P=1 certification included; written with /Type /Sig it is still one, and the
    change analysis must treat it so (not as a new approval signature, which P=1 forbids)."""
    final = signing.sign(letter, certify=MDPPerm.NO_CHANGES)
    report = verify(signed_pdfs.sig_typed_timestamp(final, HTTPTimeStamper(services["tsa"])))
    certification, stamp = report.signatures
    assert (certification.indication, stamp.indication) == (PASSED, PASSED), certification.message
    assert stamp.kind == "document-timestamp"
    assert "a document time-stamp was added after the signature by revision 3" in certification.changes


def test_validation_data_in_lower_case_after_a_second_signature_is_no_forbidden_change(verify, signing, letter):
    """ETSI EN 319 142-1 5.4.2: a DSS added after the last signature is validation data, whatever
    its form; VRI keys in lower-case hexadecimal (ISO 32000-2 12.8.4.4 asks for upper case) are
    common and change nothing a viewer shows."""
    two = signing.sign(signing.sign(letter), AGENCY, field="Signature2")
    report = verify(signed_pdfs.lowercase_vri_keys(signed_pdfs.with_dss(two, _signer_certs(two))))
    assert [s.indication for s in report.signatures] == [PASSED, PASSED], [s.message for s in report.signatures]
    assert "validation data (certificates, OCSP responses, CRLs) was added after the signature by revision 4" \
        in report.signatures[1].changes


def test_page_content_dressed_up_as_validation_data_fails(verify, signing, letter):
    """The DSS rule clears objects only where the DSS uses them: a page's content stream listed
    in the DSS and rewritten is still a page content change (ISO 32000-2 12.8.2.2.2)."""
    signed = signing.sign(letter)
    sig = verify(signed_pdfs.page_content_under_dss(signed, attacks.EVIL)).signatures[0]
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE"), sig.message
    assert "page 1 content was modified" in sig.message


# --- 9: a partial field name with a period ------------------------------------------------------

def test_partial_field_name_with_a_period_verifies_with_a_warning(verify, signing, letter):
    """ISO 32000-2 12.7.4.2: a partial field name shall not contain a period. Common all the
    same; the signatures verify and the report says the name is invalid."""
    first = signing.sign(signed_pdfs.with_period_field(letter), field="Signature.1")
    report = verify(signing.sign(first, AGENCY, field="Signature2"))
    assert [s.indication for s in report.signatures] == [PASSED, PASSED], [s.message for s in report.signatures]
    assert report.signatures[0].field_name == "Signature.1"
    assert any("contains a period" in w for w in report.signatures[0].warnings)


def test_period_in_a_field_name_does_not_hide_a_later_page_change(verify, signing, letter):
    """Without pyhanko's change analysis, Imza's own still finds a rewritten page."""
    first = signing.sign(signed_pdfs.with_period_field(letter), field="Signature.1")
    sig = verify(attacks.isa_page_content(first)).signatures[0]
    assert sig.indication is FAILED and "page 1 content was replaced" in sig.message


def test_duplicate_field_names_verify_with_a_warning(verify, signing, letter):
    """ISO 32000-2 12.7.4.2: two fields of one name are invalid; pyhanko's change analysis refuses
    the form outright (it called the signature malformed). The signature is still checked, and
    Imza's own analysis judges what followed it."""
    first = signing.sign(signed_pdfs.with_duplicate_field_names(letter))
    report = verify(signing.sign(first, AGENCY, field="Signature2"))
    assert [s.indication for s in report.signatures] == [PASSED, PASSED], [s.message for s in report.signatures]
    assert any("analysis of the changes after signing failed (Duplicate field name)" in w
               for w in report.signatures[0].warnings)


@pytest.mark.parametrize("prepare", [signed_pdfs.with_duplicate_field_names, signed_pdfs.with_period_field])
def test_when_neither_analysis_reads_the_later_revisions_the_signature_is_not_passed(verify, signing, letter, prepare):
    """With pyhanko's analysis skipped and Imza's failing on a later revision (a TypeError on
    /Resources that is a number), nothing says what it changes: never TOTAL-PASSED. A library's
    failure proves no forbidden change either: INDETERMINATE / GENERIC with words (EN 319 102-1
    5.1.3, Table 5; issue 13 item 10, tests/verify/test_library_errors.py)."""
    name = "Signature.1" if prepare is signed_pdfs.with_period_field else "Signature1"
    signed = signing.sign(prepare(letter), field=name)
    sig = verify(signed_pdfs.resources_not_a_dictionary(signed)).signatures[0]
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "GENERIC"), sig.message
    assert "analysis of those changes failed because of an internal error" in sig.message


# --- 11: the signed revision reads, a later part does not ----------------------------------------

@pytest.mark.parametrize("how", ["startxref", "xref-data"])
def test_unreadable_update_after_signing_is_a_verdict_not_a_damaged_file(verify, signing, letter, how):
    """Shadow attack with a damaged update (Mainka et al., NDSS 2021): the signed revision reads
    and verifies, what follows cannot be read. ISO 32000-2 7.5.6: each update is appended, so
    the signed revision stands on its own; the rest is changed after signing and unread."""
    hidden = attacks.shadow_hide(signing.sign(attacks.shadow_prepare_hide(letter)))
    report = verify(signed_pdfs.damage_last_update(hidden, how))
    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE")
    assert sig.intact and sig.cryptographically_valid
    assert "reads and verifies" in sig.message and "what you see may not be what was signed" in sig.message
    assert any("cannot be read" in c for c in sig.changes)
    assert exit_status([report]) == 1


def test_truncated_signed_pdf_is_still_unreadable(samples, trust):
    """A file cut inside its only signed revision has no readable signed part: exit 3 as before."""
    report = verify_file(samples["truncated.pdf"], trust)
    assert report.error and exit_status([report]) == 3
