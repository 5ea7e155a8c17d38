"""The verification report as a PDF (A4), laid out with ReportLab from the same words as the HTML.

No browser and no Qt: ReportLab is pure Python. Text in Azerbaijani and Russian needs a
Unicode font; DejaVu Sans (Debian's fonts-dejavu-core, installed by `make`) is embedded when
found, else ReportLab's Helvetica is used and letters outside Latin-1 may not show.
"""

from __future__ import annotations

import html as _html
from datetime import datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from desktop import __version__
from desktop.core.i18n import tr
from desktop.core.model import FileReport, SignatureReport
from desktop.verify.reports import words as w

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts"), Path("/Library/Fonts"), Path("C:/Windows/Fonts")]


@cache
def _fonts() -> tuple[str, str]:
    """(regular, bold) font names registered with ReportLab."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for d in FONT_DIRS:
        regular, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if regular.is_file():
            pdfmetrics.registerFont(TTFont("ImzaSans", str(regular)))
            pdfmetrics.registerFont(TTFont("ImzaSans-Bold", str(bold if bold.is_file() else regular)))
            return "ImzaSans", "ImzaSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles():
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = _fonts()
    base = ParagraphStyle("body", fontName=regular, fontSize=9, leading=12)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor="#555555"),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=16, leading=20, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontName=bold, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=3),
        "h4": ParagraphStyle("h4", parent=base, fontName=bold, fontSize=9, leading=12, spaceBefore=4),
    }


def _p(text: object, style, colour: str | None = None):
    from reportlab.platypus import Paragraph

    body = _html.escape(str(text))
    return Paragraph(f'<font color="{colour}">{body}</font>' if colour else body, style)


def _rows(rows, st):
    from reportlab.platypus import Table, TableStyle

    table = Table([[_p(k, st["small"]), _p(v, st["body"])] for k, v in rows], colWidths=[120, None], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _signature(report: FileReport, sig: SignatureReport, st) -> list:
    kind = w.badge_kind(sig)
    out = [_p(f"{w.ICONS[kind]} {w.verdict_title(sig)}", st["h3"], w.COLOURS[kind]),
           _p(sig.message, st["body"]), _rows(w.signature_rows(report, sig), st)]
    for heading, numbered, items in w.detail_sections(sig):
        out.append(_p(heading, st["h4"]))
        for n, (style, line, smaller) in enumerate(items, 1):
            mark = f"{n}." if numbered else w.ICONS.get(style, "•")
            out.append(_p(f"{mark} {line}", st["body"], w.COLOURS.get(style)))
            out += [_p(x, st["small"]) for x in smaller]
    return out


def render(reports: list[FileReport], *, verified_at: datetime | None = None) -> bytes:
    """A PDF report (A4, reportlab) of `reports` in the user's language; `verified_at` defaults to now."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, SimpleDocTemplate

    st = _styles()
    title = tr("Signature verification report")
    story = [_p(title, st["h1"]),
             _rows([(tr("Verified"), w.when(verified_at or datetime.now().astimezone())),
                    (tr("Result"), w.batch_summary(reports))], st)]
    for report in reports:
        kind = w.file_kind(report)
        story += [HRFlowable(width="100%", color="#cccccc", spaceBefore=6),
                  _p(f"{w.ICONS[kind]} {report.path.name}", st["h2"], w.COLOURS[kind])]
        head = [(tr("File"), str(report.path))]
        if report.data_file:
            head.append((tr("Signed data"), str(report.data_file)))
        head.append((tr("Result"), w.summary(report) if report.signatures or report.error else w.badge_text(kind)))
        story.append(_rows(head, st))
        for sig in report.signatures:
            story += _signature(report, sig, st)
    story += [HRFlowable(width="100%", color="#cccccc", spaceBefore=6),
              _p(tr("Made by Imza {version}", version=__version__), st["small"])]
    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=title, author="Imza", creator=f"Imza {__version__}",
                            invariant=True)
    doc.build(story)
    return out.getvalue()
