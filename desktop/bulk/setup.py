"""Starting and continuing a bulk run: the one use case `imza bulk` and the window's bulk view share.

A run is: `plan_run` (before any PIN: the letters, the out-dir, no unfinished run there, no
output overwritten) or `resumed_options` (the options an unfinished run recorded in its
journal) → the face logs in → `sign_all` (journal created only now, so a wrong PIN leaves
nothing behind; every pending letter signed; reports written; the journal removed once nothing
is left, else kept for the next resume).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.bulk import plan as bulk_plan
from desktop.bulk.journal import Job, Journal, unfinished_run
from desktop.bulk.report import write_reports
from desktop.bulk.runner import (
    BulkRun,
    BulkSummary,
    LetterResult,
    PreparationPool,
    pin_per_signature_notice,
)
from desktop.core.errors import ImzaError
from desktop.core.model import SignatureLevel
from desktop.fsio import private_dir
from desktop.signing.session import SigningSession


@dataclass
class RunOptions:
    """How every letter of a run is signed; recorded in the journal so a resume signs alike."""

    level: SignatureLevel
    reason: str | None = None
    location: str | None = None
    force: bool = False  # replace existing outputs
    tsa_url: str | None = None

    def to_journal(self) -> dict:
        """The options as the journal stores them (JSON-ready); `resumed_options` reads them back."""
        return {"level": self.level.value, "reason": self.reason, "location": self.location,
                "force": self.force, "tsa_url": self.tsa_url}


@dataclass
class Outcome:
    """What `sign_all` leaves: the summary, the reports, and the letters as the journal ended."""

    summary: BulkSummary
    report_csv: Path
    report_json: Path
    jobs: list[Job]

    @property
    def finished(self) -> bool:
        """Nothing left to do: the journal was removed."""
        return self.summary.complete


def journal_path(out_dir: Path, journal: Path | None = None) -> Path:
    """`journal` when given, else the out-dir's default journal file (an older version's, when
    only that one is there)."""
    if journal:
        return journal
    path, legacy = Path(out_dir) / bulk_plan.JOURNAL_NAME, Path(out_dir) / bulk_plan.LEGACY_JOURNAL_NAME
    return legacy if legacy.exists() and not path.exists() else path


def create_journal(path: Path, options: dict, jobs: list[tuple[str, str, str]]) -> Journal:
    """Journal.create(), with the default journal's folder made private (0700) first."""
    if path.parent.name == bulk_plan.JOURNAL_DIR:
        private_dir(path.parent)  # 0700: the output folder itself may be shared
    return Journal.create(path, options, jobs)


def delete_journal(path: Path) -> None:
    """Journal.delete(), and the default journal's folder with it when nothing else is in it."""
    Journal.delete(path)
    if path.parent.name == bulk_plan.JOURNAL_DIR:
        with contextlib.suppress(OSError):  # not empty: something else is kept there
            path.parent.rmdir()


def plan_run(sources: list[Path], out_dir: Path, *, journal: Path | None = None,
             force: bool = False) -> list[tuple[str, str, str]]:
    """(source, output, format) per letter of a new run, folders expanded; creates `out_dir`.

    Raises ImzaError, before any PIN, when `out_dir` is a file, an unfinished run's journal is
    there, or (unless `force`) a signed letter would overwrite an existing file.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ImzaError("{out_dir} is not a folder.", "Choose a folder for the signed letters.", out_dir=out_dir)
    path = journal_path(out_dir, journal)
    if path.exists():
        raise unfinished_run(path)
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = bulk_plan.jobs_for(bulk_plan.collect_sources(list(sources), out_dir), out_dir)
    existing = [o for _, o, _ in jobs if Path(o).exists()]
    if existing and not force:
        raise ImzaError("{count} signed file(s) already exist, e.g. {example}.",
                        "Choose another folder for the signed letters, or move those files away.",
                        count=len(existing), example=existing[0])
    return jobs


def resumed_options(path: Path, tsa_url: str | None = None) -> RunOptions:
    """The options the unfinished run journaled at `path` was started with.

    `tsa_url`: the time-stamp service to use when the run recorded none (the current setting).
    Raises ImzaError when there is no readable journal at `path`.
    """
    journal = Journal.open_existing(path)
    try:
        options = journal.options()
    finally:
        journal.close()
    return RunOptions(SignatureLevel(options["level"]), options.get("reason"), options.get("location"),
                      options.get("force", False), options.get("tsa_url") or tsa_url)


def sign_all(session, cert, out_dir: Path, jobs: list[tuple[str, str, str]] | None, options: RunOptions, *,
             journal: Path | None = None, trust=None, workers: int | None = None,
             pool: PreparationPool | None = None, cancel: threading.Event | None = None,
             on_result: Callable[[LetterResult, BulkSummary], None] | None = None,
             on_started: Callable[[list[Job]], None] | None = None,
             on_notice: Callable[[str], None] | None = None) -> Outcome:
    """Sign every pending letter with a logged-in token session; `jobs=None` continues the journal.

    Call after a good login. `jobs` (from `plan_run`) creates the journal now; `trust`: the
    TrustStore for levels that embed validation data. `on_started` gets the journal's letters
    before the first signature, `on_notice` the sentence a card that asks for the PIN at every
    signature needs. A pulled-out token or `cancel` ends the run with `summary.stopped` or
    letters left, the journal kept; a complete run removes it (the reports keep the record).
    """
    path = journal_path(out_dir, journal)
    run_journal = Journal.open_existing(path) if jobs is None else create_journal(path, options.to_journal(), jobs)
    try:
        if on_started is not None:
            on_started(run_journal.jobs())
        signing = SigningSession(session, cert, tsa_url=options.tsa_url, trust=trust)
        if on_notice is not None and signing.signer.pin_per_signature:
            on_notice(pin_per_signature_notice(len(run_journal.jobs()) - len(run_journal.jobs("done"))))
        summary = BulkRun(run_journal, signing, level=options.level, reason=options.reason,
                          location=options.location, force=options.force, workers=workers,
                          on_result=on_result, cancel=cancel, pool=pool).run()
        csv_path, json_path = write_reports(run_journal, Path(out_dir))
        final = run_journal.jobs()
    finally:
        run_journal.close()
    if summary.complete:
        delete_journal(path)
    return Outcome(summary, csv_path, json_path, final)


def discard(out_dir: Path, journal: Path | None = None) -> Path | None:
    """Cancel a stopped run for good: write its report, remove its journal. Returns the CSV report."""
    path = journal_path(out_dir, journal)
    if not path.exists():
        return None
    run_journal = Journal.open_existing(path)
    try:
        report, _ = write_reports(run_journal, Path(out_dir))
    finally:
        run_journal.close()
    delete_journal(path)
    return report
