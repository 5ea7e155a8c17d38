"""PAdES: sign a PDF in an incremental update, keeping earlier signatures valid."""

from __future__ import annotations

import functools
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation.pdf_embedded import read_certification_data
from pyhanko.stamp import TextStampStyle

from desktop.core.errors import DocumentLocked, InputError
from desktop.core.i18n import tr
from desktop.core.logs import quiet_pyhanko
from desktop.core.model import SignatureLevel, SignRequest
from desktop.fsio import atomic_output
from desktop.resources import resource_path

quiet_pyhanko()  # a damaged letter is one line, not pyhanko's warnings too


def open_pdf(data: bytes, name: str) -> IncrementalPdfFileWriter:
    """Parse a PDF for an incremental update, turning parser failures into one clear line."""
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
        writer.prev.root  # noqa: B018 - the catalog, read now: damage shows here as one clear line
    # pyhanko asserts on a catalog it cannot read
    except (PdfError, ValueError, KeyError, IndexError, TypeError, AssertionError) as e:
        raise InputError("{name} is not a readable PDF (damaged or truncated: {error}).",
                         "Get a fresh copy of the document and try again.", name=name, error=e or type(e).__name__) from None
    if writer.prev.encrypted:
        raise InputError("{name} is an encrypted (password-protected) PDF.",
                         "Remove the password in your PDF reader (print to PDF), then sign the copy.", name=name)
    return writer


def refuse_if_locked(writer: IncrementalPdfFileWriter, name: str) -> None:
    """Raise DocumentLocked when the PDF is certified "no changes allowed" (ISO 32000-2 12.8.2.2, DocMDP P=1).

    A damaged certification dictionary raises InputError. `name` is how the file is named in
    the message.
    """
    try:
        cert_data = read_certification_data(writer.prev)
    except (PdfError, ValueError, KeyError) as e:
        raise InputError("{name} has a damaged signature dictionary ({error}).",
                         "Get a fresh copy of the document.", name=name, error=e) from None
    if cert_data is not None and cert_data.permission == MDPPerm.NO_CHANGES:
        raise DocumentLocked('{name} is certified by its author with "no changes allowed"; any new signature would invalidate it.',
                             "Ask the author for a version that permits signing.", name=name)


def next_field_name(writer: IncrementalPdfFileWriter) -> str:
    """The first SignatureN field name the document does not use yet (signed or empty fields counted)."""
    existing = {name for name, _, _ in fields.enumerate_sig_fields(writer.prev, filled_status=None)}
    n = 1
    while f"Signature{n}" in existing:
        n += 1
    return f"Signature{n}"


def _holder(signer) -> str:
    """The signer's name as a person reads it: the certificate's common name."""
    cert = getattr(signer, "signing_cert", None)
    if cert is None:
        return "?"
    return cert.subject.native.get("common_name") or cert.subject.human_friendly


def _appearance(writer: IncrementalPdfFileWriter, req: SignRequest, field_name: str, holder: str):
    vis = req.visible
    pages = int(writer.root["/Pages"]["/Count"])
    if not 0 <= vis.page < pages:
        raise InputError("{path} has {pages} page(s); there is no page {page} for the visible signature.",
                         "Choose a page that exists.", path=req.source, pages=pages, page=vis.page + 1)
    x1, y1, x2, y2 = vis.box
    box = (int(min(x1, x2)), int(min(y1, y2)), int(max(x1, x2)), int(max(y1, y2)))
    if box[2] - box[0] < 20 or box[3] - box[1] < 10:
        raise InputError("The visible signature box is too small.", "Make it at least 20 × 10 points.")
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=vis.page, box=box)
    return spec, stamp_style(req, holder)


def stamp_style(req: SignRequest, holder: str) -> TextStampStyle:
    """The visible signature: holder, date, reason and location in the language setting's words, set in
    DejaVu Sans (embedded, so Azerbaijani and Russian letters show), over the optional image."""
    from pyhanko.pdf_utils.text import TextBoxStyle

    def lit(text: str) -> str:  # pyhanko fills %(ts)s in; everything else is printed as given
        return text.replace("%", "%%")

    lines = [lit(tr("Digitally signed by {holder}", holder=holder)),
             lit(tr("Date: {date}", date="\0")).replace("\0", "%(ts)s")]
    if req.reason:
        lines.append(lit(tr("Reason: {reason}", reason=req.reason)))
    if req.location:
        lines.append(lit(tr("Location: {location}", location=req.location)))
    font = _stamp_font(str(resource_path("fonts", "DejaVuSans.ttf")))
    background = None
    if req.visible.image is not None:
        background = _stamp_image(req.visible.image)
    return TextStampStyle(stamp_text="\n".join(lines), timestamp_format="%Y-%m-%d %H:%M %Z",
                          text_box_style=TextBoxStyle(font=font, font_size=10, leading=13),
                          border_width=1, border_color=(0.17, 0.29, 0.42), background=background,
                          background_opacity=0.35)


def _stamp_font(path: str):
    """pyhanko's embedded-font engine, with the glyph widths written as PDF wants them.

    pyhanko 0.38 writes a CIDFont's /W in the font's own units; PDF reads them as thousandths of
    an em (ISO 32000-2 9.7.4.3), so a font with 2048 units per em (DejaVu Sans, most TrueType
    fonts) was drawn twice too wide. Only /W is scaled, just before it is written: the text layout
    keeps pyhanko's own arithmetic.
    """
    from dataclasses import dataclass

    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    class Accumulator(GlyphAccumulator):
        def prepare_write(self):
            if not self._write_prepared and self.units_per_em != 1000:
                scale = 1000 / self.units_per_em
                self._glyphs = {gid: (cid, round(width * scale)) for gid, (cid, width) in self._glyphs.items()}
            super().prepare_write()

    @dataclass(frozen=True)
    class Factory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer, obj_stream=None):
            # pyhanko's own opens the font file and never closes it (a ResourceWarning at each
            # signature): the engine reads it from memory instead, so no file stays open.
            if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
                obj_stream = writer.prepare_object_stream()
            return Accumulator(writer=writer, font_handle=BytesIO(_font_bytes(self.font_file)),
                               font_size=self.font_size, ot_script_tag=self.ot_script_tag,
                               ot_language_tag=self.ot_language_tag, writing_direction=self.writing_direction,
                               bcp47_lang_code=self.bcp47_lang_code, obj_stream=obj_stream)

    return Factory(path)


@functools.lru_cache(maxsize=2)
def _font_bytes(path: str) -> bytes:
    """A font file's bytes, read once (the stamp's font is one of the application's own resources)."""
    with open(path, "rb") as fh:
        return fh.read()


def _stamp_image(path: Path):
    """A PNG/JPEG (through Pillow) or the first page of a PDF, as the stamp's background."""
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.images import PdfImage

    try:
        if path.suffix.lower() == ".pdf":
            return ImportedPdfPage(str(path))
        from PIL import Image

        with Image.open(path) as image:
            image.load()
            return PdfImage(image.copy())
    except (OSError, ValueError, SyntaxError) as e:
        raise InputError("The image for the visible signature ({path}) cannot be read ({error}).",
                         "Choose a PNG, JPEG or PDF file.", path=path, error=e) from None


async def sign_pdf(data: bytes, req: SignRequest, signer, timestamper, validation_context) -> None:
    """Write `req.output`: the PDF `data` with one more signature, appended as an incremental update.

    Refuses certified "no changes" documents; adds the visible stamp when `req.visible` asks,
    validation data for B-LT and a document time-stamp for B-LTA. Written atomically.
    """
    name = str(req.source)
    writer = open_pdf(data, name)
    refuse_if_locked(writer, name)
    level = req.level
    meta = signers.PdfSignatureMetadata(
        field_name=next_field_name(writer),
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=req.reason,
        location=req.location,
        embed_validation_info=level.needs_validation_data,
        use_pades_lta=level is SignatureLevel.B_LTA,
        validation_context=validation_context if level.needs_validation_data else None,
        app_build_props=None,
    )
    field_spec, stamp = _appearance(writer, req, meta.field_name, _holder(signer)) if req.visible else (None, None)
    pdf_signer = signers.PdfSigner(meta, signer=signer,
                                   timestamper=timestamper if level.needs_timestamp else None,
                                   new_field_spec=field_spec, stamp_style=stamp)
    with atomic_output(req.output, force=req.force) as fh:
        await pdf_signer.async_sign_pdf(writer, output=fh)
