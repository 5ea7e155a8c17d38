"""The Imza window (minimal until the desktop application issue lands).

Shows the cards and tokens Imza can see, read on a worker thread, and how to sign from the CLI.
"""

from __future__ import annotations

import os
import sys

from desktop.core.i18n import tr

HEADLESS_HELP = """No display is available, so the Imza window cannot open here.
Use the command line on the demo token instead:

  imza demo serve --detach                 # TSA, OCSP and CRL on 127.0.0.1
  imza tokens                              # the demo cards and their certificates
  imza sign letter.pdf --token "Citizen ID"          (PIN 12345)
  imza sign letter.pdf --token "Agency token" --level B-LTA   (PIN 246810)
  imza verify letter.signed.pdf --offline
"""


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run() -> int:
    if not has_display():
        print(tr(HEADLESS_HELP))
        return 0
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Imza")
    window = MainWindow()
    window.show()
    window.refresh_tokens()
    return app.exec()
