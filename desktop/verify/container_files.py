"""The data files inside an ASiC container: which there are, and one copied out to a file.

The container is read with the verifier's own rules (desktop/verify/asice.py: what is a data
file, how many entries at most). A copy is written atomically, never larger than the size the
container declares for it nor than MAX_COPY, and only for a name the container really lists.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import InputError
from desktop.fsio import atomic_output
from desktop.verify import asice
from desktop.verify import report as rep

MAX_COPY = 4 << 30  # a member declaring more than this is not copied out
CHUNK = 1 << 20


@dataclass(frozen=True)
class Member:
    """One data file of a container: its name inside it and its declared (uncompressed) size."""

    name: str
    size: int


def members(path: Path) -> list[Member]:
    """The data files of the container at `path`, in the container's order (META-INF/ and the
    mimetype entry are not data). Raises InputError for a file that is not a readable container."""
    container = _open(path)
    with container.zip:
        return [Member(name, container.zip.getinfo(name).file_size) for name in container.data_files]


def copy_out(path: Path, name: str, out: Path, task=None) -> Path:
    """Write the data file `name` of the container at `path` to `out` (replaced if it exists: the
    caller asked). `task`, if given, may cancel between chunks. Returns `out`."""
    container = _open(path)
    with container.zip:
        if name not in container.data_files:
            raise InputError("{path} holds no file named {name}.", path=path, name=name)
        info = container.zip.getinfo(name)
        if info.file_size > MAX_COPY:
            raise InputError("{name} in {path} is too large to copy out ({size} bytes).", path=path, name=name, size=info.file_size)
        try:
            with container.zip.open(info) as src, atomic_output(Path(out), force=True) as dst:
                written = 0
                while chunk := src.read(CHUNK):
                    written += len(chunk)
                    if written > info.file_size:  # zipfile checks this too; never trust one guard
                        raise ValueError("longer than declared")
                    dst.write(chunk)
                    if task is not None:
                        task.check_cancelled()
        except asice.ZIP_ERRORS as e:
            if isinstance(e, OSError) and not isinstance(e, zipfile.BadZipFile) and e.filename:
                raise InputError("{out} could not be written ({error}).", out=out, error=e.strerror or e) from None
            raise InputError("{name} in {path} is damaged ({detail}); get a complete copy of the container.", name=name, path=path, detail=rep.short(e)) from None
    return Path(out)


def safe_name(name: str) -> str:
    """A plain file name for a member's copy: its last path part, without separators or dots first."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lstrip(".").strip()
    cleaned = "".join(c if c.isprintable() and c not in '<>:"|?*' else "_" for c in base)
    return cleaned[:200] or "file"


def _open(path: Path):
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError("{path} cannot be read ({error}).", path=path, error=e.strerror or e) from None
    try:
        return asice._open(data)  # the verifier's reading of a container: one definition of a data file
    except asice.ZIP_ERRORS as e:
        raise InputError("{path} is a damaged or truncated container ({detail}); get a complete copy.", path=path, detail=rep.short(e)) from None
