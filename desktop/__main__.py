import sys
from pathlib import Path

# `python -m desktop FILE...` opens the files in the window; anything else is the CLI.
if len(sys.argv) > 1 and not sys.argv[1].startswith("-") and Path(sys.argv[1]).is_file():
    from desktop.ui.app import run

    raise SystemExit(run(sys.argv[1:]))

from desktop.cli.main import main  # noqa: E402

main()
