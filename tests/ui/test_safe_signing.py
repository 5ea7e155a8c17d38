"""Signing must be safe (issue 17 item 1): a document whose signatures are not valid is signed
only by a deliberate choice, and a damaged PDF is refused as `imza sign` refuses it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.ui.sign_dialog import SignDialog
from tests.ui.test_signing import open_and_wait

pytestmark = pytest.mark.gui


@pytest.fixture
def tampered(imza, services, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--level", "B-LT", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    path = letter.with_name("tampered.pdf")
    path.write_bytes(letter.with_name("letter.signed.pdf").read_bytes().replace(b"Dear colleagues",
                                                                                b"Dear Colleagues", 1))
    return path


def _warning(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: isinstance(window.flow.dialog, QMessageBox) and window.flow.dialog.isVisible(),
                    timeout=30000)
    return window.flow.dialog


def test_signing_a_tampered_document_needs_a_deliberate_choice(qtbot, window, tampered):
    open_and_wait(qtbot, window, tampered)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S, as a user would
    box = _warning(qtbot, window)
    assert box.objectName() == "signInvalidBox"
    assert "Changed after signing — do not rely on it." in box.text()
    default = box.defaultButton()
    assert default.text().replace("&", "") == "Don't sign" and box.escapeButton() is default
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: nothing is signed, no sign dialog
    qtbot.waitUntil(lambda: not box.isVisible())
    assert window.flow.dialog is box and not window.jobs.active

    window.sign_action.trigger()
    box = _warning(qtbot, window)
    anyway = next(b for b in box.buttons() if b.text().replace("&", "") == "Sign anyway")
    qtbot.mouseClick(anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.flow.dialog, SignDialog) and window.flow.dialog.isVisible())


def test_a_valid_document_goes_straight_to_the_sign_dialog(qtbot, window, services, imza, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--level", "B-LT", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    open_and_wait(qtbot, window, letter.with_name("letter.signed.pdf"))
    window.sign_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.flow.dialog, SignDialog) and window.flow.dialog.isVisible(),
                    timeout=30000)


@pytest.mark.parametrize("damage", ["truncated", "not-a-pdf"])
def test_a_damaged_pdf_is_refused_like_imza_sign_and_never_offered_as_p7s(qtbot, window, imza, letter, damage):
    bad = letter.with_name("damaged.pdf")
    data = letter.read_bytes()
    bad.write_bytes(data[:400] if damage == "truncated" else b"\x00garbage, once a PDF " + data[200:])
    cli = imza("sign", bad, "--token", "Citizen ID", "--pin-stdin", input="12345\n")
    assert cli.returncode != 0

    open_and_wait(qtbot, window, bad)
    assert window.current().kind == "pdf"
    window.sign_action.trigger()
    qtbot.waitUntil(lambda: window.errors.last_text is not None, timeout=30000)
    assert str(bad) in window.errors.last_text
    assert window.errors.last_text.splitlines()[0] in cli.stderr  # the engine's one check, one message
    assert not isinstance(window.flow.dialog, SignDialog)
    assert not bad.with_name("damaged.pdf.p7s").exists()
