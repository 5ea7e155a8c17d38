"""The verification report as one standalone HTML page (no scripts, no outside resources)."""

from __future__ import annotations

import html as _html
from datetime import datetime

from desktop import __version__
from desktop.core.i18n import current_language, tr
from desktop.core.model import FileReport, SignatureReport
from desktop.verify.reports import words as w

STYLE = ("body{font-family:'DejaVu Sans',sans-serif;max-width:60em;margin:1em auto;color:#222}"
         "td{vertical-align:top;padding:2px 8px 2px 0} td.l{color:#555}"
         "table.sum{border-collapse:collapse} table.sum td,table.sum th{border:1px solid #ccc;padding:3px 6px}"
         "small{color:#555}")


def _e(text: object) -> str:
    return _html.escape(str(text))


def _rows(rows: list[tuple[str, str]]) -> str:
    return "<table>" + "".join(f"<tr><td class='l'>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows) + "</table>"


def sections_html(sections) -> str:
    """words.detail_sections() as HTML lists: the same markup in this report and the window's details pane."""
    parts = []
    for heading, numbered, items in sections:
        tag = "ol" if numbered else "ul"
        parts.append(f"<h4>{_e(heading)}</h4><{tag}>")
        for style, line, smaller in items:
            if style in w.COLOURS:
                head = f"<b style='color:{w.COLOURS[style]}'>{w.ICONS[style]} {_e(line)}</b>"
            else:
                head = f"<b>{_e(line)}</b>" if style == "plain" else _e(line)
            parts.append(f"<li>{head}" + "".join(f"<br><small>{_e(x)}</small>" for x in smaller) + "</li>")
        parts.append(f"</{tag}>")
    return "".join(parts)


def signature_html(report: FileReport, sig: SignatureReport) -> str:
    kind = w.badge_kind(sig)
    return "".join([f"<h3 style='color:{w.COLOURS[kind]}'>{w.ICONS[kind]} {_e(w.verdict_title(sig))}</h3>",
                    f"<p>{_e(sig.message)}</p>", _rows(w.signature_rows(report, sig)), sections_html(w.detail_sections(sig))])


def file_html(report: FileReport) -> str:
    kind = w.file_kind(report)
    head = [(tr("File"), str(report.path))]
    if report.data_file:
        head.append((tr("Signed data"), str(report.data_file)))
    head.append((tr("Result"), w.summary(report) if report.signatures or report.error else w.badge_text(kind)))
    body = "".join(f"<hr>{signature_html(report, s)}" for s in report.signatures)
    return (f"<section><h2 style='color:{w.COLOURS[kind]}'>{w.ICONS[kind]} {_e(report.path.name)}</h2>"
            f"{_rows(head)}{body}</section>")


def render(reports: list[FileReport], *, verified_at: datetime | None = None) -> str:
    """The whole report: a summary table of the files, then each file's signatures."""
    title = tr("Signature verification report")
    verified_at = verified_at or datetime.now().astimezone()
    head = _rows([(tr("Verified"), w.when(verified_at)), (tr("Result"), w.batch_summary(reports))])
    table = ""
    if len(reports) > 1:
        table = (f"<table class='sum'><tr><th>{_e(tr('File'))}</th><th>{_e(tr('Result'))}</th></tr>"
                 + "".join(f"<tr><td>{_e(r.path)}</td><td style='color:{w.COLOURS[w.file_kind(r)]}'>"
                           f"{_e(w.badge_text(w.file_kind(r)))}</td></tr>" for r in reports) + "</table>")
    files = "".join(f"<hr>{file_html(r)}" for r in reports)
    foot = f"<hr><p><small>{_e(tr('Made by Imza {version}', version=__version__))}</small></p>"
    return (f"<!DOCTYPE html><html lang='{_e(current_language())}'><head><meta charset='utf-8'>"
            f"<title>{_e(title)}</title><style>{STYLE}</style></head>"
            f"<body><h1>{_e(title)}</h1>{head}{table}{files}{foot}</body></html>")
