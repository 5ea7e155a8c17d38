"""File output that never leaves a half-written file and never clobbers an original."""

from __future__ import annotations

import contextlib
import os
import tempfile
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
        raise OutputExistsError(f"{path} already exists.", "Use --force to replace it, or choose another output name.")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ImzaError(f"The output folder {directory} does not exist.", "Create it or choose another output.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
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
                raise OutputExistsError(f"{path} appeared while it was being written.", "Nothing was overwritten; try again.") from None
            except OSError:
                # Filesystems without hard links: fall back to a rename after a last check.
                if path.exists():
                    raise OutputExistsError(f"{path} already exists.", "Use --force to replace it.") from None
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_atomic(path: Path, data: bytes, *, force: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path, force=force) as fh:
        fh.write(data)
