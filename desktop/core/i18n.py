"""The one translation function for non-Qt code.

Messages are written in English in the source; resources/i18n/<lang>.json may map them to
another language. The Qt face uses QObject.tr() for widget strings and this function for
messages that come from the engine.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

_RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "i18n"


@cache
def _catalogue(lang: str) -> dict[str, str]:
    path = _RESOURCES / f"{lang}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def current_language() -> str:
    return os.environ.get("IMZA_LANG", "en").split("_")[0].lower() or "en"


def tr(message: str, **fields: object) -> str:
    """Translate `message`, then fill its {named} fields."""
    text = _catalogue(current_language()).get(message, message)
    return text.format(**fields) if fields else text
