"""The window's details pane of one signature, and the report export, in the engine's words.

Every word comes from desktop/verify/reports/words.py, the one vocabulary that the CLI and the
exported HTML/PDF reports use too (in the user's language, through desktop.core.i18n). The pane
leads with plain words; the ETSI codes (TOTAL-FAILED / HASH_FAILURE) are in its last section.
"""

from __future__ import annotations

import html
from pathlib import Path

from desktop.core.i18n import tr
from desktop.core.model import FileReport, SignatureReport
from desktop.verify.reports import words
from desktop.verify.reports.words import COLOURS, ICONS, badge_kind, stamp_kind

__all__ = ["COLOURS", "ICONS", "badge_kind", "stamp_kind", "details_html", "export"]


def details_html(report: FileReport, sig: SignatureReport) -> str:
    """The details pane of one signature: verdict, facts, time-stamps, chain, revocation data,
    warnings, and last the technical details (ETSI indications)."""
    kind = badge_kind(sig)
    parts = [f'<h3 style="color:{COLOURS[kind]}">{ICONS[kind]} {_e(words.badge_text(kind))}: '
             f"{_e(words.title(sig))}</h3>", f"<p>{_e(sig.message)}</p>"]
    if sig.warnings:
        parts.append(f"<h4>{_e(tr('Warnings'))}</h4><ul>")
        parts += [f"<li>{_e(w)}</li>" for w in sig.warnings]
        parts.append("</ul>")
    rows = words.fact_rows(report, sig)
    if sig.field_name:
        rows.append((tr("Signature field"), sig.field_name))
    parts.append(_table(rows + words.check_rows(sig)))
    if sig.changes:
        parts.append(f"<h4>{_e(tr('Changes after signing'))}</h4><ul>")
        parts += [f"<li>{_e(c)}</li>" for c in sig.changes]
        parts.append("</ul>")
    if sig.timestamps:
        parts.append(f"<h4>{_e(tr('Signature time-stamps'))}</h4><ul>")
        for t in sig.timestamps:
            k, text = words.stamp_heading(sig, t)
            if k == "plain":  # a valid time-stamp on a signature that is not: no green "Valid" beside a red verdict
                line = f"<b>{_e(text)}</b>"
            else:
                line = f'<b style="color:{COLOURS[k]}">{ICONS[k]} {_e(text)}</b>'
            parts.append(f"<li>{line}<br>{_e(t.message)}</li>")
        parts.append("</ul>")
    if sig.chain:
        parts.append(f"<h4>{_e(tr('Certificate chain'))}</h4><ol>")
        parts += [f"<li><b>{_e(subject)}</b><br><small>{_e(detail)}</small></li>"
                  for subject, detail in words.chain_lines(sig)]
        parts.append("</ol>")
    if sig.revocation:
        parts.append(f"<h4>{_e(tr('Revocation data'))}</h4><ul>")
        parts += [f"<li>{_e(line)}</li>" for line in words.revocation_lines(sig)]
        parts.append("</ul>")
    technical = [(tr("Indication"), words.indication_text(sig))]
    technical += [(tr("Signature time-stamp"), words.stamp_detail(t)) for t in sig.timestamps]
    parts.append(f"<h4>{_e(tr('Technical details (ETSI EN 319 102-1)'))}</h4>{_table(technical)}")
    return "".join(parts)


def _table(rows: list[tuple[str, str]]) -> str:
    return ("<table cellspacing='0' cellpadding='3'>"
            + "".join(f"<tr><td valign='top'>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows) + "</table>")


def _e(text: object) -> str:
    return html.escape(str(text))


def export(report: FileReport, path: Path) -> None:
    """The engine's report (desktop/verify/reports), the same as `imza verify --report FILE.html|.pdf`."""
    from desktop.verify.reports import write_report

    write_report(Path(path), [report])
