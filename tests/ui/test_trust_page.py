"""The Trust tab of the settings: listing, adding and removing through the real widgets and engine.

The trust folder is a private one per test (the demo's is shared by the whole run); files are the
demo's root, trusted list and trusted-list signer. The file dialogs are skipped by calling the
slot they lead to (`add_file`); the confirmation before removing is clicked like a user would.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.token_panel import GREEN, RED
from desktop.ui.trust_page import NAME, SOURCE, STATUS
from desktop.ui.workers import Jobs


@pytest.fixture
def page(qtbot, settings, tmp_path, translations):
    """The settings dialog open on its Trust tab, with an empty private trust folder, listed once."""
    settings.set("trust_dir", str(tmp_path / "trust"))
    (tmp_path / "trust").mkdir()
    jobs = Jobs()
    dialog = SettingsDialog(settings, jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.trust_page.loaded, timeout=30000):
        dialog.tabs.setCurrentWidget(dialog.trust_page)
    yield dialog.trust_page
    jobs.wait()


def rows(page) -> list[tuple[str, str, str]]:
    tree = page.tree
    return [(tree.topLevelItem(i).text(NAME), tree.topLevelItem(i).text(SOURCE), tree.topLevelItem(i).text(STATUS))
            for i in range(tree.topLevelItemCount())]


def select(page, name: str):
    tree = page.tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(NAME) == name)
    tree.setCurrentItem(item)
    return item


def add(qtbot, page, path, **kwargs) -> None:
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.add_file(path, **kwargs)


def test_add_a_root_see_it_listed_and_remove_it(qtbot, window, settings, tmp_path, trust_files):
    folder = tmp_path / "mine"
    settings.set("trust_dir", str(folder))
    window.open_settings()
    dialog = window.settings_dialog
    page = dialog.trust_page
    with qtbot.waitSignal(page.loaded, timeout=30000):
        dialog.tabs.setCurrentWidget(page)
    assert "does not exist" in page.folder_note.text() and str(folder) in page.folder_note.text()
    assert "Nothing is trusted yet" in page.tree.topLevelItem(0).text(NAME)
    assert not page.remove_button.isEnabled()

    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.add_file(trust_files["root"])
        assert not page.add_button.isEnabled()  # the copy and the listing run in a worker meanwhile
    assert rows(page) == [("Imza Demo Root CA", "Your folder", "Trusted")]
    assert (folder / "imza-demo-root.pem").read_bytes() == trust_files["root"].read_bytes()
    assert page.message.text().startswith("Added imza-demo-root.pem") and GREEN in page.message.styleSheet()
    assert f"copied to {folder}" in page.folder_note.text()

    select(page, "Imza Demo Root CA")
    assert page.remove_button.isEnabled()
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    box = page.confirm
    qtbot.waitUntil(box.isVisible)
    assert "imza-demo-root.pem" in box.text()
    remove = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert not (folder / "imza-demo-root.pem").exists()
    assert "Nothing is trusted yet" in page.tree.topLevelItem(0).text(NAME)
    assert "no longer trusted" in page.message.text()

    dialog.accept()  # the folder the page showed is the one saved
    assert f'trust_dir = "{folder}"' in settings.path.read_text()


def test_cancelling_the_confirmation_keeps_the_file(qtbot, page, trust_files, tmp_path):
    add(qtbot, page, trust_files["root"])
    select(page, "Imza Demo Root CA")
    page.remove_selected()
    qtbot.waitUntil(page.confirm.isVisible)
    page.confirm.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not page.confirm.isVisible() and not page.jobs.active)
    assert (tmp_path / "trust" / "imza-demo-root.pem").is_file() and "Removing" not in page.message.text()


def test_a_trusted_list_with_a_bad_signature_shows_why_in_red(qtbot, page, trust_files, tmp_path):
    forged = tmp_path / "forged-tl.xml"
    forged.write_bytes(trust_files["tl"].read_bytes().replace(b"Imza Demo Qualified Time-Stamping",
                                                        b"Mallory Qualified Time-Stamping!!"))
    add(qtbot, page, trust_files["signer"], tl_signer=True)
    assert rows(page) == [("Imza Demo Trusted List Signer", "Your folder", "Trusted")]
    add(qtbot, page, trust_files["tl"])
    add(qtbot, page, forged)
    assert "it is not used" in page.message.text() and "signature does not verify" in page.message.text()

    tree = page.tree
    good = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole).name == "imza-demo-tl.xml")
    bad = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
               if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole).name == "forged-tl.xml")
    assert good.text(STATUS) == "Trusted" and good.foreground(STATUS).color() == QColor(GREEN)
    assert sorted(good.child(i).text(NAME) for i in range(good.childCount())) == [
        "CA/QC: Imza Demo Qualified Issuing CA", "TSA/QTST: Imza Demo Qualified Time-Stamping"]
    assert bad.text(STATUS) == "Not used" and bad.foreground(STATUS).color() == QColor(RED)
    assert "signature does not verify" in bad.toolTip(STATUS)

    tree.setCurrentItem(bad)
    assert "signature does not verify" in page.detail.text() and RED in page.detail.styleSheet()
    assert page.remove_button.isEnabled()


def test_bundled_files_are_listed_but_not_removable(qtbot, page, trust_files, tmp_path):
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    shutil.copy(trust_files["root"], bundled / "national-root.pem")
    page.bundled_dir = bundled
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.reload()
    assert rows(page) == [("Imza Demo Root CA", "Bundled with Imza", "Trusted")]
    select(page, "Imza Demo Root CA")
    assert not page.remove_button.isEnabled() and "cannot be removed" in page.remove_button.toolTip()
    page.remove_selected()
    assert page.confirm is None and "Removing" not in page.message.text()

    entry = page.selected_entry()
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.remove_entry(entry)  # even when asked directly, the engine refuses
    assert "comes with Imza" in page.message.text() and RED in page.message.styleSheet()
    assert (bundled / "national-root.pem").is_file()


def test_what_is_not_a_certificate_is_refused_with_the_reason(qtbot, page, tmp_path):
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    add(qtbot, page, junk)
    assert "is not a certificate" in page.message.text() and RED in page.message.styleSheet()
    assert list((tmp_path / "trust").iterdir()) == []
    assert page.add_button.isEnabled()  # usable again after the failure


def test_another_folder_typed_in_is_listed(qtbot, page, demo):
    page.folder_edit.setText(str(demo.trust_dir))
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.folder_edit.editingFinished.emit()
    assert [r[0] for r in rows(page)] == ["Imza Demo Root CA", "Imza Demo Trusted List Signer",
                                          "AZ — Imza Demo Supervisory Body"]
    assert all(r[2] == "Trusted" for r in rows(page))


def test_the_page_and_the_engine_reasons_follow_the_language(qtbot, settings, tmp_path, trust_files, translations):
    from PySide6.QtWidgets import QApplication

    from desktop.ui import i18n

    i18n.install(QApplication.instance(), "ru")
    try:
        settings.set("trust_dir", str(tmp_path / "trust"))
        jobs = Jobs()
        dialog = SettingsDialog(settings, jobs)
        qtbot.addWidget(dialog)
        page = dialog.trust_page
        assert page.add_button.text() == "&Добавить сертификат или доверенный список…"
        assert dialog.tabs.tabText(1) == "Дов&ерие"
        add(qtbot, page, trust_files["tl"])
        assert page.tree.topLevelItem(0).text(STATUS) == "Не используется"
        assert "не настроен сертификат подписанта списка" in page.message.text()
        jobs.wait()
    finally:
        i18n.install(QApplication.instance(), "en")
