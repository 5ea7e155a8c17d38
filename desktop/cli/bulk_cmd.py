"""`imza bulk SRC... --out-dir DIR`: sign hundreds of letters with one PIN entry."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import click

from desktop.bulk import plan as bulk_plan
from desktop.bulk import setup
from desktop.bulk.runner import PreparationPool
from desktop.cli.common import handle_errors, load_settings, token_login
from desktop.cli.output import echo, echo_json
from desktop.cli.sign_cmd import choose_level, choose_signer, signing_options
from desktop.core.i18n import ntr, tr
from desktop.tokens.session import TokenSession


class Progress:
    """One updating line on a terminal: count, rate, ETA; or one JSON line per letter."""

    def __init__(self, as_json: bool):
        self.as_json = as_json
        self.tty = sys.stderr.isatty()
        self.start = time.monotonic()
        self.last = 0.0

    def __call__(self, result, summary) -> None:
        if self.as_json:
            echo_json({"source": result.job.source, "output": result.job.output,
                       "status": result.status, "error": result.error}, indent=None)
        elif result.status == "failed":
            echo(tr("failed: {error}", error=result.error), err=True)
        finished = summary.signed + summary.failed + summary.already_done
        now = time.monotonic()
        if self.tty and (now - self.last > 0.1 or finished == summary.total):
            self.last = now
            done_now = max(summary.signed, 1)
            rate = done_now / max(now - self.start, 1e-6)
            eta = (summary.total - finished) / rate if summary.signed else 0
            echo(f"[{finished:>5}/{summary.total}] {rate:6.1f} {tr('letters/s')}  ETA {eta:5.0f} s ",
                 err=True, nl=False, rewrite=True)


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out-dir", required=True, type=click.Path(path_type=Path), help="Folder for the signed letters.")
@click.option("--journal", "journal_path", type=click.Path(path_type=Path),
              help=f"Journal file (default: OUT_DIR/{bulk_plan.JOURNAL_NAME}).")
@click.option("--resume", is_flag=True, help="Continue an interrupted run from its journal.")
@signing_options
@click.option("--force", is_flag=True, help="Replace existing outputs.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON line per letter as it finishes.")
@click.option("--workers", type=int, help="Preparation processes (default: number of cores).")
@handle_errors
def bulk(sources, out_dir, journal_path, resume, level, token_label, cert_selector, pin_stdin, tsa_url,
         reason, location, force, as_json, workers) -> None:
    """Sign many letters (files and folders) with one PIN entry; resumable after any interruption.

    PDFs get PAdES signatures, other files detached CAdES (.p7s). A report (CSV and JSON) is
    written to OUT_DIR at the end.
    """
    settings = load_settings()
    journal_path = setup.journal_path(out_dir, journal_path)
    tsa_url = tsa_url or settings.get("tsa_url") or None
    if resume:
        options, jobs = setup.resumed_options(journal_path, tsa_url), None
    else:
        options = setup.RunOptions(choose_level(level, tsa_url), reason, location, force, tsa_url)
        jobs = setup.plan_run(list(sources), out_dir, journal=journal_path, force=force)

    token, cert, trust = choose_signer(settings, token_label, cert_selector, options.level)
    # The preparation workers start while the PIN is asked: their second of start-up is then free.
    pool = None if options.level.needs_validation_data else PreparationPool(cert.certificate.dump(), workers)

    def started(letters) -> None:
        echo(ntr("Signing {n} letter as {signer} ({level})", "Signing {n} letters as {signer} ({level})",
                 len(letters), signer=cert.subject, level=options.level), err=True)

    with pool or contextlib.nullcontext(), TokenSession(token) as session:
        token_login(session, token, pin_stdin)  # a wrong PIN stops here, before any letter
        outcome = setup.sign_all(session, cert, out_dir, jobs, options, journal=journal_path, trust=trust,
                                 workers=workers, pool=pool, on_result=Progress(as_json), on_started=started,
                                 on_notice=lambda text: echo(text, err=True))
    summary, csv_path = outcome.summary, outcome.report_csv
    if sys.stderr.isatty() and not as_json:
        echo("", err=True)
    for warning in summary.warnings:
        echo(tr("warning: {text}", text=warning), err=True)
    rate = summary.signed / summary.elapsed if summary.elapsed else 0
    echo(tr("{signed} signed, {failed} failed, {done} already done, {left} left; {rate:.1f} letters/s "
            "in {elapsed:.2f} s. Report: {csv}", signed=summary.signed, failed=summary.failed,
            done=summary.already_done, left=summary.remaining, rate=rate, elapsed=summary.elapsed,
            csv=csv_path), err=True)
    if summary.stopped:
        raise summary.stopped
    if summary.failed:
        sys.exit(9)
