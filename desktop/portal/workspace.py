"""PortalWorkspace: the portal as the user works with it, for the CLI and the GUI alike.

One object holds the client, the outbox and the sender, and offers the steps of a submission:
choose a recipient (from the catalogue, or its cached copy when offline), check the documents,
put them in the outbox, send. Long steps take callbacks; nothing here prints.

The GUI, from a worker thread (the outbox may be shared with the window's thread):

    ws = PortalWorkspace.from_settings(settings, on_progress=signal.emit)
    # login: choose_authentication_certificate(token) → TokenSession.login(pin)
    #        → login.login_with_card(ws.client, session, cert)
    services = ws.catalogue(RecipientKind.SERVICE)         # .recipients, r.matches(search text)
    result = ws.submit(paths, recipient, subject, reference)  # DocumentRefused says why not
    # a timer: ws.sender.send_pending(); ws.sender.refresh_statuses()
    # the Outbox view: ws.outbox.list() → item.summary ("delivered, receipt verified"), retry
    #   = ws.sender.send_pending(ids=[id], due_only=False), cancel = ws.outbox.cancel(id)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.i18n import current_language, tr
from desktop.portal.checks import CheckedDocument, check_submission
from desktop.portal.client import PortalClient, PortalConfig
from desktop.portal.credentials import CredentialStore, Keeping, StoredLogin
from desktop.portal.errors import LoginRequired, OutboxError, PortalError, PortalUnavailable
from desktop.portal.model import Progress, Recipient, RecipientKind
from desktop.portal.outbox import Outbox, OutboxItem
from desktop.portal.sender import OutboxSender, RetryPolicy, SendResult
from desktop.verify.trust import TrustStore

_CATALOGUE_KIND = {RecipientKind.SERVICE: "services", RecipientKind.ORGANIZATION: "organizations"}


@dataclass
class Catalogue:
    """A recipient list, live or (`from_cache`) the kept copy, with why the live one could not be had."""

    recipients: list[Recipient]
    from_cache: bool = False
    fetched_at: float | None = None
    problem: str | None = None  # why the cached copy is shown


class PortalWorkspace:
    """The client, outbox and sender for one portal (module docstring); close() when done."""

    def __init__(self, config: PortalConfig, *, outbox: Outbox | None = None,
                 credentials: CredentialStore | None = None, trust: TrustStore | None = None,
                 policy: RetryPolicy | None = None, on_progress: Callable[[Progress], None] | None = None,
                 client: PortalClient | None = None, sleep: Callable[[float], None] | None = None,
                 keeping: Keeping = Keeping.STORE):
        """:param keeping: where a login made here is kept, unless `credentials` says (see Keeping)."""
        self.config = config
        credentials = credentials or CredentialStore(config.origin, keeping=keeping)
        self.client = client or PortalClient(config, credentials)
        self.outbox = outbox or Outbox()
        self.trust = trust
        extra = {"sleep": sleep} if sleep else {}
        self.sender = OutboxSender(self.outbox, self.client, policy=policy, on_progress=on_progress, **extra)

    @classmethod
    def from_settings(cls, settings, **kwargs) -> PortalWorkspace:
        """A workspace for the configured portal, verifying with the trust store of the settings unless `trust` is given."""
        kwargs.setdefault("trust", TrustStore.from_setting(settings.get("trust_dir")))
        return cls(PortalConfig.from_settings(settings), **kwargs)

    def close(self) -> None:
        self.client.close()
        self.outbox.close()

    def __enter__(self) -> PortalWorkspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- login -------------------------------------------------------------------------------

    def current_login(self) -> StoredLogin | None:
        return self.client.current_login()

    def require_login(self) -> StoredLogin:
        """The stored login; LoginRequired, saying how to log in, when there is none."""
        login = self.client.current_login()
        if login is None:
            raise LoginRequired("You are not logged in to the portal.",
                                "Log in with `imza login` (your card and PIN), then submit again; or add --login to log in "
                                "with the card for this submission only.")
        return login

    # --- catalogue ---------------------------------------------------------------------------

    def catalogue(self, kind: RecipientKind) -> Catalogue:
        """The portal's list, remembered for offline use; the remembered one if the portal is unreachable."""
        name = _CATALOGUE_KIND[kind]
        try:
            found = self.client.services() if kind is RecipientKind.SERVICE else self.client.organizations()
        except PortalUnavailable as e:
            cached = self.outbox.load_catalogue(self.config.origin, name)
            if cached is None:
                raise
            data, fetched_at = cached
            build = Recipient.service if kind is RecipientKind.SERVICE else Recipient.organization
            return Catalogue([build(d) for d in data], True, fetched_at, str(e))
        self.outbox.save_catalogue(self.config.origin, name, [_as_json(r) for r in found])
        return Catalogue(found)

    def recipient(self, kind: RecipientKind, recipient_id: str) -> tuple[Recipient, Catalogue]:
        """The recipient with that id in the (live or kept) catalogue, and the catalogue; PortalError naming the list command if none."""
        catalogue = self.catalogue(kind)
        for r in catalogue.recipients:
            if r.id == recipient_id:
                return r, catalogue
        what, command = (("e-service", "imza services") if kind is RecipientKind.SERVICE
                         else ("organisation", "imza organizations"))
        raise PortalError("The portal has no {what} {id!r}.",
                          "`{command}` lists them.", what=tr(what), id=recipient_id, command=command)

    # --- a submission ------------------------------------------------------------------------

    def check(self, paths: list[Path], recipient: Recipient,
              on_checked: Callable[[CheckedDocument], None] | None = None) -> list[CheckedDocument]:
        """`check_submission` of `paths` for `recipient`, verified with the workspace's trust store (else the bundled one)."""
        from desktop.verify.engine import verify_file

        trust = self.trust or TrustStore.bundled()

        def verify(path: Path, **options):
            return verify_file(path, trust, **options)

        return check_submission([Path(p) for p in paths], recipient, verify, on_checked=on_checked)

    def enqueue(self, documents: list[CheckedDocument], recipient: Recipient, subject: str,
                reference: str | None = None, *, allow_duplicate: bool = False) -> OutboxItem:
        """Queue checked documents for `recipient` (the files are copied into the outbox).

        Refuses, with OutboxError naming the earlier entry, documents already submitted to the same
        recipient unless `allow_duplicate`.
        """
        files = [f for d in documents for f in d.files]
        if not allow_duplicate:
            earlier = self.outbox.find_duplicate(self.config.origin, recipient, files)
            if earlier is not None:
                raise OutboxError(tr("These documents were already submitted to {name}: outbox entry {id} ({status}).",
                                     name=recipient.name.get(current_language()), id=earlier.id,
                                     status=earlier.summary),
                                  tr("`imza outbox show {id}` shows it; to send them once more anyway, use --again.",
                                     id=earlier.id))
        subject = subject.strip()
        if not subject or len(subject) > 300:
            raise OutboxError("The subject must be 1 to 300 characters.", "Give a shorter subject.")
        if reference and len(reference) > 100:
            raise OutboxError("The reference number must be at most 100 characters.", None)
        return self.outbox.add(self.config.origin, recipient, subject, reference or None, files)

    def submit(self, paths: list[Path], recipient: Recipient, subject: str, reference: str | None = None, *,
               allow_duplicate: bool = False,
               on_checked: Callable[[CheckedDocument], None] | None = None,
               on_queued: Callable[[OutboxItem], None] | None = None) -> SendResult:
        """Check, put in the outbox, send. A failure to send leaves the entry in the outbox."""
        self.require_login()
        documents = self.check(paths, recipient, on_checked)
        item = self.enqueue(documents, recipient, subject, reference, allow_duplicate=allow_duplicate)
        if on_queued:
            on_queued(item)
        return self.sender.send(item.id)


def _as_json(r: Recipient) -> dict:
    data = {"id": r.id, "name": vars(r.name), "accepted_formats": list(r.requirements.accepted_formats),
            "max_size_bytes": r.requirements.max_size_bytes, "required_level": str(r.requirements.required_level)}
    if r.kind is RecipientKind.SERVICE and r.organization_name:
        data["organization"] = {"id": r.organization_id, "name": vars(r.organization_name)}
    return data
