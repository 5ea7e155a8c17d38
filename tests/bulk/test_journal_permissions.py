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


def test_the_default_journal_sits_in_a_private_folder_of_a_shared_output_folder(tmp_path):
    """Private state 0600 in a 0700 folder (issue 14 item 9); the output folder itself keeps the
    permissions its owner gave it, so colleagues can read the signed letters."""
    from desktop.bulk import setup

    out = tmp_path / "signed"
    out.mkdir(mode=0o755)
    old = os.umask(0o022)
    try:
        path = setup.journal_path(out)
        journal = setup.create_journal(path, {"level": "B-B"}, [("a.pdf", str(out / "a.signed.pdf"), "pades")])
        journal.close()
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700 and path.parent.parent == out
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(out.stat().st_mode) == 0o755
        setup.delete_journal(path)
        assert not path.parent.exists() and out.exists()
    finally:
        os.umask(old)
