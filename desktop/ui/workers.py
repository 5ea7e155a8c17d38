"""Run engine calls off the UI thread and deliver the outcome as Qt signals.

A `Job` runs `fn(task)` on a QThreadPool. The function reports progress through `task.progress`
and checks `task.check_cancelled()` at points where stopping is safe; the UI thread gets exactly
one of `done(result)`, `failed(exception)` or `cancelled()`. Once cancel is asked for, a result
that still arrives is dropped: the UI never shows work the user said to abandon.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside a job by `Task.check_cancelled()` once the user pressed Cancel."""


class Task:
    """What a running job sees of the UI: progress reporting and the cancel request."""

    def __init__(self, signals: _Signals):
        self._signals = signals
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progress = Signal(int, int, str)
    finished = Signal()  # after any of the three above


class Job:
    """`fn(task)` run on a thread pool.

    Not a QRunnable: the pool is given the bound `run` method, so the pool's own wrapper keeps
    the job alive until `run` has returned, whatever the UI thread drops meanwhile.
    """

    def __init__(self, fn: Callable[[Task], object]):
        self.fn = fn
        self.signals = _Signals()
        self.task = Task(self.signals)

    def cancel(self) -> None:
        self.task.cancel()

    def run(self) -> None:
        fn, self.fn = self.fn, None  # drop the closure (it may hold a PIN) as soon as it has run
        try:
            result = fn(self.task)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as e:  # delivered to the UI thread, shown there
            if self.task.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(e)
        else:
            if self.task.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.done.emit(result)
        self.signals.finished.emit()


class Jobs(QObject):
    """Starts jobs and keeps them alive until they finish; `active` is what is running now."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.active: list[Job] = []
        self.closed = False  # see close(): results that arrive later are dropped

    def _deliver(self, slot):
        # A job's results are queued to the UI thread; one that finishes as its window closes arrives
        # after the widgets are deleted, and must not reach them.
        return lambda *args: None if self.closed else slot(*args)

    def start(self, fn: Callable[[Task], object], *, done=None, failed=None, cancelled=None,
              progress=None) -> Job:
        job = Job(fn)
        for signal, slot in ((job.signals.done, done), (job.signals.failed, failed),
                             (job.signals.cancelled, cancelled), (job.signals.progress, progress)):
            if slot is not None:
                signal.connect(self._deliver(slot))
        job.signals.finished.connect(lambda: self._finished(job))
        self.active.append(job)
        self.changed.emit()
        self.pool.start(job.run)
        return job

    def _finished(self, job: Job) -> None:
        # The pool thread drops the job's last reference when `run` returns; its QObject must not
        # be destroyed there (nor by the garbage collector on any thread but this one) while this
        # thread may still deliver its queued signals: it is deleted here, on its own thread.
        job.signals.deleteLater()
        if self.closed:
            return
        if job in self.active:
            self.active.remove(job)
        self.changed.emit()

    def cancel_all(self) -> None:
        for job in self.active:
            job.cancel()

    def close(self) -> None:
        """The owner is closing: cancel what runs and deliver no result from now on."""
        self.cancel_all()
        self.closed = True

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
