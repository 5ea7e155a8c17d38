"""The visible signature's optional image, chosen in the signing dialog (as `imza sign --visible-image`)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.test_signing import open_and_wait, pin_dialog, start_signing, type_pin


def test_the_sign_dialog_adds_an_image_to_the_visible_signature(qtbot, window, services, letter, tmp_path,
                                                                monkeypatch):
    from PIL import Image

    seal = tmp_path / "seal.png"
    Image.new("RGB", (60, 60), (30, 80, 160)).save(seal)
    open_and_wait(qtbot, window, letter)
    qtbot.waitUntil(lambda: window.preview.view.page is not None)
    window.preview.place_button.click()
    view = window.preview.view
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 700))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(500, 780))

    dialog = start_signing(qtbot, window, "Citizen ID", "B-B")
    assert dialog.visible_check.isChecked() and dialog.image_button.isEnabled()
    dialog.visible_check.setChecked(False)  # no visible signature: no image to choose
    assert not dialog.image_button.isEnabled()
    dialog.visible_check.setChecked(True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(seal), ""))
    qtbot.mouseClick(dialog.image_button, Qt.MouseButton.LeftButton)
    assert dialog.image_label.text() == "seal.png" and dialog.image_clear.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, pin_dialog(qtbot, window), "12345")

    signed = letter.with_name("letter.signed.pdf")
    qtbot.waitUntil(lambda: window.current().path == signed and window.current().report is not None,
                    timeout=60000)
    assert window.errors.last_text is None, window.errors.last_text
    assert b"/Subtype /Image" in signed.read_bytes()  # the seal is in the stamp's appearance
    assert window.verification.badges() != ["Invalid"]


def test_no_image_chosen_means_none_in_the_output(qtbot, window, services, letter, monkeypatch):
    open_and_wait(qtbot, window, letter)
    qtbot.waitUntil(lambda: window.preview.view.page is not None)
    window.preview.place_button.click()
    view = window.preview.view
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 700))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(500, 780))
    dialog = start_signing(qtbot, window, "Citizen ID", "B-B")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))  # the user cancels
    qtbot.mouseClick(dialog.image_button, Qt.MouseButton.LeftButton)
    assert dialog.image is None and not dialog.image_clear.isEnabled()
    assert dialog.choice().visible is not None and dialog.choice().visible.image is None
