"""click's own words (usage errors, "Usage:", "Try … for help", help headings) in the user's language.

click marks its messages for gettext (`from gettext import gettext as _` in each module), but
stdlib gettext reads them only from compiled .mo files of the process-wide default domain. Imza
has one catalogue per language, resources/i18n/<lang>.json (desktop.core.i18n), so `install()`
gives click's modules a `_` and `ngettext` that look click's English messages up there instead.
Only modules whose `_`/`ngettext` are still stdlib gettext's are touched; if click changes how
it marks messages, they stay English.
"""

from __future__ import annotations

import gettext
import importlib

from desktop.core.i18n import tr as lookup

# The messages of click a user of `imza` can meet (tests/test_i18n.py checks they are translated).
MESSAGES = (
    "Aborted!",
    "Choose from:\n\t{choices}",
    "Commands",
    "Did you mean {possibility}?",
    "(Did you mean one of: {possibilities}?)",
    "Error: The two entered values do not match.",
    "Error: invalid input",
    "Error: {message}",
    "Got unexpected extra argument ({args})",
    "Got unexpected extra arguments ({args})",
    "Invalid value for {param_hint}: {message}",
    "Invalid value: {message}",
    "Missing argument",
    "Missing command.",
    "Missing option",
    "Missing parameter",
    "Missing parameter: {param_name}",
    "Missing {param_type}",
    "No such command {name!r}.",
    "No such option {name!r}.",
    "Option {name!r} does not take a value.",
    "Option {name!r} requires an argument.",
    "Option {name!r} requires {nargs} arguments.",
    "Options",
    "Repeat for confirmation",
    "Show the version and exit.",
    "Show this message and exit.",
    "Try '{command} {option}' for help.",
    "Usage:",
    "directory",
    "file",
    "path",
    "{name} {filename!r} does not exist.",
    "{name} {filename!r} is a directory.",
    "{name} {filename!r} is a file.",
    "{name} {filename!r} is not readable.",
    "{name} {filename!r} is not writable.",
    "{value!r} is not a valid {number_type}.",
    "{value!r} is not one of {choices}.",
    "{value!r} is not {choice}.",
    "{value} is not in the range {range}.",
)
_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")


def _gettext(message: str) -> str:
    return lookup(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    # The catalogue has no plural forms: the translations of these few are worded to suit any n.
    return _gettext(singular if n == 1 else plural)


def install_click_translations() -> None:
    """Let click's messages follow desktop.core.i18n's language (IMZA_LANG). Idempotent."""
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) in (gettext.gettext, _gettext):
            module._ = _gettext
        if getattr(module, "ngettext", None) in (gettext.ngettext, _ngettext):
            module.ngettext = _ngettext
