"""The bulk journal names every letter and its signer: readable by its user only."""

from __future__ import annotations

import os
import stat

from desktop.bulk.journal import Journal


def test_journal_and_its_wal_are_0600(tmp_path):
    old = os.umask(0o022)
    try:
        path = tmp_path / ".imza-bulk.sqlite"
        journal = Journal.create(path, {"level": "B-B"}, [("a.pdf", "out/a.signed.pdf", "pades")])
        journal.mark_failed(1, "damaged", "2026-12-07T00:00:00Z")
        files = [p for p in tmp_path.iterdir() if p.name.startswith(".imza-bulk.sqlite")]
        assert {p.name for p in files} >= {".imza-bulk.sqlite", ".imza-bulk.sqlite-wal"}
        assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: 0o600 for p in files}
        journal.close()
    finally:
        os.umask(old)
