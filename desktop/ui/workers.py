"""Run engine calls off the UI thread and deliver the result as a Qt signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """A function run on QThreadPool; `signals.done(result)` or `signals.failed(exception)`."""

    def __init__(self, fn: Callable[[], object]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:  # delivered to the UI thread, shown there
            self.signals.failed.emit(e)
        else:
            self.signals.done.emit(result)
