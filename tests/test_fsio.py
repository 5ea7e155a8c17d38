"""Outputs follow the umask like any editor's; Imza's private state is 0600 in 0700 folders."""

from __future__ import annotations

import os
import stat

import pytest

from desktop.fsio import atomic_output, private_dir, private_file, write_atomic


@pytest.fixture
def umask():
    """Set the process umask for one test (it is process-wide: restored afterwards)."""
    old = os.umask(0o022)
    os.umask(old)

    def set_(value: int) -> None:
        os.umask(value)

    yield set_
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_outputs_follow_the_umask(tmp_path, umask, mask, expected):
    """A signed output in a shared folder is readable by colleagues when the umask allows it
    (it used to be 0600 whatever the umask: tempfile.mkstemp)."""
    umask(mask)
    out = tmp_path / "letter.signed.pdf"
    with atomic_output(out) as fh:
        fh.write(b"%PDF-1.7 signed")
    assert mode(out) == expected
    write_atomic(tmp_path / "report.csv", b"a,b\n")
    assert mode(tmp_path / "report.csv") == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_an_existing_output_is_still_kept(tmp_path):
    out = tmp_path / "letter.signed.pdf"
    out.write_bytes(b"original")
    from desktop.core.errors import OutputExistsError

    with pytest.raises(OutputExistsError), atomic_output(out) as fh:
        fh.write(b"new")
    assert out.read_bytes() == b"original"
    assert len(list(tmp_path.iterdir())) == 1


def test_private_state_is_this_users_only(tmp_path, umask):
    umask(0o022)
    folder = private_dir(tmp_path / "data" / "portal")
    assert mode(folder) == 0o700
    db = private_file(folder / "state.sqlite")
    assert mode(db) == 0o600
    # made world-readable by an older version: tightened
    os.chmod(folder, 0o755)
    os.chmod(db, 0o644)
    private_dir(folder)
    private_file(db)
    assert (mode(folder), mode(db)) == (0o700, 0o600)
