"""The reference portal's SQLite store: login challenges, tokens, submissions and their files.

One process serves from it; every check-and-write runs without an await in between, so two
requests with the same Idempotency-Key cannot both create a submission.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS challenges (
    id TEXT PRIMARY KEY, nonce TEXT NOT NULL, certificate BLOB NOT NULL,
    identity TEXT NOT NULL, expires_at REAL NOT NULL, used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY, kind TEXT NOT NULL, owner TEXT NOT NULL, identity TEXT NOT NULL,
    expires_at REAL NOT NULL, parent TEXT, revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS submissions (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL, state TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, metadata TEXT NOT NULL,
    files TEXT NOT NULL, receipt BLOB,
    UNIQUE (owner, idempotency_key));
CREATE TABLE IF NOT EXISTS submission_files (
    submission_id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,
    data BLOB NOT NULL, PRIMARY KEY (submission_id, position));
"""

FINAL_STATUSES = ("rejected", "delivered")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class StoredSubmission:
    id: str
    owner: str
    idempotency_key: str
    fingerprint: str
    state: str  # "processing" | "done"
    status: str
    reason: str | None
    created_at: str
    updated_at: str
    metadata: dict
    files: list[dict]
    receipt: bytes | None

    def to_json(self) -> dict:
        import base64

        return {
            "id": self.id, "status": self.status, "reason": self.reason,
            "created_at": self.created_at, "updated_at": self.updated_at,
            "service_id": self.metadata.get("service_id"),
            "organization_id": self.metadata.get("organization_id"),
            "subject": self.metadata["subject"], "reference": self.metadata.get("reference"),
            "files": self.files,
            "receipt": base64.b64encode(self.receipt or b"").decode(),
        }


class Claim:
    """What `PortalStore.claim` found for an Idempotency-Key."""

    NEW = "new"
    REPLAY = "replay"
    IN_PROGRESS = "in-progress"
    MISMATCH = "mismatch"


class PortalStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        # A submission left "processing" by a server that died never got its receipt: forget it,
        # so the client's next attempt with the same key creates it.
        self.db.execute("DELETE FROM submissions WHERE state = 'processing'")

    def close(self) -> None:
        self.db.close()

    # --- login -------------------------------------------------------------------------------

    def new_challenge(self, certificate: bytes, identity: dict, ttl: float) -> tuple[str, str, float]:
        challenge_id, nonce = str(uuid.uuid4()), secrets.token_urlsafe(32)
        expires = time.time() + ttl
        self.db.execute("INSERT INTO challenges (id, nonce, certificate, identity, expires_at) VALUES (?,?,?,?,?)",
                        (challenge_id, nonce, certificate, json.dumps(identity), expires))
        return challenge_id, nonce, expires

    def use_challenge(self, challenge_id: str):
        """(nonce, certificate, identity) of a fresh challenge, marked used; None if unknown/used/expired."""
        row = self.db.execute("SELECT * FROM challenges WHERE id = ?", (challenge_id,)).fetchone()
        if row is None or row["used"] or row["expires_at"] < time.time():
            return None
        self.db.execute("UPDATE challenges SET used = 1 WHERE id = ?", (challenge_id,))
        return row["nonce"], row["certificate"], json.loads(row["identity"])

    def issue_token(self, kind: str, owner: str, identity: dict, ttl: float, parent: str | None = None) -> str:
        token = secrets.token_urlsafe(32)
        self.db.execute("INSERT INTO tokens (hash, kind, owner, identity, expires_at, parent) VALUES (?,?,?,?,?,?)",
                        (_hash(token), kind, owner, json.dumps(identity), time.time() + ttl,
                         _hash(parent) if parent else None))
        return token

    def token(self, token: str, kind: str):
        """(owner, identity) for a valid token of that kind, else None."""
        row = self.db.execute("SELECT * FROM tokens WHERE hash = ? AND kind = ?", (_hash(token), kind)).fetchone()
        if row is None or row["revoked"] or row["expires_at"] < time.time():
            return None
        if row["parent"]:
            parent = self.db.execute("SELECT revoked FROM tokens WHERE hash = ?", (row["parent"],)).fetchone()
            if parent is None or parent["revoked"]:
                return None
        return row["owner"], json.loads(row["identity"])

    def revoke(self, token: str) -> None:
        self.db.execute("UPDATE tokens SET revoked = 1 WHERE hash = ?", (_hash(token),))

    def expire_access_tokens(self) -> int:
        return self.db.execute("UPDATE tokens SET expires_at = 0 WHERE kind = 'access'").rowcount

    # --- submissions -------------------------------------------------------------------------

    def claim(self, owner: str, key: str, fingerprint: str, metadata: dict, files: list[dict]):
        """Atomically: the stored submission for this key, or a new one in state "processing"."""
        row = self.db.execute("SELECT * FROM submissions WHERE owner = ? AND idempotency_key = ?",
                              (owner, key)).fetchone()
        if row is not None:
            found = self._from_row(row)
            if found.fingerprint != fingerprint:
                return Claim.MISMATCH, found
            return (Claim.IN_PROGRESS if found.state == "processing" else Claim.REPLAY), found
        stamp = now_iso()
        sub_id = "S-" + uuid.uuid4().hex[:20].upper()
        self.db.execute(
            "INSERT INTO submissions (id, owner, idempotency_key, fingerprint, state, status, created_at,"
            " updated_at, metadata, files) VALUES (?,?,?,?,'processing','received',?,?,?,?)",
            (sub_id, owner, key, fingerprint, stamp, stamp, json.dumps(metadata), json.dumps(files)))
        return Claim.NEW, self.get(sub_id)

    def complete(self, sub_id: str, receipt: bytes, contents: list[tuple[str, bytes]]) -> StoredSubmission:
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT INTO submission_files (submission_id, position, name, data) VALUES (?,?,?,?)",
                                [(sub_id, i, name, data) for i, (name, data) in enumerate(contents)])
            self.db.execute("UPDATE submissions SET state = 'done', receipt = ? WHERE id = ?", (receipt, sub_id))
        return self.get(sub_id)

    def abandon(self, sub_id: str) -> None:
        self.db.execute("DELETE FROM submissions WHERE id = ? AND state = 'processing'", (sub_id,))

    def get(self, sub_id: str) -> StoredSubmission | None:
        row = self.db.execute("SELECT * FROM submissions WHERE id = ?", (sub_id,)).fetchone()
        return self._from_row(row) if row else None

    def all(self, idempotency_key: str | None = None) -> list[StoredSubmission]:
        if idempotency_key:
            rows = self.db.execute("SELECT * FROM submissions WHERE idempotency_key = ? ORDER BY created_at",
                                   (idempotency_key,))
        else:
            rows = self.db.execute("SELECT * FROM submissions ORDER BY created_at")
        return [self._from_row(r) for r in rows]

    def set_status(self, sub_id: str, status: str, reason: str | None = None) -> StoredSubmission | None:
        self.db.execute("UPDATE submissions SET status = ?, reason = ?, updated_at = ? WHERE id = ?",
                        (status, reason, now_iso(), sub_id))
        return self.get(sub_id)

    def advance(self, older_than_seconds: float) -> int:
        """The demo's clerk: received → accepted → delivered, one step per call, for old enough ones."""
        cutoff = datetime.fromtimestamp(time.time() - older_than_seconds, UTC).isoformat(timespec="milliseconds")
        cutoff = cutoff.replace("+00:00", "Z")
        n = 0
        for old, new in (("accepted", "delivered"), ("received", "accepted")):
            n += self.db.execute("UPDATE submissions SET status = ?, updated_at = ? WHERE status = ? AND state = 'done'"
                                 " AND updated_at < ?", (new, now_iso(), old, cutoff)).rowcount
        return n

    @staticmethod
    def _from_row(row) -> StoredSubmission:
        return StoredSubmission(
            id=row["id"], owner=row["owner"], idempotency_key=row["idempotency_key"],
            fingerprint=row["fingerprint"], state=row["state"], status=row["status"], reason=row["reason"],
            created_at=row["created_at"], updated_at=row["updated_at"], metadata=json.loads(row["metadata"]),
            files=json.loads(row["files"]), receipt=row["receipt"])
