"""What every command shares: settings, the token environment, error printing, PIN entry."""

from __future__ import annotations

import functools
import os
import sys
import traceback

import click

from desktop.cli.output import echo
from desktop.config import Settings, load_and_apply
from desktop.core.errors import ImzaError, PinError
from desktop.core.i18n import tr
from desktop.core.text import printable

INTERNAL_ERROR = 70


def fail(message: str, code: int) -> None:
    echo(f"imza: {message}", err=True)
    sys.exit(code)


def handle_errors(func):
    """Turn ImzaError into one line and an exit status; anything else into a short report."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ImzaError as e:
            fail(str(e), e.exit_code)  # in the user's language (ImzaError.message)
        except KeyboardInterrupt:
            fail(tr("Interrupted; nothing partial was written."), 130)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except Exception as e:  # a bug: short message, traceback only when asked for
            if os.environ.get("IMZA_DEBUG"):
                traceback.print_exc()
            fail(tr("internal error: {error} (run with IMZA_DEBUG=1 for details and please report it).",
                    error=f"{type(e).__name__}: {e}"), INTERNAL_ERROR)

    return wrapper


def load_settings() -> Settings:
    return load_and_apply()


def read_pin(pin_stdin: bool, token) -> str:
    """The PIN from one line of stdin, or a hidden prompt naming it ("Signing PIN for National ID").

    Never from argv, never logged.
    """
    from desktop.tokens.cards import pin_prompt

    if pin_stdin:
        line = sys.stdin.readline()
        pin = line.rstrip("\r\n")
        if not pin:
            raise PinError("--pin-stdin was given but standard input held no PIN.",
                           "Pipe the PIN in, e.g. from your password manager.")
        return pin
    if not sys.stdin.isatty():
        raise PinError("A PIN is needed, but there is no terminal to ask it on.",
                       "Use --pin-stdin and pass the PIN on standard input.")
    return click.prompt(printable(pin_prompt(token)), hide_input=True, err=True)


def token_login(session, token, pin_stdin: bool) -> None:
    """Log in once: on the reader's PIN pad when it has one, else with a PIN from stdin or a prompt."""
    from desktop.tokens.session import PinPad

    if token.pin_pad and not pin_stdin:
        echo(tr("Enter your PIN on the reader's PIN pad…"), err=True)
        session.login(PinPad())
    else:
        session.login(read_pin(pin_stdin, token))
