"""Sample documents for the demo, tests and benchmarks: one-page letters as real PDFs."""

from __future__ import annotations

from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def letter_pdf(title: str, lines: list[str] | None = None) -> bytes:
    """A one-page A4 letter with a title and body lines (Helvetica, WinAnsi text only)."""
    lines = lines or [
        "Dear colleagues,",
        "",
        "please find attached the documents requested in your letter.",
        "This letter is a sample produced by Imza for demonstration.",
        "",
        "Kind regards,",
        "Chancellery",
    ]
    w = PdfFileWriter()
    font = w.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Font"),
        generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
        generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
        generic.NameObject("/Encoding"): generic.NameObject("/WinAnsiEncoding"),
    }))
    ops = ["BT", "/F1 18 Tf", "72 770 Td", f"({_escape(title)}) Tj", "/F1 11 Tf", "0 -36 Td"]
    for line in lines:
        ops += [f"({_escape(line)}) Tj", "0 -16 Td"]
    ops.append("ET")
    stream = generic.StreamObject(stream_data="\n".join(ops).encode("latin-1", "replace"))
    page = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Page"),
        generic.NameObject("/MediaBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 595, 842))),
        generic.NameObject("/Resources"): generic.DictionaryObject({
            generic.NameObject("/Font"): generic.DictionaryObject({generic.NameObject("/F1"): font}),
        }),
        generic.NameObject("/Contents"): w.add_object(stream),
    })
    w.insert_page(page)
    out = BytesIO()
    w.write(out)
    return out.getvalue()
