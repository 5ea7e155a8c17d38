"""Outbox: submissions kept on disk until the portal has them (SQLite + copies of the files).

A submission enters the outbox before the first byte is sent, with its Idempotency-Key and a
copy of every file, so a crash, a kill or a lost network loses nothing and, because every
attempt sends the same key, the portal receives it once. One process at a time sends an
entry: it claims it (state "sending", its pid and a lease); an entry whose sender died (pid
gone) or whose lease ran out can be claimed again and is re-sent with the same key.

States: queued → sending → sent; sending → queued (try again later) or failed (the portal
refused it); queued/failed → cancelled. Sent entries then follow the portal's status.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from desktop.config import data_dir
from desktop.core.i18n import ntr, tr
from desktop.fsio import private_dir, private_sqlite, write_atomic
from desktop.portal.checks import PreparedFile
from desktop.portal.errors import OutboxError
from desktop.portal.model import ReceiptCheck, Recipient, RemoteSubmission, SubmissionStatus

LEASE_SECONDS = 15 * 60
HELD = float("inf")  # next_attempt_at of an entry no timer may send (see Outbox.hold)
SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY AUTOINCREMENT, idempotency_key TEXT NOT NULL UNIQUE, portal TEXT NOT NULL,
    recipient_kind TEXT NOT NULL, recipient_id TEXT NOT NULL, recipient_name TEXT NOT NULL,
    subject TEXT NOT NULL, reference TEXT, fingerprint TEXT NOT NULL,
    state TEXT NOT NULL, created_at REAL NOT NULL, updated_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at REAL NOT NULL DEFAULT 0, last_error TEXT,
    owner_pid INTEGER, lease_until REAL,
    remote_id TEXT, remote_status TEXT, remote_reason TEXT, status_checked_at REAL, sent_at REAL,
    receipt BLOB, receipt_verified INTEGER, receipt_problem TEXT);
CREATE TABLE IF NOT EXISTS item_files (
    item_id INTEGER NOT NULL REFERENCES items(id), position INTEGER NOT NULL, name TEXT NOT NULL,
    stored TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    content_type TEXT NOT NULL, PRIMARY KEY (item_id, position));
CREATE TABLE IF NOT EXISTS catalogue (
    portal TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL, fetched_at REAL NOT NULL,
    PRIMARY KEY (portal, kind));
"""


class ItemState(enum.StrEnum):
    """Where an outbox entry is on its way: queued (or held) → sending → sent, or failed / cancelled."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass
class OutboxFile:
    """A file of an entry: the outbox's own copy (sent as it was checked), where it came from, and its hash."""

    name: str
    path: Path  # the outbox's own copy
    source: str  # where the user's file was
    sha256: str
    size: int
    content_type: str


@dataclass
class OutboxItem:
    """One submission in the outbox, with its Idempotency-Key (fixed at queueing, reused by every attempt)."""

    id: int
    idempotency_key: str
    portal: str
    recipient_kind: str
    recipient_id: str
    recipient_name: str
    subject: str
    reference: str | None
    state: ItemState
    created_at: float
    updated_at: float
    attempts: int
    next_attempt_at: float
    last_error: str | None
    owner_pid: int | None
    lease_until: float | None
    remote_id: str | None
    remote_status: SubmissionStatus | None
    remote_reason: str | None
    sent_at: float | None
    receipt: bytes | None
    receipt_verified: bool | None
    receipt_problem: str | None
    files: list[OutboxFile] = field(default_factory=list)

    @property
    def metadata(self) -> dict:
        """The metadata part sent with the files: recipient id (service_id or organization_id), subject, reference."""
        meta = {f"{self.recipient_kind}_id": self.recipient_id, "subject": self.subject}
        if self.reference:
            meta["reference"] = self.reference
        return meta

    @property
    def summary(self) -> str:
        """One line for a list: "delivered, receipt verified", "waiting to be sent (3 tries)", ..."""
        if self.state is ItemState.SENT:
            status = str(self.remote_status or SubmissionStatus.RECEIVED)
            text = tr(status)
            if self.remote_status is SubmissionStatus.REJECTED and self.remote_reason:
                text += f" ({self.remote_reason})"  # the portal's own words, as it sent them
            receipt = tr("receipt verified") if self.receipt_verified else tr("receipt NOT verified")
            return f"{text}, {receipt}"
        if self.state is ItemState.QUEUED and self.next_attempt_at == HELD:
            return tr("held: {error}", error=self.last_error or "?")
        if self.state is ItemState.QUEUED:
            return ntr("waiting to be sent ({n} try)", "waiting to be sent ({n} tries)", self.attempts) if self.attempts else tr("waiting to be sent")
        if self.state is ItemState.SENDING:
            if not _alive(self.owner_pid):
                return tr("interrupted while being sent; `imza outbox retry` sends it again")
            return tr("being sent")
        if self.state is ItemState.FAILED:
            return tr("refused: {error}", error=self.last_error or "?")
        return tr("cancelled")


def default_path() -> Path:
    """The outbox database in Imza's data folder (portal/outbox.sqlite)."""
    return data_dir() / "portal" / "outbox.sqlite"


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fingerprint(portal: str, recipient: Recipient, hashes: list[str]) -> str:
    """What makes two submissions the same: portal, recipient and the files' SHA-256 (order ignored).

    `Outbox.find_duplicate` looks entries up by it, so the same documents are not queued twice.
    """
    return json.dumps([portal, recipient.kind, recipient.id, sorted(hashes)])


def _locked(method):
    """One thread at a time per Outbox (the GUI sends from a worker while the window reads)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class Outbox:
    """The outbox in one SQLite file; safe to share between threads and between processes."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path or default_path())
        self.files_dir = self.path.parent / "outbox-files"
        private_dir(self.path.parent)  # names documents and recipients: this user's only
        private_dir(self.files_dir)
        private_sqlite(self.path)
        self._lock = threading.RLock()
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    @_locked
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- adding ----------------------------------------------------------------------------

    @_locked
    def find_duplicate(self, portal: str, recipient: Recipient, files: list[PreparedFile]) -> OutboxItem | None:
        """The newest entry, not cancelled, with the same portal, recipient and files (`fingerprint`), or None."""
        fp = fingerprint(portal, recipient, [f.sha256 for f in files])
        row = self.db.execute("SELECT id FROM items WHERE fingerprint = ? AND state != 'cancelled' ORDER BY id DESC",
                              (fp,)).fetchone()
        return self.get(row["id"]) if row else None

    @_locked
    def add(self, portal: str, recipient: Recipient, subject: str, reference: str | None,
            files: list[PreparedFile]) -> OutboxItem:
        """Copy the files in and record the submission with a new Idempotency-Key."""
        key = str(uuid.uuid4())
        folder = self.files_dir / key
        folder.mkdir(mode=0o700)
        try:
            stored = []
            for f in files:
                data = f.path.read_bytes()
                if hashlib.sha256(data).hexdigest() != f.sha256:
                    raise OutboxError("{path} changed while it was being checked.",
                                      "Submit it again.", path=f.path)
                write_atomic(folder / f.name, data)
                stored.append(f)
            now = time.time()
            with self._transaction():
                cur = self.db.execute(
                    "INSERT INTO items (idempotency_key, portal, recipient_kind, recipient_id, recipient_name,"
                    " subject, reference, fingerprint, state, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (key, portal, str(recipient.kind), recipient.id, recipient.name.get(), subject, reference,
                     fingerprint(portal, recipient, [f.sha256 for f in files]), ItemState.QUEUED, now, now))
                item_id = cur.lastrowid
                self.db.executemany(
                    "INSERT INTO item_files (item_id, position, name, stored, source, sha256, size, content_type)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    [(item_id, i, f.name, f"{key}/{f.name}", str(f.path.resolve()), f.sha256, f.size, f.content_type)
                     for i, f in enumerate(stored)])
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return self.get(item_id)

    # --- reading -----------------------------------------------------------------------------

    @_locked
    def get(self, item_id: int) -> OutboxItem:
        row = self.db.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise OutboxError("There is no outbox entry {id}.", "`imza outbox list` shows them.", id=item_id)
        return self._item(row)

    @_locked
    def list(self, states: tuple[ItemState, ...] | None = None) -> list[OutboxItem]:
        """Every entry in queueing order; only those in `states` when given."""
        rows = self.db.execute("SELECT * FROM items ORDER BY id").fetchall()
        items = [self._item(r) for r in rows]
        return [i for i in items if states is None or i.state in states]

    @_locked
    def claimable(self, *, due_only: bool = True, now: float | None = None) -> list[OutboxItem]:
        """Entries to send now: queued (and due), or left "sending" by a sender that is gone."""
        now = now or time.time()
        out = []
        for item in self.list((ItemState.QUEUED, ItemState.SENDING)):
            if item.state is ItemState.SENDING and not self._stale(item, now):
                continue
            if item.state is ItemState.QUEUED and due_only and item.next_attempt_at > now:
                continue
            out.append(item)
        return out

    @_locked
    def awaiting_status(self) -> list[OutboxItem]:
        """Sent entries whose portal status is not final yet: the ones a status refresh asks about."""
        return [i for i in self.list((ItemState.SENT,)) if not (i.remote_status and i.remote_status.final)]

    # --- state changes -----------------------------------------------------------------------

    @_locked
    def claim(self, item_id: int, pid: int | None = None) -> OutboxItem | None:
        """Mark the entry as being sent by this process; None if another live sender has it."""
        pid = pid or os.getpid()
        with self._transaction():
            item = self.get(item_id)
            if item.state is ItemState.SENDING and not self._stale(item, time.time()):
                return None
            if item.state not in (ItemState.QUEUED, ItemState.SENDING):
                return None
            self.db.execute("UPDATE items SET state = 'sending', owner_pid = ?, lease_until = ?, updated_at = ?"
                            " WHERE id = ?", (pid, time.time() + LEASE_SECONDS, time.time(), item_id))
        return self.get(item_id)

    @_locked
    def defer(self, item_id: int, error: str, retry_at: float) -> OutboxItem:
        """Put a claimed entry back in the queue after a failed attempt, to be tried at `retry_at` (epoch seconds)."""
        self.db.execute("UPDATE items SET state = 'queued', attempts = attempts + 1, last_error = ?,"
                        " next_attempt_at = ?, owner_pid = NULL, lease_until = NULL, updated_at = ? WHERE id = ?",
                        (error, retry_at, time.time(), item_id))
        return self.get(item_id)

    @_locked
    def hold(self, item_id: int, error: str) -> OutboxItem:
        """Queued, but never due by itself: only a send the user asks for takes it (requeue)."""
        return self.defer(item_id, error, HELD)

    @_locked
    def count_attempt(self, item_id: int, error: str) -> None:
        """Count a failed attempt of an entry that stays claimed (the sender tries again at once)."""
        self.db.execute("UPDATE items SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?",
                        (error, time.time(), item_id))

    @_locked
    def fail(self, item_id: int, error: str) -> OutboxItem:
        """Mark an entry failed for good (a refusal no retry can change); the user may requeue it."""
        self.db.execute("UPDATE items SET state = 'failed', attempts = attempts + 1, last_error = ?,"
                        " owner_pid = NULL, lease_until = NULL, updated_at = ? WHERE id = ?",
                        (error, time.time(), item_id))
        return self.get(item_id)

    @_locked
    def mark_sent(self, item_id: int, remote: RemoteSubmission, check: ReceiptCheck) -> OutboxItem:
        """Record that the portal stored the entry: its id and status, the receipt and the verdict on it."""
        now = time.time()
        self.db.execute(
            "UPDATE items SET state = 'sent', attempts = attempts + 1, last_error = NULL, owner_pid = NULL,"
            " lease_until = NULL, remote_id = ?, remote_status = ?, remote_reason = ?, status_checked_at = ?,"
            " sent_at = ?, receipt = ?, receipt_verified = ?, receipt_problem = ?, updated_at = ? WHERE id = ?",
            (remote.id, str(remote.status), remote.reason, now, now, remote.receipt, int(check.verified),
             check.problem, now, item_id))
        return self.get(item_id)

    @_locked
    def update_status(self, item_id: int, remote: RemoteSubmission) -> OutboxItem:
        """Record the portal's latest status for a sent entry."""
        self.db.execute("UPDATE items SET remote_status = ?, remote_reason = ?, status_checked_at = ?, updated_at = ?"
                        " WHERE id = ?", (str(remote.status), remote.reason, time.time(), time.time(), item_id))
        return self.get(item_id)

    @_locked
    def requeue(self, item_id: int) -> OutboxItem:
        """A failed or held entry the user wants tried again (same key)."""
        item = self.get(item_id)
        if item.state is ItemState.FAILED or (item.state is ItemState.QUEUED and item.next_attempt_at == HELD):
            self.db.execute("UPDATE items SET state = 'queued', next_attempt_at = 0, updated_at = ? WHERE id = ?",
                            (time.time(), item_id))
        return self.get(item_id)

    @_locked
    def cancel(self, item_id: int) -> OutboxItem:
        """Cancel an entry that the portal has not received; OutboxError for a sent one or one being sent right now."""
        with self._transaction():
            item = self.get(item_id)
            if item.state is ItemState.SENT:
                raise OutboxError("Outbox entry {id} was already received by the portal ({remote}).",
                                  "A received submission cannot be taken back from here; contact the recipient.", id=item_id, remote=item.remote_id)
            if item.state is ItemState.SENDING and not self._stale(item, time.time()):
                raise OutboxError("Outbox entry {id} is being sent right now.",
                                  "Wait until the attempt ends, then cancel it.", id=item_id)
            if item.state is ItemState.CANCELLED:
                return item
            self.db.execute("UPDATE items SET state = 'cancelled', owner_pid = NULL, updated_at = ? WHERE id = ?",
                            (time.time(), item_id))
        shutil.rmtree(self.files_dir / item.idempotency_key, ignore_errors=True)
        return self.get(item_id)

    # --- catalogue cache (so a submission can be checked and queued while offline) -----------

    @_locked
    def save_catalogue(self, portal: str, kind: str, data: list[dict]) -> None:
        """Keep the portal's list of `kind` (services or organisations) for offline use, with the time fetched."""
        self.db.execute("INSERT OR REPLACE INTO catalogue (portal, kind, data, fetched_at) VALUES (?,?,?,?)",
                        (portal, kind, json.dumps(data), time.time()))

    @_locked
    def load_catalogue(self, portal: str, kind: str) -> tuple[list[dict], float] | None:
        """The kept list of `kind` and when it was fetched (epoch seconds), or None."""
        row = self.db.execute("SELECT data, fetched_at FROM catalogue WHERE portal = ? AND kind = ?",
                              (portal, kind)).fetchone()
        return (json.loads(row["data"]), row["fetched_at"]) if row else None

    # --- internals ---------------------------------------------------------------------------

    def _transaction(self):
        db, lock = self.db, self._lock

        class _Tx:
            def __enter__(self):
                lock.acquire()
                db.execute("BEGIN IMMEDIATE")  # one writer across processes from here to COMMIT

            def __exit__(self, exc_type, *rest):
                try:
                    db.execute("ROLLBACK" if exc_type else "COMMIT")
                finally:
                    lock.release()

        return _Tx()

    @staticmethod
    def _stale(item: OutboxItem, now: float) -> bool:
        return not _alive(item.owner_pid) or (item.lease_until or 0) < now

    @_locked
    def _item(self, row) -> OutboxItem:
        files = [OutboxFile(r["name"], self.files_dir / r["stored"], r["source"], r["sha256"], r["size"],
                            r["content_type"])
                 for r in self.db.execute("SELECT * FROM item_files WHERE item_id = ? ORDER BY position", (row["id"],))]
        return OutboxItem(
            id=row["id"], idempotency_key=row["idempotency_key"], portal=row["portal"],
            recipient_kind=row["recipient_kind"], recipient_id=row["recipient_id"],
            recipient_name=row["recipient_name"], subject=row["subject"], reference=row["reference"],
            state=ItemState(row["state"]), created_at=row["created_at"], updated_at=row["updated_at"],
            attempts=row["attempts"], next_attempt_at=row["next_attempt_at"], last_error=row["last_error"],
            owner_pid=row["owner_pid"], lease_until=row["lease_until"], remote_id=row["remote_id"],
            remote_status=SubmissionStatus(row["remote_status"]) if row["remote_status"] else None,
            remote_reason=row["remote_reason"], sent_at=row["sent_at"], receipt=row["receipt"],
            receipt_verified=None if row["receipt_verified"] is None else bool(row["receipt_verified"]),
            receipt_problem=row["receipt_problem"], files=files)
