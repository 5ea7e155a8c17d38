"""Turning `imza bulk SRC...` into jobs: which files, signed how, written where."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import InputError
from desktop.signing.inputs import default_format, default_output

REPORT_NAMES = ("bulk-report.csv", "bulk-report.json")
# A run's journal names every letter and its signer: it lives in a folder only its user can enter,
# inside the output folder (which colleagues may share). Journals of older versions sat beside
# the letters as LEGACY_JOURNAL_NAME; they are still found and resumed.
JOURNAL_DIR = ".imza-bulk"
JOURNAL_NAME = JOURNAL_DIR + "/journal.sqlite"
LEGACY_JOURNAL_NAME = ".imza-bulk.sqlite"


def collect_sources(sources: list[Path], out_dir: Path) -> list[Path]:
    """Files as given, folders expanded (recursively, sorted); outputs and hidden files skipped."""
    files: list[Path] = []
    out_dir = out_dir.resolve()
    for src in sources:
        if not src.exists():
            raise InputError("{path}: no such file or folder.", "Check the name and folder.", path=src)
        if src.is_dir():
            for p in sorted(src.rglob("*")):
                if (p.is_file() and not any(part.startswith(".") for part in p.relative_to(src).parts)
                        and out_dir not in p.resolve().parents and p.name not in REPORT_NAMES):
                    files.append(p)
        else:
            files.append(src)
    if not files:
        raise InputError("No files to sign were found in the given folders.", "Check the paths.")
    return files


def jobs_for(files: list[Path], out_dir: Path) -> list[tuple[str, str, str]]:
    """(source, output, format) per file; two sources may not share an output name."""
    seen: dict[Path, Path] = {}
    jobs = []
    for f in files:
        fmt = default_format(f)
        out = default_output(f, fmt, out_dir).resolve()
        if out in seen:
            raise InputError("{first} and {second} would both be written to {path}.",
                             "Rename one of them, or sign the folders separately.", first=f, second=seen[out], path=out)
        if out == f.resolve():
            raise InputError("The output for {path} would replace it.", "Choose another --out-dir.", path=f)
        seen[out] = f
        jobs.append((str(f.resolve()), str(out), fmt.value))
    return jobs
