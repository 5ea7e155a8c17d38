"""The window shows a two-PIN card (OpenSC's "(PIN1)"/"(PIN2)" tokens) as one card and names its PINs."""

from __future__ import annotations

from desktop.ui.pin_dialog import PinChangeDialog, PinDialog
from desktop.ui.portal_dialogs import LoginDialog
from desktop.ui.token_panel import TokenCard


def _national(window) -> TokenCard:
    cards = [c for c in window.tokens.findChildren(TokenCard) if c.token.card_label == "National ID"]
    assert len(cards) == 1  # one card, not one per token
    return cards[0]


def test_one_card_with_both_certificates_and_both_pin_states(window):
    labels = window.tokens.token_labels()
    assert labels.count("National ID") == 1 and "National ID (PIN1)" not in labels
    card = _national(window)
    assert "<b>National ID</b>" in card.title.text()
    assert "Signing certificate" in card.certs.text() and "(signing PIN)" in card.certs.text()
    assert "Certificate not for signing" in card.certs.text() and "(authentication PIN)" in card.certs.text()
    assert "signing PIN: " in card.pin_state.text() and "authentication PIN: " in card.pin_state.text()


def test_pin_prompts_and_pin_care_name_the_pin(window):
    card = _national(window)
    signing, auth = card.members
    assert "Signing PIN for National ID" in PinDialog(signing, window).intro.text()
    dialog = PinChangeDialog(window.tokens.tokens(), signing, parent=window)
    names = [dialog.token_combo.itemText(i) for i in range(dialog.token_combo.count())]
    assert {"National ID — signing PIN", "National ID — authentication PIN"} <= set(names)
    login = LoginDialog(window.tokens.tokens(), window)
    offered = [login.token_combo.itemText(i) for i in range(login.token_combo.count())]
    assert sum("National ID" in name for name in offered) == 1  # only its authentication token
    login.select("National ID")
    assert login.token() is auth


def test_bulk_signing_says_the_card_asks_for_the_pin_at_every_signature(qtbot, window, tmp_path):
    from PySide6.QtCore import Qt

    from desktop.demo.documents import letter_pdf

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(3):
        (src / f"letter-{i}.pdf").write_bytes(letter_pdf(f"Letter {i}"))
    window.bulk_action.trigger()
    view = window.bulk_view
    view.workers = 1
    view.add_sources([src])
    view.out_edit.setText(str(out))
    view.select_token("National ID (PIN2)")
    view.level_combo.setCurrentIndex(view.level_combo.findText("B-B"))
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(view.dialog, PinDialog) and view.dialog.isVisible(), timeout=30000)
    assert "Signing PIN for National ID" in view.dialog.intro.text()
    qtbot.keyClicks(view.dialog.pin_edit, "54321")
    with qtbot.waitSignal(view.pinNotice, timeout=60000) as notice:
        qtbot.mouseClick(view.dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "asks for the PIN at every signature" in notice.args[0] and "3 letters" in notice.args[0]
    qtbot.waitUntil(lambda: view.state == "done", timeout=120000)
    assert len(list(out.glob("*.signed.pdf"))) == 3
