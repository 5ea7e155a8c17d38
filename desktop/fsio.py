"""File output that never leaves a half-written file and never clobbers an original.

Outputs follow the umask, as any editor's do (a shared output folder stays readable by
colleagues when the umask says so); Imza's private state (the portal outbox, a bulk journal)
is created 0600, and the outbox's folder 0700 (`private_dir`, `private_file`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from desktop.core.errors import ImzaError, OutputExistsError


@contextlib.contextmanager
def atomic_output(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """Yield a temp file beside `path`; on success it is renamed to `path`, else removed.

    Without `force`, an existing `path` is an error, checked before and again at rename
    time (os.link fails if the name appeared meanwhile, so a concurrent writer loses nothing).
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError("{path} already exists.", "Use --force to replace it, or choose another output name.", path=path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ImzaError("The output folder {directory} does not exist.", "Create it or choose another output.", directory=directory)
    fd, tmp = _create_temp(directory, path.name)
    try:
        with os.fdopen(fd, "w+b") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise OutputExistsError("{path} appeared while it was being written.", "Nothing was overwritten; try again.", path=path) from None
            except OSError:
                # Filesystems without hard links: fall back to a rename after a last check.
                if path.exists():
                    raise OutputExistsError("{path} already exists.", "Use --force to replace it.", path=path) from None
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _create_temp(directory: Path, name: str) -> tuple[int, str]:
    """A new file beside the output, mode 0666 less the umask (tempfile.mkstemp forces 0600)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = os.path.join(directory, f".{name}.{secrets.token_hex(6)}.part")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {name}")


def private_dir(path: Path) -> Path:
    """A folder only this user can enter (0700), created with its parents if missing."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)  # made by an older Imza, or by hand
    return path


def private_file(path: Path) -> Path:
    """An existing or new (empty) file only this user can read (0600), for SQLite state."""
    path = Path(path)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    return path


def private_sqlite(path: Path) -> Path:
    """A SQLite database file made private before SQLite opens it (its -wal and -shm files take
    the database's mode), with sidecars left by an older Imza tightened too."""
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.exists() and side.stat().st_mode & 0o077:
            side.chmod(0o600)
    return Path(path)


def write_atomic(path: Path, data: bytes, *, force: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path, force=force) as fh:
        fh.write(data)
