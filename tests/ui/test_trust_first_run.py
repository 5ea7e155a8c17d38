"""Trust on first run: with nothing trusted the window and `imza verify` say so, and a root is added
after its name and SHA-256 fingerprint were shown (the same copy into the trust folder as `imza trust add`)."""

from __future__ import annotations

import hashlib

import pytest
from asn1crypto import pem
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.ui.trust_setup import AddRootDialog, grouped
from tests.ui.test_signing import open_and_wait

NOTHING = "Imza does not yet trust any certification centre."


@pytest.fixture
def signed(imza, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    return letter.with_name("letter.signed.pdf")


@pytest.fixture
def untrusting_window(qtbot, settings, translations, tmp_path):
    from PySide6.QtWidgets import QApplication

    from desktop.ui import i18n
    from desktop.ui.app import create_window

    (tmp_path / "trust").mkdir()
    settings.set("trust_dir", str(tmp_path / "trust"))  # a fresh install: an empty trust folder
    w = create_window(settings=settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    i18n.install(QApplication.instance(), "en")


def test_nothing_trusted_is_said_and_a_root_is_added_after_its_fingerprint(qtbot, untrusting_window, signed,
                                                                          trust_files, tmp_path):
    w = untrusting_window
    notice = w.welcome.trust_notice
    qtbot.waitUntil(notice.isVisible)
    assert notice.text.text().startswith(NOTHING)

    doc = open_and_wait(qtbot, w, signed)
    (sig,) = doc.report.signatures
    # EN 319 102-1 5.2.6: no path to a trust anchor gives INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND; the verdict says why
    assert sig.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND" and sig.warnings[0] == NOTHING
    verdict_notice = w.verification.trust_notice
    assert verdict_notice.isVisible() and verdict_notice.text.text().startswith(NOTHING)

    verdict_notice.add_button.setFocus()
    qtbot.keyClick(verdict_notice.add_button, Qt.Key.Key_Space)  # the keyboard reaches it
    picker = w.trust_setup.dialog
    assert isinstance(picker, QFileDialog) and picker.isVisible()
    picker.selectFile(str(trust_files["root"]))
    picker.accept()
    qtbot.waitUntil(lambda: isinstance(w.trust_setup.dialog, AddRootDialog) and w.trust_setup.dialog.isVisible())
    confirm = w.trust_setup.dialog
    der = pem.unarmor(trust_files["root"].read_bytes())[2]
    assert confirm.fingerprint.text() == grouped(hashlib.sha256(der).hexdigest())
    assert confirm.fingerprint.text().count(":") == 30 and confirm.name.text() == "Imza Demo Root CA"
    assert confirm.ok_button is not None and not confirm.ok_button.isDefault()  # trusting is deliberate
    qtbot.mouseClick(confirm.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: w.current().report is not None and not verdict_notice.isVisible(), timeout=60000)
    assert (tmp_path / "trust" / trust_files["root"].name).is_file()
    assert w.current().report.signatures[0].sub_indication != "NO_CERTIFICATE_CHAIN_FOUND"
    assert not notice.isVisible() and w.trust_setup.text is None


def test_imza_verify_says_it_in_one_line(imza, signed, tmp_path):
    empty = tmp_path / "empty-trust"
    empty.mkdir()
    proc = imza("verify", signed, "--trust", empty)
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if NOTHING in ln]
    assert len(lines) == 1 and "imza trust add" in lines[0]
    proc = imza("verify", signed)  # the demo trusts its root: nothing said
    assert NOTHING not in proc.stderr
