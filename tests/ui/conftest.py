"""The window against the real engine: the demo SoftHSM2 tokens, PKI and services of tests/conftest.py.

Qt runs offscreen. Dialogs open non-modally, so a test types into them with qtbot like a user.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def _compile_translations() -> None:
    """`make i18n` does this in a build; here so `pytest tests/ui` alone sees fresh .qm files."""
    ts_dir = REPO / "resources" / "i18n"
    for ts in [*ts_dir.glob("imza_*.ts"), *ts_dir.glob("qtbase_*.ts")]:
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run(["pyside6-lrelease", "-silent", str(ts), "-qm", str(qm)], check=True,
                           env={**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"})


@pytest.fixture(scope="session", autouse=True)
def ui_thread_collector(qapp):
    """As in the app (desktop/ui/app.py): garbage holding Qt objects is collected on the UI
    thread only; collected on a worker thread it crashed the test process."""
    from desktop.ui.collector import UiThreadCollector

    collector = UiThreadCollector(qapp)
    yield collector
    collector.stop()


@pytest.fixture(scope="session")
def translations():
    _compile_translations()


@pytest.fixture
def settings(demo, tmp_path):
    """The demo's settings (module, TSA, trust folder), saved to a private copy if a test saves them."""
    from desktop.config import Settings, load_and_apply

    loaded = load_and_apply()
    values = {s.name: v for s, v in loaded.items()}
    values["language"] = "en"
    return Settings(values, tmp_path / "config.toml")


@pytest.fixture
def window(qtbot, settings, translations):
    from PySide6.QtWidgets import QApplication

    from desktop.ui import i18n
    from desktop.ui.app import create_window

    w = create_window(settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.tokens.snapshot is not None, timeout=15000)
    yield w
    w.close()  # stops the token watcher and waits for the workers
    i18n.install(QApplication.instance(), "en")


@pytest.fixture
def softhsm(demo):
    """Run softhsm2-util on the demo token folder (the PINs here are throwaway test values)."""

    def run(*args: str) -> None:
        env = {**os.environ, "SOFTHSM2_CONF": demo.state["softhsm2_conf"]}
        subprocess.run(["softhsm2-util", *args], env=env, check=True, capture_output=True)

    return run
