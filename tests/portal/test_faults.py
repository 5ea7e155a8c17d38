"""Whatever the network or the portal does, each submission is stored exactly once."""

from __future__ import annotations

import pytest

from desktop.portal.model import Phase, RecipientKind
from desktop.portal.outbox import ItemState
from tests.portal.conftest import make_workspace

FAULTS = [
    pytest.param({"mode": "drop", "when": "before"}, id="connection-dropped-before-storing"),
    pytest.param({"mode": "drop", "when": "after"}, id="connection-dropped-after-storing"),
    pytest.param({"mode": "error", "status": 500, "when": "before"}, id="500-before-storing"),
    pytest.param({"mode": "error", "status": 500, "when": "after"}, id="500-after-storing"),
    pytest.param({"mode": "error", "status": 503, "retry_after": 1}, id="503-retry-after"),
    pytest.param({"mode": "error", "status": 429, "retry_after": 1}, id="429-retry-after"),
    pytest.param({"mode": "slow", "delay": 4, "when": "before"}, id="slow-answer-before-storing"),
    pytest.param({"mode": "slow", "delay": 4, "when": "after"}, id="slow-answer-after-storing"),
]


@pytest.fixture
def citizen(portal, citizen_login, memory_keyring, demo, tmp_path):
    # A short read timeout, so a slow answer counts as a lost one.
    ws = make_workspace(portal, memory_keyring, demo, tmp_path, read_timeout=1.5)
    yield ws
    ws.close()


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_gives_exactly_one_stored_submission(citizen, portal, signed, fault):
    waits = []
    citizen.sender.on_progress = lambda p: waits.append(p.wait_seconds) if p.phase is Phase.WAITING else None
    appeal, _ = citizen.recipient(RecipientKind.SERVICE, "appeal")
    portal.fault(**fault)
    result = citizen.submit([signed.citizen_bt], appeal, "Despite the network")
    assert result.sent, result.error
    assert result.item.receipt_verified
    assert len(portal.stored(result.item.idempotency_key)) == 1
    attempts = portal.events("request", "/v1/submissions")
    assert len(attempts) == 2
    assert {a["idempotency_key"] for a in attempts} == {result.item.idempotency_key}
    if fault.get("when") == "after":
        assert len(portal.events("submission-replayed")) == 1  # the second attempt got the stored one back
    if "retry_after" in fault:
        assert waits == [fault["retry_after"]]
        # measured by the server: the client waited at least as long as it was told
        assert attempts[1]["at"] - attempts[0]["at"] >= fault["retry_after"]


def test_a_long_retry_after_is_not_sat_through_but_scheduled(citizen, portal, signed):
    appeal, _ = citizen.recipient(RecipientKind.SERVICE, "appeal")
    portal.fault(mode="error", status=429, retry_after=600)
    result = citizen.submit([signed.citizen_bt], appeal, "Later")
    assert result.deferred and result.item.state is ItemState.QUEUED
    assert result.item.next_attempt_at >= result.item.updated_at + 599
    assert "429" in result.item.last_error
    assert citizen.sender.send_pending() == []  # not due: nothing is sent before the portal asked
    (later,) = citizen.sender.send_pending(due_only=False)  # the user's "retry now"
    assert later.sent and len(portal.stored(later.item.idempotency_key)) == 1


def test_persistent_failures_back_off_and_keep_the_entry(citizen, portal, signed):
    appeal, _ = citizen.recipient(RecipientKind.SERVICE, "appeal")
    portal.fault(mode="error", status=500, times=100)
    waits = []
    citizen.sender.on_progress = lambda p: waits.append(p.wait_seconds) if p.phase is Phase.WAITING else None
    result = citizen.submit([signed.citizen_bt], appeal, "Down for a while")
    assert result.deferred and result.item.attempts == 4
    assert len(waits) == 3 and waits[0] < waits[1] < waits[2]  # exponential backoff between attempts
    assert portal.stored(result.item.idempotency_key) == []
    portal.reset()
    (later,) = citizen.sender.send_pending(due_only=False)
    assert later.sent and len(portal.stored(later.item.idempotency_key)) == 1
