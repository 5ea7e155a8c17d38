"""The one translation function for non-Qt code.

Messages are written in English in the source; resources/i18n/<lang>.json may map them to
another language. A message about a count goes through ntr(): its translation is either one text
or an object of CLDR plural categories ("one", "few", "many", "other"), chosen by plural_category(). The Qt face uses QObject.tr() for widget strings and this function for
messages that come from the engine.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

_RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "i18n"
LANGUAGES = ("az", "ru", "en")


@cache
def _catalogue(lang: str) -> dict[str, str]:
    path = _RESOURCES / f"{lang}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def current_language() -> str:
    """The language tr() speaks now: IMZA_LANG's language part ("ru_RU" → "ru"), else English."""
    return os.environ.get("IMZA_LANG", "en").split("_")[0].lower() or "en"


def system_language() -> str:
    """The system's language (LC_ALL, LC_MESSAGES, LANG) if Imza speaks it, else English."""
    system = next((os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), "")
    lang = system.split("_")[0].split(".")[0].lower()
    return lang if lang in LANGUAGES else "en"


def choose_language(setting: str) -> str:
    """The language a process speaks: IMZA_LANG when set (a choice for this run), else the
    `language` setting, else the system's. Every entry point (each command, the window) uses this."""
    env = os.environ.get("IMZA_LANG", "").split("_")[0].lower()
    if env in LANGUAGES:
        return env
    return setting if setting in LANGUAGES else system_language()


def apply_language(setting: str) -> str:
    """Make `choose_language(setting)` the language of tr() (and of child processes)."""
    lang = choose_language(setting)
    os.environ["IMZA_LANG"] = lang
    return lang


def tr(message: str, **fields: object) -> str:
    """Translate `message`, then fill its {named} fields."""
    text = _catalogue(current_language()).get(message, message)
    if isinstance(text, dict):  # a plural message asked for without its count: the general form
        text = text.get("other") or text.get("many") or message
    return text.format(**fields) if fields else text


# CLDR plural categories needed per language (unicode.org/cldr, "Language Plural Rules"), integers only.
PLURAL_CATEGORIES = {"en": ("one", "other"), "az": ("one", "other"), "ru": ("one", "few", "many")}


def plural_category(lang: str, n: int) -> str:
    """The CLDR plural category of the whole number `n` in `lang`: ru 1, 21 -> one; 2-4, 22 -> few;
    5-20, 25, 11-14 -> many; az and en: 1 -> one, else other."""
    n = abs(n)
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    return "one" if n == 1 else "other"


def ntr(one: str, other: str, n: int, **fields: object) -> str:
    """Translate a message about `n` things, with {n} among its fields. `one` and `other` are the
    English singular and plural; the catalogue is keyed by `other`, its value one text or
    {"one": ..., "few": ..., "many": ..., "other": ...} (resources/i18n/README.md)."""
    lang = current_language()
    category = plural_category(lang, n)
    text = _catalogue(lang).get(other)
    if text is None:
        text = one if plural_category("en", n) == "one" else other
    elif isinstance(text, dict):
        text = text.get(category) or text.get("other") or next(iter(text.values()))
    return text.format(n=n, **fields)
