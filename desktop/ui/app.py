"""Starting the window: `imza gui [FILE...]` and `python -m desktop FILE...`.

Startup stays light (PySide6 widgets only): pkcs11, pyhanko and pdfium are imported later, by
the workers that need them, so the window appears before any token is read.
"""

from __future__ import annotations

import os
import sys
import time

from desktop.core.i18n import tr
from desktop.startup import prepare_process

HEADLESS_HELP = """No display is available, so the Imza window cannot open here.
Use the command line on the demo token instead:

  imza demo serve --detach                 # TSA, OCSP and CRL on 127.0.0.1
  imza tokens                              # the demo cards and their certificates
  imza sign letter.pdf --token "Citizen ID"          (PIN 12345)
  imza sign letter.pdf --token "Agency token" --level B-LTA   (PIN 246810)
  imza verify letter.signed.pdf --offline
"""

# benchmarks/startup.py sets this: print when the window is on screen, then quit.
STARTUP_PROBE = "IMZA_STARTUP_PROBE"


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def load_settings():
    """The settings, or the defaults plus the error to show when config.toml is broken."""
    from desktop.config import Settings, load_and_apply
    from desktop.core.errors import ConfigError

    try:
        return load_and_apply(), None
    except ConfigError as e:
        return Settings(), e


def create_window(files=(), settings=None):
    """The main window with `files` open; the QApplication must exist."""
    from PySide6.QtWidgets import QApplication

    from desktop.core.i18n import choose_language
    from desktop.ui import i18n
    from desktop.ui.main_window import MainWindow

    problem = None
    if settings is None:
        settings, problem = load_settings()
    i18n.install(QApplication.instance(), choose_language(settings.get("language")))
    window = MainWindow(settings)
    if problem is not None:
        window.errors.show(problem)
    if files:
        window.open_files(list(files))
    return window


def run(files=None) -> int:
    prepare_process()
    if not has_display():
        print(tr(HEADLESS_HELP))
        return 0
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.resources import resource_path
    from desktop.ui.errors import install_excepthook

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from desktop.ui.collector import UiThreadCollector

    UiThreadCollector(app)  # Qt objects must never be garbage-collected on a worker thread
    app.setApplicationName("Imza")
    app.setApplicationDisplayName("Imza")
    app.setOrganizationName("Imza")
    app.setDesktopFileName("imza")  # Wayland/X11 match the window to imza.desktop and its icon
    app.setWindowIcon(QIcon(str(resource_path("icons", "imza.png"))))
    window = create_window(files or ())
    install_excepthook(window.errors)
    window.show()
    if os.environ.get(STARTUP_PROBE):
        def shown() -> None:
            app.processEvents()
            print(f"shown {time.time():.6f} documents={len(window.documents)}", flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, shown)
    return app.exec()
