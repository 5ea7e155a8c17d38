"""What Imza decides about a file before opening it as a document: can it be read, is it a PDF.

Signing, verification, the portal's checks, the reference portal and the window all ask these
two questions; the answers are written here once.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.errors import InputError

PDF_HEADER = b"%PDF-"
# ISO 32000-2 7.5.2 puts the header on the first line; readers (and so Imza) accept it anywhere
# in the first 1024 bytes, as Acrobat does (PDF Reference 1.7, Appendix H, implementation note 13).
PDF_SNIFF_BYTES = 1024


def looks_like_pdf(data: bytes) -> bool:
    """Whether `data` (a file's first bytes, or all of them) carries a PDF header.

    Decided by content, never by the name: a .pdf may be anything, and a PDF may be called
    anything. Only the first PDF_SNIFF_BYTES bytes are looked at.
    """
    return PDF_HEADER in data[:PDF_SNIFF_BYTES]


def file_looks_like_pdf(path: Path) -> bool:
    """`looks_like_pdf` of the file's first bytes; False for a file that cannot be opened."""
    try:
        with Path(path).open("rb") as fh:
            return looks_like_pdf(fh.read(PDF_SNIFF_BYTES))
    except OSError:
        return False


def check_readable(path: Path) -> None:
    """Raise InputError (exit code 3) unless `path` is an existing, readable, non-empty file.

    Asked before signing, verifying or submitting a file, so each says the same thing about
    a missing, folder, unreadable or empty input. Reading can still fail afterwards (the file
    may change): callers turn that OSError into their own message.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("{path}: no such file.", "Check the name and folder.", path=path)
    if path.is_dir():
        raise InputError("{path} is a folder, not a file.", "Name the files inside it (e.g. folder/*.pdf).",
                         path=path)
    if not os.access(path, os.R_OK):
        raise InputError("{path} cannot be read (permission denied).", "Check the file's permissions.", path=path)
    if path.stat().st_size == 0:
        raise InputError("{path} is empty.", "Check that the file was saved completely.", path=path)
