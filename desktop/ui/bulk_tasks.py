"""What the bulk view asks of the bulk engine, as plain functions run in workers (no Qt here).

A run is: plan the letters (before any PIN) → log in once → BulkRun over the journal in the
out-dir → reports. The journal is created only after a good login, as `imza bulk` does, so a
wrong PIN leaves nothing behind. A stopped run (paused, token pulled out) keeps its journal and
is continued by `run` with `jobs=None`; a finished one removes it (the report keeps the record).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.config import Settings
from desktop.core.errors import ImzaError
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
    from desktop.bulk.plan import JOURNAL_NAME

    return out_dir / JOURNAL_NAME


def unfinished(out_dir: Path) -> Unfinished | None:
    """The run this out-dir's journal records, or None when there is none."""
    from desktop.bulk.journal import Journal

    path = journal_path(out_dir)
    if not path.exists():
        return None
    journal = Journal.open_existing(path)
    try:
        return Unfinished(_letters(journal), journal.options())
    finally:
        journal.close()


def _letters(journal) -> list[Letter]:
    return [Letter(j.source, j.output, j.state, j.error) for j in journal.jobs()]


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
    from desktop.bulk import plan as bulk_plan

    if out_dir.exists() and not out_dir.is_dir():
        raise ImzaError("{out_dir} is not a folder.", "Choose a folder for the signed letters.", out_dir=out_dir)
    if journal_path(out_dir).exists():
        raise ImzaError("A bulk journal already exists at {path}: a previous run was not finished.",
                        "Resume it, or choose another folder.", path=journal_path(out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = bulk_plan.jobs_for(bulk_plan.collect_sources(sources, out_dir), out_dir)
    existing = [o for _, o, _ in jobs if Path(o).exists()]
    if existing:
        raise ImzaError("{count} signed file(s) already exist, e.g. {example}.",
                        "Choose another folder for the signed letters.", count=len(existing), example=existing[0])
    return jobs


def run(out_dir: Path, jobs: list[tuple[str, str, str]] | None, token, cert, pin, settings: Settings, *,
        level: SignatureLevel | None, cancel: threading.Event,
        on_result: Callable[[object, object], None], on_started: Callable[[list[Letter]], None],
        workers: int | None = None, pool=None, on_notice: Callable[[str], None] | None = None) -> Outcome:
    """Log in with `pin` and sign every pending letter; `jobs=None` continues the journal there.

    A wrong PIN raises PinError before any letter (never retried). A pulled-out token ends the
    run with `summary.stopped` and the journal kept, as does `cancel` (pause). `pool`: a
    desktop.bulk.runner.PreparationPool started while the PIN was typed (the caller closes it).
    """
    from desktop.bulk.journal import Journal
    from desktop.bulk.report import write_reports
    from desktop.bulk.runner import BulkRun, pin_per_signature_notice
    from desktop.signing.session import SigningSession
    from desktop.tokens.session import TokenSession
    from desktop.tokens.watch import exclusive
    from desktop.verify.trust import TrustStore

    path = journal_path(out_dir)
    tsa_url = settings.get("tsa_url") or None
    if jobs is None:
        journal = Journal.open_existing(path)
        options = journal.options()
        journal.close()
        level = SignatureLevel(options["level"])
        tsa_url = options.get("tsa_url") or tsa_url
    assert level is not None
    trust = TrustStore.from_setting(settings.get("trust_dir")) if level.needs_validation_data else None
    with exclusive(), TokenSession(token) as session:
        session.login(pin)
        del pin
        if jobs is None:
            journal = Journal.open_existing(path)
        else:
            journal = Journal.create(path, {"level": level.value, "reason": None, "location": None,
                                            "force": False, "tsa_url": tsa_url}, jobs)
        try:
            on_started(_letters(journal))
            signing = SigningSession(session, cert, tsa_url=tsa_url, trust=trust)
            if on_notice is not None and signing.signer.pin_per_signature:
                on_notice(pin_per_signature_notice(len(journal.jobs()) - len(journal.jobs("done"))))
            summary = BulkRun(journal, signing, level=level, workers=workers, on_result=on_result,
                              cancel=cancel, pool=pool).run()
            report, _ = write_reports(journal, out_dir)
            letters = _letters(journal)
        finally:
            journal.close()
    if summary.complete:
        Journal.delete(path)
    return Outcome(summary, report, summary.complete, letters)


def discard(out_dir: Path) -> Path | None:
    """Cancel a stopped run for good: write its report, remove its journal. Returns the report."""
    from desktop.bulk.journal import Journal
    from desktop.bulk.report import write_reports

    path = journal_path(out_dir)
    if not path.exists():
        return None
    journal = Journal.open_existing(path)
    try:
        report, _ = write_reports(journal, out_dir)
    finally:
        journal.close()
    Journal.delete(path)
    return report


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
