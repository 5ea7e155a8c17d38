"""The window speaks the language every command does (desktop.core.i18n.choose_language):
IMZA_LANG for this run, else the `language` setting; engine errors in it too (issue 15)."""

from __future__ import annotations

import pytest

from desktop.core.errors import InputError


@pytest.fixture
def open_window(qtbot, translations):
    from PySide6.QtWidgets import QApplication

    from desktop.ui import i18n
    from desktop.ui.app import create_window

    windows = []

    def make(settings):
        w = create_window(settings=settings)
        qtbot.addWidget(w)
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.close()
    i18n.install(QApplication.instance(), "en")


def test_the_language_setting_and_imza_lang_choose_the_windows_language(open_window, settings, monkeypatch,
                                                                       tmp_path):
    monkeypatch.delenv("IMZA_LANG", raising=False)
    settings.set("language", "az")
    w = open_window(settings)
    assert w.file_menu.title() == "&Fayl"
    w.errors.show(InputError("{path}: no such file.", "Check the name and folder.", path=tmp_path / "x.pdf"))
    assert w.errors.last_text == f"{tmp_path / 'x.pdf'}: belə fayl yoxdur.\n\nAdı və qovluğu yoxlayın."
    w.close()

    monkeypatch.setenv("IMZA_LANG", "ru")  # `IMZA_LANG=ru imza gui`: this run in Russian, the setting kept
    w = open_window(settings)
    assert w.file_menu.title() == "&Файл"
    w.errors.show(InputError("{path}: no such file.", "Check the name and folder.", path=tmp_path / "x.pdf"))
    assert w.errors.last_text == f"{tmp_path / 'x.pdf'}: файл не найден.\n\nПроверьте имя и папку."
    assert settings.get("language") == "az"
