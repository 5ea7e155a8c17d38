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


def signature_html(report: FileReport, sig: SignatureReport) -> str:
    kind = w.badge_kind(sig)
    parts = [f"<h3 style='color:{w.COLOURS[kind]}'>{w.ICONS[kind]} {_e(w.badge_text(kind))}: {_e(w.title(sig))}</h3>",
             f"<p>{_e(sig.message)}</p>", _rows(w.signature_rows(report, sig))]
    if sig.timestamps:
        parts.append(f"<h4>{_e(tr('Signature time-stamps'))}</h4><ul>")
        for t in sig.timestamps:
            kind, text = w.stamp_heading(sig, t)
            parts.append(f"<li><b style='color:{w.COLOURS.get(kind, '#222')}'>{w.ICONS.get(kind, '•')} {_e(text)}</b><br>"
                         f"{_e(t.message)}<br><small>{_e(w.stamp_detail(t))}</small></li>")
        parts.append("</ul>")
    if sig.chain:
        parts.append(f"<h4>{_e(tr('Certificate chain'))}</h4><ol>")
        parts += [f"<li><b>{_e(subject)}</b><br><small>{_e(detail)}</small></li>" for subject, detail in w.chain_lines(sig)]
        parts.append("</ol>")
    if sig.revocation:
        parts.append(f"<h4>{_e(tr('Revocation data'))}</h4><ul>")
        parts += [f"<li>{_e(line)}</li>" for line in w.revocation_lines(sig)]
        parts.append("</ul>")
    if sig.warnings:
        parts.append(f"<h4>{_e(tr('Warnings'))}</h4><ul>")
        parts += [f"<li>{_e(x)}</li>" for x in sig.warnings]
        parts.append("</ul>")
    return "".join(parts)


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
