"""`imza`: sign and verify documents with your ID card or token."""

from __future__ import annotations

import click

from desktop import __version__
from desktop.cli import (
    bulk_cmd,
    config_cmd,
    demo_cmd,
    pin_cmd,
    portal_cmd,
    sign_cmd,
    tokens_cmd,
    verify_cmd,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="imza")
def cli() -> None:
    """Imza: sign and verify documents with the e-signature certificate on your ID card or token.

    \b
    Start with:  imza tokens            (what cards/tokens Imza sees)
                 imza sign letter.pdf   (sign; asks for your PIN)
                 imza verify letter.signed.pdf
    """


@cli.command()
@click.argument("files", nargs=-1, type=click.Path())
def gui(files) -> None:
    """Open the Imza window, with FILES open in it."""
    from desktop.ui.app import run

    raise SystemExit(run(list(files)))


cli.add_command(tokens_cmd.tokens)
cli.add_command(tokens_cmd.modules)
cli.add_command(sign_cmd.sign)
cli.add_command(bulk_cmd.bulk)
cli.add_command(verify_cmd.verify)
cli.add_command(demo_cmd.demo)
cli.add_command(config_cmd.config)
cli.add_command(pin_cmd.pin)
cli.add_command(portal_cmd.login)
cli.add_command(portal_cmd.logout)
cli.add_command(portal_cmd.services)
cli.add_command(portal_cmd.organizations)
cli.add_command(portal_cmd.submit)
cli.add_command(portal_cmd.outbox)


def main() -> None:
    cli(prog_name="imza")
