"""ASiC-E containers and detached signatures in the window (issue 17 item 6): the files inside a
container, which signature covers each, opened or saved one by one; a .p7s whose signed file is
not beside it lets the user choose that file."""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
import zipfile
from pathlib import Path

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
        self.paths: list[Path] = []

    @Slot("QUrl")
    def show(self, url) -> None:
        self.paths.append(Path(url.toLocalFile()))
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
        assert view.member_signers(name).endswith(": Signed by Aysel Mammadova")  # words.verdict_title
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


def _caption(qtbot, window, needle: str) -> str:
    facts = window.preview.facts
    qtbot.waitUntil(lambda: window.preview.stack.currentWidget() is facts and needle in facts.caption.text(),
                    timeout=30000)
    return facts.caption.text()


def test_the_preview_says_what_a_container_or_detached_signature_signs(qtbot, window, container, imza, tmp_path):
    """A container's own bytes and a .p7s's own bytes are not what was signed (ETSI EN 319 162-1 4.4:
    an ASiC-E signature covers the data objects its manifest lists; RFC 5652 5.2: detached content
    is outside the SignedData), so the preview does not call them "exactly these bytes"."""
    open_and_wait(qtbot, window, container)
    text = _caption(qtbot, window, "files inside")
    assert "exactly these bytes" not in text and "listed beside the verdict" in text

    contract = tmp_path / "contract.docx"
    contract.write_bytes(b"PK\x03\x04 the contract" * 40)
    proc = imza("sign", contract, "--token", "Citizen ID", "--level", "B-LT", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    open_and_wait(qtbot, window, tmp_path / "contract.docx.p7s")
    text = _caption(qtbot, window, "contract.docx")
    assert "What is signed is contract.docx, exactly these bytes" in text
    assert window.preview.facts.name.text() == "contract.docx"  # the facts are the signed file's

    contract.unlink()
    window.close_doc_action.trigger()
    open_and_wait(qtbot, window, tmp_path / "contract.docx.p7s")
    text = _caption(qtbot, window, "not beside it")
    assert "exactly these bytes" not in text and "signature's own bytes" in text


def _open_member(qtbot, window, viewer, row: int) -> Path:
    view = window.verification
    qtbot.waitUntil(lambda: view.files_panel.isVisible(), timeout=30000)
    view.files.setCurrentItem(view.files.topLevelItem(row))
    before = len(viewer.paths)
    qtbot.mouseClick(view.open_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(viewer.paths) > before, timeout=30000)
    return viewer.paths[-1]


@pytest.fixture
def viewer():
    v = Viewer()
    QDesktopServices.setUrlHandler("file", v, "show")
    yield v
    QDesktopServices.unsetUrlHandler("file")


def test_copies_opened_from_a_container_are_private_and_removed_on_close(qtbot, window, container, viewer):
    open_and_wait(qtbot, window, container)
    copy = _open_member(qtbot, window, viewer, 0)
    root = next(p for p in copy.parents if p.name.startswith("imza-open-"))
    assert copy.read_bytes() == b"I apply for the e-service.\n"
    assert stat.S_IMODE(root.stat().st_mode) == 0o700  # only this user can read what was opened

    window.close_doc_action.trigger()  # File → Close document
    assert not copy.exists() and not window.documents

    open_and_wait(qtbot, window, container)
    copy = _open_member(qtbot, window, viewer, 1)
    assert copy.exists()
    window.close()
    assert not copy.exists() and not root.exists()


def test_copies_left_by_an_imza_that_did_not_exit_are_removed_at_the_next_start(qtbot, settings, translations,
                                                                                tmp_path, monkeypatch):
    from desktop.ui.app import create_window

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    dead = subprocess.Popen(["true"])  # a process that has ended: its id names no running Imza
    dead.wait()
    stale = tmp / f"imza-open-{dead.pid}-abc"
    (stale / "x").mkdir(parents=True)
    (stale / "x" / "letter.txt").write_text("left behind")
    running = tmp / f"imza-open-{os.getppid()}-def"  # a running process's folder stays
    running.mkdir()
    other = tmp / "imza-opener"  # not ours by name
    other.mkdir()

    w = create_window(settings=settings)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: not stale.exists(), timeout=30000)
    assert running.exists() and other.exists()
    w.close()
