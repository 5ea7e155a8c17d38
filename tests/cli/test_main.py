"""The command table: every command resolves, and help stays fast (no heavy imports)."""

from __future__ import annotations

import subprocess
import sys

import click

from desktop.cli.main import COMMANDS, cli


def test_every_listed_command_resolves_to_a_click_command():
    ctx = click.Context(cli)
    for name in COMMANDS:
        cmd = cli.get_command(ctx, name)
        assert isinstance(cmd, click.Command) and cmd.name == name, name


def test_help_does_not_import_the_engine():
    code = ("import sys; from desktop.cli.main import main; sys.argv=['imza','--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyhanko','aiohttp','PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
