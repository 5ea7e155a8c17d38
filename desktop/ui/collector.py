"""Python's cyclic garbage collector, run on the UI thread only.

The collector runs in whichever thread happens to allocate. When that is a worker thread (a
verification, a token poll) and the garbage holds Qt objects (a finished job's signals, a closed
dialog's helpers), they are destroyed off the thread that owns them while the UI thread may be
using them: a segmentation fault. As qutebrowser does (its misc/... garbage collector), automatic
collection is switched off while the window runs, and a timer on the UI thread collects instead,
with the collector's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class UiThreadCollector(QObject):
    """Created on the UI thread (parented to the application); `stop()` gives collection back."""

    def __init__(self, parent: QObject, interval_ms: int = 500):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> None:
        """Collect the generations whose counts passed their thresholds, as gc itself would."""
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return
        generation = 2 if counts[2] > self._thresholds[2] else 1 if counts[1] > self._thresholds[1] else 0
        gc.collect(generation)

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        gc.enable()
