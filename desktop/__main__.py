import sys
from pathlib import Path

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
