"""Cards with two PINs: OpenSC shows such an eID card as one token per PIN; the user sees one card.

An eID card typically carries an authentication PIN (PIN1) and a signing PIN (PIN2). OpenSC then
lists two tokens on the card's reader, labelled "<card> (PIN1)" and "<card> (PIN2)" (or "(Auth
PIN)", "(Sign PIN)", ...). Tokens of one module whose labels differ only by such a suffix are one
card here: each gets `card_label` (the shared part) and `pin_role` (which PIN guards it), so that
the faces can show one card with two certificates and ask for the right PIN by name.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict

from desktop.core.i18n import tr

_SUFFIX = re.compile(r"^(?P<card>.*\S)\s*\((?P<pin>[^()]{1,32})\)$")
_SIGNING_WORDS = ("pin2", "sign", "sig ", "qes", "qualified", "nonrep", "pin 2")
_AUTH_WORDS = ("pin1", "auth", "basic", "pin 1", "aut ")


class PinRole(enum.StrEnum):
    """Which of a card's PINs guards a token; ONLY for a token that is a card by itself."""

    ONLY = ""
    SIGNING = "signing"
    AUTHENTICATION = "authentication"


def _role_from_name(pin: str) -> PinRole | None:
    words = pin.casefold() + " "
    if any(w in words for w in _SIGNING_WORDS):
        return PinRole.SIGNING
    if any(w in words for w in _AUTH_WORDS):
        return PinRole.AUTHENTICATION
    return None


def _role_from_certificates(token) -> PinRole | None:
    from desktop.tokens.auth import authentication_problem

    personal = [c for c in token.certificates if not c.is_ca]
    if any("non_repudiation" in c.key_usage for c in personal):
        return PinRole.SIGNING
    if any(authentication_problem(c) is None for c in personal):
        return PinRole.AUTHENTICATION
    return None


def group_cards(tokens: list) -> None:
    """Set `card_label` and `pin_role` on every TokenInfo in `tokens` (in place)."""
    buckets: dict[tuple[str, str], list] = defaultdict(list)
    for t in tokens:
        t.card_label, t.pin_role = t.label, PinRole.ONLY
        m = _SUFFIX.match(t.label)
        if m:
            buckets[(t.module, m["card"])].append((t, m["pin"]))
    for (_module, card), members in buckets.items():
        if len(members) < 2:
            continue
        roles = [_role_from_name(pin) or _role_from_certificates(t) for t, pin in members]
        for (t, _pin), role in zip(members, roles, strict=True):
            t.card_label = card
            t.pin_role = role or PinRole.ONLY


def card_members(tokens: list, token) -> list:
    """Every token of the card `token` belongs to (itself alone for a one-PIN card), signing PIN first."""
    members = [t for t in tokens if t.module == token.module and t.card_label == token.card_label]
    order = {PinRole.SIGNING: 0, PinRole.AUTHENTICATION: 1, PinRole.ONLY: 2}
    return sorted(members or [token], key=lambda t: (order[PinRole(t.pin_role)], t.label))


def pin_name(token) -> str:
    """The PIN by its name: "signing PIN", "authentication PIN", or just "PIN"."""
    role = PinRole(getattr(token, "pin_role", ""))
    if role is PinRole.SIGNING:
        return tr("signing PIN")
    if role is PinRole.AUTHENTICATION:
        return tr("authentication PIN")
    return tr("PIN")


def pin_prompt(token) -> str:
    """What a PIN prompt says: "Signing PIN for National ID", or "PIN for Citizen ID"."""
    role = PinRole(getattr(token, "pin_role", ""))
    if role is PinRole.SIGNING:
        return tr("Signing PIN for {card}", card=token.card_label)
    if role is PinRole.AUTHENTICATION:
        return tr("Authentication PIN for {card}", card=token.card_label)
    return tr("PIN for {token}", token=token.label)


def token_title(token) -> str:
    """How a list names the token: "National ID — signing PIN", or its label for a one-PIN card."""
    if PinRole(getattr(token, "pin_role", "")) is PinRole.ONLY:
        return token.label
    return tr("{card} — {pin}", card=token.card_label, pin=pin_name(token))
