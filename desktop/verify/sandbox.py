"""Each file verified in a worker process under a time and memory budget.

A crafted file can make any parser run long or grow large; a thread cannot be stopped, a process
can. Workers are forked once (they inherit the imported engine and the trust store) and verify
one file at a time; the parent watches the clock and the worker's resident memory, and kills and
replaces a worker that exceeds its budget. That file's report is then INDETERMINATE with words
(exit status 2), and the other files go on.

Two drivers share the workers: `verify_all` (a blocking loop, for `imza verify`) and `Pool.verify`
(asyncio, for `imza serve-verify`). Forking happens only on the thread that drives the workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from desktop.core.i18n import tr
from desktop.core.model import FileReport, Indication, SignatureReport
from desktop.startup import prepare_process
from desktop.verify.engine import averify_file  # imported before forking: the workers inherit it
from desktop.verify.trust import TrustStore

DEFAULT_SECONDS = 120.0
DEFAULT_MEMORY_MB = 2048
CHECK_EVERY = 0.1  # seconds between looks at a busy worker's clock and memory


@dataclass(frozen=True)
class Budget:
    """What one file's verification may take: wall-clock seconds and resident memory (MB)."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _worker_main(conn: Connection, trust: TrustStore) -> None:
    # The parent answers Ctrl+C and SIGTERM (and kills us); a signal must not reach the
    # parent's event loop through an inherited wake-up descriptor either.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(ValueError):
        signal.set_wakeup_fd(-1)
    prepare_process()  # inherited when forked; a spawned worker (Windows, macOS) starts afresh
    loop = asyncio.new_event_loop()  # one loop for all the worker's files (asyncio.run costs ms each)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        fn, args, kwargs = job
        with contextlib.suppress(OSError):  # the peak resident size (VmHWM) counts from this job on
            with open("/proc/self/clear_refs", "w") as fh:
                fh.write("5")
        try:
            result = ("ok", loop.run_until_complete(averify_file(*args, trust, **kwargs)) if fn is None
                      else fn(*args, **kwargs))
        except BaseException as e:  # noqa: BLE001 - reported to the parent as the file's verdict
            result = ("error", f"{type(e).__name__}: {e}")
        conn.send(result)


class Worker:
    """One verification process; it takes one job at a time over a pipe and is replaced when over budget."""

    def __init__(self, trust: TrustStore) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = _context().Process(target=_worker_main, args=(child, trust), daemon=True,
                                          name="imza-verify-worker")
        self.process.start()
        child.close()
        self.started = 0.0
        self.job: tuple | None = None

    def send(self, fn, args: tuple, kwargs: dict) -> None:
        """Start `fn(*args, **kwargs)` in the worker; the time budget counts from now."""
        self.started = time.monotonic()
        self.job = (fn, args, kwargs)
        self.conn.send(self.job)

    def peak_mb(self) -> float | None:
        """The worker's peak resident size during this job (VmHWM, reset when the job starts)."""
        try:
            with open(f"/proc/{self.process.pid}/status", "rb") as fh:
                for line in fh:
                    if line.startswith(b"VmHWM:"):
                        return int(line.split()[1]) / 1024
        except (OSError, ValueError, IndexError):
            pass
        return None  # not Linux: the time budget still holds

    def over_memory(self, budget: Budget) -> bool:
        """Whether the worker's peak memory passed `budget.memory_mb` (False when the peak cannot be read)."""
        peak = self.peak_mb()
        return peak is not None and peak > budget.memory_mb

    def over_budget(self, budget: Budget) -> str | None:
        """"time", "memory" or None."""
        if time.monotonic() - self.started > budget.seconds:
            return "time"
        return "memory" if self.over_memory(budget) else None

    def kill(self) -> None:
        """End the process (SIGKILL) and close the pipe; safe to call on a dead worker."""
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self.process.kill()
        self.process.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()


def stopped_report(path: Path, reason: str, budget: Budget, detail: str = "") -> FileReport:
    """The verdict on a file whose verification was stopped: INDETERMINATE, with what to do."""
    if reason == "time":
        message = tr("Verifying {path} took longer than {seconds:g} s, so it was stopped; the file may be built "
                     "to exhaust verifiers. Its signatures are not confirmed. If you trust its origin, verify "
                     "it again with a larger time limit.", path=path, seconds=budget.seconds)
    elif reason == "memory":
        message = tr("Verifying {path} needed more than {mb} MB of memory, so it was stopped; the file may be "
                     "built to exhaust verifiers. Its signatures are not confirmed. If you trust its origin, "
                     "verify it again with a larger memory limit.", path=path, mb=budget.memory_mb)
    else:
        message = tr("The verifier stopped unexpectedly while reading {path} ({detail}); its signatures are "
                     "not confirmed. Please report it, with the file if you can.", path=path,
                     detail=detail or tr("it exited"))
    return FileReport(path, "unknown", [SignatureReport(Indication.INDETERMINATE, "GENERIC", message)])


def was_stopped(report: FileReport) -> bool:
    """The report is stopped_report()'s: the file's verification was stopped, not finished."""
    return report.kind == "unknown" and bool(report.signatures)


def _outcome(worker: Worker, path: Path, budget: Budget):
    """The worker's answer, once readable: (report-or-result, worker still usable)."""
    try:
        status, value = worker.conn.recv()
    except (EOFError, OSError) as e:
        worker.process.join(5)
        code = worker.process.exitcode
        detail = str(e) if code is None else (tr("killed by signal {n}", n=-code) if code < 0
                                               else tr("exit status {code}", code=code))
        return stopped_report(path, "died", budget, detail), False
    if status == "error":
        return stopped_report(path, "died", budget, value), True
    return value, True


def verify_all(paths: list[Path], trust: TrustStore, *, workers: int, budget: Budget, fn=None,
               **options) -> list:
    """Verify `paths` on `workers` processes, each file under `budget`; results in the order of
    the paths. `fn(path, **options)` replaces engine.verify_file(path, trust, **options) (tests)."""
    paths = [Path(p) for p in paths]
    results: list = [None] * len(paths)
    todo = deque(enumerate(paths))
    idle = [Worker(trust) for _ in range(max(1, min(workers, len(paths))))]
    busy: dict[Connection, tuple[Worker, int]] = {}
    try:
        while todo or busy:
            while todo and idle:
                index, path = todo.popleft()
                worker = idle.pop()
                worker.send(fn, (path,), options)
                busy[worker.conn] = (worker, index)
            for conn in wait(list(busy), timeout=CHECK_EVERY):
                worker, index = busy.pop(conn)
                if worker.over_memory(budget):  # a spike between two looks still counts
                    results[index], usable = stopped_report(paths[index], "memory", budget), False
                else:
                    results[index], usable = _outcome(worker, paths[index], budget)
                if usable:
                    idle.append(worker)
                else:
                    worker.kill()
                    idle.append(Worker(trust))
            for conn, (worker, index) in list(busy.items()):
                reason = worker.over_budget(budget)
                if reason:
                    del busy[conn]
                    worker.kill()
                    results[index] = stopped_report(paths[index], reason, budget)
                    idle.append(Worker(trust))
    finally:
        for worker in idle + [w for w, _ in busy.values()]:
            worker.kill()
    return results


class Pool:
    """Workers for the asyncio service: at most `size` files at once; `busy`/`waiting` for /health."""

    def __init__(self, trust: TrustStore, size: int, budget: Budget) -> None:
        self.trust, self.size, self.budget = trust, size, budget
        self._idle: list[Worker] = []
        self._all: set[Worker] = set()
        self._slots = asyncio.Semaphore(size)
        self.busy = 0
        self.waiting = 0
        self.stopped = 0  # verifications stopped for their budget since start
        self.job = None  # what a worker runs instead of engine.verify_file (tests)

    def _take(self) -> Worker:
        if self._idle:
            return self._idle.pop()
        worker = Worker(self.trust)
        self._all.add(worker)
        return worker

    def _discard(self, worker: Worker) -> None:
        worker.kill()
        self._all.discard(worker)

    async def verify(self, path: Path, *, fn=None, **options) -> FileReport:
        """Verify `path` in a free worker (waiting for one), with `options` for the verify function.

        A worker over its time or memory budget is killed and replaced, and the file gets an
        INDETERMINATE report saying so (stopped_report); a crash gives a report too. Never raises for
        the file's sake.
        """
        self.waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self.waiting -= 1
        self.busy += 1
        worker = self._take()
        loop = asyncio.get_running_loop()
        readable = asyncio.Event()
        try:
            worker.send(fn or self.job, (path,), options)
            fd = worker.conn.fileno()
            loop.add_reader(fd, readable.set)
            try:
                reason = None
                while not readable.is_set() and reason is None:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(readable.wait(), CHECK_EVERY)
                    if not readable.is_set() and not worker.process.is_alive():
                        break  # killed (the service is stopping) or crashed: _outcome says which
                    reason = None if readable.is_set() else worker.over_budget(self.budget)
            finally:
                loop.remove_reader(fd)
            if reason is None and worker.over_memory(self.budget):
                reason = "memory"  # a spike between two looks still counts
            if reason:
                self.stopped += 1
                self._discard(worker)
                worker = None
                return stopped_report(path, reason, self.budget)
            result, usable = _outcome(worker, path, self.budget)
            if usable:
                self._idle.append(worker)
            else:
                self._discard(worker)
            worker = None
            return result
        finally:
            if worker is not None:  # cancelled (the service is stopping): the worker's state is unknown
                self._discard(worker)
            self.busy -= 1
            self._slots.release()

    def close(self) -> None:
        """Kill every worker, busy or idle."""
        for worker in list(self._all):
            self._discard(worker)
        self._idle.clear()
