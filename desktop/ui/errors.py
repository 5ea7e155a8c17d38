"""How the window shows problems: the engine's message in a dialog, never a traceback.

An ImzaError is shown with its message and hint (in the user's language). Anything else is a
bug: it is logged with its traceback to imza.log in the data dir and reported to the user once
per session, so a failing timer cannot bury the window under dialogs.
"""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.config import data_dir
from desktop.core.errors import ImzaError

log = logging.getLogger("imza.ui")


def log_path():
    return data_dir() / "imza.log"


def _ensure_log_handler() -> None:
    if any(getattr(h, "_imza", False) for h in log.handlers):
        return
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler._imza = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def engine_message(error: ImzaError) -> str:
    """The error's message and hint, in the user's language."""
    hint = error.hint
    return error.message + (f"\n\n{hint}" if hint else "")


class ErrorReporter(QObject):
    """Shows errors as non-blocking dialogs over `parent`; keeps the last one for tests and screenshots."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.window = parent
        self.last_box: QMessageBox | None = None
        self.last_text: str | None = None
        self.unexpected_reported = False

    def show(self, error: BaseException, title: str | None = None) -> None:
        if isinstance(error, ImzaError):
            self._box(title or self.tr("Imza"), engine_message(error), QMessageBox.Icon.Warning)
        else:
            self.unexpected(error)

    def message(self, title: str, text: str) -> None:
        self._box(title, text, QMessageBox.Icon.Warning)

    def unexpected(self, error: BaseException, tb=None) -> None:
        _ensure_log_handler()
        log.error("unexpected error: %s",
                  "".join(traceback.format_exception(type(error), error, tb or error.__traceback__)))
        if self.unexpected_reported:
            return
        self.unexpected_reported = True
        self._box(self.tr("Unexpected error"),
                  self.tr("Something went wrong inside Imza: %1\n\nThe details were written to %2. "
                          "Please report it. Your documents were not changed by this error.")
                  .replace("%1", f"{type(error).__name__}: {error}").replace("%2", str(log_path())),
                  QMessageBox.Icon.Critical)

    def _box(self, title: str, text: str, icon) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("errorBox")
        box.setTextFormat(box.textFormat().PlainText)
        self.last_box, self.last_text = box, text
        box.open()


def install_excepthook(reporter: ErrorReporter) -> None:
    """Uncaught exceptions in Qt slots: logged and reported once, instead of a traceback on stderr."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        reporter.unexpected(exc, tb)

    sys.excepthook = hook
