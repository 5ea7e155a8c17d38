"""`imza verify FILE...`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from desktop.cli.common import fail, handle_errors, load_settings
from desktop.cli.output import echo, echo_json
from desktop.cli.verify_batch import budget_of, budget_options, expand, print_table
from desktop.core.i18n import tr
from desktop.core.model import SCHEMA_VERSION, FileReport, to_jsonable
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


def print_report(report: FileReport) -> None:
    """A file's report as text, in the same words as the window's cards (desktop/verify/reports/words.py)."""
    echo(words.file_line(report))
    for s in report.signatures:
        echo(f"  {words.signature_heading(s)}")
        for depth, line in words.signature_lines(report, s):
            echo(f"    {'  ' * depth}{line}")


def how_to(reports: list[FileReport], online: bool) -> list[str]:
    """The command's own how-to under the engine's face-neutral words ("check it online"): the option
    that does it. The window offers the same through its menu and buttons."""
    from desktop.verify.sandbox import was_stopped

    hints = []
    if not online and any(s.sub_indication == "TRY_LATER" for r in reports for s in r.signatures):
        hints.append(tr("To fetch missing revocation data (OCSP, CRL), run the command again with --online."))
    if any(r.kind == "cms" and r.error and not r.signatures
           and (r.data_file is not None or r.path.suffix.lower() not in (".p7s", ".p7m")) for r in reports):
        hints.append(tr("To say which file a detached signature signs, use --data FILE."))
    if any(was_stopped(r) for r in reports):
        hints.append(tr("To give a file you trust more time or memory, use --time-limit SECONDS or --memory-limit MB."))
    return hints


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
    for hint in how_to(reports, online):
        echo(hint, err=True)
    sys.exit(exit_status(reports))
