"""`imza tokens` and `imza modules`."""

from __future__ import annotations

import click

from desktop.cli.common import handle_errors, load_settings
from desktop.cli.output import echo, echo_json
from desktop.core.i18n import tr
from desktop.core.model import to_jsonable
from desktop.tokens import discovery
from desktop.tokens.cards import card_members, pin_name
from desktop.tokens.errors import unreadable_card_error
from desktop.tokens.session import list_tokens


def _cert_json(c) -> dict:
    problem = c.signing_problem()
    return {
        "id": c.cka_id, "label": c.label, "subject": c.subject, "issuer": c.issuer, "serial": c.serial,
        "not_before": c.not_before, "not_after": c.not_after, "key_usage": c.key_usage,
        "extended_key_usage": c.extended_key_usage, "sha256": c.sha256, "is_ca": c.is_ca,
        "fit_for_signing": c.fit_for_signing, "not_fit_because": problem.english if problem else None,
        "not_fit_code": str(problem.code) if problem else None,
    }


def _flags_text(t) -> str:
    flags = []
    if t.pin_pad:
        flags.append(tr("PIN pad"))
    if t.pin_locked:
        flags.append(tr("PIN LOCKED"))
    elif t.pin_final_try:
        flags.append(tr("final PIN try"))
    elif t.pin_count_low:
        flags.append(tr("PIN count low"))
    return ", ".join(flags) or tr("none")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@handle_errors
def tokens(as_json: bool) -> None:
    """List cards/tokens and their certificates, and which can sign."""
    settings = load_settings()
    found, modules = list_tokens(settings.get("pkcs11_module"))
    if as_json:
        out = {
            "modules": [to_jsonable(m) for m in modules],
            "tokens": [{
                "module": t.module, "slot": t.slot_id, "slot_description": t.slot_description,
                "label": t.label, "manufacturer": t.manufacturer, "model": t.model, "serial": t.serial,
                "flags": {"pin_pad": t.pin_pad, "login_required": t.login_required,
                          "pin_count_low": t.pin_count_low, "pin_final_try": t.pin_final_try,
                          "pin_locked": t.pin_locked},
                "card": t.card_label, "pin": t.pin_role or None,
                "certificates": [_cert_json(c) for c in t.certificates],
            } for t in found],
            "unreadable_cards": [{"module": u.module, "slot": u.slot_id, "reader": u.reader}
                                 for u in found.unreadable],
            "readers": found.readers,
        }
        echo_json(to_jsonable(out), ensure_ascii=True)
        return
    if not any(m.usable for m in modules):
        echo(tr("No PKCS#11 module could be loaded. Run `imza modules` to see why."))
    if found.readers:
        echo(tr("Card readers: {readers}", readers=", ".join(found.readers)))
    for u in found.unreadable:
        err = unreadable_card_error(u.reader)
        echo(str(err))
    if not found:
        if not found.unreadable:
            echo(tr("No card or token found. Insert your ID card (or plug in the token) and run `imza tokens` again."))
        return
    shown: set[int] = set()
    for t in found:
        if id(t) in shown:
            continue
        members = card_members(found, t)
        shown.update(id(m) for m in members)
        if len(members) == 1:
            _print_token(t, "")
            continue
        echo(tr("{card}  (one card, {n} PINs: {pins})", card=t.card_label, n=len(members),
                pins=", ".join(pin_name(m) for m in members)))
        for m in members:
            echo(f"  {pin_name(m)}: {m.label}")
            _print_token(m, "  ", title=False)


def _print_token(t, indent: str, *, title: bool = True) -> None:
    if title:
        echo(f"{indent}{t.label}  ({t.manufacturer} {t.model}, serial {t.serial}, slot {t.slot_id})")
    else:
        echo(f"{indent}  ({t.manufacturer} {t.model}, serial {t.serial}, slot {t.slot_id})")
    echo(f"{indent}  {tr('module')}: {t.module}")
    echo(f"{indent}  {tr('flags')}: {_flags_text(t)}")
    for c in t.certificates:
        if c.is_ca:
            continue
        verdict = tr("can sign") if c.fit_for_signing else tr("cannot sign: {why}", why=c.signing_problem().words())
        echo(f"{indent}  - {c.subject}")
        echo(f"{indent}      id {c.cka_id}  sha256 {c.sha256[:16]}…  {c.not_before:%Y-%m-%d} → {c.not_after:%Y-%m-%d}")
        echo(f"{indent}      {tr('issuer')}: {c.issuer}")
        echo(f"{indent}      {tr('key usage')}: {', '.join(c.key_usage) or '-'}  [{verdict}]")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@handle_errors
def modules(as_json: bool) -> None:
    """Show which PKCS#11 modules were found, where, and why one failed to load."""
    settings = load_settings()
    found = discovery.discover(settings.get("pkcs11_module"))
    if as_json:
        echo_json([to_jsonable(c) for c, _ in found], ensure_ascii=True)
        return
    if not found:
        err = discovery.no_module_error([])
        echo(f"{err.message} {err.hint}")
        return
    for c, lib in found:
        status = tr("loaded") + (f" ({c.description})" if c.description else "") if lib else tr("failed: {why}", why=c.error)
        echo(f"{c.path}  [{c.source}]  {status}")
