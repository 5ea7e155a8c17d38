"""The bulk view against SoftHSM2 through the PKCS#11 shim: statuses, report, pause/resume, token pulled out.

The shim reads its IMZA_SHIM_* variables on every call, in this process: setting
IMZA_SHIM_FAIL_AFTER "pulls the token out" after that many signatures, removing it "puts it back".
"""

from __future__ import annotations

import csv
import os
import shutil

import pytest
from PySide6.QtCore import Qt

from desktop.bulk import setup
from desktop.demo.environment import find_softhsm_module
from desktop.ui.bulk_view import BulkView
from desktop.ui.pin_dialog import PinDialog
from tests.support.shim import build

LETTERS = 12


@pytest.fixture(scope="session")
def shim_module(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ui-shim")
    # A copy of SoftHSM2 behind the shim: its own instance in this process, so the other tests'
    # direct use of SoftHSM2 (and its C_Initialize) is not shared with the shim's.
    os.environ["IMZA_SHIM_TARGET"] = str(shutil.copy(find_softhsm_module(), folder / "softhsm-behind-shim.so"))
    os.environ["IMZA_SHIM_COUNT_FILE"] = str(folder / "signatures.log")  # this process only
    return build(folder), folder / "signatures.log"


def token_signatures(count_file) -> int:
    return count_file.read_text().count("C_Sign") if count_file.exists() else 0


@pytest.fixture
def shim_window(qtbot, settings, translations, shim_module, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop.tokens import discovery
    from desktop.ui import i18n
    from desktop.ui.app import create_window

    # Only the shim: the system's own SoftHSM2 module (p11-kit, well-known paths) would show the
    # same tokens a second time, not through the shim.
    monkeypatch.setattr(discovery, "_p11kit_modules", lambda: [])
    monkeypatch.setitem(discovery.WELL_KNOWN, "linux", [])
    settings.set("pkcs11_module", str(shim_module[0]))
    w = create_window(settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: any(t.label == "Citizen ID" for t in w.tokens.tokens()), timeout=15000)
    yield w
    os.environ.pop("IMZA_SHIM_FAIL_AFTER", None)
    w.close()
    i18n.install(QApplication.instance(), "en")


@pytest.fixture
def letters(tmp_path):
    from desktop.demo.documents import letter_pdf

    def make(n: int, bad: bool = False):
        src = tmp_path / "in"
        src.mkdir()
        for i in range(n):
            (src / f"letter-{i:03d}.pdf").write_bytes(letter_pdf(f"Letter {i}", [f"Reference 2026/{i:04d}"]))
        if bad:
            (src / "corrupt.pdf").write_bytes((src / "letter-000.pdf").read_bytes()[:400])
        return src
    return make


def open_view(qtbot, window, src, out) -> BulkView:
    window.bulk_action.trigger()
    view = window.bulk_view
    assert view.isVisible()
    view.workers = 1
    if src is not None:
        view.add_sources([src])
    view.out_edit.setText(str(out))
    view.select_token("Citizen ID")
    view.level_combo.setCurrentIndex(view.level_combo.findText("B-B"))
    return view


def wait_state(qtbot, view, state: str, timeout: int = 120000) -> None:
    """Until the view reaches `state`; an error dialog on the way fails at once, with its text."""
    errors = view.window_.errors
    qtbot.waitUntil(lambda: view.state == state or errors.last_text is not None, timeout=timeout)
    assert view.state == state, errors.last_text


def enter_pin(qtbot, view, previous=None, pin="12345") -> PinDialog:
    qtbot.waitUntil(lambda: isinstance(view.dialog, PinDialog) and view.dialog is not previous
                    and view.dialog.isVisible(), timeout=30000)
    dialog = view.dialog
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return dialog


def test_a_batch_with_a_bad_letter_shows_each_status_and_writes_the_report(qtbot, shim_window, letters, tmp_path):
    src, out = letters(LETTERS, bad=True), tmp_path / "out"
    view = open_view(qtbot, shim_window, src, out)
    assert [p.name for p in view.source_paths()] == ["in"]
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(view.dialog, PinDialog) and view.dialog.isVisible(), timeout=30000)
    pool = view._pool
    assert pool is not None  # the preparation processes start while the PIN is typed
    enter_pin(qtbot, view)
    wait_state(qtbot, view, "done")
    assert view._pool is None and pool.closed  # and are let go when the run ends

    statuses = view.statuses()
    assert len(statuses) == LETTERS + 1
    assert statuses.pop("corrupt.pdf") == "failed"
    assert set(statuses.values()) == {"signed"}
    assert "failed:" in view.queue.item(view.queue.rows[str(src / "corrupt.pdf")], 1).text()
    assert view.progress.value() == view.progress.maximum() == LETTERS + 1
    assert view.report_path == out / "bulk-report.csv" and view.report_button.isEnabled()
    with view.report_path.open() as fh:
        rows = {os.path.basename(r["source"]): r["status"] for r in csv.DictReader(fh)}
    assert rows["corrupt.pdf"] == "failed" and rows["letter-011.pdf"] == "signed"
    assert len(list(out.glob("*.signed.pdf"))) == LETTERS
    assert "12 signed, 1 failed" in view.message.text()


def test_pause_then_resume_after_a_restart(qtbot, shim_window, shim_module, letters, tmp_path):
    src, out = letters(LETTERS), tmp_path / "out"
    before = token_signatures(shim_module[1])
    view = open_view(qtbot, shim_window, src, out)
    view.letterDone.connect(lambda result, summary: view.pause())  # pause at the first signed letter
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    enter_pin(qtbot, view)
    wait_state(qtbot, view, "paused")
    assert view.resume_button.isEnabled() and not view.pause_button.isEnabled()
    paused = view.statuses()
    assert "pending" in paused.values() and "signed" in paused.values()
    assert setup.journal_path(out).exists()

    # "restart": a new view on the same out-dir finds the journal and offers to resume
    view.shutdown()
    view.close()
    shim_window.bulk_view = None
    shim_window.bulk_action.trigger()  # the last run's folder is remembered: resuming it is offered at once
    view = shim_window.bulk_view
    view.workers = 1
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=10000)
    assert view.out_dir() == out.resolve()
    box = view.dialog
    assert "unfinished run" in box.text() and f"of {LETTERS} letters" in box.text()
    assert view.statuses() == paused
    view.select_token("Citizen ID")
    box.button(box.StandardButton.Yes).click()
    enter_pin(qtbot, view)
    wait_state(qtbot, view, "done")
    assert set(view.statuses().values()) <= {"signed", "already-done"}
    assert len(list(out.glob("*.signed.pdf"))) == LETTERS
    assert token_signatures(shim_module[1]) - before == LETTERS  # nothing signed twice
    assert not setup.journal_path(out).exists()


def test_cancel_keeps_what_is_signed_and_reports_the_rest(qtbot, shim_window, letters, tmp_path):
    src, out = letters(LETTERS), tmp_path / "out"
    view = open_view(qtbot, shim_window, src, out)
    view.letterDone.connect(lambda result, summary: view.cancel())
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    enter_pin(qtbot, view)
    qtbot.waitUntil(lambda: view.state == "done" and view.report_path is not None, timeout=120000)
    assert "Cancelled" in view.message.text()
    assert not setup.journal_path(out).exists()  # nothing is offered for resuming
    with view.report_path.open() as fh:
        rows = list(csv.DictReader(fh))
    signed = [r for r in rows if r["status"] == "signed"]
    assert len(rows) == LETTERS and signed and len(signed) < LETTERS
    assert {r["status"] for r in rows} == {"signed", "not signed"}
    assert len(list(out.glob("*.signed.pdf"))) == len(signed)


def test_token_pulled_out_pauses_and_the_run_continues_when_it_is_back(qtbot, shim_window, shim_module,
                                                                        letters, tmp_path):
    src, out = letters(LETTERS), tmp_path / "out"
    before = token_signatures(shim_module[1])
    os.environ["IMZA_SHIM_FAIL_AFTER"] = str(before + 4)  # the token "goes" after 4 letters
    view = open_view(qtbot, shim_window, src, out)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    first = enter_pin(qtbot, view)
    wait_state(qtbot, view, "waiting")
    assert "stopped answering" in view.message.text() and "when it is back" in view.message.text()
    assert list(view.statuses().values()).count("signed") == 4
    assert view.probe_timer.isActive() and not view.start_button.isEnabled()

    del os.environ["IMZA_SHIM_FAIL_AFTER"]  # put it back: the view notices and asks for the PIN once
    enter_pin(qtbot, view, previous=first)
    assert "is back" in view.dialog.intro.text()
    wait_state(qtbot, view, "done")
    assert set(view.statuses().values()) == {"signed"}
    assert len(list(out.glob("*.signed.pdf"))) == LETTERS
    assert token_signatures(shim_module[1]) - before == LETTERS


def test_files_and_folders_can_be_dropped_on_the_list(qtbot, shim_window, letters, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    src = letters(2)
    view = open_view(qtbot, shim_window, None, tmp_path / "out")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(src)), QUrl.fromLocalFile(str(src / "letter-001.pdf"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    view.sources.dropEvent(event)
    view.sources.dropEvent(event)  # the same paths twice: listed once
    assert view.source_paths() == [src, src / "letter-001.pdf"]
    assert view.sources.item(0).text().startswith("Folder:")


def test_a_wrong_pin_stops_before_any_letter_and_is_not_retried(qtbot, shim_window, shim_module, letters,
                                                                  tmp_path):
    src, out = letters(3), tmp_path / "out"
    before = token_signatures(shim_module[1])
    view = open_view(qtbot, shim_window, src, out)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    first = enter_pin(qtbot, view, pin="00000")
    qtbot.waitUntil(lambda: shim_window.errors.last_text is not None and view.state == "idle", timeout=30000)
    assert "Wrong PIN" in shim_window.errors.last_text
    assert view.dialog is first and not first.isVisible()
    assert token_signatures(shim_module[1]) == before and not setup.journal_path(out).exists()
    # the right PIN afterwards clears the token's count-low flag for the other tests
    shim_window.errors.last_text = None
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    enter_pin(qtbot, view, previous=first)
    wait_state(qtbot, view, "done")


def test_the_queue_lists_the_letters_before_the_run(qtbot, window, letters, tmp_path):
    src = letters(3, bad=True)
    window._qsettings().remove("bulk/last_out_dir")  # no earlier test's run offered for resuming
    window.bulk_action.trigger()
    view = window.bulk_view
    assert view.queue.rowCount() == 0
    view.add_sources([src])
    qtbot.waitUntil(lambda: view.queue.rowCount() == 4)
    assert view.statuses() == {"corrupt.pdf": "pending", "letter-000.pdf": "pending", "letter-001.pdf": "pending",
                               "letter-002.pdf": "pending"}
    assert view.message.text() == "4 letters will be signed."
    view.sources.setCurrentRow(0)
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.queue.rowCount() == 0)


def test_sign_all_without_an_output_folder_asks_for_one(qtbot, window, letters, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    src, out = letters(2), tmp_path / "signed"
    out.mkdir()
    window._qsettings().remove("bulk/last_out_dir")
    window.bulk_action.trigger()
    view = window.bulk_view
    view.select_token("Agency token")
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)  # nothing to sign yet: said, not a box
    assert "Add the letters to sign first" in view.message.text() and view.dialog is None
    assert window.errors.last_text is None
    view.add_sources([src])
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(view.dialog, QFileDialog) and view.dialog.isVisible())
    assert window.errors.last_text is None
    view.dialog.selectFile(str(out))
    view.dialog.accept()
    assert view.out_dir() == out.resolve()
    # and the run goes on: the letters are planned and the PIN is asked
    qtbot.waitUntil(lambda: isinstance(view.dialog, PinDialog) and view.dialog.isVisible(), timeout=30000)
    view.dialog.reject()
    qtbot.waitUntil(lambda: view.state == "idle")


def test_failures_are_listed_first_at_the_end(qtbot, shim_window, letters, tmp_path):
    src, out = letters(4), tmp_path / "out"
    (src / "zz-damaged.pdf").write_bytes((src / "letter-000.pdf").read_bytes()[:400])  # sorts last by name
    view = open_view(qtbot, shim_window, src, out)
    qtbot.waitUntil(lambda: view.queue.rowCount() == 5)
    assert view.queue.item(4, 0).text() == "zz-damaged.pdf"  # before the run: in name order
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    enter_pin(qtbot, view)
    wait_state(qtbot, view, "done")
    assert view.queue.item(0, 0).text() == "zz-damaged.pdf"
    assert view.queue.item(0, 1).data(Qt.ItemDataRole.UserRole) == "failed"
    assert [view.queue.item(r, 1).data(Qt.ItemDataRole.UserRole) for r in range(1, 5)] == ["signed"] * 4
