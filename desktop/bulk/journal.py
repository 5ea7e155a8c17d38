"""The bulk journal: one SQLite row per letter, so a killed run can be resumed.

States: pending → done | failed. "done" is only written after the output file is in place
(atomic rename); a run killed between the two is recognised on resume by looking at the output
(see runner.adopt_finished_output), so no letter is ever signed twice.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import ImzaError
from desktop.fsio import private_sqlite

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    output TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    source_sha256 TEXT,
    output_sha256 TEXT,
    signer TEXT,
    finished_at TEXT,
    error TEXT
);
"""


@dataclass
class Job:
    """One letter of a run as the journal records it; `state` is pending, done or failed."""

    id: int
    source: str
    output: str
    format: str
    state: str
    source_sha256: str | None = None
    output_sha256: str | None = None
    signer: str | None = None
    finished_at: str | None = None
    error: str | None = None


def unfinished_run(path: Path) -> ImzaError:
    """The error for starting a run where an unfinished run's journal is."""
    return ImzaError("A bulk journal already exists at {path}: a previous run was not finished.",
                     "Resume it (imza bulk --resume, or Resume in the window), or delete the journal to start over.",
                     path=path)


class Journal:
    """A run's letters and options in SQLite (WAL, synchronous=FULL), readable by this user only.

    Written as letters finish, so a run killed at any moment resumes from it without signing a
    letter twice (see BulkRun).
    """

    def __init__(self, path: Path):
        self.path = path
        private_sqlite(path)  # names every letter and its signer: readable by this user only
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self._in_tx = False

    @classmethod
    def create(cls, path: Path, options: dict, jobs: list[tuple[str, str, str]]) -> Journal:
        """A new journal at `path` holding `options` and one pending job per (source, output, format).

        Raises ImzaError when a journal is already there (an unfinished run).
        """
        if path.exists():
            raise unfinished_run(path)
        j = cls(path)
        with j.transaction():
            j.db.execute("INSERT INTO meta VALUES ('options', ?)", (json.dumps(options, sort_keys=True),))
            j.db.executemany("INSERT INTO jobs (source, output, format) VALUES (?, ?, ?)", jobs)
        return j

    @classmethod
    def open_existing(cls, path: Path) -> Journal:
        """The journal at `path`; ImzaError when there is none or it is not a readable journal."""
        if not path.exists():
            raise ImzaError("There is no bulk journal at {path} to resume.",
                            "Start the run without --resume (or point --journal at the right file).", path=path)
        try:
            j = cls(path)
            j.options()
        except (sqlite3.DatabaseError, ImzaError) as e:
            raise ImzaError("{path} is not a readable bulk journal ({error}).",
                            "Point --journal at the journal of that run, or start over.", path=path, error=e) from None
        return j

    def options(self) -> dict:
        """The options the run was created with (RunOptions.to_journal's keys)."""
        row = self.db.execute("SELECT value FROM meta WHERE key='options'").fetchone()
        if row is None:
            raise ImzaError("the journal has no options")
        return json.loads(row[0])

    def transaction(self):
        """A context manager: the writes inside it commit together (BEGIN IMMEDIATE), or roll back on an exception."""
        journal = self

        class _Tx:
            def __enter__(self):
                journal.db.execute("BEGIN IMMEDIATE")

            def __exit__(self, exc_type, *_):
                journal.db.execute("ROLLBACK" if exc_type else "COMMIT")

        return _Tx()

    def jobs(self, state: str | None = None) -> list[Job]:
        """The jobs in creation order; only those in `state` (pending, done, failed) when given."""
        sql = "SELECT id, source, output, format, state, source_sha256, output_sha256, signer, finished_at, error FROM jobs"
        rows = self.db.execute(sql + (" WHERE state=?" if state else "") + " ORDER BY id", (state,) if state else ())
        return [Job(*r) for r in rows]

    def mark_done(self, job_id: int, *, source_sha256: str, output_sha256: str, signer: str, when: str) -> None:
        """Record a signed letter: the hashes of source and output, the signer and `when` (ISO 8601)."""
        self.db.execute("UPDATE jobs SET state='done', source_sha256=?, output_sha256=?, signer=?, finished_at=?, error=NULL "
                        "WHERE id=?", (source_sha256, output_sha256, signer, when, job_id))

    def mark_failed(self, job_id: int, error: str, when: str, source_sha256: str | None = None) -> None:
        """Record a letter that could not be signed and why; a resume tries it again (reset_failed)."""
        self.db.execute("UPDATE jobs SET state='failed', error=?, finished_at=?, source_sha256=? WHERE id=?",
                        (error, when, source_sha256, job_id))

    def reset_failed(self) -> None:
        """On resume, letters that failed get another chance (the user may have fixed them)."""
        self.db.execute("UPDATE jobs SET state='pending', error=NULL WHERE state='failed'")

    def counts(self) -> dict[str, int]:
        """How many jobs are in each state, e.g. {"done": 3, "pending": 2}; absent states are left out."""
        return dict(self.db.execute("SELECT state, count(*) FROM jobs GROUP BY state").fetchall())

    def close(self) -> None:
        self.db.close()

    @staticmethod
    def delete(path: Path) -> None:
        """Remove a closed journal with SQLite's write-ahead files beside it."""
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            p.unlink(missing_ok=True)
