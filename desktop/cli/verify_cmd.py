"""`imza verify FILE...`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from desktop.cli.common import fail, handle_errors, load_settings
from desktop.cli.output import echo, echo_json
from desktop.cli.verify_batch import budget_of, budget_options, expand, print_table
from desktop.core.i18n import tr
from desktop.core.model import SCHEMA_VERSION, FileReport, Indication, to_jsonable
from desktop.verify.reports import words


def parse_when(value: str | None):
    """`--at` as an aware datetime (UTC when no offset is given)."""
    from datetime import UTC, datetime

    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(tr("{value!r} is not an ISO 8601 date and time (e.g. 2026-11-01T12:00:00+04:00).",
                                    value=value)) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _when(dt) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if dt else "-"


def _stamped(s) -> str:
    """The time-stamped time after the claimed one; only a valid time-stamp proves it."""
    proven = s.proven_time()
    if proven:
        tsa = next(t.authority for t in s.timestamps if t.time == proven)
        return f", {_when(proven)} ({tr('time-stamped by')} {tsa})"
    if s.timestamp_time and s.timestamps:
        return f", {_when(s.timestamp_time)} ({tr('time-stamp not validated')})"
    if s.timestamp_time:
        return f", {_when(s.timestamp_time)} ({tr('time-stamped by')} {s.timestamp_authority})"
    return ""


def print_report(report: FileReport) -> None:
    if report.error:
        echo(f"{report.path}: {tr('UNREADABLE')} — {report.error}")
        return
    extra = f" ({tr('data')}: {report.data_file})" if report.data_file else ""
    echo(f"{report.path}{extra}: {report.worst}")
    for s in report.signatures:
        name = s.field_name or tr("signature")
        sub = f" / {s.sub_indication}" if s.sub_indication else ""
        echo(f"  {name}: {s.indication}{sub} — {s.signer or '?'}")
        echo(f"    {s.message}")
        echo(f"    {tr('signing time')}: {_when(s.claimed_signing_time)} ({tr('claimed')})" + _stamped(s))
        for t in s.timestamps:
            sub = f" / {t.sub_indication}" if t.sub_indication else ""
            echo(f"    {tr('time-stamp')}: {t.indication}{sub} — {t.authority or '?'}, {_when(t.time)}")
            if t.indication is not Indication.TOTAL_PASSED:
                echo(f"      {t.message}")
        if s.covered_files:
            echo(f"    {tr('files')}: {', '.join(s.covered_files)}")
        if s.revision:
            echo(f"    {tr('signs revision')} {s.revision} {tr('of')} {report.revisions}")
        echo(f"    {tr('level')}: {s.level or '-'}   {tr('covers')}: {words.coverage(s.coverage)}"
             + (f"   {tr('changes after signing')}: {words.changes_text(s.modification_level)}"
                if s.modification_level else ""))
        if s.chain:
            echo(f"    {tr('chain')}: " + " ← ".join(c.subject.split(",")[0].removeprefix("CN=") for c in s.chain))
        for r in s.revocation:
            echo(f"    {tr('revocation')}: {r.certificate.split(',')[0].removeprefix('CN=')}: "
                 f"{tr('none') if r.kind == 'none' else r.kind}, {words.revocation_origin(r.origin)}")
        for c in s.changes:
            echo(f"    {tr('changed')}: {c}")
        for w in s.warnings:
            echo(f"    {tr('warning')}: {w}")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--trust", "trust_dir", type=click.Path(path_type=Path),
              help="Folder of trusted root certificates (default: the trust_dir setting, else the bundled anchors).")
@click.option("--data", "data_file", type=click.Path(path_type=Path),
              help="The signed data for a detached .p7s (default: the file beside it without .p7s).")
@click.option("--offline", is_flag=True, help="The default: only what is in the file and the trust store, no network access.")
@click.option("--online", is_flag=True,
              help="May fetch missing OCSP responses/CRLs (default: offline, only what the file and the "
                   "trust store hold; missing revocation data then gives INDETERMINATE).")
@click.option("--at", "at", metavar="DATETIME", callback=lambda ctx, param, value: parse_when(value),
              help="Validate at this past moment (ISO 8601, e.g. 2026-11-01T12:00:00+04:00; UTC if no offset) "
                   "instead of now, with the validation data the file carries.")
@click.option("--json", "as_json", is_flag=True, help="JSON output (schema: docs/verify-json.md).")
@click.option("--report", "report_file", type=click.Path(path_type=Path),
              help="Also write a report: .html or .pdf (for people, in the window's language), .json, "
                   "or .xml (ETSI TS 119 102-2).")
@click.option("--recursive", "-r", is_flag=True,
              help="FILES may be folders: verify the signed files under them; prints a table and a summary.")
@click.option("--extract", "extract_to", type=click.Path(path_type=Path), metavar="OUT",
              help="Also save the document an enveloping signature (.p7m) carries to OUT (never over an "
                   "existing file). One FILE only.")
@budget_options
@handle_errors
def verify(files, trust_dir, data_file, offline, online, at, as_json, report_file, recursive, extract_to, time_limit,
           memory_limit) -> None:
    """Verify the signatures in PDFs, detached .p7s files and ASiC-E containers.

    \b
    Exit status: 0 every signature TOTAL-PASSED, 1 any TOTAL-FAILED,
    2 any INDETERMINATE (none failed; also a file whose verification exceeded --time-limit or
    --memory-limit), 3 a file could not be read.
    """
    from desktop.verify.batch import verify_many
    from desktop.verify.engine import exit_status
    from desktop.verify.reports import check_report_path, write_report
    from desktop.verify.trust import TrustStore, nothing_trusted_text, trust_add_hint

    settings = load_settings()
    if report_file:
        check_report_path(report_file)
    if extract_to is not None and (len(files) != 1 or recursive):
        fail(tr("--extract saves the content of one signature file; name exactly one file."), 2)
    files = expand(list(files), recursive)
    if not files:
        fail(tr("No signed files (.pdf, .p7s, .asice, ...) were found in the folders given."), 3)
    trust = TrustStore.from_dir(trust_dir) if trust_dir else TrustStore.from_setting(settings.get("trust_dir"))
    if trust.nothing_trusted:  # a fresh install: say why every signature will be INDETERMINATE
        echo(" ".join([nothing_trusted_text(), trust_add_hint()]), err=True)
    reports = verify_many(list(files), trust, offline=not online, data_file=data_file, at=at,
                          budget=budget_of(time_limit, memory_limit))
    if extract_to is not None:
        # Imported here, as the engine above: start-up time.
        from desktop.verify.cades import extract_content

        extract_content(files[0], extract_to)
        echo(tr("The signed content was saved to {path}; rely on it only as far as the verdict goes.",
                path=extract_to), err=True)
    if report_file:
        write_report(report_file, reports)
        echo(tr("Report written to {path}", path=report_file), err=True)
    if as_json:
        echo_json({"schema_version": SCHEMA_VERSION, "files": [to_jsonable(r) for r in reports]})
    elif recursive:
        print_table(reports)
    else:
        for r in reports:
            print_report(r)
    sys.exit(exit_status(reports))
