"""Everything the CLI prints goes through here, one line per call, escaped (desktop.core.text).

Lines are built by the commands from their own words and from text that came from a document,
a certificate, a token or a server; since any of those may hold control characters, a whole
line is escaped, newline included, so one call can never print two lines.
"""

from __future__ import annotations

import json

import click

from desktop.core.text import json_printable, printable


def echo(text: object = "", *, err: bool = False, nl: bool = True, rewrite: bool = False) -> None:
    """Print one line.

    :param rewrite: start with a carriage return: a progress line that replaces the previous one.
    """
    click.echo(("\r" if rewrite else "") + printable(text), err=err, nl=nl)


def echo_lines(lines: list[object], *, err: bool = False) -> None:
    """Several lines in one write (for a parent process that reads only the first)."""
    click.echo("\n".join(printable(line) for line in lines), err=err)


def echo_json(data: object, *, indent: int | None = 2, ensure_ascii: bool = False) -> None:
    """Print a JSON document (its strings' control characters as JSON escapes)."""
    click.echo(json_printable(json.dumps(data, ensure_ascii=ensure_ascii, indent=indent)))
