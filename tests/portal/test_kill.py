"""`imza submit` killed with SIGKILL mid-request: the next `imza outbox retry` delivers it once."""

from __future__ import annotations

import signal

import pytest


@pytest.mark.parametrize("when", ["before", "after"], ids=["killed-before-the-portal-stored-it",
                                                          "killed-after-the-portal-stored-it"])
def test_kill_9_during_sending_then_retry_delivers_once(cli, portal, signed, when):
    # The portal holds the request (before or after storing it) until the client is gone.
    portal.fault(mode="slow", delay=300, when=when)
    proc = cli.popen("submit", signed.citizen_bt, "--service", "appeal", "--subject", f"Killed {when}", "--again")
    try:
        if when == "after":
            portal.wait("submission-stored")
        else:
            portal.wait("request", path="/v1/submissions")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    entry = cli.entries()[-1]
    assert entry.subject == f"Killed {when}"
    assert entry.state == "sending" and "interrupted" in entry.summary  # its sender no longer exists
    assert len(portal.stored(entry.idempotency_key)) == (1 if when == "after" else 0)

    retry = cli.run("outbox", "retry")
    assert retry.returncode == 0, retry.stderr
    assert f"Entry {entry.id}: submission" in retry.stdout and "receipt verified" in retry.stdout
    assert len(portal.stored(entry.idempotency_key)) == 1
    attempts = portal.events("request", "/v1/submissions")
    assert [a["idempotency_key"] for a in attempts] == [entry.idempotency_key] * 2  # one key, both times
    assert cli.entries()[-1].state == "sent"
