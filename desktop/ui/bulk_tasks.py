"""What the bulk view asks of the bulk engine, as plain functions run in workers (no Qt here).

Setting up, resuming and signing are desktop.bulk.setup's, as for `imza bulk`; this module
turns them into the view's rows (Letter) and logs in with the PIN the view collected. A stopped
run (paused, token pulled out) keeps its journal and is continued by `run` with `jobs=None`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.config import Settings
from desktop.core.model import SignatureLevel


@dataclass
class Letter:
    """One row of the queue."""

    source: str
    output: str
    state: str = "pending"  # pending | done | failed
    error: str | None = None


@dataclass
class Unfinished:
    """A journal left in an out-dir by an earlier run."""

    letters: list[Letter]
    options: dict

    @property
    def done(self) -> int:
        return sum(1 for x in self.letters if x.state == "done")


@dataclass
class Outcome:
    summary: object  # desktop.bulk.runner.BulkSummary
    report: Path | None
    finished: bool  # nothing left to do: the journal was removed
    letters: list[Letter] = field(default_factory=list)


def journal_path(out_dir: Path) -> Path:
    from desktop.bulk import setup

    return setup.journal_path(out_dir)


def unfinished(out_dir: Path) -> Unfinished | None:
    """The run this out-dir's journal records, or None when there is none."""
    from desktop.bulk.journal import Journal

    path = journal_path(out_dir)
    if not path.exists():
        return None
    journal = Journal.open_existing(path)
    try:
        return Unfinished(_letters(journal.jobs()), journal.options())
    finally:
        journal.close()


def _letters(jobs) -> list[Letter]:
    return [Letter(j.source, j.output, j.state, j.error) for j in jobs]


def preview(sources: list[Path], out_dir: Path | None) -> list[Letter]:
    """The letters a run over `sources` would sign, before any PIN (folders expanded as `plan` does)."""
    from desktop.bulk import plan as bulk_plan

    if not sources:
        return []
    files = bulk_plan.collect_sources(sources, out_dir or Path(sources[0]).parent / ".imza-no-out-dir")
    if out_dir is None:
        return [Letter(str(f.resolve()), "") for f in files]
    return [Letter(src, out) for src, out, _ in bulk_plan.jobs_for(files, out_dir)]


def plan(sources: list[Path], out_dir: Path) -> list[tuple[str, str, str]]:
    """(source, output, format) per letter; folders expanded. Raises ImzaError before any PIN."""
    from desktop.bulk import setup

    return setup.plan_run(sources, out_dir)


def run(out_dir: Path, jobs: list[tuple[str, str, str]] | None, token, cert, pin, settings: Settings, *,
        level: SignatureLevel | None, cancel: threading.Event,
        on_result: Callable[[object, object], None], on_started: Callable[[list[Letter]], None],
        workers: int | None = None, pool=None, on_notice: Callable[[str], None] | None = None) -> Outcome:
    """Log in with `pin` and sign every pending letter; `jobs=None` continues the journal there.

    A wrong PIN raises PinError before any letter (never retried). A pulled-out token ends the
    run with `summary.stopped` and the journal kept, as does `cancel` (pause). `pool`: a
    desktop.bulk.runner.PreparationPool started while the PIN was typed (the caller closes it).
    """
    from desktop.bulk import setup
    from desktop.tokens.session import TokenSession
    from desktop.tokens.watch import exclusive
    from desktop.verify.trust import TrustStore

    tsa_url = settings.get("tsa_url") or None
    if jobs is None:
        options = setup.resumed_options(setup.journal_path(out_dir), tsa_url)
    else:
        assert level is not None
        options = setup.RunOptions(level, tsa_url=tsa_url)
    trust = TrustStore.from_setting(settings.get("trust_dir")) if options.level.needs_validation_data else None
    with exclusive(), TokenSession(token) as session:
        session.login(pin)
        del pin
        outcome = setup.sign_all(session, cert, out_dir, jobs, options, trust=trust, workers=workers, pool=pool,
                                 cancel=cancel, on_result=on_result, on_notice=on_notice,
                                 on_started=lambda started: on_started(_letters(started)))
    return Outcome(outcome.summary, outcome.report_csv, outcome.finished, _letters(outcome.jobs))


def discard(out_dir: Path) -> Path | None:
    """Cancel a stopped run for good: write its report, remove its journal. Returns the report."""
    from desktop.bulk import setup

    return setup.discard(out_dir)


class TokenProbe:
    """Is this token back? A private TokenWatcher (it rescans the module, as the token panel does)."""

    def __init__(self, module_setting: str):
        self.module_setting = module_setting
        self._watcher = None

    def find(self, label: str, serial: str):
        """The token's fresh TokenInfo when it is present and answering, else None."""
        from desktop.tokens.watch import TokenWatcher

        if self._watcher is None:
            self._watcher = TokenWatcher(self.module_setting)
        snapshot = self._watcher.poll()
        if snapshot is None:
            return None
        return next((t for t in snapshot.tokens if t.label == label and t.serial == serial), None)
