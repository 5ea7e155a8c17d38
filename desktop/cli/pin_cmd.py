"""`imza pin change|unblock`: token care from the command line.

PINs come from hidden prompts (the new one asked twice) or, with --pin-stdin, one per line on
standard input; never from the command line. A wrong PIN is reported once and never retried.
"""

from __future__ import annotations

import sys

import click

from desktop.cli.common import handle_errors, load_settings
from desktop.cli.output import echo
from desktop.core.errors import PinError
from desktop.core.i18n import tr
from desktop.core.text import printable
from desktop.tokens.cards import card_members, token_title
from desktop.tokens.pin import change_pin, pin_rules, unblock_pin
from desktop.tokens.session import choose_token, list_tokens


def _rules_text(rules) -> str:
    if not rules.known:
        return tr("PIN length rules of this token: unknown (the token refuses a PIN of the wrong length).")
    return tr("PIN length rules of this token: {lo} to {hi} characters.",
              lo=rules.min_length if rules.min_length is not None else "?",
              hi=rules.max_length if rules.max_length is not None else "?")


def _read_pins(pin_stdin: bool, prompts: list[str], *, confirm_last: bool) -> list[str]:
    """One PIN per prompt: a line each from stdin, or hidden prompts (the last one confirmed)."""
    if pin_stdin:
        pins = [sys.stdin.readline().rstrip("\r\n") for _ in prompts]
        if not all(pins):
            raise PinError("--pin-stdin expects {count} lines on standard input ({names}).",
                           "Pipe them in, one per line.", count=len(prompts), names=", ".join(prompts))
        return pins
    if not sys.stdin.isatty():
        raise PinError("PINs are needed, but there is no terminal to ask them on.",
                       "Use --pin-stdin and pass them on standard input, one per line.")
    pins = []
    for i, prompt in enumerate(prompts):
        last = i == len(prompts) - 1
        pins.append(click.prompt(printable(prompt), hide_input=True, err=True,
                                 confirmation_prompt=tr("Repeat the new PIN") if last and confirm_last else False))
    return pins


def _token(token_label: str | None, which: str | None, pin_stdin: bool):
    """The token whose PIN to change; for a card with two PINs, the one `which` names (or asked)."""
    settings = load_settings()
    found, _ = list_tokens(settings.get("pkcs11_module"), with_certs=False)
    token = choose_token(found, token_label or settings.get("default_token") or None)
    members = card_members(found, token)
    if len(members) < 2 or (token_label and token_label == token.label and not which):
        return token
    roles = {m.pin_role: m for m in members if m.pin_role}
    if not which and not pin_stdin and sys.stdin.isatty():
        which = click.prompt(tr("{card} has two PINs. Which one?", card=token.card_label),
                             type=click.Choice(sorted(roles)), err=True)
    if which not in roles:
        raise PinError("{card} has two PINs: the signing PIN and the authentication PIN.",
                       "Choose one with --which signing or --which authentication.", card=token.card_label)
    return roles[which]


WHICH = click.option("--which", type=click.Choice(["signing", "authentication"]),
                     help="For a card with two PINs: the signing PIN or the authentication PIN.")


@click.group()
def pin() -> None:
    """Change your token's PIN, or unblock it with the PUK."""


@pin.command()
@click.option("--token", "token_label", help="Label of the card/token (see `imza tokens`).")
@WHICH
@click.option("--pin-stdin", is_flag=True, help="Read the current and the new PIN from standard input, one per line.")
@handle_errors
def change(token_label: str | None, which: str | None, pin_stdin: bool) -> None:
    """Change the PIN: asks for the current PIN and the new one (twice)."""
    token = _token(token_label, which, pin_stdin)
    echo(_rules_text(pin_rules(token)), err=True)
    old, new = _read_pins(pin_stdin, [tr("Current PIN for {token}", token=token_title(token)), tr("New PIN")],
                          confirm_last=True)
    change_pin(token, old, new)
    echo(tr("The PIN of {token} was changed.", token=token_title(token)))


@pin.command()
@click.option("--token", "token_label", help="Label of the card/token (see `imza tokens`).")
@WHICH
@click.option("--pin-stdin", is_flag=True, help="Read the PUK and the new PIN from standard input, one per line.")
@handle_errors
def unblock(token_label: str | None, which: str | None, pin_stdin: bool) -> None:
    """Unblock a blocked PIN: asks for the PUK (SO PIN) and a new PIN (twice)."""
    token = _token(token_label, which, pin_stdin)
    echo(_rules_text(pin_rules(token)), err=True)
    puk, new = _read_pins(pin_stdin, [tr("PUK (SO PIN) for {token}", token=token_title(token)), tr("New PIN")],
                          confirm_last=True)
    unblock_pin(token, puk, new)
    echo(tr("The PIN of {token} was unblocked and set to the new PIN.", token=token_title(token)))
