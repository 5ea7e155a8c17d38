"""Accessibility: names and descriptions for every list, card and verdict; Tab follows the layout; the
keyboard alone opens the bulk view, adds a folder, chooses the output folder and signs (QTest key events)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QHeaderView

from desktop.ui.pin_dialog import PinDialog
from desktop.ui.token_panel import TokenCard
from desktop.ui.verify_view import SignatureCard
from tests.ui.test_signing import open_and_wait


@pytest.fixture
def signed(imza, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    return letter.with_name("letter.signed.pdf")


def _unnamed(root) -> list[str]:
    views = [v for v in root.findChildren(QAbstractItemView) if v.isVisible() and not isinstance(v, QHeaderView)]
    assert views
    return [f"{type(v).__name__} {v.accessibleName()!r}" for v in views
            if not v.accessibleName() or not v.accessibleDescription()]


def test_every_list_card_and_verdict_has_a_name_and_a_description(qtbot, window, signed):
    open_and_wait(qtbot, window, signed)
    qtbot.waitUntil(lambda: bool(window.tokens.findChildren(TokenCard)))
    assert not _unnamed(window)
    for card in window.tokens.findChildren(TokenCard):
        assert card.accessibleName() == f"Card or token {card.token.card_label or card.token.label}"
        assert "PIN" in card.accessibleDescription() and "<" not in card.accessibleDescription()
    (card,) = window.verification.findChildren(SignatureCard)
    assert card.accessibleName().startswith(card.badge.accessibleName() + ": ")
    assert card.accessibleDescription()
    item = window.verification.list.item(0)
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == card.accessibleName()
    assert item.data(Qt.ItemDataRole.AccessibleDescriptionRole) == card.accessibleDescription()

    window.bulk_action.trigger()
    assert not _unnamed(window.bulk_view)


def test_tab_follows_the_layout(qtbot, window, signed):
    open_and_wait(qtbot, window, signed)
    qtbot.waitUntil(lambda: bool(window.tokens.findChildren(TokenCard)) and window.preview.view.page is not None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.doc_list.setFocus()
    qtbot.waitUntil(lambda: window.doc_list.hasFocus())
    seen = [window.doc_list]
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        if w is window.doc_list:
            break
        seen.append(w)
    token_buttons = [b for c in window.tokens.findChildren(TokenCard) for b in (c.change_button, c.unblock_button)
                     if b.isEnabled()]
    v = window.verification
    landmarks = [window.doc_list, token_buttons[0], token_buttons[-1], window.preview.view, v.list, v.details,
                 v.export_button]
    positions = [seen.index(w) for w in landmarks]  # each is reached ...
    assert positions == sorted(positions)  # ... left panel, middle, right, top to bottom


def test_bulk_signing_with_the_keyboard_alone(qtbot, window, tmp_path):
    from desktop.demo.documents import letter_pdf

    letters, out = tmp_path / "letters", tmp_path / "signed"
    letters.mkdir()
    out.mkdir()
    for i in range(2):
        (letters / f"letter-{i}.pdf").write_bytes(letter_pdf(f"Letter {i}"))
    window._qsettings().remove("bulk/last_out_dir")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # File → Bulk signing
    view = window.bulk_view
    qtbot.waitUntil(lambda: view is not None and view.isVisible())
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)

    def type_into_file_dialog(path, back_to_view: bool = True) -> None:
        qtbot.waitUntil(lambda: isinstance(view.dialog, QFileDialog) and view.dialog.isVisible())
        dialog = view.dialog
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        focus = QApplication.focusWidget()
        qtbot.keyClicks(focus, str(path))
        qtbot.keyClick(focus, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        if back_to_view:  # what the window manager does when a dialog closes (offscreen has none)
            view.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is view)

    qtbot.keyClick(view, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Add f&older…
    type_into_file_dialog(letters)
    qtbot.waitUntil(lambda: view.queue.rowCount() == 2)  # listed before the run

    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # &Certificate:
    assert view.cert_combo.hasFocus()
    for _ in range(view.cert_combo.count()):
        if "Agency token" in view.cert_combo.currentText():
            break
        qtbot.keyClick(view.cert_combo, Qt.Key.Key_Down)
    assert "Agency token" in view.cert_combo.currentText()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Le&vel:
    assert view.level_combo.hasFocus()
    while view.level_combo.currentText() != "B-B":
        qtbot.keyClick(view.level_combo, Qt.Key.Key_Up)

    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Sign all… — no folder yet: asked
    type_into_file_dialog(out, back_to_view=False)  # the PIN prompt comes next
    qtbot.waitUntil(lambda: isinstance(view.dialog, PinDialog) and view.dialog.isVisible(), timeout=30000)
    pin = view.dialog
    pin.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pin)
    qtbot.keyClicks(QApplication.focusWidget(), "246810")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state == "done" or window.errors.last_text is not None, timeout=120000)
    assert view.state == "done", window.errors.last_text
    assert set(view.statuses().values()) == {"signed"} and len(list(out.glob("*.signed.pdf"))) == 2
