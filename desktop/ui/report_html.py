"""A verification report in words: the badge of each signature, and the report as HTML or PDF.

The same words serve the window's badges, its details pane and the exported report, so what a
user exports is what they saw. Engine messages arrive already in the user's language
(desktop.core.i18n); the labels around them are translated here with Qt's tr().
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject

from desktop import __version__
from desktop.core.model import FileReport, Indication, SignatureReport, TimestampReport

COLOURS = {"valid": "#1b6e35", "warnings": "#8a5a00", "invalid": "#b42318", "indeterminate": "#4a5568"}
ICONS = {"valid": "✔", "warnings": "⚠", "invalid": "✖", "indeterminate": "?"}


def badge_kind(sig: SignatureReport) -> str:
    if sig.indication is Indication.TOTAL_PASSED:
        return "warnings" if sig.warnings else "valid"
    if sig.indication is Indication.TOTAL_FAILED:
        return "invalid"
    return "indeterminate"


def stamp_kind(stamp: TimestampReport) -> str:
    return {Indication.TOTAL_PASSED: "valid", Indication.TOTAL_FAILED: "invalid"}.get(stamp.indication,
                                                                                      "indeterminate")


def when(dt: datetime | None) -> str:
    if dt is None:
        return "—"
    return dt.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z").strip()


class ReportWriter(QObject):
    """Words for reports; a QObject only so its strings are translated in the 'ReportWriter' context."""

    def badge_text(self, sig: SignatureReport) -> str:
        return {
            "valid": self.tr("Valid"),
            "warnings": self.tr("Valid with warnings"),
            "invalid": self.tr("Invalid"),
            "indeterminate": self.tr("Indeterminate"),
        }[badge_kind(sig)]

    def title(self, sig: SignatureReport) -> str:
        if sig.kind == "document-timestamp":
            return self.tr("Document time-stamp by %1").replace("%1", sig.timestamp_authority or sig.signer or "?")
        return self.tr("Signed by %1").replace("%1", sig.signer or self.tr("an unknown signer"))

    def coverage(self, value: str | None) -> str:
        return {
            "entire-file": self.tr("the whole file"),
            "entire-revision": self.tr("the document as it was when signed (it was added to later)"),
            "partial": self.tr("only part of the file"),
            "detached-data": self.tr("the separate data file"),
        }.get(value or "", value or "—")

    def time_text(self, sig: SignatureReport) -> str:
        """The signing time, and what vouches for it: only a valid time-stamp proves it."""
        proven = sig.proven_time()
        if proven:
            tsa = next(t.authority for t in sig.timestamps if t.time == proven)
            return self.tr("%1 (time-stamped by %2)").replace("%1", when(proven)).replace("%2", tsa or "?")
        if sig.timestamp_time and sig.timestamps:
            return self.tr("%1 (time-stamped by %2, but the time-stamp could not be validated)").replace(
                "%1", when(sig.timestamp_time)).replace("%2", sig.timestamp_authority or "?")
        if sig.timestamp_time:  # a document time-stamp's own time
            return self.tr("%1 (time-stamped by %2)").replace("%1", when(sig.timestamp_time)).replace(
                "%2", sig.timestamp_authority or "?")
        if sig.claimed_signing_time:
            return self.tr("%1 (stated by the signer's computer, not proven)").replace(
                "%1", when(sig.claimed_signing_time))
        return "—"

    def stamp_text(self, stamp: TimestampReport) -> str:
        """One line per signature time-stamp: its verdict in words, who made it and when."""
        verdict = {"valid": self.tr("Valid"), "invalid": self.tr("Invalid"),
                   "indeterminate": self.tr("Indeterminate")}[stamp_kind(stamp)]
        return self.tr("%1: signature time-stamp by %2 at %3").replace("%1", verdict).replace(
            "%2", stamp.authority or "?").replace("%3", when(stamp.time))

    def stamp_facts(self, stamp: TimestampReport) -> str:
        parts = [stamp.indication.value + (f" / {stamp.sub_indication}" if stamp.sub_indication else "")]
        for label, value in ((self.tr("imprint matches the signature"), stamp.imprint_matches),
                             (self.tr("time-stamp signature correct"), stamp.cryptographically_valid),
                             (self.tr("authority chains to a trusted root"), stamp.trusted)):
            if value is not None:
                parts.append(f"{label}: {self.tr('yes') if value else self.tr('no')}")
        return "; ".join(parts)

    def level_text(self, report: FileReport, sig: SignatureReport) -> str:
        family = {"pdf": "PAdES", "cms": "CAdES", "asice": "ASiC-E"}.get(report.kind, "")
        return f"{family} {sig.level}".strip() if sig.level else "—"

    def facts(self, report: FileReport, sig: SignatureReport) -> list[tuple[str, str]]:
        """(label, value) rows shown under a badge and in the report."""
        rows = [(self.tr("Time"), self.time_text(sig)),
                (self.tr("Level"), self.level_text(report, sig)),
                (self.tr("Covers"), self.coverage(sig.coverage))]
        covered = getattr(sig, "covered_files", None)  # ASiC-E containers
        if covered:
            rows.append((self.tr("Files signed"), ", ".join(covered)))
        if sig.modification_level and sig.modification_level != "none":
            rows.append((self.tr("Changes after signing"), sig.modification_level))
        return rows

    def details_html(self, report: FileReport, sig: SignatureReport) -> str:
        """The details pane of one signature: verdict, facts, chain, revocation data, warnings."""
        kind = badge_kind(sig)
        indication = f"{sig.indication.value}" + (f" / {sig.sub_indication}" if sig.sub_indication else "")
        parts = [
            f'<h3 style="color:{COLOURS[kind]}">{ICONS[kind]} {_e(self.badge_text(sig))}: {_e(self.title(sig))}</h3>',
            f"<p>{_e(sig.message)}</p>",
            "<table cellspacing='0' cellpadding='3'>",
            _row(self.tr("Indication"), indication),
        ]
        parts += [_row(label, value) for label, value in self.facts(report, sig)]
        if sig.field_name:
            parts.append(_row(self.tr("Signature field"), sig.field_name))
        for label, value in ((self.tr("Content unchanged"), sig.intact),
                             (self.tr("Signature value correct"), sig.cryptographically_valid),
                             (self.tr("Chains to a trusted root"), sig.trusted)):
            if value is not None:
                parts.append(_row(label, self.tr("yes") if value else self.tr("no")))
        parts.append("</table>")
        if sig.timestamps:
            heading = self.tr("Signature time-stamps")  # not inside the f-string: lupdate would miss it
            parts.append(f"<h4>{_e(heading)}</h4><ul>")
            for t in sig.timestamps:
                kind = stamp_kind(t)
                parts.append(f'<li><b style="color:{COLOURS[kind]}">{ICONS[kind]} {_e(self.stamp_text(t))}</b><br>'
                             f"{_e(t.message)}<br><small>{_e(self.stamp_facts(t))}</small></li>")
            parts.append("</ul>")
        chain_title, issued_by, valid, serial = (self.tr("Certificate chain"), self.tr("issued by"),
                                                 self.tr("valid"), self.tr("serial"))
        if sig.chain:
            parts.append(f"<h4>{_e(chain_title)}</h4><ol>")
            for c in sig.chain:
                parts.append(f"<li><b>{_e(c.subject)}</b><br>{_e(issued_by)} {_e(c.issuer)}<br>"
                             f"{_e(valid)} {c.not_before:%Y-%m-%d} → {c.not_after:%Y-%m-%d}, "
                             f"{_e(serial)} {_e(c.serial)}<br><small>SHA-256 {_e(c.sha256)}</small></li>")
            parts.append("</ol>")
        revocation_title, warnings_title = self.tr("Revocation data"), self.tr("Warnings")
        if sig.revocation:
            parts.append(f"<h4>{_e(revocation_title)}</h4><ul>")
            for r in sig.revocation:
                produced = f", {when(r.produced_at)}" if r.produced_at else ""
                parts.append(f"<li>{_e(r.certificate)}: {_e(r.kind)}, {_e(r.origin)}{_e(produced)}</li>")
            parts.append("</ul>")
        if sig.warnings:
            parts.append(f"<h4>{_e(warnings_title)}</h4><ul>")
            parts += [f"<li>{_e(w)}</li>" for w in sig.warnings]
            parts.append("</ul>")
        return "".join(parts)

    def summary(self, report: FileReport) -> str:
        if report.error:
            return self.tr("Could not be verified: %1").replace("%1", report.error)
        if not report.signatures:
            return self.tr("This document is not signed. Press Sign (Ctrl+S) to sign it.")
        counts = {k: 0 for k in COLOURS}
        for s in report.signatures:
            counts[badge_kind(s)] += 1
        words = [(counts["valid"], self.tr("valid")), (counts["warnings"], self.tr("valid with warnings")),
                 (counts["invalid"], self.tr("invalid")), (counts["indeterminate"], self.tr("indeterminate"))]
        return self.tr("Signatures: %1").replace("%1", ", ".join(f"{n} {w}" for n, w in words if n))

    def report_html(self, report: FileReport) -> str:
        """The whole report as a standalone HTML document."""
        title = self.tr("Signature verification report")
        head = [f"<h1>{_e(title)}</h1><table cellspacing='0' cellpadding='3'>",
                _row(self.tr("File"), str(report.path))]
        if report.data_file:
            head.append(_row(self.tr("Signed data"), str(report.data_file)))
        head.append(_row(self.tr("Verified"), when(datetime.now().astimezone())))
        head.append(_row(self.tr("Result"), self.summary(report)))
        head.append("</table>")
        body = [f"<hr>{self.details_html(report, s)}" for s in report.signatures]
        made_by = self.tr("Made by Imza %1").replace("%1", __version__)
        foot = f"<hr><p><small>{_e(made_by)}</small></p>"
        return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
                f"<title>{_e(title)}: {_e(report.path.name)}</title>"
                "<style>body{font-family:sans-serif} td:first-child{color:#555;padding-right:1em}</style>"
                f"</head><body>{''.join(head)}{''.join(body)}{foot}</body></html>")


def _e(text: str) -> str:
    return html.escape(str(text))


def _row(label: str, value: str) -> str:
    return f"<tr><td valign='top'>{_e(label)}</td><td>{_e(value)}</td></tr>"


def export_html(report: FileReport, path: Path) -> None:
    """The engine's report (desktop/verify/reports), the same as `imza verify --report FILE.html`."""
    from desktop.verify.reports import write_report

    write_report(Path(path), [report])


def export_pdf(report: FileReport, path: Path) -> None:
    """The engine's PDF report (ReportLab), the same as `imza verify --report FILE.pdf`."""
    from desktop.verify.reports import write_report

    write_report(Path(path), [report])
