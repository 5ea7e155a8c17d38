"""`imza`: sign and verify documents with your ID card or token."""

from __future__ import annotations

import importlib

import click

from desktop import __version__
from desktop.cli.click_i18n import install_click_translations
from desktop.config import language_setting
from desktop.core.i18n import apply_language, tr
from desktop.startup import prepare_process

# name: (module:attribute, one-line help). Modules are imported only when their command runs,
# so `imza --help` and `imza gui` do not pay for pyhanko, aiohttp and the bulk pipeline.
COMMANDS: dict[str, tuple[str, str]] = {
    "tokens": ("desktop.cli.tokens_cmd:tokens", "List cards/tokens and their certificates, and which can sign."),
    "modules": ("desktop.cli.tokens_cmd:modules", "Show which PKCS#11 modules were found and why one failed."),
    "sign": ("desktop.cli.sign_cmd:sign", "Sign files with the signing certificate on your card or token."),
    "bulk": ("desktop.cli.bulk_cmd:bulk", "Sign many letters with one PIN entry; resumable."),
    "verify": ("desktop.cli.verify_cmd:verify", "Verify the signatures in PDFs, detached .p7s files and ASiC-E containers."),
    "trust": ("desktop.cli.trust_cmd:trust", "List, add or remove trusted roots and trusted lists."),
    "serve-verify": ("desktop.cli.serve_verify_cmd:serve_verify", "Local validation service: POST /verify on 127.0.0.1."),
    "demo": ("desktop.cli.demo_cmd:demo", "Demo PKI, SoftHSM2 tokens and TSA/OCSP/CRL/portal services."),
    "config": ("desktop.cli.config_cmd:config", "Show or change settings."),
    "pin": ("desktop.cli.pin_cmd:pin", "Change or unblock the PIN of your card or token."),
    "login": ("desktop.cli.portal_cmd:login", "Log in to the portal with your card."),
    "logout": ("desktop.cli.portal_cmd:logout", "Log out of the portal."),
    "services": ("desktop.cli.portal_cmd:services", "The portal's e-services catalogue."),
    "organizations": ("desktop.cli.portal_cmd:organizations", "Agencies you can send letters to."),
    "submit": ("desktop.cli.portal_cmd:submit", "Submit a signed document to the portal (through the outbox)."),
    "outbox": ("desktop.cli.portal_cmd:outbox", "List, show, retry or cancel portal submissions."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx, name):
        if name in self.commands or name not in COMMANDS:
            return super().get_command(ctx, name)
        module, _, attr = COMMANDS[name][0].partition(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx, formatter):
        rows = []
        for name in self.list_commands(ctx):
            if name in COMMANDS and name not in self.commands:
                rows.append((name, COMMANDS[name][1]))
            else:
                cmd = self.commands[name]
                rows.append((name, cmd.get_short_help_str(limit=formatter.width)))
        with formatter.section(tr("Commands")):
            formatter.write_dl(rows)


def _self_test(ctx, _param, value) -> None:
    if value and not ctx.resilient_parsing:
        from desktop.selftest import run

        ctx.exit(run())


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="imza")
@click.option("--self-test", is_flag=True, expose_value=False, is_eager=True, callback=_self_test,
              help="Check this installation (Qt offscreen, PKCS#11, pyhanko, trust store, a signed sample) and exit.")
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


def main() -> None:
    prepare_process()
    # Before click parses anything, so its usage errors are in the user's language too.
    apply_language(language_setting())
    install_click_translations()
    cli(prog_name="imza")
