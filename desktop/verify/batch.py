"""Many files at once: the batch is spread over worker processes, one per core.

Verification is CPU-bound Python, so threads would not help; and a crafted file can make it run
long or grow large, which only a process can be stopped for. Every file is therefore verified in
a worker process (desktop/verify/sandbox.py) under a time and memory budget; a file that exceeds
it is INDETERMINATE with words, and the batch goes on. Reports come back in the order of the paths.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from desktop.core.model import FileReport
from desktop.verify import sandbox
from desktop.verify.sandbox import Budget


def default_workers() -> int:
    """Worker processes for a batch: the CPUs this process may run on (its affinity), at least one."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def verify_many(paths: list[Path], trust, *, offline: bool = True, data_file: Path | None = None,
                at: datetime | None = None, workers: int | None = None,
                budget: Budget | None = None) -> list[FileReport]:
    """Like engine.verify_files, on every core, each file within `budget` (default: Budget())."""
    paths = [Path(p) for p in paths]
    if not paths:
        return []
    return sandbox.verify_all(paths, trust, workers=workers or default_workers(), budget=budget or Budget(),
                              offline=offline, data_file=data_file, at=at)
