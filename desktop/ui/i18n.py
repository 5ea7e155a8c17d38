"""The window's language: Azerbaijani, Russian or English, switchable while it runs.

Widget strings go through tr() and resources/i18n/imza_<lang>.qm (compiled from the .ts files by
`make i18n`); English is the source language: imza_en.ts holds only the plural forms of messages
with a count (tr(text, "", n), "%n letters" -> "1 letter"). Qt's own strings (standard
buttons, file dialogs) come from the qtbase catalogue shipped with PySide6, or from our own
resources/i18n/qtbase_<lang>.ts for a language Qt has none for (Azerbaijani). Engine messages
follow IMZA_LANG (desktop.core.i18n), which is set here too so both speak the same language.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.resources import resource_path

LANGUAGES = {"az": "Azərbaycanca", "ru": "Русский", "en": "English"}
_installed: list[QTranslator] = []


def system_language() -> str:
    name = QLocale.system().name().split("_")[0]
    return name if name in LANGUAGES else "en"


def resolve(setting: str) -> str:
    """The language to use for a `language` setting value (empty: the system's)."""
    return setting if setting in LANGUAGES else system_language()


def qm_path(lang: str):
    return resource_path("i18n", f"imza_{lang}.qm")


def plural_count(n: int) -> int:
    """`n` as the count for tr(text, "", n) picking a plural form: Qt takes a C int, so a size over
    2**31 becomes a smaller number of the same plural category in every language (the last two
    digits decide in Russian; 1 or not in English and Azerbaijani). Show `n` itself in the text."""
    return n if n < 2**31 else 100 + n % 100


def qtbase_path(lang: str) -> str:
    """Qt's own strings in `lang`: ours where Qt ships no catalogue (qtbase_az), else Qt's."""
    ours = resource_path("i18n", f"qtbase_{lang}.qm")
    if ours.is_file():
        return str(ours)
    return str(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{lang}.qm")


def install(app: QApplication, lang: str) -> str:
    """Switch the application to `lang`; widgets retranslate on the LanguageChange event Qt sends."""
    lang = resolve(lang)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = QTranslator(app)
    if ours.load(str(qm_path(lang))):
        app.installTranslator(ours)
        _installed.append(ours)
    if lang != "en":
        qt = QTranslator(app)
        if qt.load(qtbase_path(lang)):
            app.installTranslator(qt)
            _installed.append(qt)
    os.environ["IMZA_LANG"] = lang
    QLocale.setDefault(QLocale(lang))
    return lang
