"""The About box shows the version declared in pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

VERSION = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["project"]["version"]


def test_about_shows_the_pyproject_version(qtbot, window):
    from importlib import metadata

    from desktop.config import config_path

    window.about_action.trigger()
    dialog = window.about_dialog
    assert dialog.isVisible()
    assert f"Imza {VERSION}" in dialog.title.text()
    assert dialog.settings_label.text() == str(config_path())  # where to look, said plainly
    assert f"pyHanko {metadata.version('pyhanko')}" in dialog.parts_label.text()
    dialog.reject()
