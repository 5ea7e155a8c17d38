"""The reference portal's own rules, over raw HTTP: idempotency, problems, owners."""

from __future__ import annotations

import json
import uuid

import pytest

from desktop.portal_server.store import Claim, PortalStore
from tests.conftest import AGENCY
from tests.portal.conftest import MemoryKeyring, card_login, raw_client


@pytest.fixture
def http(portal):
    with raw_client(portal.url, portal.ca) as client:
        yield client


@pytest.fixture
def bearer(portal, citizen_login, memory_keyring, http):
    from desktop.portal.credentials import SERVICE_NAME

    refresh = json.loads(memory_keyring.secrets[(SERVICE_NAME, portal.url)])["refresh_token"]
    access = http.post("/v1/auth/refresh", json={"refresh_token": refresh}).json()["access_token"]
    return {"Authorization": f"Bearer {access}"}


def _post(http, headers, signed_pdf, key, subject="Raw"):
    files = [("metadata", (None, json.dumps({"service_id": "appeal", "subject": subject}), "application/json")),
             ("file", (signed_pdf.name, signed_pdf.read_bytes(), "application/pdf"))]
    return http.post("/v1/submissions", files=files, headers={**headers, "Idempotency-Key": key})


def test_a_key_reused_for_other_content_is_refused(http, bearer, signed):
    key = str(uuid.uuid4())
    first = _post(http, bearer, signed.citizen_bt, key)
    again = _post(http, bearer, signed.citizen_bt, key)
    other = _post(http, bearer, signed.citizen_bt, key, subject="Something else")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.headers["Idempotent-Replayed"] == "false" and again.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422 and other.json()["type"] == "/problems/key-reused"


def test_problems_are_rfc9457(http, bearer, signed):
    missing_key = http.post("/v1/submissions", headers=bearer, files={"file": ("a.pdf", b"%PDF-")})
    assert missing_key.status_code == 400
    assert missing_key.headers["content-type"].startswith("application/problem+json")
    assert set(missing_key.json()) >= {"type", "title", "status"}
    no_token = _post(http, {}, signed.citizen_bt, str(uuid.uuid4()))
    assert no_token.status_code == 401 and "Bearer" in no_token.headers["WWW-Authenticate"]
    unsigned = _post(http, bearer, signed.unsigned, str(uuid.uuid4()))
    assert unsigned.status_code == 415 and "no signature" in unsigned.json()["detail"]
    assert http.get("/v1/nowhere").json()["status"] == 404


def test_a_submission_is_visible_to_its_sender_only(http, bearer, signed, portal):
    sub = _post(http, bearer, signed.citizen_bt, str(uuid.uuid4())).json()
    assert http.get(f"/v1/submissions/{sub['id']}", headers=bearer).json()["id"] == sub["id"]
    official = MemoryKeyring()
    card_login(portal, official, AGENCY)
    from desktop.portal.client import PortalClient
    from desktop.portal.credentials import CredentialStore
    from desktop.portal.errors import PortalError
    from tests.portal.conftest import portal_config

    config = portal_config(portal)
    with PortalClient(config, CredentialStore(config.origin, official)) as client, \
            pytest.raises(PortalError) as err:
        client.submission(sub["id"])
    assert err.value.status == 404


def test_a_second_request_while_the_first_is_processed_is_told_to_come_back(tmp_path):
    store = PortalStore(tmp_path / "p.sqlite")
    meta, files = {"service_id": "x", "subject": "s"}, [{"name": "a", "sha256": "0" * 64, "size": 1}]
    outcome, sub = store.claim("me", "k", "fp", meta, files)
    assert outcome == Claim.NEW
    assert store.claim("me", "k", "fp", meta, files)[0] == Claim.IN_PROGRESS
    assert store.claim("me", "k", "other", meta, files)[0] == Claim.MISMATCH
    assert store.claim("someone else", "k", "fp", meta, files)[0] == Claim.NEW  # keys are per sender
    store.complete(sub.id, b"receipt", [("a", b"x")])
    assert store.claim("me", "k", "fp", meta, files)[0] == Claim.REPLAY
    store.close()
    # a server that died mid-request leaves nothing half-made behind
    store = PortalStore(tmp_path / "p.sqlite")
    assert [s.owner for s in store.all()] == ["me"]
    store.close()
