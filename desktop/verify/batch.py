"""Many files at once: the batch is split over worker processes, one per core.

Verification is CPU-bound Python, so threads would not help; forked workers inherit the
imported engine and the trust store, so they start in milliseconds and nothing but paths and
reports crosses between processes. Reports come back in the order of the paths. Small
batches, and platforms without fork, run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

from desktop.core.model import FileReport
from desktop.verify.engine import verify_files
from desktop.verify.trust import TrustStore

MIN_PARALLEL = 8  # below this, starting workers costs more than it saves
_job: dict = {}  # set in the parent just before forking; the workers read it


def _run(paths: list[Path]) -> list[FileReport]:
    return verify_files(paths, _job["trust"], **_job["options"])


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def verify_many(paths: list[Path], trust: TrustStore, *, offline: bool = True, data_file: Path | None = None,
                at: datetime | None = None, workers: int | None = None) -> list[FileReport]:
    """Like engine.verify_files, on every core."""
    paths = [Path(p) for p in paths]
    options = {"offline": offline, "data_file": data_file, "at": at}
    workers = min(workers or default_workers(), max(1, len(paths) // 4))
    if workers <= 1 or len(paths) < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        return verify_files(paths, trust, **options)
    # The first file is verified here: what the first verification of a process loads and
    # caches (pyhanko's lazy imports, the names of the trust anchors) is then inherited by
    # every worker instead of being paid for by each.
    first = verify_files(paths[:1], trust, **options)
    rest = paths[1:]
    # Chunks of a few files: few round trips, yet a slow file does not hold up a whole share.
    size = max(1, min(16, len(rest) // (workers * 4)))
    chunks = [rest[i:i + size] for i in range(0, len(rest), size)]
    _job.update(trust=trust, options=options)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return first + [report for chunk in pool.map(_run, chunks) for report in chunk]
    finally:
        _job.clear()
