"""`imza login|logout|services|organizations|submit|outbox`: the e-government portal."""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime
from pathlib import Path

import click

from desktop.cli.common import handle_errors, load_settings, token_login
from desktop.cli.output import echo, echo_json
from desktop.core.i18n import current_language, tr
from desktop.core.model import to_jsonable
from desktop.portal.credentials import Keeping
from desktop.portal.errors import (
    EXIT_QUEUED,
    EXIT_RECEIPT_UNVERIFIED,
    PortalError,
)
from desktop.portal.model import Phase, Progress, RecipientKind
from desktop.portal.outbox import ItemState, OutboxItem
from desktop.portal.receipts import verify_receipt
from desktop.portal.workspace import PortalWorkspace


def _workspace(**kwargs) -> PortalWorkspace:
    return PortalWorkspace.from_settings(load_settings(), **kwargs)


def _show_progress(p: Progress) -> None:
    if p.phase is Phase.WAITING:
        echo(tr("  {problem}; trying again in {n:.0f} s", problem=p.message, n=p.wait_seconds or 0), err=True)
    elif p.phase is Phase.SENDING:
        echo(tr("  entry {id}: {what}", id=p.item_id, what=p.message), err=True)


def _when(ts: float | None) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S") if ts else "-"


@click.command()
@click.option("--token", "token_label", help="Label of the card/token (see `imza tokens`).")
@click.option("--cert", "cert_selector", help="Certificate ID or SHA-256 fingerprint to log in with.")
@click.option("--pin-stdin", is_flag=True, help="Read the PIN from the first line of standard input.")
@handle_errors
def login(token_label, cert_selector, pin_stdin) -> None:
    """Log in to the portal with your card (its authentication certificate and PIN).

    The portal's refresh token is kept in your system's password store, never in a file.
    """
    with _workspace() as ws:
        ws.client.credentials.check_available()  # no secure store: say so before the PIN is asked
        subject = _card_login(ws, token_label, cert_selector, pin_stdin)
    echo(tr("Logged in to {portal} as {name}.", portal=ws.config.origin, name=subject.name))


@click.command()
@handle_errors
def logout() -> None:
    """Log out of the portal: forget the login kept in the password store."""
    with _workspace() as ws:
        was = ws.client.logout()
    echo(tr("Logged out.") if was else tr("You were not logged in."))


def _catalogue_command(kind: RecipientKind):
    @click.option("--search", "query", help="Only those whose name or id contains this text (any language).")
    @click.option("--json", "as_json", is_flag=True, help="JSON output.")
    @handle_errors
    def command(query, as_json) -> None:
        with _workspace() as ws:
            catalogue = ws.catalogue(kind)
        if catalogue.from_cache:
            echo(tr("The portal cannot be reached ({problem}); this list was saved on {when}.",
                    problem=catalogue.problem, when=_when(catalogue.fetched_at)), err=True)
        found = [r for r in catalogue.recipients if r.matches(query or "")]
        if as_json:
            echo_json(to_jsonable(found))
            return
        lang = current_language()
        for r in found:
            rules = r.requirements
            echo(f"{r.id}  {r.name.get(lang)}")
            if r.organization_name:
                echo(f"    {r.organization_name.get(lang)}")
            echo("    " + tr("accepts {formats}, up to {mb:.1f} MB, level {level} or higher",
                             formats="/".join(f.upper() for f in rules.accepted_formats),
                             mb=rules.max_size_bytes / 1048576, level=rules.required_level))

    return command


services = click.command(name="services", help="The portal's e-services (id, name, what they accept).")(
    _catalogue_command(RecipientKind.SERVICE))
organizations = click.command(name="organizations", help="Organisations you can send letters to.")(
    _catalogue_command(RecipientKind.ORGANIZATION))


def _card_login(ws: PortalWorkspace, token_label: str | None, cert_selector: str | None, pin_stdin: bool):
    """The card's authentication certificate logs in; the login is kept as ws's credentials say."""
    from desktop.portal.login import login_with_card
    from desktop.tokens.auth import choose_authentication_certificate
    from desktop.tokens.session import TokenSession, choose_token, list_tokens

    settings = load_settings()
    found, _ = list_tokens(settings.get("pkcs11_module"))
    token = choose_token(found, token_label or settings.get("default_token") or None, purpose="login")
    cert = choose_authentication_certificate(token, cert_selector)
    with TokenSession(token) as session:
        token_login(session, token, pin_stdin)
        return login_with_card(ws.client, session, cert)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--service", "service_id", help="The e-service to apply to (see `imza services`).")
@click.option("--to", "organization_id", help="The organisation to send a letter to (see `imza organizations`).")
@click.option("--subject", help="Subject (default for an e-service: its name).")
@click.option("--reference", help="Your reference number.")
@click.option("--again", is_flag=True, help="Send even if the same documents were already submitted there.")
@click.option("--login", "login_now", is_flag=True,
              help="Log in with the card for this command only (kept in memory, nothing stored; "
                   "for a desktop without a password store).")
@click.option("--token", "token_label", help="With --login: label of the card/token.")
@click.option("--cert", "cert_selector", help="With --login: certificate ID or SHA-256 fingerprint to log in with.")
@click.option("--pin-stdin", is_flag=True, help="With --login: read the PIN from the first line of standard input.")
@handle_errors
def submit(files, service_id, organization_id, subject, reference, again, login_now, token_label, cert_selector,
           pin_stdin) -> None:
    """Submit signed FILES to an e-service (--service) or an organisation (--to).

    \b
    The documents are verified first; the submission then goes into the outbox and is sent.
    If it cannot be sent now it stays in the outbox (exit status 75): `imza outbox retry`.
    Exit status 13: the portal took it but its receipt does not verify; 14: the portal's
    certificate could not be verified (nothing was sent).
    """
    if bool(service_id) == bool(organization_id):
        raise click.UsageError(tr("Give exactly one of --service ID and --to ORGANIZATION."))
    if organization_id and not subject:
        raise click.UsageError(tr("A letter needs a subject: --subject TEXT."))
    kind = RecipientKind.SERVICE if service_id else RecipientKind.ORGANIZATION
    keeping = Keeping.MEMORY if login_now else Keeping.STORE
    with _workspace(on_progress=_show_progress, keeping=keeping) as ws, _one_time_login(ws, login_now):
        if login_now:
            who = _card_login(ws, token_label, cert_selector, pin_stdin)
            echo(tr("Logged in to {portal} as {name}, for this command only.", portal=ws.config.origin,
                    name=who.name), err=True)
        ws.require_login()
        recipient, catalogue = ws.recipient(kind, service_id or organization_id)
        if catalogue.from_cache:
            echo(tr("The portal cannot be reached; using its catalogue saved on {when}.",
                    when=_when(catalogue.fetched_at)), err=True)

        def checked(doc) -> None:
            levels = ", ".join(s.level or "?" for s in doc.report.signatures)
            echo(tr("{path}: {indication}, {levels}", path=doc.source, indication=doc.report.worst,
                    levels=levels), err=True)

        def queued(item: OutboxItem) -> None:
            echo(tr("In the outbox as entry {id}.", id=item.id), err=True)

        result = ws.submit(list(files), recipient, subject or recipient.name.get(current_language()), reference,
                           allow_duplicate=again, on_checked=checked, on_queued=queued)
    item = result.item
    if result.sent:
        echo(tr("Entry {id}: submission {remote}, {summary}.", id=item.id, remote=item.remote_id,
                summary=item.summary))
        if not item.receipt_verified:
            _receipt_not_verified(item)
            sys.exit(EXIT_RECEIPT_UNVERIFIED)
        return
    if result.deferred:
        echo(tr("Not sent yet: {error}", error=result.error), err=True)
        echo(tr("It stays in the outbox as entry {id}; send it with `imza outbox retry {id}`.", id=item.id),
             err=True)
        sys.exit(result.error.exit_code if result.error else EXIT_QUEUED)
    raise result.error


@contextlib.contextmanager
def _one_time_login(ws: PortalWorkspace, active: bool):
    """A --login is given back to the portal when the command ends (nothing kept it anyway)."""
    try:
        yield
    finally:
        if active:
            with contextlib.suppress(PortalError):
                ws.client.logout()


def _receipt_not_verified(item: OutboxItem) -> None:
    echo("imza: " + tr("The portal took entry {id} as submission {remote}, but its receipt does NOT verify: "
                       "{problem}.", id=item.id, remote=item.remote_id, problem=item.receipt_problem), err=True)
    echo(tr("Do not rely on this submission until this is cleared up: `imza outbox show {id}` shows the "
            "receipt; check portal_receipt_cert, then contact the portal's operator.", id=item.id), err=True)


@click.group()
def outbox() -> None:
    """Submissions waiting to be sent, and those sent: status and receipts."""


@outbox.command(name="list")
@click.option("--no-refresh", is_flag=True, help="Do not ask the portal for new statuses.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@handle_errors
def outbox_list(no_refresh, as_json) -> None:
    """Every outbox entry with its state ("delivered, receipt verified", "waiting to be sent", ...)."""
    with _workspace() as ws:
        if not no_refresh and ws.outbox.awaiting_status():
            try:
                ws.sender.refresh_statuses()
            except PortalError as e:
                echo(tr("Statuses not refreshed: {error}", error=e), err=True)
        items = ws.outbox.list()
    if as_json:
        echo_json([_item_json(i) for i in items])
        return
    if not items:
        echo(tr("The outbox is empty."))
    for i in items:
        target = f"{'→' if i.recipient_kind == 'organization' else '@'} {i.recipient_name}"
        echo(f"{i.id:>4}  {_when(i.created_at)}  {target}  «{i.subject}»  {i.summary}"
             + (f"  [{i.remote_id}]" if i.remote_id else ""))


def _item_json(i: OutboxItem) -> dict:
    data = to_jsonable({k: v for k, v in vars(i).items() if k not in ("receipt", "files")})
    data["files"] = [to_jsonable(vars(f)) for f in i.files]
    data["summary"] = i.summary
    return data


@outbox.command()
@click.argument("item_id", type=int)
@click.option("--receipt-out", type=click.Path(path_type=Path), help="Save the portal's receipt (CMS, DER) there.")
@click.option("--json", "as_json", is_flag=True, help="JSON output.")
@handle_errors
def show(item_id, receipt_out, as_json) -> None:
    """One entry: what was sent where, its status, and the portal's receipt (checked again)."""
    with _workspace() as ws:
        item = ws.outbox.get(item_id)
        check = None
        if item.receipt:
            check = verify_receipt(item.receipt, receipt_cert=ws.config.receipt_cert, submission_id=item.remote_id,
                                   idempotency_key=item.idempotency_key, file_hashes=[f.sha256 for f in item.files])
    if receipt_out and item.receipt:
        from desktop.fsio import write_atomic

        write_atomic(receipt_out, item.receipt)
    if as_json:
        echo_json({**_item_json(item), "receipt_check": to_jsonable(check)})
        return
    echo(tr("Entry {id}: {summary}", id=item.id, summary=item.summary))
    echo(f"  {tr('to')}: {item.recipient_name} ({item.recipient_kind} {item.recipient_id})")
    echo(f"  {tr('subject')}: {item.subject}" + (f"   {tr('reference')}: {item.reference}" if item.reference else ""))
    echo(f"  {tr('portal')}: {item.portal}   Idempotency-Key: {item.idempotency_key}")
    echo(f"  {tr('queued')}: {_when(item.created_at)}   {tr('attempts')}: {item.attempts}"
         + (f"   {tr('sent')}: {_when(item.sent_at)}" if item.sent_at else ""))
    if item.last_error and item.state is not ItemState.SENT:
        echo(f"  {tr('last error')}: {item.last_error}")
    for f in item.files:
        echo(f"  {tr('file')}: {f.name}  {f.size} bytes  SHA-256 {f.sha256}")
    if item.remote_id:
        echo(f"  {tr('submission')}: {item.remote_id}, {item.remote_status}"
             + (f" ({item.remote_reason})" if item.remote_reason else ""))
    if check is not None:
        echo(f"  {tr('receipt')}: " + (tr("verified") if check.verified else tr("NOT verified: {problem}",
                                                                                 problem=check.problem)))
        echo(f"    {tr('signed by')}: {check.signer or '-'}   {tr('at')}: {check.signed_at or '-'}")
        echo(f"    {tr('received at')}: {check.received_at or '-'}   {tr('submission')}: {check.submission_id}")
        for f in check.files:
            echo(f"    {f.get('name')}  SHA-256 {f.get('sha256')}")
    if receipt_out and item.receipt:
        echo(tr("Receipt saved to {path}", path=receipt_out))


@outbox.command()
@click.argument("item_ids", nargs=-1, type=int)
@handle_errors
def retry(item_ids) -> None:
    """Send waiting entries now (all, or the IDs given; a refused one is tried once more), then refresh statuses.

    An entry whose sending was interrupted (the program killed, the computer switched off) is
    sent again with the same key: the portal keeps it once.
    """
    with _workspace(on_progress=_show_progress) as ws:
        results = ws.sender.send_pending(due_only=False, ids=list(item_ids) or None)
        for r in results:
            i = r.item
            if r.sent:
                echo(tr("Entry {id}: submission {remote}, {summary}.", id=i.id, remote=i.remote_id,
                        summary=i.summary))
                if not i.receipt_verified:
                    _receipt_not_verified(i)
            elif r.error:
                echo(tr("Entry {id}: {error}", id=i.id, error=r.error), err=True)
            else:
                echo(tr("Entry {id}: {summary}", id=i.id, summary=i.summary))
        if not results:
            echo(tr("Nothing waits to be sent."), err=True)
        try:
            ws.sender.refresh_statuses()
        except PortalError as e:
            echo(tr("Statuses not refreshed: {error}", error=e), err=True)
    failed = [r for r in results if r.error and not r.sent]
    if failed:  # a certificate that does not verify (14), a login needed (10), a refusal (9), or 75
        sys.exit(min(failed, key=lambda r: r.error.exit_code == EXIT_QUEUED).error.exit_code)
    if any(r.deferred for r in results):
        sys.exit(EXIT_QUEUED)
    if any(r.sent and not r.item.receipt_verified for r in results):
        sys.exit(EXIT_RECEIPT_UNVERIFIED)


@outbox.command()
@click.argument("item_id", type=int)
@handle_errors
def cancel(item_id) -> None:
    """Cancel an entry not yet received by the portal (its copies of the files are deleted)."""
    with _workspace() as ws:
        item = ws.outbox.cancel(item_id)
    echo(tr("Entry {id} cancelled.", id=item.id))
