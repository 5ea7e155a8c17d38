"""OutboxSender: sends outbox entries until the portal has them, and follows their status.

Every attempt for an entry sends the same Idempotency-Key, so however often a connection
breaks or an answer is lost, the portal stores the submission once. A 429/503 is waited out
for as long as its Retry-After says; other transient failures back off exponentially. Waits
that are short are sat through now (the `attempts_now` of the policy); otherwise the entry
stays queued with the time of its next attempt, for `imza outbox retry` or the GUI's timer.
A send the user asked for (`imza outbox retry`, the outbox's "Send again") tries at once and
backs off from the start within its run, whatever earlier failures counted. A portal whose
certificate does not verify is not an outage: the entry is held, untouched, until the user
sends it again.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.errors import ImzaError
from desktop.core.i18n import tr
from desktop.portal.client import PortalClient, UploadFile
from desktop.portal.errors import (
    LoginRequired,
    OutboxError,
    PortalError,
    PortalIdentityError,
    PortalUnavailable,
)
from desktop.portal.model import Phase, Progress
from desktop.portal.outbox import ItemState, Outbox, OutboxItem
from desktop.portal.receipts import verify_receipt


@dataclass(frozen=True)
class RetryPolicy:
    """How long the sender keeps trying (see the module docstring); the defaults suit an interactive send."""

    attempts_now: int = 4  # attempts within one send() before the entry is left queued
    max_wait_now: float = 60.0  # the longest single wait sat through within send()
    base: float = 2.0  # backoff: base * 2**(attempts-1) seconds, capped, with jitter
    cap: float = 3600.0
    jitter: float = 0.2

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after `attempts` failures: exponential from `base`, at most `cap`, plus up to `jitter` of it at random."""
        delay = min(self.cap, self.base * 2 ** max(0, attempts - 1))
        return delay * (1 + random.uniform(0, self.jitter))


@dataclass
class SendResult:
    """An entry after a send: `sent` when the portal has it, else `error` says why (the entry may be queued again)."""

    item: OutboxItem
    error: ImzaError | None = None

    @property
    def sent(self) -> bool:
        return self.item.state is ItemState.SENT

    @property
    def deferred(self) -> bool:
        """Kept in the outbox for a later attempt (network, portal busy, login needed)."""
        return self.item.state is ItemState.QUEUED


class OutboxSender:
    """Sends outbox entries and follows their status (module docstring); `sleep` is injectable for tests."""

    def __init__(self, outbox: Outbox, client: PortalClient, *, policy: RetryPolicy | None = None,
                 on_progress: Callable[[Progress], None] | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.outbox = outbox
        self.client = client
        self.policy = policy or RetryPolicy()
        self.on_progress = on_progress
        self.sleep = sleep  # the GUI passes one that returns early when the user cancels

    def _progress(self, item_id: int, phase: Phase, message: str = "", **kw) -> None:
        if self.on_progress:
            self.on_progress(Progress(item_id, phase, message, **kw))

    def send(self, item_id: int, *, manual: bool = False) -> SendResult:
        """Send one entry now (it must be queued, or left "sending" by a sender that died).

        :param manual: the user asked for it: waits within this run start from the policy's
            shortest backoff instead of the one the entry's earlier failures reached.
        """
        item = self.outbox.claim(item_id)
        if item is None:
            current = self.outbox.get(item_id)
            if current.state is ItemState.SENDING:
                return SendResult(current, OutboxError("Outbox entry {id} is being sent by another Imza window "
                                                       "or command.", "Wait for it to finish.", id=item_id))
            return SendResult(current)
        try:
            return self._attempts(item, manual)
        except BaseException as e:
            # A bug or Ctrl+C: give the entry back rather than leave it claimed by a live process.
            self.outbox.defer(item.id, f"interrupted: {type(e).__name__}", time.time())
            raise

    def _attempts(self, item: OutboxItem, manual: bool) -> SendResult:
        uploads = [UploadFile(f.name, f.path, f.content_type) for f in item.files]
        missing = [f.path for f in item.files if not f.path.is_file()]
        if missing:
            err = OutboxError("The outbox copy {path} is missing.",
                              "Cancel this entry and submit the document again.", path=missing[0])
            return SendResult(self.outbox.fail(item.id, str(err)), err)
        attempts = item.attempts
        for attempt in range(1, self.policy.attempts_now + 1):
            self._progress(item.id, Phase.SENDING, tr("sending to {portal}", portal=item.portal))
            try:
                remote = self.client.submit(
                    item.idempotency_key, item.metadata, uploads,
                    on_upload=lambda sent, total: self._progress(item.id, Phase.UPLOADING,
                                                                 sent_bytes=sent, total_bytes=total))
            except LoginRequired as e:
                self._progress(item.id, Phase.DEFERRED, str(e))
                return SendResult(self.outbox.defer(item.id, str(e), time.time()), e)
            except PortalIdentityError as e:
                self._progress(item.id, Phase.DEFERRED, str(e))
                return SendResult(self.outbox.hold(item.id, str(e)), e)
            except PortalUnavailable as e:
                attempts += 1
                backoff = self.policy.backoff(attempt if manual else attempts)
                wait = e.retry_after if e.retry_after is not None else backoff
                if attempt < self.policy.attempts_now and wait <= self.policy.max_wait_now:
                    self.outbox.count_attempt(item.id, str(e))
                    self._progress(item.id, Phase.WAITING, str(e), wait_seconds=wait)
                    self.sleep(wait)
                    continue
                later = max(wait, self.policy.backoff(attempts))
                self._progress(item.id, Phase.DEFERRED, str(e), wait_seconds=later)
                return SendResult(self.outbox.defer(item.id, str(e), time.time() + later), e)
            except PortalError as e:
                self._progress(item.id, Phase.FAILED, str(e))
                return SendResult(self.outbox.fail(item.id, str(e)), e)
            check = verify_receipt(remote.receipt, receipt_cert=self.client.config.receipt_cert,
                                   submission_id=remote.id, idempotency_key=item.idempotency_key,
                                   file_hashes=[f.sha256 for f in item.files])
            done = self.outbox.mark_sent(item.id, remote, check)
            self._progress(item.id, Phase.SENT, done.summary)
            return SendResult(done)
        raise AssertionError("unreachable: the last attempt always returns")

    def send_pending(self, *, due_only: bool = True, ids: list[int] | None = None) -> list[SendResult]:
        """Send what is waiting: due entries (or all queued ones), or just the given ids.

        Stops after a LoginRequired: the others would fail the same way.
        """
        if ids:
            items = [self.outbox.requeue(i) for i in ids]
        else:
            items = self.outbox.claimable(due_only=due_only)
        manual = bool(ids) or not due_only  # asked for by the user, not the timer
        results = []
        for item in items:
            if item.state not in (ItemState.QUEUED, ItemState.SENDING):
                results.append(SendResult(item))
                continue
            result = self.send(item.id, manual=manual)
            results.append(result)
            if isinstance(result.error, LoginRequired):
                break
        return results

    def refresh_statuses(self) -> list[OutboxItem]:
        """Ask the portal about every sent entry whose status is not final yet.

        An entry the portal answers no about (404, an unusable id) keeps its last known status and
        the others are still asked about; being unreachable or logged out stops the round.
        """
        updated = []
        for item in self.outbox.awaiting_status():
            try:
                remote = self.client.submission(item.remote_id)
            except (PortalUnavailable, LoginRequired):
                raise
            except PortalError as e:
                self._progress(item.id, Phase.STATUS, tr("status not refreshed: {error}", error=e))
                continue
            if remote.status != item.remote_status or remote.reason != item.remote_reason:
                item = self.outbox.update_status(item.id, remote)
                self._progress(item.id, Phase.STATUS, item.summary)
            updated.append(item)
        return updated
