"""The window's languages beyond its own strings: Qt's standard buttons and dialogs, plural forms,
and a language switch that re-renders what is open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox


@pytest.fixture
def language(qapp, translations):
    """Switch the application's language; English again afterwards."""
    from desktop.ui import i18n

    yield lambda lang: i18n.install(qapp, lang)
    i18n.install(QApplication.instance(), "en")


def test_azerbaijani_standard_buttons_and_file_dialog_prompts(qtbot, language):
    """Qt ships no qtbase_az: our resources/i18n/qtbase_az.ts gives the buttons and dialogs we use."""
    language("az")
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "&Bəli"
    assert box.button(QMessageBox.StandardButton.No).text() == "&Xeyr"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Yadda saxla"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "İmtina"
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(close)
    assert close.button(QDialogButtonBox.StandardButton.Close).text() == "Bağla"
    # QFileDialog's overwrite prompt and its own labels (the Qt widget dialog, used where no native one is)
    assert QCoreApplication.translate("QFileDialog", "%1 already exists.\nDo you want to replace it?") == \
        "%1 artıq mövcuddur.\nOnu əvəz etmək istəyirsiniz?"
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "Faylın &adı:"
    assert QCoreApplication.translate("QFileSystemModel", "Date Modified") == "Dəyişdirilmə tarixi"
    language("ru")  # Russian still comes from Qt's own qtbase_ru
    qtbot.waitUntil(lambda: box.button(QMessageBox.StandardButton.Yes).text() == "&Да")  # a posted event
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Отмена"
