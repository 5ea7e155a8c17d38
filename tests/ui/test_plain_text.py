"""Text from a document or a certificate is shown as text in the window, never as HTML
(issue 14, item 6): a name such as `<font color=green size=7>VALID` must not draw a big green
"VALID" on a verdict that is not valid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser

from tests.support.forged import pdf_signed_by
from tests.ui.test_signing import open_and_wait

HOSTILE = "<font color=green size=7>VALID"  # no '/', so it can be a file name too


def _shown_as_html(window) -> list[str]:
    """Every label, list tooltip and rich view of the window that would interpret HOSTILE as HTML."""
    found = []
    for label in window.findChildren(QLabel):
        if HOSTILE in label.text() and label.textFormat() != Qt.TextFormat.PlainText:
            found.append(f"QLabel {label.objectName() or type(label.parent()).__name__}: {label.text()!r}")
    for i in range(window.doc_list.count()):
        if HOSTILE in window.doc_list.item(i).toolTip():
            found.append(f"document list tooltip {window.doc_list.item(i).toolTip()!r}")
    for browser in window.findChildren(QTextBrowser):
        if HOSTILE in browser.toHtml():
            found.append("details pane")
    return found


def test_an_asic_manifest_entry_holding_html_is_plain_text(qtbot, window, imza, tmp_path):
    """The ASiC-E manifest names the file as it was signed (its URI holds the HTML), and the
    container itself carries such a name too."""
    data = tmp_path / f"{HOSTILE}.txt"
    data.write_text("Signed text\n", encoding="utf-8")
    container = tmp_path / f"{HOSTILE}.asice"
    proc = imza("sign", "--format", "asice", data, "-o", container, "--token", "Citizen ID", "--level", "B-B",
                "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    doc = open_and_wait(qtbot, window, container)
    assert any(HOSTILE in f for s in doc.report.signatures for f in s.covered_files)
    assert _shown_as_html(window) == []
    shown = " ".join(label.text() for label in window.findChildren(QLabel))
    assert HOSTILE in shown or "&lt;font" in shown  # it is shown, as what it is


def test_a_certificate_name_holding_html_is_plain_text(qtbot, window, tmp_path):
    letter = tmp_path / f"{HOSTILE}.pdf"
    letter.write_bytes(pdf_signed_by(HOSTILE))
    doc = open_and_wait(qtbot, window, letter)
    assert doc.report.signatures[0].signer and HOSTILE in doc.report.signatures[0].signer
    assert _shown_as_html(window) == []
