"""A hostile or misconfigured portal (issue 14, items 3, 10-13): answers read with a limit,
ids that cannot redirect the client, receipts that fail, certificates that do not verify, and
a retry the user asks for that does not wait out the automatic backoff."""

from __future__ import annotations

import datetime
import tracemalloc
from pathlib import Path

import pytest

from desktop.portal.client import PortalConfig
from desktop.portal.credentials import CredentialStore
from desktop.portal.errors import PortalError, PortalIdentityError, ResponseTooLarge
from desktop.portal.model import (
    Phase,
    ReceiptCheck,
    RecipientKind,
    RemoteSubmission,
    SubmissionStatus,
)
from desktop.portal.outbox import ItemState, Outbox
from desktop.portal.sender import RetryPolicy
from desktop.portal.workspace import PortalWorkspace
from desktop.verify.trust import TrustStore
from tests.portal.conftest import make_workspace

HOSTILE_ID = "../../auth/logout?x="


def other_ca(folder: Path) -> Path:
    """A CA certificate that has nothing to do with the portal's (a PEM file)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Somebody Else's Root")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    path = folder / "other-root.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def workspace_with(portal, keyring, demo, tmp_path, *, ca: Path | None = None, receipt: Path | None = None,
                   policy: RetryPolicy | None = None, sleep=None, **config) -> PortalWorkspace:
    config = PortalConfig(portal.url, ca or portal.ca, receipt or portal.receipt_cert, **config)
    return PortalWorkspace(config, outbox=Outbox(tmp_path / "outbox" / "outbox.sqlite"),
                           credentials=CredentialStore(config.origin, keyring),
                           trust=TrustStore.from_dir(demo.trust_dir),
                           policy=policy or RetryPolicy(attempts_now=4, base=0.05, max_wait_now=10), sleep=sleep)


# --- item 3: every answer read with a limit ----------------------------------------------------

def test_a_huge_answer_is_given_up_at_the_limit(portal, citizen_login, memory_keyring, demo, tmp_path):
    """The portal streams 200 MB for /v1/services: the client stops at its 1 MB limit, memory flat."""
    portal.fault(path="/v1/services", method="GET", mode="huge", size=200 * 1024 * 1024)
    with workspace_with(portal, memory_keyring, demo, tmp_path, max_response_bytes=1024 * 1024) as ws:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLarge) as err:
                ws.client.services()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert "larger than 1 MB" in str(err.value) and "stopped reading" in str(err.value)
    assert peak < 8 * 1024 * 1024, peak
    # the next request is answered normally
    with workspace_with(portal, memory_keyring, demo, tmp_path) as ws:
        assert ws.client.services()


def test_imza_services_stops_reading_a_huge_answer(cli, portal):
    portal.fault(path="/v1/services", method="GET", mode="huge", size=64 * 1024 * 1024)
    proc = cli.run("services")
    assert proc.returncode == 9, proc.stderr
    assert "larger than 8 MB; Imza stopped reading it" in proc.stderr


# --- item 10: submission ids -------------------------------------------------------------------

def test_a_hostile_submission_id_never_becomes_an_api_path(workspace, portal, signed):
    appeal, _ = workspace.recipient(RecipientKind.SERVICE, "appeal")
    portal.fault(path="/v1/submissions", mode="patch", when="after", patch={"id": HOSTILE_ID})
    result = workspace.submit([signed.citizen_bt], appeal, "A hostile id")
    assert isinstance(result.error, PortalError)
    assert "submission id its API does not allow" in str(result.error)
    workspace.sender.refresh_statuses()
    paths = {e["path"] for e in portal.events("request")}
    assert paths <= {"/v1/services", "/v1/auth/refresh", "/v1/submissions"}, paths


def _sent_entry(outbox: Outbox, workspace, signed, remote_id: str):
    """An entry as an older Imza may have stored it: sent, with the portal's id as it came."""
    appeal, _ = workspace.recipient(RecipientKind.SERVICE, "appeal")
    docs = workspace.check([signed.citizen_bt], appeal)
    item = outbox.add(workspace.config.origin, appeal, f"Stored as {remote_id}", None,
                      [f for d in docs for f in d.files])
    outbox.claim(item.id)
    remote = RemoteSubmission(remote_id, SubmissionStatus.RECEIVED, None, "2026-12-07T00:00:00Z",
                              "2026-12-07T00:00:00Z", [], b"")
    return outbox.mark_sent(item.id, remote, ReceiptCheck(False, "test"))


def test_stored_hostile_or_unknown_ids_do_not_break_the_status_refresh(workspace, portal, signed):
    hostile = _sent_entry(workspace.outbox, workspace, signed, HOSTILE_ID)
    unknown = _sent_entry(workspace.outbox, workspace, signed, "no-such-submission")
    problems = []
    workspace.sender.on_progress = lambda p: problems.append((p.item_id, p.message))
    workspace.sender.refresh_statuses()  # neither raises
    assert [i for i, _ in problems] == [hostile.id, unknown.id]
    assert "not one the portal's API allows" in problems[0][1]
    asked = [e["path"] for e in portal.events("request") if e["path"] not in ("/v1/auth/refresh", "/v1/services")]
    assert asked == ["/v1/submissions/no-such-submission"]


def test_imza_outbox_list_survives_a_hostile_id(cli, portal, signed, workspace):
    with Outbox(cli.home / "data" / "portal" / "outbox.sqlite") as outbox:
        _sent_entry(outbox, workspace, signed, HOSTILE_ID)
    portal.reset()
    proc = cli.run("outbox", "list")
    assert proc.returncode == 0, proc.stderr
    assert "Stored as" in proc.stdout
    assert all(e["path"].startswith("/v1/submissions/") or e["path"] == "/v1/auth/refresh"
               for e in portal.events("request")), portal.events("request")
    assert not any("logout" in e["path"] for e in portal.events("request"))


# --- item 11: a receipt that does not verify ------------------------------------------------------

def test_submit_exits_13_when_the_receipt_does_not_verify(cli, portal, signed, demo):
    wrong = demo.trust_dir / "imza-demo-root.pem"  # not the portal's receipt certificate
    assert cli.run("config", "set", "portal_receipt_cert", wrong).returncode == 0
    try:
        proc = cli.run("submit", signed.citizen_bt, "--service", "appeal", "--again")
    finally:
        assert cli.run("config", "set", "portal_receipt_cert", portal.receipt_cert).returncode == 0
    assert proc.returncode == 13, proc.stderr
    assert "its receipt does NOT verify" in proc.stderr
    assert "not signed with the portal's receipt certificate" in proc.stderr


# --- item 12: a certificate that does not chain to the configured CAs ------------------------------

def test_a_portal_certificate_that_does_not_verify_is_its_own_error(cli, portal, signed, tmp_path):
    assert cli.run("services").returncode == 0  # a saved catalogue exists: it must not hide the problem
    before = len(cli.entries())
    assert cli.run("config", "set", "portal_ca_bundle", other_ca(tmp_path)).returncode == 0
    portal.reset()
    try:
        proc = cli.run("submit", signed.citizen_bt, "--service", "appeal", "--again")
    finally:
        assert cli.run("config", "set", "portal_ca_bundle", portal.ca).returncode == 0
    assert proc.returncode == 14, proc.stderr
    assert "could not be verified" in proc.stderr and "Nothing was sent" in proc.stderr
    assert "cannot be reached" not in proc.stderr and "catalogue saved on" not in proc.stderr
    assert len(cli.entries()) == before
    assert portal.events("request") == []
    # the catalogue alone: the same error, no saved copy shown instead
    assert cli.run("config", "set", "portal_ca_bundle", other_ca(tmp_path)).returncode == 0
    try:
        proc = cli.run("services")
    finally:
        assert cli.run("config", "set", "portal_ca_bundle", portal.ca).returncode == 0
    assert proc.returncode == 14 and "saved on" not in proc.stderr and "could not be verified" in proc.stderr


def test_an_unverified_portal_is_not_retried_automatically(portal, citizen_login, memory_keyring, demo, tmp_path,
                                                              signed):
    with make_workspace(portal, memory_keyring, demo, tmp_path) as good:
        appeal, _ = good.recipient(RecipientKind.SERVICE, "appeal")
        item = good.enqueue(good.check([signed.citizen_bt], appeal), appeal, "Held", None)
    phases = []
    with workspace_with(portal, memory_keyring, demo, tmp_path, ca=other_ca(tmp_path),
                        sleep=lambda s: pytest.fail("an identity failure is not waited out")) as bad:
        bad.sender.on_progress = lambda p: phases.append(p.phase)
        result = bad.sender.send(item.id)
        assert isinstance(result.error, PortalIdentityError) and result.error.exit_code == 14
        assert Phase.WAITING not in phases
        held = bad.outbox.get(item.id)
        assert held.state is ItemState.QUEUED and held.attempts == 1
        assert held.summary.startswith("held: The identity of the portal")
        assert bad.sender.send_pending() == []  # the timer leaves it alone
    with make_workspace(portal, memory_keyring, demo, tmp_path) as good:
        assert good.sender.send_pending() == []
        (sent,) = good.sender.send_pending(ids=[item.id], due_only=False)  # the user's "send again"
        assert sent.sent and sent.item.receipt_verified


# --- item 13: a retry the user asks for tries now ---------------------------------------------------

def test_a_manual_retry_does_not_wait_out_the_automatic_backoff(portal, citizen_login, memory_keyring, demo,
                                                                   tmp_path, signed):
    waits: list[float] = []
    policy = RetryPolicy()  # the real one: 2 s, doubling
    with workspace_with(portal, memory_keyring, demo, tmp_path, policy=policy, sleep=waits.append) as ws:
        appeal, _ = ws.recipient(RecipientKind.SERVICE, "appeal")
        portal.fault(mode="error", status=500, times=4)
        result = ws.submit([signed.citizen_bt], appeal, "After a bad day")
        assert result.deferred and result.item.attempts == 4
        # the automatic schedule after four failures: 2 s * 2**3 and more
        assert result.item.next_attempt_at - result.item.updated_at >= policy.base * 2 ** 3
        waits.clear()
        portal.fault(mode="error", status=500, times=1)
        (again,) = ws.sender.send_pending(ids=[result.item.id], due_only=False)
    assert again.sent
    assert waits and max(waits) <= policy.base * (1 + policy.jitter), waits


# --- item 5: the portal's words are escaped -----------------------------------------------------

def test_a_rejection_reason_cannot_drive_the_terminal(cli, portal, signed):
    proc = cli.run("submit", signed.citizen_bt, "--service", "appeal", "--again", "--subject", "Reasons")
    assert proc.returncode == 0, proc.stderr
    (entry,) = [e for e in cli.entries() if e.subject == "Reasons"]
    portal.set_status(entry.remote_id, "rejected", "\x1b[2K\x1b[1A\rdelivered, receipt verified\u202e\x9b")
    proc = cli.run("outbox", "list")
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if "Reasons" in x)
    assert "rejected (\\x1b[2K\\x1b[1A\\rdelivered, receipt verified\\u202e\\x9b)" in line
    for raw in ("\x1b", "\r", "\u202e", "\x9b"):
        assert raw not in proc.stdout + proc.stderr
    proc = cli.run("outbox", "show", entry.id)
    assert "\x1b" not in proc.stdout and "\\x1b[2K" in proc.stdout
