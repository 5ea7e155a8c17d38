"""desktop/ui/collector.py: cyclic garbage is collected on the UI thread, never on a worker."""

from __future__ import annotations

import gc
import threading
import weakref

from desktop.ui.collector import UiThreadCollector


class _Cycle:
    def __init__(self):
        self.me = self


def test_garbage_made_on_a_worker_is_collected_on_the_ui_thread(qtbot, ui_thread_collector):
    assert not gc.isenabled()  # no collection can start on whichever thread allocates
    collected_on: list[str] = []
    refs = []

    def make_garbage():
        for _ in range(3 * gc.get_threshold()[0]):  # past the threshold: gc would have run here
            obj = _Cycle()
            refs.append(weakref.ref(obj, lambda _r: collected_on.append(threading.current_thread().name)))
            del obj

    worker = threading.Thread(target=make_garbage, name="worker")
    worker.start()
    worker.join()
    assert not collected_on  # nothing was collected on the worker
    qtbot.waitUntil(lambda: all(r() is None for r in refs), timeout=5000)  # the timer did it
    assert set(collected_on) == {threading.main_thread().name}


def test_stop_gives_collection_back(qapp):
    collector = UiThreadCollector(qapp)
    collector.stop()
    try:
        assert gc.isenabled()
    finally:
        gc.disable()  # the session's collector (tests/ui/conftest.py) still runs
        collector.deleteLater()
