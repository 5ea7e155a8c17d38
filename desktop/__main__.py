import sys
from pathlib import Path

from desktop.startup import prepare_process

prepare_process()  # before anything imports a library: the CLI, the window, the bundle

if getattr(sys, "frozen", False):
    # In the PyInstaller bundle, bulk signing's worker processes (spawned) start as this
    # executable; freeze_support() turns them into workers instead of a second CLI.
    import multiprocessing

    multiprocessing.freeze_support()

# `python -m desktop FILE...` and `python -m desktop gui [FILE...]` start the window without
# importing the CLI, whose commands pull in pyhanko and aiohttp (about a second). Anything else
# (including `gui --help`) is the CLI.
_args = sys.argv[1:]
if _args and ((_args[0] == "gui" and not any(a.startswith("-") for a in _args[1:]))
              or (not _args[0].startswith("-") and Path(_args[0]).is_file())):
    from desktop.ui.app import run

    raise SystemExit(run(_args[1:] if _args[0] == "gui" else _args))

from desktop.cli.main import main  # noqa: E402

main()
