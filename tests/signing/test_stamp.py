"""The visible signature's stamp: holder, date, reason and location in the language setting's words,
in an embedded font that has Azerbaijani and Russian letters (not Courier), over an optional image."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from desktop.demo.documents import letter_pdf


def stamp_text(pdf_path) -> str:
    """The page's text with the signature's appearance flattened into it (what a reader shows)."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    pdf.init_forms()
    pdf[0].flatten()
    flat = pdf_path.with_name("flat.pdf")
    pdf.save(str(flat))
    return pdfium.PdfDocument(str(flat))[0].get_textpage().get_text_range()


def appearance_fonts(pdf_path, widths: list | None = None) -> set[str]:
    """/BaseFont of every font the signature field's appearance uses (XObjects followed, a few levels);
    `widths` collects the glyph widths of their CIDFonts' /W arrays."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(pdf_path, "rb") as fh:
        reader = PdfFileReader(fh)
        found: set[str] = set()

        def walk(stream, depth: int) -> None:
            resources = stream.get("/Resources", {})
            for font in resources.get("/Font", {}).values():
                found.add(str(font.get_object()["/BaseFont"]))
                for cid_font in font.get_object().get("/DescendantFonts", []):
                    for entry in cid_font.get_object().get("/W", []):
                        if widths is not None and isinstance(entry, list):
                            widths.extend(int(w) for w in entry)
            if depth < 4:
                for xobject in resources.get("/XObject", {}).values():
                    walk(xobject.get_object(), depth + 1)

        for field in reader.root["/AcroForm"]["/Fields"]:
            walk(field.get_object()["/AP"]["/N"].get_object(), 0)
        return found


@pytest.mark.parametrize(("lang", "words"), [("ru", ("Подписано электронной подписью: Aysel Mammadova",
                                                      "Причина: Согласовано", "Место: Bakı")),
                                              ("az", ("Elektron imza ilə imzalayıb: Aysel Mammadova",
                                                      "Səbəb: Razılaşdırılıb", "Yer: Bakı"))])
def test_the_stamp_speaks_the_language_setting(imza, tmp_path, lang, words):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(letter_pdf("Letter"))
    reason = words[1].split(": ", 1)[1]
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", "--visible",
                "1:300,60,560,150", "--reason", reason, "--location", "Bakı", input="12345\n",
                env={"IMZA_LANG": lang})
    assert proc.returncode == 0, proc.stderr
    signed = tmp_path / "letter.signed.pdf"
    text = stamp_text(signed)
    for w in words:
        assert w in " ".join(text.split()), text
    widths: list[int] = []
    fonts = appearance_fonts(signed, widths)
    assert fonts and all("+DejaVuSans" in f for f in fonts), fonts  # embedded, not the base-14 Courier
    # ISO 32000-2 9.7.4.3: /W gives widths in thousandths of an em (DejaVu Sans has 2048 units per em;
    # its widest letters here are under one em, digits about 0.64 em)
    assert widths and max(widths) <= 1000, widths


def test_an_image_goes_behind_the_words(imza, tmp_path):
    from PIL import Image

    logo = tmp_path / "seal.png"
    Image.new("RGB", (60, 60), (30, 80, 160)).save(logo)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(letter_pdf("Letter"))
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", "--visible",
                "1:300,60,560,150", "--visible-image", logo, input="12345\n")
    assert proc.returncode == 0, proc.stderr
    signed = tmp_path / "letter.signed.pdf"
    assert b"/Subtype /Image" in signed.read_bytes()
    assert "Digitally signed by Aysel Mammadova" in " ".join(stamp_text(signed).split())
    proc = imza("verify", signed)
    assert "TOTAL-FAILED" not in proc.stdout  # the stamp is part of what is signed, and intact

    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", "--visible",
                "1:300,60,560,150", "--visible-image", bad, "-o", tmp_path / "x.pdf", input="12345\n")
    assert proc.returncode != 0 and "cannot be read" in proc.stderr and "Traceback" not in proc.stderr


def test_the_stamp_font_leaves_no_file_open():
    """pyhanko's font engine factory opened the font and never closed it: a ResourceWarning about
    DejaVuSans.ttf in every test that signed visibly (and a descriptor held until garbage collection)."""
    import gc
    import os
    import warnings
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from desktop.resources import resource_path
    from desktop.signing.pades import _stamp_font

    font = str(resource_path("fonts", "DejaVuSans.ttf"))

    def open_fonts() -> list[str]:
        fds = "/proc/self/fd"
        return [t for t in (os.path.realpath(os.path.join(fds, f)) for f in os.listdir(fds))
                if t == os.path.realpath(font)]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        writer = IncrementalPdfFileWriter(BytesIO(letter_pdf("Letter")))
        engine = _stamp_font(font).create_font_engine(writer)
        engine.shape("Rəqəmsal imza — Подписано")
        engine.prepare_write()
        assert open_fonts() == []
        del engine, writer
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)], [str(w.message) for w in caught]
