"""Published attacks on PDF signatures are never TOTAL-PASSED, and the report says what changed.

Every attacked file is built from a document signed on the demo tokens (tests/support/attacks.py);
each test first checks that the untouched document passes, so a failure is the attack's doing.
"""

from __future__ import annotations

from io import BytesIO

import pkcs11
import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm
from pyhanko.stamp import TextStampStyle

from desktop.core.model import Indication
from desktop.demo.documents import letter_pdf
from desktop.tokens.session import TokenSession, choose_certificate, choose_token, list_tokens
from desktop.verify.engine import verify_file
from tests.support import attacks

CITIZEN = ("Citizen ID", "12345")
AGENCY = ("Agency token", "246810")
PASSED, FAILED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE


class Signing:
    """Sign PDFs in memory with a demo token, as pyhanko would for any signing application."""

    def __init__(self, demo):
        self.module = demo.state["pkcs11_module"]
        pkcs11.lib(self.module).reinitialize()

    def sign(self, pdf: bytes, token=CITIZEN, *, field: str = "Signature1", certify: MDPPerm | None = None,
             visible_box=None, stamp_text: str = "Signed by %(signer)s", lock: list[str] | None = None) -> bytes:
        """`lock`: form fields the new signature field locks (ISO 32000-2 12.7.5.5, /Lock)."""
        tokens, _ = list_tokens(self.module)
        info = choose_token(tokens, token[0])
        cert = choose_certificate(info, None)
        with TokenSession(info) as session:
            session.login(token[1])
            w = IncrementalPdfFileWriter(BytesIO(pdf))
            if visible_box is not None or lock:
                mdp = fields.FieldMDPSpec(fields.FieldMDPAction.INCLUDE, lock) if lock else None
                fields.append_signature_field(w, fields.SigFieldSpec(field, on_page=0, box=visible_box,
                                                                     field_mdp_spec=mdp))
            meta = signers.PdfSignatureMetadata(
                field_name=field, certify=certify is not None, docmdp_permissions=certify or MDPPerm.FILL_FORMS,
                subfilter=fields.SigSeedSubFilter.PADES)
            out = signers.PdfSigner(meta, session.signer(cert),
                                    stamp_style=TextStampStyle(stamp_text=stamp_text)).sign_pdf(w)
            return out.getvalue()


@pytest.fixture(scope="module")
def signed(demo, services, tmp_path_factory):
    """The signed originals, by name (bytes)."""
    signing = Signing(demo)
    letter = letter_pdf("Letter to the Ministry")
    return {
        "letter": signing.sign(letter),
        "form": signing.sign(attacks.with_text_field(letter)),
        "hide": signing.sign(attacks.shadow_prepare_hide(letter)),
        "replace": signing.sign(attacks.shadow_prepare_replace(letter)),
        "hide-and-replace": signing.sign(attacks.shadow_prepare_hide_and_replace(letter)),
        "certified": signing.sign(attacks.with_text_field(letter), certify=MDPPerm.FILL_FORMS),
    }


@pytest.fixture(scope="module")
def check(signed, trust, tmp_path_factory):
    """check(original, attacked_bytes) -> the attacked file's first signature report."""
    folder = tmp_path_factory.mktemp("attacks")
    verified_originals: set[str] = set()

    def run(original: str, attacked: bytes, name: str = "attacked.pdf"):
        if original not in verified_originals:
            path = folder / f"{original}.pdf"
            path.write_bytes(signed[original])
            report = verify_file(path, trust)
            assert [s.indication for s in report.signatures] == [PASSED] * len(report.signatures), \
                [(s.message, s.warnings) for s in report.signatures]
            verified_originals.add(original)
        path = folder / name
        path.write_bytes(attacked)
        report = verify_file(path, trust)
        assert report.error is None, report.error
        return report.signatures[0]

    return run


def _said(sig, *words: str) -> str:
    """The report's words; asserts that each of `words` is in them."""
    text = " ".join([sig.message, *sig.warnings, *sig.changes])
    for w in words:
        assert w in text, text
    return text


# --- universal signature forgery ---------------------------------------------------------------

@pytest.mark.parametrize(("attack", "words"), [
    (attacks.usf_empty_contents, "(/Contents) is empty"),
    (attacks.usf_no_byte_range, "has no /ByteRange"),
    (attacks.usf_zero_byte_range, "covers no bytes"),
    (attacks.usf_malformed_byte_range, "/ByteRange is malformed"),
])
def test_universal_signature_forgery(check, signed, attack, words):
    sig = check("letter", attack(signed["letter"]))
    assert sig.indication is FAILED
    _said(sig, words)


# --- incremental saving attacks -----------------------------------------------------------------

def test_isa_page_content_rewritten(check, signed):
    sig = check("letter", attacks.isa_page_content(signed["letter"]))
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE")
    assert sig.intact and sig.cryptographically_valid  # the signed bytes are untouched
    assert "page 1 content was replaced after the signature by revision 3" in sig.changes
    assert sig.revision == 2


def test_isa_overlay_xobject(check, signed):
    sig = check("letter", attacks.isa_overlay_xobject(signed["letter"]))
    assert sig.indication is FAILED
    _said(sig, "page 1", "by revision 3")


def test_isa_added_annotation_is_not_passed(check, signed):
    sig = check("letter", attacks.isa_add_annotation(signed["letter"]))
    assert sig.indication is not PASSED, sig.message
    assert "a FreeText annotation was added on page 1 after the signature by revision 3, " \
           "which no signature covers" in sig.changes
    assert "FreeText annotation was added on page 1" in sig.message


def test_isa_changed_form_value_is_not_passed(check, signed):
    sig = check("form", attacks.isa_form_value(signed["form"]))
    assert sig.indication is not PASSED
    _said(sig, "form field 'amount'", "'100 EUR' to '1,000,000 EUR'", "revision 4")


# --- signature wrapping -------------------------------------------------------------------------

def test_signature_wrapping(check, signed):
    sig = check("letter", attacks.signature_wrapping(signed["letter"]))
    assert sig.indication is FAILED
    _said(sig, "signature wrapping")


# --- shadow attacks -----------------------------------------------------------------------------

def test_shadow_hide(check, signed):
    sig = check("hide", attacks.shadow_hide(signed["hide"]))
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE")
    _said(sig, "optional content (layers) was changed", "by revision 4")


def test_shadow_replace(check, signed):
    sig = check("replace", attacks.shadow_replace(signed["replace"]))
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE")
    _said(sig, "page 1", "by revision 4")


def test_shadow_hide_and_replace(check, signed):
    sig = check("hide-and-replace", attacks.shadow_hide_and_replace(signed["hide-and-replace"]))
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE")
    _said(sig, "page tree was replaced", "by revision 4")


# --- certification attacks ----------------------------------------------------------------------

def test_evil_annotation_on_a_certified_document(check, signed):
    sig = check("certified", attacks.evil_annotation(signed["certified"]))
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE")
    _said(sig, "FreeText annotation was added on page 1")


def test_sneaky_signature_on_a_certified_document_is_listed_with_a_warning(demo, check, signed):
    sneaky = Signing(demo).sign(signed["certified"], AGENCY, field="Signature2", visible_box=(60, 680, 540, 730),
                                stamp_text="Amount: 1,000,000 EUR")
    """Sneaky signature (Mainka et al., S&P 2021): ISO 32000-2 12.8.2.2.2 (Table 257) lets P=2
    documents be signed, in new visible fields too, so the certification stands; the new stamp
    is named with its page, and a warning says it is drawn over the certified page."""
    sig = check("certified", sneaky)
    assert sig.indication is PASSED, sig.message
    _said(sig, "signature 'Signature2' was added (visible on page 1)", "check that its stamp hides nothing")


def test_filling_the_certified_form_and_countersigning_invisibly_passes(demo, check, signed):
    filled = attacks.isa_form_value(signed["certified"], "120 EUR")
    countersigned = Signing(demo).sign(filled, AGENCY, field="Signature2")
    sig = check("certified", countersigned, "countersigned.pdf")
    assert sig.indication is PASSED, (sig.message, sig.changes)
    assert any("'100 EUR' to '120 EUR'" in c for c in sig.changes)
