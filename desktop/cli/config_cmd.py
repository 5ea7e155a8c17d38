"""`imza config show|set|path`."""

from __future__ import annotations

import click

from desktop.cli.common import handle_errors
from desktop.cli.output import echo
from desktop.config import Settings, config_path


@click.group()
def config() -> None:
    """Show or change settings."""


@config.command("show")
@handle_errors
def show() -> None:
    settings = Settings.load()
    for setting, value in settings.items():
        echo(f"{setting.name} = {value!r}")
        echo(f"    {setting.description}")


@config.command("set")
@click.argument("name")
@click.argument("value")
@handle_errors
def set_(name: str, value: str) -> None:
    settings = Settings.load()
    settings.set(name, value)
    echo(f"{name} = {value!r}  ({settings.save()})")


@config.command("path")
def path() -> None:
    echo(config_path())
