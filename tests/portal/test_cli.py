"""`imza login|services|organizations|submit|outbox|logout` as a user runs them (subprocesses).

The module's `cli` fixture logged in with `imza login --pin-stdin`; the tests run in file order
and the last one logs out.
"""

from __future__ import annotations

import json
import os
import sqlite3

from desktop.portal.credentials import SERVICE_NAME


def _refresh_token(cli, monkeypatch) -> str:
    """What the (test stand-in for the OS) secret store holds for this portal."""
    from keyrings.alt.file import PlaintextKeyring

    monkeypatch.setenv("XDG_DATA_HOME", cli.env["XDG_DATA_HOME"])
    raw = PlaintextKeyring().get_password(SERVICE_NAME, cli.portal)
    return json.loads(raw)["refresh_token"] if raw else ""


def test_services_and_organizations(cli, portal):
    proc = cli.run("services")
    assert proc.returncode == 0, proc.stderr
    assert "appeal  Appeal" in proc.stdout and "level B-T or higher" in proc.stdout
    proc = cli.run("services", "--search", "декларация", "--json")
    assert [s["id"] for s in json.loads(proc.stdout)] == ["pdf-only"]
    proc = cli.run("organizations")
    assert proc.returncode == 0 and "justice  Ministry of Justice" in proc.stdout


def test_submit_then_list_and_show_the_receipt(cli, portal, signed, tmp_path):
    proc = cli.run("submit", signed.citizen_bt, "--service", "appeal", "--reference", "R-7")
    assert proc.returncode == 0, proc.stderr
    assert "TOTAL-PASSED, B-T" in proc.stderr
    assert "received, receipt verified" in proc.stdout
    receipt = tmp_path / "receipt.p7s"
    proc = cli.run("outbox", "show", "1", "--receipt-out", receipt, "--json")
    assert proc.returncode == 0, proc.stderr
    entry = json.loads(proc.stdout)
    assert entry["reference"] == "R-7" and entry["state"] == "sent"
    assert entry["summary"] == "received, receipt verified" and entry["receipt_check"]["verified"]
    assert "Imza Demo e-Government Portal Receipts" in entry["receipt_check"]["signer"]
    assert receipt.read_bytes() == cli.entries()[0].receipt
    assert len(portal.stored(entry["idempotency_key"])) == 1
    portal.set_status(entry["remote_id"], "delivered")
    proc = cli.run("outbox", "list")
    assert "delivered, receipt verified" in proc.stdout and entry["remote_id"] in proc.stdout


def test_refresh_token_is_in_the_keyring_and_in_no_plain_file(cli, monkeypatch):
    token = _refresh_token(cli, monkeypatch)
    assert len(token) > 20
    for folder, _, names in os.walk(cli.home):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as fh:
                assert token.encode() not in fh.read(), f"the refresh token is in {path}"
    db = sqlite3.connect(cli.home / "data" / "portal" / "outbox.sqlite")
    dump = "\n".join(db.iterdump())
    assert token not in dump and "access_token" not in dump


def test_a_document_below_the_required_level_is_refused_and_not_queued(cli, portal, signed):
    before = len(cli.entries())
    proc = cli.run("submit", signed.citizen_bb, "--service", "appeal")
    assert proc.returncode == 11
    assert "signed at level B-B, but Appeal requires B-T or higher" in proc.stderr
    assert "--level B-T" in proc.stderr
    assert len(cli.entries()) == before and portal.events("request", "/v1/submissions") == []


def test_a_busy_portal_keeps_it_in_the_outbox_and_retry_sends_it(cli, portal, signed):
    portal.fault(mode="error", status=503, retry_after=3600)
    proc = cli.run("submit", signed.contract_sig, "--to", "justice", "--subject", "Contract")
    assert proc.returncode == 75, proc.stderr
    assert "stays in the outbox" in proc.stderr and "imza outbox retry" in proc.stderr
    (entry,) = [e for e in cli.entries() if e.subject == "Contract"]
    assert entry.state == "queued"
    proc = cli.run("outbox", "retry")
    assert proc.returncode == 0, proc.stderr
    assert f"Entry {entry.id}: submission" in proc.stdout and "receipt verified" in proc.stdout
    assert len(portal.stored(entry.idempotency_key)) == 1


def test_cancel_a_waiting_entry(cli, portal, signed):
    portal.fault(mode="error", status=503, retry_after=3600)
    proc = cli.run("submit", signed.citizen_bt, "--service", "pdf-only", "--again")
    assert proc.returncode == 75, proc.stderr
    entry = cli.entries()[-1]
    proc = cli.run("outbox", "cancel", entry.id)
    assert proc.returncode == 0 and "cancelled" in proc.stdout
    entries = cli.entries()
    assert entries[-1].state == "cancelled" and not entry.files[0].path.exists()
    sent = next(e for e in entries if e.state == "sent")
    proc = cli.run("outbox", "cancel", sent.id)
    assert proc.returncode == 12 and "already received" in proc.stderr


def test_logout_forgets_the_login(cli, portal, signed, monkeypatch):
    proc = cli.run("logout")
    assert proc.returncode == 0 and "Logged out" in proc.stdout
    assert _refresh_token(cli, monkeypatch) == ""
    proc = cli.run("submit", signed.citizen_bt, "--service", "appeal", "--again")
    assert proc.returncode == 10 and "imza login" in proc.stderr
    # log in again for whatever runs next with this module's settings
    proc = cli.run("login", "--pin-stdin", "--token", "Citizen ID", input="12345\n")
    assert proc.returncode == 0, proc.stderr
