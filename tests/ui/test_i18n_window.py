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


@pytest.mark.parametrize(("lang", "counts"), [
    ("ru", {2: "2 байта", 5: "5 байт", 21: "21 байт", 1: "1 байт"}),
    ("en", {1: "1 byte", 2: "2 bytes"}),
    ("az", {1: "1 bayt", 5: "5 bayt"})])
def test_counts_in_the_window_take_the_plural_form(qtbot, language, lang, counts):
    """Qt's %n forms (tr(text, "", n) and numerus messages in imza_<lang>.ts): Russian has three."""
    from types import SimpleNamespace

    from desktop.ui.preview import FileFactsView

    language(lang)
    view = FileFactsView()
    qtbot.addWidget(view)
    for n, text in counts.items():
        view.show_facts(SimpleNamespace(name="a.bin", size=n, mime="application/octet-stream", sha256="00"))
        assert view.size.text() == text
    letters = {"ru": {2: "Будут подписаны 2 письма.", 5: "Будет подписано 5 писем.", 21: "Будет подписано 21 письмо."},
               "en": {1: "1 letter will be signed.", 2: "2 letters will be signed."},
               "az": {5: "5 məktub imzalanacaq."}}[lang]
    for n, text in letters.items():
        assert QCoreApplication.translate("BulkView", "%n letters will be signed.", "", n) == text
    resume = ("An unfinished run was found in this folder: %1 of %n letters are signed.\n\n"
              "Resume it? Letters already signed are not signed again.")
    of = {"ru": {2: "из 2 писем", 5: "из 5 писем", 21: "из 21 письма"}, "en": {1: "1 letter is", 2: "2 letters are"},
          "az": {5: "%1 / 5 məktub"}}[lang]
    for n, text in of.items():
        assert text in QCoreApplication.translate("BulkView", resume, "", n)


def test_file_facts_follow_a_language_switch(qtbot, language):
    from types import SimpleNamespace

    from desktop.ui.preview import FileFactsView

    language("en")
    view = FileFactsView()
    qtbot.addWidget(view)
    view.show_facts(SimpleNamespace(name="a.bin", size=2, mime="application/octet-stream", sha256="00"))
    assert view.size.text() == "2 bytes"
    language("ru")
    qtbot.waitUntil(lambda: view.size.text() == "2 байта")  # LanguageChange is a posted event


def _cyrillic(text: str) -> bool:
    return any("а" <= c.lower() <= "я" for c in text)


def test_a_language_switch_re_renders_an_open_documents_verdict(qtbot, window, services, imza, letter):
    """The verdict, its message and the details are the engine's sentences: after switching to
    Russian in Settings the open document is shown in Russian, not only the widget labels."""
    from tests.ui.test_signing import open_and_wait

    proc = imza("sign", letter, "--token", "Citizen ID", "--level", "B-LT", "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    doc = open_and_wait(qtbot, window, letter.with_name("letter.signed.pdf"))
    english = doc.report
    assert not _cyrillic(english.signatures[0].message) and not _cyrillic(window.verification.summary.text())
    window.open_settings()
    dialog = window.settings_dialog
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ru"))
    dialog.accept()
    qtbot.waitUntil(lambda: doc.report is not None and doc.report is not english, timeout=60000)
    view = window.verification
    assert _cyrillic(doc.report.signatures[0].message)
    assert _cyrillic(view.summary.text()) and _cyrillic(view.tally.text()) and _cyrillic(view.how.text())
    assert doc.report.signatures[0].message in view.details.toPlainText()
    assert view.badges() == ["Действительна"]
