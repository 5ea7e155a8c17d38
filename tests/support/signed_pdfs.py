"""Signed PDFs as other signing software writes them, for the verifier's real-world tests.

Each builder takes PDF bytes (and, where it signs, a pyhanko Signer from a demo token) and
returns the new bytes: a linearized file whose signature lies inside the linearized structure,
document time-stamps written with /Type /Sig, a signature field whose partial name holds a
period, later updates that change a field's appearance only or that cannot be read.
"""

from __future__ import annotations

import asyncio
import binascii
import re
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers import pdf_byterange, pdf_signer

PLACEHOLDER = 9_999_999_999  # wide enough for any real /ByteRange number
CONTENTS_BYTES = 16384


def _write(w: IncrementalPdfFileWriter) -> bytes:
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def has_qpdf() -> bool:
    return shutil.which("qpdf") is not None


def _second_page(w: IncrementalPdfFileWriter):
    """Add a copy of page 1 as page 2; its reference."""
    tree = w.root["/Pages"]
    first = tree["/Kids"][0].get_object()
    page = generic.DictionaryObject({k: first.raw_get(k) for k in first if k != "/Annots"})
    ref = w.add_object(page)
    tree["/Kids"].append(ref)
    tree[pdf_name("/Count")] = generic.NumberObject(len(tree["/Kids"]))
    w.update_container(tree)
    return ref


def linearized_signed(pdf: bytes, signer) -> bytes:
    """A PDF linearized by qpdf with its one signature inside the linearized structure.

    The signature dictionary is added first, with a placeholder value and /ByteRange; qpdf
    then writes the whole file linearized (the first-page cross-reference section at the
    start, the main one at the end), and the signature is computed over that file, so its
    /ByteRange covers the whole file and there is no incremental update at all."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref = _second_page(w)  # the signature's widget on page 2: outside the first-page section
    page = page_ref.get_object()
    sig = w.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Sig"), pdf_name("/Filter"): pdf_name("/Adobe.PPKLite"),
        pdf_name("/SubFilter"): pdf_name("/ETSI.CAdES.detached"),
        pdf_name("/ByteRange"): generic.ArrayObject([generic.NumberObject(PLACEHOLDER)] * 4),
        pdf_name("/Contents"): generic.ByteStringObject(b"\0" * CONTENTS_BYTES)}))
    field = w.add_object(generic.DictionaryObject({
        pdf_name("/FT"): pdf_name("/Sig"), pdf_name("/T"): pdf_string("Signature1"), pdf_name("/V"): sig,
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(0)] * 4), pdf_name("/P"): page_ref,
        pdf_name("/F"): generic.NumberObject(132)}))
    page[pdf_name("/Annots")] = generic.ArrayObject([field])
    w.update_container(page)
    w.root[pdf_name("/AcroForm")] = generic.DictionaryObject({
        pdf_name("/Fields"): generic.ArrayObject([field]), pdf_name("/SigFlags"): generic.NumberObject(3)})
    w.update_root()
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        src.write_bytes(_write(w))
        subprocess.run(["qpdf", "--linearize", "--object-streams=disable", str(src), str(dst)], check=True)
        data = dst.read_bytes()
    assert b"/Linearized" in data[:1024]
    contents = re.search(rb"<(0{%d})>" % (2 * CONTENTS_BYTES), data)
    gap_start, gap_end = contents.start(), contents.end()
    br = re.search(rb"\[ *%d +%d +%d +%d *\]" % ((PLACEHOLDER,) * 4), data)
    numbers = b"[0 %d %d %d]" % (gap_start, gap_end, len(data) - gap_end)
    data = data[:br.start()] + numbers.ljust(br.end() - br.start()) + data[br.end():]
    signed = data[:gap_start] + data[gap_end:]

    async def sign():
        import hashlib
        return await signer.async_sign(hashlib.sha256(signed).digest(), "sha256", use_pades=True)

    der = asyncio.run(sign()).dump()
    hexed = binascii.hexlify(der).ljust(2 * CONTENTS_BYTES, b"0")
    return data[:gap_start + 1] + hexed + data[gap_end - 1:]


class _SigTypedTimestamp(pdf_byterange.DocumentTimestamp):
    """A document time-stamp dictionary with /Type /Sig, as some national signing software writes it."""

    def __init__(self, bytes_reserved=None):
        super().__init__(bytes_reserved=bytes_reserved)
        self[pdf_name("/Type")] = pdf_name("/Sig")


def sig_typed_timestamp(pdf: bytes, timestamper, field_name: str = "DocTS") -> bytes:
    """A PAdES document time-stamp (/SubFilter /ETSI.RFC3161) written with /Type /Sig."""
    original = pdf_signer.DocumentTimestamp
    pdf_signer.DocumentTimestamp = _SigTypedTimestamp
    try:
        w = IncrementalPdfFileWriter(BytesIO(pdf))
        out = pdf_signer.PdfTimeStamper(timestamper, field_name=field_name).timestamp_pdf(w, "sha256")
    finally:
        pdf_signer.DocumentTimestamp = original
    data = out.getvalue()
    assert b"/ETSI.RFC3161" in data and b"/DocTimeStamp" not in data[len(pdf):]
    return data


def replace_field_appearance(pdf: bytes, shown: str, field_index: int = 0) -> bytes:
    """A later update that gives a text field a new appearance stream (/AP) saying `shown`,
    while its value (/V) stays as signed: a viewer shows `shown`."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    field = w.root["/AcroForm"]["/Fields"][field_index].get_object()
    box = [float(v) for v in field["/Rect"]]
    ap = w.add_object(generic.StreamObject({
        pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
        pdf_name("/BBox"): generic.ArrayObject(generic.FloatObject(v) for v in (0, 0, box[2] - box[0], box[3] - box[1])),
    }, stream_data=b"/Tx BMC BT /Helv 12 Tf 2 5 Td (%s) Tj ET EMC" % shown.encode()))
    field[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): ap})
    w.update_container(field)
    return _write(w)


def with_period_field(pdf: bytes, name: str = "Signature.1") -> bytes:
    """An empty signature field whose partial name (/T) holds a period (ISO 32000-2 12.7.4.2 forbids
    it; some software writes it), merged with its invisible widget on page 1."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref = w.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    field = w.add_object(generic.DictionaryObject({
        pdf_name("/FT"): pdf_name("/Sig"), pdf_name("/T"): pdf_string(name),
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(0)] * 4), pdf_name("/P"): page_ref,
        pdf_name("/F"): generic.NumberObject(132)}))
    page[pdf_name("/Annots")] = generic.ArrayObject([field])
    w.update_container(page)
    w.root[pdf_name("/AcroForm")] = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject([field])})
    w.update_root()
    return _write(w)


def damage_last_update(pdf: bytes, how: str) -> bytes:
    """The last incremental update made unreadable, as attack tools and broken editors leave it.

    `how`: "startxref" (the update's startxref points into nothing), "object" (the first object
    of the update lost its `obj` keyword), "xref-data" (the compressed cross-reference stream
    of the update is damaged)."""
    start = pdf.rindex(b"%%EOF", 0, len(pdf) - 6) + len(b"%%EOF")  # the end of the previous revision
    head, update = pdf[:start], pdf[start:]
    if how == "startxref":
        m = list(re.finditer(rb"startxref\s+(\d+)", update))[-1]
        update = update[:m.start(1)] + b"%d" % (int(m.group(1)) + 7) + update[m.end(1):]
    elif how == "object":
        m = re.search(rb"(\d+ \d+) obj", update)
        update = update[:m.start()] + m.group(1) + b" xbj" + update[m.end():]
    elif how == "xref-data":
        m = list(re.finditer(rb"/Type\s*/XRef.*?stream\r?\n", update, re.S))[-1]
        update = update[:m.end()] + b"\x00garbage" + update[m.end() + 8:]
    else:
        raise ValueError(how)
    return head + update


def with_dss(pdf: bytes, certs) -> bytes:
    """Validation data (a DSS with `certs` and a VRI entry for the last signature) added in an
    incremental update, as PAdES B-LT software does (ETSI EN 319 142-1, 5.4.2)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    reader = PdfFileReader(BytesIO(pdf))
    last = reader.embedded_signatures[-1]
    out = BytesIO(pdf)
    DocumentSecurityStore.add_dss(out, last.pkcs7_content, certs=certs, force_write=True)
    return out.getvalue()


def with_kid_widget_field(pdf: bytes, name: str = "amount", value: str = "100 EUR") -> bytes:
    """A text field whose widget is a separate kid annotation (ISO 32000-2 12.7.4.1), filled in."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref = w.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    parent = generic.DictionaryObject({pdf_name("/FT"): pdf_name("/Tx"), pdf_name("/T"): pdf_string(name),
                                       pdf_name("/V"): pdf_string(value)})
    parent_ref = w.add_object(parent)
    ap = w.add_object(generic.StreamObject({
        pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
        pdf_name("/BBox"): generic.ArrayObject(generic.NumberObject(v) for v in (0, 0, 200, 20)),
    }, stream_data=b"/Tx BMC BT /Helv 12 Tf 2 5 Td (%s) Tj ET EMC" % value.encode()))
    widget = w.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Widget"),
        pdf_name("/Parent"): parent_ref, pdf_name("/P"): page_ref, pdf_name("/F"): generic.NumberObject(4),
        pdf_name("/Rect"): generic.ArrayObject(generic.NumberObject(v) for v in (300, 600, 500, 620)),
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): ap})}))
    parent[pdf_name("/Kids")] = generic.ArrayObject([widget])
    page[pdf_name("/Annots")] = generic.ArrayObject([widget])
    w.update_container(page)
    w.root[pdf_name("/AcroForm")] = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject([parent_ref])})
    w.update_root()
    return _write(w)


def rewrite_appearance_stream(pdf: bytes, shown: str) -> bytes:
    """A later update that rewrites the first widget's appearance stream object in place (same
    object number, new content), leaving the widget and the field's value untouched."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    widget = w.root["/Pages"]["/Kids"][0].get_object()["/Annots"][0].get_object()
    ref = widget["/AP"].raw_get("/N").reference
    old = ref.get_object()
    new = generic.StreamObject({k: old.raw_get(k) for k in old if k not in ("/Length", "/Filter", "/DecodeParms")},
                               stream_data=b"/Tx BMC BT /Helv 12 Tf 2 5 Td (%s) Tj ET EMC" % shown.encode())
    w.objects[(ref.generation, ref.idnum)] = new  # written in the update under the same number
    return _write(w)


def linearized(pdf: bytes) -> bytes:
    """`pdf` rewritten linearized by qpdf (ISO 32000-2 Annex F), unsigned."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        src.write_bytes(pdf)
        subprocess.run(["qpdf", "--linearize", "--object-streams=disable", str(src), str(dst)], check=True)
        return dst.read_bytes()


def refresh_vri(pdf: bytes) -> bytes:
    """A later B-LT update that rewrites an existing VRI entry of the DSS (adds its /TU time), as
    software refreshing the validation data of an earlier signature does (ETSI EN 319 142-1 5.4.2.2)."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    vri = w.root["/DSS"]["/VRI"]
    key = next(iter(vri))
    entry_ref = vri.raw_get(key)
    entry = entry_ref.get_object()
    entry[pdf_name("/TU")] = pdf_string("D:20261207000000Z")
    if isinstance(entry_ref, generic.IndirectObject):
        w.mark_update(entry_ref)
    else:
        w.update_container(vri)
    return _write(w)


def lowercase_vri_keys(pdf: bytes) -> bytes:
    """The last update's VRI keys written in lower-case hexadecimal (ISO 32000-2 12.8.4.4 asks for
    upper case; some software writes lower case). Same length: no offset moves."""
    start = pdf.rindex(b"%%EOF", 0, len(pdf) - 6)
    update = re.sub(rb"/([0-9A-F]{40})\b", lambda m: b"/" + m.group(1).lower(), pdf[start:])
    assert update != pdf[start:]
    return pdf[:start] + update


def page_content_under_dss(pdf: bytes, shown: bytes) -> bytes:
    """An update that lists the page's content stream in a new DSS /Certs array and rewrites that
    stream in place: page content dressed up as validation data."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page = w.root["/Pages"]["/Kids"][0].get_object()
    ref = page.raw_get("/Contents").reference
    w.root[pdf_name("/DSS")] = generic.DictionaryObject({pdf_name("/Certs"): generic.ArrayObject([
        generic.IndirectObject(ref.idnum, ref.generation, w)])})
    w.update_root()
    w.objects[(ref.generation, ref.idnum)] = generic.StreamObject(stream_data=shown)
    return _write(w)


def with_duplicate_field_names(pdf: bytes, name: str = "note") -> bytes:
    """A form with two fields of the same fully qualified name (ISO 32000-2 12.7.4.2 forbids it;
    some writers do it)."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    fields = [w.add_object(generic.DictionaryObject({
        pdf_name("/FT"): pdf_name("/Tx"), pdf_name("/T"): pdf_string(name), pdf_name("/V"): pdf_string(value)}))
        for value in ("one", "two")]
    w.root[pdf_name("/AcroForm")] = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject(fields)})
    w.update_root()
    return _write(w)


def resources_not_a_dictionary(pdf: bytes) -> bytes:
    """An update that sets page 1's /Resources to a number: nothing can say what the page shows."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page = w.root["/Pages"]["/Kids"][0].get_object()
    page[pdf_name("/Resources")] = generic.NumberObject(7)
    w.update_container(page)
    return _write(w)
