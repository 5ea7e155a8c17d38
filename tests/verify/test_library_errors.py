"""A library failing is no verdict; a signature taken out of view is (issue 13, items 10 and 11).

ETSI EN 319 102-1, 5.1.3 (Table 5): INDETERMINATE / GENERIC when the available information is
insufficient to reach TOTAL-PASSED or TOTAL-FAILED. A KeyError on an object a later revision
names but does not hold (ISO 32000-2 7.3.10: read as null, not as an error), a TypeError on an
object of the wrong type, an AssertionError on odd CMS: our or a library's failure, never
TOTAL-FAILED, always with words. A later part whose bytes cannot be parsed after a readable
signed revision stays TOTAL-FAILED (item 11: "what you see may not be what was signed").

Documents come from the test PKI (tests/support/policy_pki.py) and plain edits of later
revisions, verified offline.
"""

from __future__ import annotations

import asyncio
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter

from desktop.core.model import Indication
from desktop.demo.documents import letter_pdf
from desktop.signing import asice as signing_asice
from desktop.verify.engine import exit_status, verify_file
from desktop.verify.trust import TrustStore
from tests.support import policy_pki, signed_pdfs

PASSED, FAILED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE
UNSEEN = "what you see may not be what was signed"


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> policy_pki.PolicyPki:
    return policy_pki.build(tmp_path_factory.mktemp("library-errors-pki"))


@pytest.fixture(scope="module")
def trust(pki) -> TrustStore:
    return pki.trust()


def _sign(pki, pdf: bytes, field: str = "Signature1") -> bytes:
    """`pdf` signed (PAdES B-B) by the test PKI's signing certificate."""
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=SigSeedSubFilter.PADES)
    out = BytesIO()
    signers.PdfSigner(meta, pki.signer("signer")).sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), output=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def signed(pki) -> bytes:
    return _sign(pki, letter_pdf("Letter for the library error tests"))


@pytest.fixture(scope="module")
def signed_with_period(pki) -> bytes:
    """Signed in a field whose name holds a period: pyhanko's change analysis is skipped, Imza's
    own (pdf_changes) alone judges the later revisions."""
    return _sign(pki, signed_pdfs.with_period_field(letter_pdf("Letter with a dotted field")), "Signature.1")


def _update(pdf: bytes, change) -> bytes:
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    change(w)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def _verify(tmp_path: Path, trust, data: bytes, name: str = "doc.pdf"):
    path = tmp_path / name
    path.write_bytes(data)
    return verify_file(path, trust, offline=True)


def _only(report):
    assert report.error is None, report.error
    (sig,) = report.signatures
    return sig


# --- later revisions a library fails on (item 10) ---------------------------------------------

def _field_missing(w):
    """/Fields names an object the file does not hold."""
    form = w.root["/AcroForm"]
    form["/Fields"].append(generic.IndirectObject(900, 0, w))
    w.update_container(form)


def _page_missing(w):
    """The page tree names a second page the file does not hold."""
    pages = w.root["/Pages"]
    pages["/Kids"].append(generic.IndirectObject(901, 0, w))
    pages[pdf_name("/Count")] = generic.NumberObject(2)
    w.update_container(pages)


@pytest.mark.parametrize("change", [_field_missing, _page_missing], ids=["form-field", "page"])
def test_a_missing_object_in_a_later_revision_is_indeterminate(pki, trust, signed, tmp_path, change):
    """pyhanko's change analysis raises KeyError on the reference, Imza's own a TypeError on the
    null it stands for (ISO 32000-2 7.3.10). Neither says what the update changes, and neither
    shows the document was changed in a forbidden way: EN 319 102-1 5.1.3, Table 5,
    INDETERMINATE / GENERIC, with words (it was TOTAL-FAILED 'the revisions after it cannot be
    analysed')."""
    report = _verify(tmp_path, trust, _update(signed, change))
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "GENERIC"), sig.message
    assert "internal error" in sig.message and "does not show that the signature is invalid" in sig.message
    assert "TypeError" in sig.message
    assert any("KeyError" in w and "in pyhanko" in w for w in sig.warnings), sig.warnings
    assert sig.intact and sig.cryptographically_valid and sig.revision == 2
    assert exit_status([report]) == 2


def test_a_wrong_object_type_in_a_later_revision_is_indeterminate(pki, trust, signed_with_period, tmp_path):
    """A later update sets page 1's /Resources to a number; with pyhanko's analysis skipped (a
    period in a field name), Imza's own fails on it with a TypeError: a failure to analyse, no
    proof of a forbidden change (EN 319 102-1 5.1.3, Table 5: INDETERMINATE / GENERIC)."""
    report = _verify(tmp_path, trust, signed_pdfs.resources_not_a_dictionary(signed_with_period))
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "GENERIC"), sig.message
    assert "TypeError" in sig.message and "internal error" in sig.message
    assert exit_status([report]) == 2


def _lock_a_number(w):
    """The signature field's /Lock (ISO 32000-2 12.7.5.5, a dictionary) rewritten as a number."""
    ref = w.root["/AcroForm"]["/Fields"].raw_get(0)
    ref.get_object()[pdf_name("/Lock")] = generic.NumberObject(1)
    w.mark_update(ref)


def test_a_library_failing_on_the_later_revisions_keeps_the_signatures_own_verdict(pki, trust, signed, tmp_path):
    """pyhanko reads the rewritten /Lock while summing up the changes after signing and raises a
    TypeError. The signature was checked by then: its facts stay in the report (it was replaced
    by a bare 'internal error'), and the verdict is INDETERMINATE / GENERIC with words
    (EN 319 102-1 5.1.3, Table 5)."""
    report = _verify(tmp_path, trust, _update(signed, _lock_a_number))
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "GENERIC"), sig.message
    assert "could not be checked completely" in sig.message and "TypeError" in sig.message
    assert sig.intact and sig.cryptographically_valid and sig.revision == 2
    assert sig.signer_certificate is not None
    assert exit_status([report]) == 2


def _rewritten_page_stream(w):
    """Page 1's content stream object rewritten in place (same object number)."""
    contents = w.root["/Pages"]["/Kids"][0].get_object().raw_get("/Contents")
    stream = contents.get_object()
    stream._data, stream._encoded_data = b"BT /F1 12 Tf 72 720 Td (Amount: 1,000,000 EUR) Tj ET", None
    stream.pop("/Filter", None)
    w.mark_update(contents)


def test_a_later_revision_whose_bytes_cannot_be_parsed_still_fails(pki, trust, signed_with_period, tmp_path):
    """The other side of the line: the later part truly cannot be read (the object it rewrites
    lost its 'obj' keyword, so its bytes do not parse). That is the document changed after
    signing and unreadable (item 11), TOTAL-FAILED, not a library's failure: the control for
    the tests above (Imza's analysis reads around the damage and names the rewritten page)."""
    damaged = signed_pdfs.damage_last_update(_update(signed_with_period, _rewritten_page_stream), "object")
    report = _verify(tmp_path, trust, damaged)
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE"), sig.message
    assert "page 1 content was modified" in sig.message
    assert exit_status([report]) == 1


def test_only_unparsable_bytes_count_as_an_unreadable_later_part():
    """The line item 10 draws: bytes that do not parse (PdfReadError, a damaged compressed stream)
    are an unreadable later part; a KeyError, TypeError or AssertionError raised on objects a
    library did read is its failure (ISO 32000-2 7.3.10: a missing object is null)."""
    import zlib

    from pyhanko.pdf_utils.misc import PdfReadError

    from desktop.verify import report as rep

    assert rep.unreadable_pdf_data(PdfReadError("Illegal character"))
    assert rep.unreadable_pdf_data(zlib.error("incorrect header check"))
    for e in (KeyError("/Kids"), TypeError("'NullObject' object is not iterable"), AssertionError()):
        assert not rep.unreadable_pdf_data(e)


def _odd_cms(pki, data: bytes) -> bytes:
    """A CAdES signature over `data` whose SignerInfo names ECDSA for an RSA key: pyhanko's
    certificate validator asserts on the key type (an AssertionError deep in the library)."""
    info = asyncio.run(pki.signer("signer").async_sign_general_data(data, "sha256", detached=True, use_cades=True))
    info["content"]["signer_infos"][0]["signature_algorithm"] = {"algorithm": "sha256_ecdsa"}
    return info.dump(force=True)


@pytest.mark.parametrize("fmt", ["p7s", "asice"])
def test_an_assertion_on_odd_cms_is_indeterminate_and_names_the_library(pki, trust, tmp_path, fmt):
    """EN 319 102-1 5.1.3, Table 5: a library asserting on a CMS structure it did not expect is
    INDETERMINATE / GENERIC, never TOTAL-FAILED, for CAdES and for CAdES in ASiC-E alike, and
    the words say where it failed."""
    if fmt == "p7s":
        (tmp_path / "odd.txt").write_bytes(policy_pki.DATA)
        path = tmp_path / "odd.txt.p7s"
        path.write_bytes(_odd_cms(pki, policy_pki.DATA))
    else:
        members = [("contract.txt", policy_pki.DATA)]
        manifest = signing_asice.asic_manifest(members)
        path = tmp_path / "odd.asice"
        path.write_bytes(signing_asice.container(members, manifest, _odd_cms(pki, manifest)))
    report = verify_file(path, trust, offline=True)
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (INDETERMINATE, "GENERIC"), sig.message
    assert "internal error (AssertionError in pyhanko_certvalidator)" in sig.message
    assert exit_status([report]) == 2


# --- a signature removed from view ------------------------------------------------------------

def _no_signature_field(w):
    """The form's field list emptied and page 1's widget dropped: the signature is out of view."""
    form = w.root["/AcroForm"]
    form[pdf_name("/Fields")] = generic.ArrayObject()
    w.update_container(form)
    page = w.root["/Pages"]["/Kids"][0].get_object()
    if "/Annots" in page:
        page[pdf_name("/Annots")] = generic.ArrayObject()
        w.update_container(page)


def _no_form(w):
    del w.root["/AcroForm"]
    w.update_root()


@pytest.mark.parametrize("change", [_no_signature_field, _no_form], ids=["field", "form"])
def test_a_signature_removed_in_a_later_update_is_reported_on_its_revision(pki, trust, signed, tmp_path, change):
    """The newest revision reads but lists no signature; revision 2 was signed. ISO 32000-2 7.5.6:
    the signed revision stays in the file; 12.8: an update after signing is judged against the
    signature, and taking the signature out of view is no change it permits. The signature is
    reported on the revision it signs, TOTAL-FAILED with the removal named (it was exit 3,
    'contains no signature')."""
    report = _verify(tmp_path, trust, _update(signed, change))
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE"), sig.message
    assert "removed from the document after signing" in sig.message and UNSEEN in sig.message
    assert sig.revision == 2 and report.revisions == 3 and sig.field_name == "Signature1"
    assert sig.intact and sig.cryptographically_valid
    assert "the signature field 'Signature1' was removed after the signature by revision 3" in sig.changes
    assert exit_status([report]) == 1


def test_an_unsigned_document_with_updates_still_has_no_signature(trust, tmp_path):
    """The control: a document never signed, updated, says 'contains no signature' (exit 3)."""
    def note(w):
        w.root[pdf_name("/Lang")] = generic.TextStringObject("en")
        w.update_root()

    report = _verify(tmp_path, trust, _update(letter_pdf("Unsigned letter"), note))
    assert report.error and "contains no signature" in report.error
    assert exit_status([report]) == 3

