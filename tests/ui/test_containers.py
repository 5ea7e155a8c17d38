"""ASiC-E containers and detached signatures in the window (issue 17 item 6): the files inside a
container, which signature covers each, opened or saved one by one; a .p7s whose signed file is
not beside it lets the user choose that file."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from tests.ui.test_signing import open_and_wait

pytestmark = pytest.mark.gui


class Viewer(QObject):
    """The system's viewer, as Qt hands it a URL (QDesktopServices' own hook for a scheme)."""

    def __init__(self):
        super().__init__()
        self.opened: list[bytes] = []

    @Slot("QUrl")
    def show(self, url) -> None:
        with open(url.toLocalFile(), "rb") as fh:
            self.opened.append(fh.read())


@pytest.fixture
def container(imza, services, tmp_path):
    a, b = tmp_path / "application.txt", tmp_path / "annex.txt"
    a.write_text("I apply for the e-service.\n")
    b.write_bytes(b"annex bytes " * 100)
    bundle = tmp_path / "bundle.asice"
    proc = imza("sign", "--format", "asice", a, b, "-o", bundle, "--token", "Citizen ID", "--level", "B-LT",
                "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(bundle, "a") as z:  # added after signing: covered by no signature
        z.writestr("later.txt", "slipped in afterwards")
    return bundle


def test_container_files_are_listed_with_their_signatures_and_open_or_save(qtbot, window, container, tmp_path,
                                                                          monkeypatch):
    open_and_wait(qtbot, window, container)
    view = window.verification
    qtbot.waitUntil(lambda: view.files_panel.isVisible(), timeout=30000)
    assert view.member_names() == ["application.txt", "annex.txt", "later.txt"]
    for name in ("application.txt", "annex.txt"):
        assert view.member_signers(name).startswith("Signed by Aysel Mammadova (")
    assert view.member_signers("later.txt") == "not covered by any signature"

    # Save…: the file dialog is answered at the edge; the copy is the member's bytes
    out = tmp_path / "saved" / "annex copy.txt"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.files.setCurrentItem(view.files.topLevelItem(1))
    qtbot.mouseClick(view.save_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() or window.errors.last_text is not None, timeout=30000)
    assert window.errors.last_text is None, window.errors.last_text
    assert out.read_bytes() == b"annex bytes " * 100

    # Open: a private copy goes to the system's viewer
    viewer = Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        view.files.setCurrentItem(view.files.topLevelItem(0))
        qtbot.mouseClick(view.open_file_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(viewer.opened), timeout=30000)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert viewer.opened == [b"I apply for the e-service.\n"]


def test_a_p7s_without_its_file_offers_a_file_picker(qtbot, window, imza, services, tmp_path, monkeypatch):
    contract = tmp_path / "contract.docx"
    contract.write_bytes(b"PK\x03\x04 the contract" * 40)
    proc = imza("sign", contract, "--token", "Citizen ID", "--level", "B-LT", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    moved = tmp_path / "elsewhere" / "contract-final.docx"
    moved.parent.mkdir()
    contract.rename(moved)

    open_and_wait(qtbot, window, tmp_path / "contract.docx.p7s")
    view = window.verification
    assert view.data_button.isVisible()
    assert "contract.docx" in view.summary.text() and "--data" not in view.summary.text()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(moved), ""))
    qtbot.mouseClick(view.data_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current().report is not None and bool(window.current().report.signatures),
                    timeout=60000)
    assert view.badges() == ["Valid"] and not view.data_button.isVisible()
    assert window.current().report.data_file == moved
