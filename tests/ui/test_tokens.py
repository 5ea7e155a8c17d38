"""The token panel follows the hardware; PIN dialogs say what the token says; token care works."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from desktop.ui.pin_dialog import PinChangeDialog, PinDialog
from desktop.ui.token_panel import TokenCard


def card(window, label: str) -> TokenCard:
    return next(c for c in window.tokens.findChildren(TokenCard) if c.token.label == label)


def test_panel_shows_label_holder_validity_and_pin_state(window):
    assert {"Citizen ID", "Agency token", "Expired ID"} <= set(window.tokens.token_labels())
    citizen = card(window, "Citizen ID")
    assert citizen.holder.text() == "Holder: Aysel Mammadova"
    assert "Signing certificate: " in citizen.certs.text() and "valid until" in citizen.certs.text()
    assert "Certificate not for signing" in citizen.certs.text()  # the authentication certificate
    assert "PIN ready" in citizen.pin_state.text()
    assert "expired on" in card(window, "Expired ID").certs.text()


def test_token_plugged_in_and_pulled_out_while_the_app_runs(qtbot, window, softhsm):
    softhsm("--init-token", "--free", "--label", "Hotplug", "--pin", "1234", "--so-pin", "123456")
    try:
        qtbot.waitUntil(lambda: "Hotplug" in window.tokens.token_labels(), timeout=4000)
    finally:
        softhsm("--delete-token", "--token", "Hotplug")
    qtbot.waitUntil(lambda: "Hotplug" not in window.tokens.token_labels(), timeout=4000)
    assert "Citizen ID" in window.tokens.token_labels()


@pytest.fixture
def citizen(window):
    return next(t for t in window.tokens.tokens() if t.label == "Citizen ID")


def test_pin_dialog_states(window, citizen):
    plain = PinDialog(citizen, window)
    assert plain.pin_edit.echoMode() == plain.pin_edit.EchoMode.Password
    assert "not reported" in plain.tries.text() and not plain.ok_button.isEnabled()

    final = PinDialog(replace(citizen, pin_final_try=True), window)
    assert "final try" in final.tries.text() and "#b42318" in final.tries.text()  # red

    locked = PinDialog(replace(citizen, pin_locked=True), window)
    assert "blocked" in locked.tries.text() and not locked.ok_button.isEnabled()

    pad = PinDialog(replace(citizen, pin_pad=True), window)
    pad.show()
    assert not pad.pin_edit.isVisible() and "PIN pad" in pad.intro.text() and pad.ok_button.isEnabled()
    assert type(pad.pin()).__name__ == "PinPad"
    pad.close()


def test_pin_dialog_forgets_the_pin(qtbot, window, citizen):
    dialog = PinDialog(citizen, window)
    dialog.open()
    qtbot.keyClicks(dialog.pin_edit, "12345")
    dialog.reject()
    assert dialog.pin_edit.text() == ""


@pytest.fixture
def care_token(qtbot, window, softhsm):
    softhsm("--init-token", "--free", "--label", "PIN care", "--pin", "1111", "--so-pin", "222222")
    qtbot.waitUntil(lambda: "PIN care" in window.tokens.token_labels(), timeout=4000)
    yield next(t for t in window.tokens.tokens() if t.label == "PIN care")
    softhsm("--delete-token", "--token", "PIN care")


def fill(qtbot, dialog: PinChangeDialog, old: str, new: str, repeat: str) -> None:
    for edit, text in ((dialog.old_edit, old), (dialog.new_edit, new), (dialog.repeat_edit, repeat)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_change_and_unblock_pin_from_the_panel(qtbot, window, care_token):
    qtbot.mouseClick(card(window, "PIN care").change_button, Qt.MouseButton.LeftButton)
    dialog = window.flow.dialog
    assert isinstance(dialog, PinChangeDialog) and dialog.token().label == "PIN care"
    qtbot.waitUntil(lambda: "unknown" in dialog.rules.text())  # python-pkcs11 does not expose the lengths
    fill(qtbot, dialog, "1111", "3333", "3334")
    assert "differ" in dialog.problem.text() and not dialog.ok_button.isEnabled()
    fill(qtbot, dialog, "1111", "3333", "3333")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "was changed" in window.statusBar().currentMessage(), timeout=10000)

    # a wrong current PIN is refused once, with what the token says
    window.flow.pin_care(care_token, unblock=False)
    dialog = window.flow.dialog
    fill(qtbot, dialog, "1111", "4444", "4444")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (window.errors.last_text or "").startswith("Wrong current PIN"), timeout=10000)

    qtbot.mouseClick(card(window, "PIN care").unblock_button, Qt.MouseButton.LeftButton)
    dialog = window.flow.dialog
    assert dialog.unblock and dialog.windowTitle() == "Unblock PIN"
    fill(qtbot, dialog, "222222", "5555", "5555")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "unblocked" in window.statusBar().currentMessage(), timeout=10000)

    from desktop.tokens.pin import change_pin

    change_pin(care_token, "5555", "6666")  # the PIN set by the unblock works
