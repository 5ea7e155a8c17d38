"""Entry point of the windowed executables build.spec makes on Windows (imza-gui.exe) and macOS
(Imza.app): they have no console, so they always open the window, with the files they were given
(Explorer passes them as arguments; on macOS PyInstaller's argv emulation turns Finder's "open
document" events into arguments)."""

import multiprocessing
import sys

from desktop.ui.app import run

multiprocessing.freeze_support()  # bulk signing's worker processes start as this executable

raise SystemExit(run(sys.argv[1:]))
