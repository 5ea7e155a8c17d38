"""The window as a whole: opening files every way, languages, errors, progress and the keyboard."""

from __future__ import annotations

import hashlib
import threading

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence

from desktop.ui.settings_dialog import SettingsDialog
from tests.conftest import run_imza
from tests.ui.test_signing import open_and_wait, pin_dialog, start_signing, type_pin


def test_python_m_desktop_and_imza_gui_open_files(demo, letter):
    env = {**demo.env, "IMZA_STARTUP_PROBE": "1"}
    for args in ([letter], ["gui", letter]):
        proc = run_imza(args, env)
        assert proc.returncode == 0, proc.stderr
        assert "documents=1" in proc.stdout
    proc = run_imza(["tokens"], demo.env)  # subcommands are still the CLI
    assert proc.returncode == 0 and "Citizen ID" in proc.stdout


def test_drop_files_on_the_window(qtbot, window, letter):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(letter))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.current().path == letter.resolve()


def test_non_pdf_shows_facts_and_signs_as_detached_cades(qtbot, window, services, tmp_path):
    contract = tmp_path / "contract.docx"
    contract.write_bytes(b"PK\x03\x04 not really a docx, but bytes to sign" * 50)
    window.open_files([contract])
    facts = window.preview.facts
    qtbot.waitUntil(lambda: facts.sha256.text() == hashlib.sha256(contract.read_bytes()).hexdigest())
    assert facts.name.text() == "contract.docx" and facts.size.text() == f"{len(contract.read_bytes()):,} bytes".replace(",", " ")
    assert "wordprocessingml" in facts.mime.text()
    assert "holds no signatures" in window.verification.summary.text()
    assert not window.place_action.isEnabled()

    dialog = start_signing(qtbot, window, "Agency token", "B-LT")  # B-LT: valid offline, the window's default
    assert dialog.format().value == "cades" and not dialog.visible_check.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, pin_dialog(qtbot, window), "246810")
    qtbot.waitUntil(lambda: window.current().path.name == "contract.docx.p7s" and window.current().report is not None,
                    timeout=60000)
    assert window.verification.badges() == ["Valid"]
    assert window.current().report.data_file == contract.resolve()


def test_language_switch_changes_visible_strings(qtbot, window, settings):
    assert window.file_menu.title() == "&File" and window.sign_action.text() == "&Sign…"
    for lang, file_menu in (("ru", "&Файл"), ("az", "&Fayl"), ("en", "&File")):
        window.open_settings()
        dialog = window.settings_dialog
        assert isinstance(dialog, SettingsDialog)
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(lang))
        dialog.accept()
        qtbot.waitUntil(lambda expected=file_menu: window.file_menu.title() == expected)  # a posted event
    window.open_settings()
    dialog = window.settings_dialog
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ru"))
    dialog.accept()
    qtbot.waitUntil(lambda: window.tokens.heading.text() == "<b>Карты и токены</b>")
    assert any(c.holder.text().startswith("Владелец: ") for c in _cards(window))
    assert window.preview.place_button.text() == "Разместить подпись"
    assert settings.get("language") == "ru" and "language = \"ru\"" in settings.path.read_text()
    from desktop.core.i18n import tr

    assert tr("Wrong PIN.") == "Неверный PIN."  # engine messages follow the window's language


def _cards(window):
    from desktop.ui.token_panel import TokenCard

    return window.tokens.findChildren(TokenCard)


def test_settings_are_saved_and_never_hold_a_pin(window, settings):
    window.open_settings()
    dialog = window.settings_dialog
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("B-LT"))
    dialog.tsa_edit.setText("http://127.0.0.1:9/tsa")
    dialog.accept()
    text = settings.path.read_text()
    assert 'default_level = "B-LT"' in text and 'tsa_url = "http://127.0.0.1:9/tsa"' in text
    assert "pin" not in text.lower().replace("pkcs11_module", "")


def test_a_file_that_cannot_be_read_is_refused_in_the_words_signing_uses(window, tmp_path):
    """Opening asks the engine's readability check (desktop/core/files.py), as `imza sign` does."""
    from desktop.core.errors import InputError
    from desktop.signing.inputs import check_signable

    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    window.open_files([empty])
    try:
        check_signable(empty)
    except InputError as e:
        refused = e
    assert refused.message in window.errors.last_text and refused.hint in window.errors.last_text
    assert empty not in window.documents


def test_engine_errors_are_dialogs_and_bugs_are_reported_once(qtbot, window, tmp_path):
    window.open_files([tmp_path / "missing.pdf"])
    assert "no such file" in window.errors.last_text and "Traceback" not in window.errors.last_text

    def bug(task):
        raise ZeroDivisionError("division by zero in a worker")

    for _ in range(2):
        window.jobs.start(bug, failed=window.errors.show)
        qtbot.waitUntil(lambda: not window.jobs.active)
    assert window.errors.unexpected_reported
    assert "ZeroDivisionError" in window.errors.last_text and "Traceback" not in window.errors.last_text
    boxes = [b for b in window.findChildren(type(window.errors.last_box)) if "ZeroDivisionError" in b.text()]
    assert len(boxes) == 1
    from desktop.ui.errors import log_path

    assert "Traceback" in log_path().read_text() and "ZeroDivisionError" in log_path().read_text()


def test_long_work_shows_progress_and_can_be_cancelled(qtbot, window):
    started = threading.Event()

    def slow(task):
        task.progress(1, 3, "step 1 of 3")
        started.set()
        while not task.cancelled:
            task._cancel.wait(0.05)
        task.check_cancelled()

    cancelled = []
    window.jobs.start(slow, cancelled=lambda: cancelled.append(True), progress=window.show_progress)
    qtbot.waitUntil(lambda: window.cancel_button.isVisible() and window.busy_label.text() == "step 1 of 3")
    assert window.progress.maximum() == 3
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cancelled == [True] and not window.cancel_button.isVisible())


def test_keyboard_shortcuts_and_keyboard_placement(qtbot, window, letter):
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.sign_action.shortcut() == QKeySequence("Ctrl+S")
    assert window.verify_action.shortcut() == QKeySequence("Ctrl+Shift+V")
    open_and_wait(qtbot, window, letter)
    qtbot.waitUntil(lambda: window.preview.view.page is not None)
    window.place_action.trigger()
    view = window.preview.view
    qtbot.keyClick(view, Qt.Key.Key_Return)
    first = window.preview.visible_signature()
    assert first is not None and first.page == 0
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    moved = window.preview.visible_signature().box
    assert moved[0] == first.box[0] - 10 and moved[1] == first.box[1] + 10


def test_results_that_arrive_after_the_window_closed_are_dropped(qtbot, qapp):
    """A job finishing while its window closes queues its result to widgets about to be deleted
    ('QListWidget already deleted'); once its Jobs is closed, nothing is delivered."""
    from desktop.ui.workers import Jobs

    jobs = Jobs()
    release, delivered = threading.Event(), []
    jobs.start(lambda task: release.wait(30), done=delivered.append, failed=delivered.append,
               cancelled=lambda: delivered.append("cancelled"))
    jobs.close()
    release.set()
    assert jobs.wait(30000)
    qapp.processEvents()  # the queued result arrives here
    assert delivered == []
    assert jobs.active and jobs.closed  # _finished did not touch the closed Jobs either
