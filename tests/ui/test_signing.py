"""Open → sign (PIN typed into the dialog) → the output verifies Valid in the view; and what goes wrong."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields
from PySide6.QtCore import QPoint, Qt

from desktop.core.model import SignatureLevel
from desktop.ui.pin_dialog import PinDialog
from desktop.ui.sign_dialog import SignDialog
from desktop.ui.token_panel import TokenCard


def open_and_wait(qtbot, window, path):
    window.open_files([path])
    qtbot.waitUntil(lambda: window.current() is not None and window.current().path == path.resolve()
                    and window.current().report is not None, timeout=60000)
    return window.current()


def start_signing(qtbot, window, token_label: str, level: str) -> SignDialog:
    window.sign_action.trigger()  # the engine first says whether the file can be signed (in a worker)
    qtbot.waitUntil(lambda: isinstance(window.flow.dialog, SignDialog) and window.flow.dialog.isVisible(),
                    timeout=30000)
    dialog = window.flow.dialog
    rows = [i for i, (t, _) in enumerate(dialog.choices) if t.label == token_label]
    dialog.cert_combo.setCurrentIndex(rows[0])
    dialog.level_combo.setCurrentIndex(list(SignatureLevel).index(SignatureLevel(level)))
    return dialog


def pin_dialog(qtbot, window) -> PinDialog:
    qtbot.waitUntil(lambda: isinstance(window.flow.dialog, PinDialog) and window.flow.dialog.isVisible(),
                    timeout=30000)
    return window.flow.dialog


def type_pin(qtbot, dialog: PinDialog, pin: str) -> None:
    qtbot.keyClicks(dialog.pin_edit, pin)
    assert dialog.pin_edit.echoMode() == dialog.pin_edit.EchoMode.Password
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_only_signing_certificates_are_offered(window):
    dialog = SignDialog(window.tokens.tokens(), Path("letter.pdf"), is_pdf=True, visible=None,
                        level=SignatureLevel.B_T, has_tsa=True, parent=window)
    offered = [(t.label, c.key_usage) for t, c in dialog.choices]
    labels = [label for label, _ in offered]
    assert labels.count("Citizen ID") == 1  # the signing certificate, not the authentication one
    assert "Expired ID" not in labels
    assert all("non_repudiation" in ku for _, ku in offered)
    assert dialog.cert_combo.count() == len(offered)


def test_open_sign_with_visible_box_and_the_output_verifies_valid(qtbot, window, services, letter):
    doc = open_and_wait(qtbot, window, letter)
    assert window.verification.badges() == [] and not doc.report.signatures
    qtbot.waitUntil(lambda: window.preview.view.page is not None)

    window.preview.place_button.click()
    view = window.preview.view
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 700))
    qtbot.mouseMove(view, QPoint(420, 740))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(500, 780))
    box = window.preview.visible_signature()
    assert box is not None and box.page == 0

    dialog = start_signing(qtbot, window, "Citizen ID", "B-LT")  # B-LT: valid offline, the window's default
    assert dialog.visible_check.isChecked()
    dialog.reason_edit.setText("Approved")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    type_pin(qtbot, pin_dialog(qtbot, window), "12345")

    signed = letter.with_name("letter.signed.pdf")
    qtbot.waitUntil(lambda: window.current().path == signed and window.current().report is not None,
                    timeout=60000)
    assert window.verification.badges() == ["Valid"]
    report = window.current().report
    assert report.signatures[0].signer == "Aysel Mammadova" and report.signatures[0].level == "B-LT"
    assert window.export_action.isEnabled()

    # page + position went to the engine: the widget sits where the rectangle was dragged
    reader = PdfFileReader(BytesIO(signed.read_bytes()))
    ((_, _, field),) = list(enumerate_sig_fields(reader, filled_status=True))
    rect = [round(float(v)) for v in field.get_object()["/Rect"]]
    zoom = view.zoom
    assert rect == [round(300 / zoom), round(842 - 780 / zoom), round(500 / zoom), round(842 - 700 / zoom)]


def test_a_wrong_pin_brings_the_prompt_back_with_every_choice_kept(qtbot, window, services, letter):
    """Issue 17 item 2: after a wrong PIN the PIN prompt comes back, the certificate (not the first
    one offered), reason, location, level and box kept, with the tries left; nothing is retried by itself."""
    open_and_wait(qtbot, window, letter)
    qtbot.waitUntil(lambda: window.preview.view.page is not None)
    window.preview.place_button.click()
    view = window.preview.view
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 700))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(500, 780))
    # the certificate chosen is not the first one offered (slot order varies from run to run)
    label = _second_offered(window, letter)
    pin, holder = {"Citizen ID": ("12345", "Aysel Mammadova"), "Agency token": ("246810", "Rashad Aliyev")}[label]
    dialog = start_signing(qtbot, window, label, "B-LT")
    dialog.reason_edit.setText("Approved")
    dialog.location_edit.setText("Baku")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    first = pin_dialog(qtbot, window)
    # item 3: the prompt names what is signed and the certificate's holder
    assert "letter.pdf" in first.subject.text() and holder in first.subject.text()
    assert first.minimumWidth() >= first.fontMetrics().horizontalAdvance(first.windowTitle())
    type_pin(qtbot, first, "99999")

    qtbot.waitUntil(lambda: window.flow.dialog is not first and isinstance(window.flow.dialog, PinDialog)
                    and window.flow.dialog.isVisible(), timeout=30000)
    second = window.flow.dialog
    assert second.problem.isVisible() and second.problem.text().startswith("<b>Wrong PIN.")
    assert window.errors.last_text is None  # no error box to click away: the prompt says it
    # the tries left as the token reports them (SoftHSM2 sets "count low" after a wrong PIN)
    qtbot.waitUntil(lambda: "few tries" in second.tries.text(), timeout=10000)
    assert "wrong PIN" in _card(window, label).pin_state.text()
    assert second.pin_edit.text() == "" and not second.ok_button.isEnabled()
    assert holder in second.subject.text()
    assert not letter.with_name("letter.signed.pdf").exists()

    type_pin(qtbot, second, pin)
    signed = letter.with_name("letter.signed.pdf")
    qtbot.waitUntil(lambda: window.current().path == signed and window.current().report is not None,
                    timeout=60000)
    (sig,) = window.current().report.signatures
    assert (sig.signer, sig.level) == (holder, "B-LT")
    reader = PdfFileReader(BytesIO(signed.read_bytes()))
    ((_, value, field),) = list(enumerate_sig_fields(reader, filled_status=True))
    value = value.get_object()
    assert (value["/Reason"], value["/Location"]) == ("Approved", "Baku")
    assert [round(float(v)) for v in field.get_object()["/Rect"]] != [0, 0, 0, 0]  # the box was kept


def _second_offered(window, letter) -> str:
    """Citizen ID or Agency token, whichever is not offered first (slot order varies from run to run)."""
    probe = SignDialog(window.tokens.tokens(), letter, is_pdf=True, visible=None, level=SignatureLevel.B_LT,
                       has_tsa=True, parent=window)  # a parentless dialog outlived the app and crashed its exit
    offered = [t.label for t, _ in probe.choices]
    probe.deleteLater()
    return next(label for label in ("Agency token", "Citizen ID") if label in offered[1:])


def test_sign_again_offers_the_last_choice(qtbot, window, letter):
    open_and_wait(qtbot, window, letter)
    label = _second_offered(window, letter)
    dialog = start_signing(qtbot, window, label, "B-LT")
    dialog.reason_edit.setText("Approved")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    pin_dialog(qtbot, window).reject()  # changed their mind at the PIN
    window.sign_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.flow.dialog, SignDialog) and window.flow.dialog.isVisible()
                    and window.flow.dialog is not dialog, timeout=30000)
    again = window.flow.dialog
    assert again.choice().token.label == label and again.reason_edit.text() == "Approved"
    assert again.choice().level is SignatureLevel.B_LT


def _card(window, label):
    return next(c for c in window.tokens.findChildren(TokenCard) if c.token.label == label)


def test_tampered_pdf_shows_invalid(qtbot, window, services, imza, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--level", "B-LT", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    signed = letter.with_name("letter.signed.pdf")
    tampered = letter.with_name("tampered.pdf")
    data = signed.read_bytes()
    assert b"Dear colleagues" in data
    tampered.write_bytes(data.replace(b"Dear colleagues", b"Dear collagues!", 1))

    open_and_wait(qtbot, window, tampered)
    assert window.verification.badges() == ["Invalid"]
    open_and_wait(qtbot, window, signed)
    assert window.verification.badges() == ["Valid"]


def test_report_exports_to_html_and_pdf(qtbot, window, services, imza, letter, tmp_path):
    proc = imza("sign", letter, "--token", "Agency token", "--level", "B-LT", "--pin-stdin", input="246810\n")
    assert proc.returncode == 0, proc.stderr
    doc = open_and_wait(qtbot, window, letter.with_name("letter.signed.pdf"))
    window.export_to(doc.report, tmp_path / "report.html")
    window.export_to(doc.report, tmp_path / "report.pdf")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Valid" in html and "Rashad Aliyev" in html and "Certificate chain" in html
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
