"""The words of a human verification report, in the user's language (desktop.core.i18n).

The one vocabulary of a report: `imza verify`'s lines, the window's cards and details pane
(desktop/ui/verify_view.py, report_html.py) and the HTML/PDF exports are laid out from these rows
and lines, so all of them say exactly the same. Every line is one whole translatable template
with named fields, never words glued together, so a translation can order them as its language wants.
"""

from __future__ import annotations

from datetime import datetime

from desktop.core.i18n import ntr, tr
from desktop.core.model import FileReport, Indication, SignatureReport, TimestampReport

COLOURS = {"valid": "#1b6e35", "warnings": "#8a5a00", "invalid": "#b42318", "indeterminate": "#4a5568",
           "unreadable": "#b42318"}
ICONS = {"valid": "✔", "warnings": "⚠", "invalid": "✖", "indeterminate": "?", "unreadable": "✖"}
FAMILY = {"pdf": "PAdES", "cms": "CAdES", "asice": "ASiC-E"}  # file kind -> AdES family (also the ETSI XML report's level URN)


def badge_kind(sig: SignatureReport) -> str:
    if sig.indication is Indication.TOTAL_PASSED:
        return "warnings" if sig.warnings else "valid"
    if sig.indication is Indication.TOTAL_FAILED:
        return "invalid"
    return "indeterminate"


def file_kind(report: FileReport) -> str:
    if report.error or not report.signatures:
        return "unreadable"
    return {Indication.TOTAL_PASSED: "valid", Indication.TOTAL_FAILED: "invalid"}.get(report.worst, "indeterminate")


def when(dt: datetime | None) -> str:
    if dt is None:
        return "—"
    return dt.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z").strip()


def badge_text(kind: str) -> str:
    return {"valid": tr("Valid"), "warnings": tr("Valid with warnings"), "invalid": tr("Invalid"),
            "indeterminate": tr("Indeterminate"), "unreadable": tr("Unreadable")}[kind]


def title(sig: SignatureReport) -> str:
    if sig.kind == "document-timestamp":
        return tr("Document time-stamp by {name}", name=sig.timestamp_authority or sig.signer or "?")
    return tr("Signed by {name}", name=sig.signer or tr("an unknown signer"))


def verdict_title(sig: SignatureReport) -> str:
    """A signature's heading: its verdict and who made it ("Valid: Signed by Aysel Mammadova")."""
    return tr("{verdict}: {title}", verdict=badge_text(badge_kind(sig)), title=title(sig))


def coverage(value: str | None) -> str:
    return {
        "entire-file": tr("the whole file"),
        "entire-revision": tr("the document as it was when signed (it was added to later)"),
        "partial": tr("only part of the file"),
        "detached-data": tr("the separate data file"),
        "attached-data": tr("the data inside the signature"),
        "container-files": tr("files in the container"),
    }.get(value or "", value or "—")


def time_text(sig: SignatureReport) -> str:
    """The signing time, and what vouches for it: only a valid time-stamp proves it."""
    proven = sig.proven_time()
    if proven:
        tsa = next(t.authority for t in sig.timestamps if t.time == proven)
        return tr("{time} (time-stamped by {tsa})", time=when(proven), tsa=tsa or "?")
    if sig.timestamp_time and sig.timestamps:
        return tr("{time} (time-stamped by {tsa}, but the time-stamp could not be validated)",
                  time=when(sig.timestamp_time), tsa=sig.timestamp_authority or "?")
    if sig.timestamp_time:  # a document time-stamp's own time
        return tr("{time} (time-stamped by {tsa})", time=when(sig.timestamp_time), tsa=sig.timestamp_authority or "?")
    if sig.claimed_signing_time:
        return tr("{time} (stated by the signer's computer, not proven)", time=when(sig.claimed_signing_time))
    return "—"


def level_text(report: FileReport, sig: SignatureReport) -> str:
    family = FAMILY.get(report.kind, "")
    if report.kind == "asice":
        family = "ASiC-E XAdES" if (sig.field_name or "").lower().endswith(".xml") or ".xml#" in (
            sig.field_name or "").lower() else "ASiC-E CAdES"
    return f"{family} {sig.level}".strip() if sig.level else "—"


def indication_text(sig: SignatureReport | TimestampReport) -> str:
    return sig.indication.value + (f" / {sig.sub_indication}" if sig.sub_indication else "")


def yes_no(value: bool) -> str:
    return tr("yes") if value else tr("no")


def changes_text(level: str | None) -> str:
    """pyhanko's modification level of the revisions after a signature, in words."""
    return {
        "lta-updates": tr("validation data and time-stamps were added"),
        "form-filling": tr("form fields were filled in"),
        "annotations": tr("comments or annotations were added"),
        "other": tr("pages or content were changed"),
    }.get(level or "", level or "—")


def labelled(label: str, value: object) -> str:
    """One report line: a label and its value, as the language writes them ("Time: ...")."""
    return tr("{label}: {value}", label=label, value=value)


def short_name(subject: str) -> str:
    """A certificate subject's first part without its "CN=": the name a person reads."""
    return subject.split(",")[0].removeprefix("CN=")


def stated_time_row(sig: SignatureReport) -> list[tuple[str, str]]:
    """The time the signer's computer stated, when the Time row shows a time-stamp's instead."""
    if sig.claimed_signing_time and sig.timestamp_time:
        return [(tr("Time stated by the signer"),
                 tr("{time} (stated by the signer's computer, not proven)", time=when(sig.claimed_signing_time)))]
    return []


def fact_rows(report: FileReport, sig: SignatureReport) -> list[tuple[str, str]]:
    """(label, value) rows of what a signature is: time, level, what it covers, what came after it."""
    rows = [(tr("Time"), time_text(sig)), *stated_time_row(sig), (tr("Level"), level_text(report, sig)),
            (tr("Covers"), coverage(sig.coverage))]
    if sig.revision:
        rows.append((tr("Signed revision"), tr("{revision} of {revisions}", revision=sig.revision,
                                                 revisions=report.revisions or "?")))
    if sig.covered_files:
        rows.append((tr("Files signed"), ", ".join(sig.covered_files)))
    if sig.modification_level and sig.modification_level != "none":
        rows.append((tr("Changes after signing"), changes_text(sig.modification_level)))
    return rows


def fact_lines(report: FileReport, sig: SignatureReport) -> list[str]:
    """fact_rows() as lines: a window card's facts and `imza verify`'s lines under a signature."""
    return [labelled(label, value) for label, value in fact_rows(report, sig)]


def check_rows(sig: SignatureReport) -> list[tuple[str, str]]:
    """(label, yes/no) rows of the checks behind a verdict. When the content was changed the trust
    in the certificate was never judged: that is said, not a 'no' the certificate did not earn."""
    rows = []
    for label, value in ((tr("Content unchanged"), sig.intact),
                         (tr("Signature value correct"), sig.cryptographically_valid)):
        if value is not None:
            rows.append((label, yes_no(value)))
    if sig.trusted is False and (sig.intact is False or sig.sub_indication == "HASH_FAILURE"):
        rows.append((tr("Chains to a trusted root"), tr("not judged: the content was changed")))
    elif sig.trusted is not None:
        rows.append((tr("Chains to a trusted root"), yes_no(sig.trusted)))
    return rows


def signature_rows(report: FileReport, sig: SignatureReport) -> list[tuple[str, str]]:
    """(label, value) rows under a signature's heading."""
    rows = [(tr("Indication"), indication_text(sig)), *fact_rows(report, sig)]
    if sig.field_name:
        rows.append((tr("Signature field"), sig.field_name))
    return rows + check_rows(sig)


def stamp_kind(stamp: TimestampReport) -> str:
    return {Indication.TOTAL_PASSED: "valid", Indication.TOTAL_FAILED: "invalid"}.get(stamp.indication,
                                                                                      "indeterminate")


def stamp_title(stamp: TimestampReport) -> str:
    """One line per signature time-stamp: its verdict in words, who made it and when."""
    return tr("{verdict}: signature time-stamp by {tsa} at {time}", verdict=badge_text(stamp_kind(stamp)),
              tsa=stamp.authority or "?", time=when(stamp.time))


def stamp_detail(stamp: TimestampReport) -> str:
    """The facts behind a time-stamp's verdict, in one line."""
    parts = [indication_text(stamp)]
    for label, value in ((tr("imprint matches the signature"), stamp.imprint_matches),
                         (tr("time-stamp signature correct"), stamp.cryptographically_valid),
                         (tr("authority chains to a trusted root"), stamp.trusted)):
        if value is not None:
            parts.append(labelled(label, yes_no(value)))
    return "; ".join(parts)


def stamp_line(stamp: TimestampReport) -> str:
    """A signature time-stamp without a verdict word, for a card whose signature is not valid:
    a valid time-stamp must not read as if the signature were."""
    return tr("Signature time-stamp by {tsa} at {time}", tsa=stamp.authority or "?", time=when(stamp.time))


def stamp_heading(sig: SignatureReport, stamp: TimestampReport) -> tuple[str, str]:
    """(kind, line) of a signature time-stamp under its signature. On a signature that is not valid
    a valid time-stamp is a plain fact (kind "plain"): no "Valid" beside an "Invalid" verdict."""
    kind = stamp_kind(stamp)
    if badge_kind(sig) in ("valid", "warnings") or kind != "valid":
        return kind, stamp_title(stamp)
    return "plain", stamp_line(stamp)


def chain_lines(sig: SignatureReport) -> list[tuple[str, str]]:
    """(subject, detail) per certificate, signer first."""
    return [(c.subject, tr("issued by {issuer}; valid {not_before} → {not_after}; serial {serial}; SHA-256 {sha256}",
                           issuer=c.issuer, not_before=f"{c.not_before:%Y-%m-%d}", not_after=f"{c.not_after:%Y-%m-%d}",
                           serial=c.serial, sha256=c.sha256))
            for c in sig.chain]


def revocation_origin(origin: str) -> str:
    """Where revocation data came from (RevocationReport.origin, a code the JSON report keeps), in words."""
    return {
        "embedded (DSS)": tr("in the document (DSS)"),
        "embedded (CMS)": tr("in the signature (CMS)"),
        "embedded (Adobe revocation archival)": tr("in the signature (Adobe revocation archival)"),
        "embedded (XAdES)": tr("in the signature (XAdES)"),
        "fetched": tr("fetched online"),
        "none": tr("none"),
    }.get(origin, origin)


def chain_text(sig: SignatureReport) -> str:
    """The chain in one line of names, signer first: "Signer ← Issuing CA ← Root"."""
    return " ← ".join(short_name(c.subject) for c in sig.chain)


def revocation_lines(sig: SignatureReport) -> list[str]:
    """One line per piece of revocation data: whose status, what kind (OCSP/CRL), where it came from."""
    lines = []
    for r in sig.revocation:
        kind, origin = tr("none") if r.kind == "none" else r.kind, revocation_origin(r.origin)
        lines.append(tr("{certificate}: {kind}, {origin}, {time}", certificate=r.certificate, kind=kind, origin=origin,
                        time=when(r.produced_at)) if r.produced_at else
                     tr("{certificate}: {kind}, {origin}", certificate=r.certificate, kind=kind, origin=origin))
    return lines


def detail_sections(sig: SignatureReport, *, codes: bool = True) -> list[tuple[str, bool, list[tuple[str, str, list[str]]]]]:
    """What is said under a signature's facts, in sections, for the window's details pane and the
    HTML/PDF reports alike: (heading, numbered, items); an item is (style, line, smaller lines),
    style "text" (a plain line), "plain" (a line in bold) or a verdict kind (bold, in its colour).
    `codes=False` leaves the time-stamps' ETSI indications out (the window shows them last, apart)."""
    sections = []
    if sig.warnings:
        sections.append((tr("Warnings"), False, [("text", x, []) for x in sig.warnings]))
    if sig.changes:
        sections.append((tr("Changes after signing"), False, [("text", c, []) for c in sig.changes]))
    if sig.timestamps:
        sections.append((tr("Signature time-stamps"), False,
                         [(*stamp_heading(sig, t), [t.message, stamp_detail(t)] if codes else [t.message])
                          for t in sig.timestamps]))
    if sig.chain:
        sections.append((tr("Certificate chain"), True,
                         [("plain", subject, [detail]) for subject, detail in chain_lines(sig)]))
    if sig.revocation:
        sections.append((tr("Revocation data"), False, [("text", line, []) for line in revocation_lines(sig)]))
    return sections


def file_line(report: FileReport) -> str:
    """The first line about a file in `imza verify`: its name and its worst indication."""
    if report.error:
        return tr("{path}: UNREADABLE — {error}", path=report.path, error=report.error)
    if report.data_file:
        return tr("{path} (signed data: {data}): {indication}", path=report.path, data=report.data_file,
                  indication=report.worst)
    return tr("{path}: {indication}", path=report.path, indication=report.worst)


def signature_heading(sig: SignatureReport) -> str:
    """A signature's line in `imza verify`: its field, its ETSI indication and its signer."""
    return tr("{name}: {indication} — {signer}", name=sig.field_name or tr("signature"),
              indication=indication_text(sig), signer=sig.signer or "?")


def signature_lines(report: FileReport, sig: SignatureReport) -> list[tuple[int, str]]:
    """(depth, line) of everything said under a signature's heading in text: what the verdict
    means, the facts (as on the window's card), each time-stamp (as on the card, with its ETSI
    indication and the checks behind it), chain, revocation data, changes and warnings."""
    lines = [(0, sig.message), *((0, line) for line in fact_lines(report, sig))]
    for stamp in sig.timestamps:
        lines += [(0, stamp_heading(sig, stamp)[1]), (1, stamp_detail(stamp))]
        if stamp.indication is not Indication.TOTAL_PASSED:
            lines.append((1, stamp.message))
    if sig.chain:
        lines.append((0, labelled(tr("Certificate chain"), chain_text(sig))))
    lines += [(0, labelled(tr("Revocation data"), line)) for line in revocation_lines(sig)]
    lines += [(0, labelled(tr("Changed"), change)) for change in sig.changes]
    lines += [(0, labelled(tr("Warning"), warning)) for warning in sig.warnings]
    return lines


def summary(report: FileReport) -> str:
    if report.error:
        return tr("Could not be verified: {error}", error=report.error)
    counts = dict.fromkeys(("valid", "warnings", "invalid", "indeterminate"), 0)
    for s in report.signatures:
        counts[badge_kind(s)] += 1
    words = [ntr("{n} valid", "{n} valid", counts["valid"]) if counts["valid"] else "",
             ntr("{n} valid with warnings", "{n} valid with warnings", counts["warnings"]) if counts["warnings"] else "",
             ntr("{n} invalid", "{n} invalid", counts["invalid"]) if counts["invalid"] else "",
             ntr("{n} indeterminate", "{n} indeterminate", counts["indeterminate"]) if counts["indeterminate"] else ""]
    return tr("Signatures: {counts}", counts=", ".join(w for w in words if w))


def checked_how(offline: bool) -> str:
    """How a report was made: only with what the file carries, or with data fetched on the way."""
    if offline:
        return tr("Checked offline, with the data in the document.")
    return tr("Checked online: missing revocation data (OCSP, CRL) was fetched from the certification centres.")


def tally(report: FileReport) -> str:
    """Signatures counted apart from document time-stamps."""
    stamps = sum(1 for s in report.signatures if s.kind == "document-timestamp")
    signatures = len(report.signatures) - stamps
    if not stamps:
        return tr("Signatures: {n}", n=signatures)
    return tr("Signatures: {n}; document time-stamps: {stamps}", n=signatures, stamps=stamps)


def changed_after_signing(report: FileReport) -> bool:
    """A signature's content no longer matches it (EN 319 102-1 HASH_FAILURE): the document was tampered with."""
    return any(s.indication is Indication.TOTAL_FAILED and (s.sub_indication == "HASH_FAILURE" or s.intact is False)
               for s in report.signatures)


def headline(report: FileReport) -> str:
    """The verdict on a whole file in plain words, first thing a reader sees."""
    if report.error:
        return tr("Could not be checked: {error}", error=report.error)
    if not report.signatures:
        return tr("This document is not signed.")
    if changed_after_signing(report):
        return tr("Changed after signing — do not rely on it.")
    kinds = [badge_kind(s) for s in report.signatures]
    if "invalid" in kinds:
        return tr("A signature is not valid — do not rely on it.")
    if "indeterminate" in kinds:
        return tr("The signatures could not be confirmed: see why under each one.")
    if "warnings" in kinds:
        first = next(w for s in report.signatures for w in s.warnings)
        return tr("Valid, with a warning: {warning}", warning=first)
    return tr("All signatures are valid.")


def batch_summary(reports: list[FileReport]) -> str:
    counts = dict.fromkeys(("valid", "invalid", "indeterminate", "unreadable"), 0)
    for r in reports:
        counts[file_kind(r)] += 1
    return ntr("{n} file: {valid} valid, {invalid} invalid, {indeterminate} indeterminate, {unreadable} unreadable",
               "{n} files: {valid} valid, {invalid} invalid, {indeterminate} indeterminate, {unreadable} unreadable",
               len(reports), **counts)
