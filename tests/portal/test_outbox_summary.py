"""The one-line status of an outbox entry, in the user's language."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from desktop.portal.model import SubmissionStatus
from desktop.portal.outbox import ItemState, OutboxItem

RU = json.loads((Path(__file__).resolve().parents[2] / "resources" / "i18n" / "ru.json").read_text())


def _sent(status: SubmissionStatus, reason: str | None = None) -> OutboxItem:
    return OutboxItem(id=1, idempotency_key="k", portal="https://portal", recipient_kind="eservice",
                      recipient_id="e1", recipient_name="E", subject="s", reference=None, state=ItemState.SENT,
                      created_at=0, updated_at=0, attempts=1, next_attempt_at=0, last_error=None, owner_pid=None,
                      lease_until=None, remote_id="r1", remote_status=status, remote_reason=reason, sent_at=0,
                      receipt=None, receipt_verified=True, receipt_problem=None)


def test_a_rejected_entry_reads_in_the_users_language_with_the_portals_reason(monkeypatch):
    item = _sent(SubmissionStatus.REJECTED, "Unsupported document type")
    assert item.summary == "rejected (Unsupported document type), receipt verified"
    monkeypatch.setenv("IMZA_LANG", "ru")
    assert item.summary == f"{RU['rejected']} (Unsupported document type), {RU['receipt verified']}"
    assert replace(item, remote_status=SubmissionStatus.DELIVERED, remote_reason=None).summary == \
        f"{RU['delivered']}, {RU['receipt verified']}"
