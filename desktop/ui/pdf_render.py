"""PDF pages as QImages, rendered with pdfium in a worker.

Why not QtPdf: the PySide6-Essentials wheel we ship does not contain the QtPdf module (it is in
Addons, and even there no QtPdf binary was found for 6.12 on Linux), so `from PySide6 import
QtPdf` fails. pypdfium2 bundles the same PDF engine Chromium uses, and a QImage may be built
on any thread (unlike a QPixmap), so the page is rasterised off the UI thread.
pdfium is not thread-safe: every call goes through one lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage

_PDFIUM = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    index: int  # 0-based
    count: int  # pages in the document
    width_pt: float
    height_pt: float
    scale: float  # image pixels per PDF point (zoom × device pixel ratio)
    image: QImage


def render_page(path: Path, index: int, scale: float) -> PageImage:
    """Page `index` at `scale` pixels per point. Raises ValueError for an unreadable PDF."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as e:
            raise ValueError(f"{path.name} cannot be displayed ({e}).") from None
        try:
            pdf.init_forms()  # without a form environment pdfium skips widget appearances: visible signatures
            count = len(pdf)
            index = max(0, min(index, count - 1))
            page = pdf[index]
            width, height = page.get_size()
            bitmap = page.render(scale=scale, may_draw_forms=True)
            # pdfium renders 3-channel BGR by default; copy() detaches the QImage from pdfium's buffer.
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_BGR888).copy()
            bitmap.close()
            page.close()
        finally:
            pdf.close()
    return PageImage(index, count, width, height, scale, image)
