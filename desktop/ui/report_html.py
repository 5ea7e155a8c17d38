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
from desktop.verify.reports.html import sections_html
from desktop.verify.reports.words import COLOURS, ICONS, badge_kind, stamp_kind

__all__ = ["COLOURS", "ICONS", "badge_kind", "stamp_kind", "details_html", "export"]


def details_html(report: FileReport, sig: SignatureReport) -> str:
    """The details pane of one signature: verdict, facts, time-stamps, chain, revocation data,
    warnings, and last the technical details (ETSI indications)."""
    kind = badge_kind(sig)
    parts = [f'<h3 style="color:{COLOURS[kind]}">{ICONS[kind]} {_e(words.verdict_title(sig))}</h3>',
             f"<p>{_e(sig.message)}</p>"]
    rows = words.fact_rows(report, sig)
    if sig.field_name:
        rows.append((tr("Signature field"), sig.field_name))
    parts += [_table(rows + words.check_rows(sig)), sections_html(words.detail_sections(sig, codes=False))]
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
