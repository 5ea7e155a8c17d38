"""Card login against the reference portal: which certificate, the signature, tokens, keyring."""

from __future__ import annotations

import base64
import json

import keyring
import pytest
from keyring.backends import fail

from desktop.core.errors import CertificateError
from desktop.portal.client import PortalClient
from desktop.portal.credentials import SERVICE_NAME, CredentialStore, secure_backend
from desktop.portal.errors import LoginRequired, NoSecureStore, PortalError
from desktop.portal.model import RecipientKind, Subject
from tests.conftest import AGENCY, CITIZEN, EXPIRED
from tests.portal.conftest import MemoryKeyring, card_login, portal_config


def _client(server, keyring_backend) -> PortalClient:
    config = portal_config(server)
    return PortalClient(config, CredentialStore(config.origin, keyring_backend))


def test_citizen_logs_in_with_the_authentication_key(portal):
    store = MemoryKeyring()
    subject, cert = card_login(portal, store)
    assert cert.cka_id == "02"  # the authentication key, not the signing key 0x01
    assert "digital_signature" in cert.key_usage and "non_repudiation" not in cert.key_usage
    assert subject.name == "Aysel Mammadova (Authentication)"
    assert subject.serial_number == "PNOAZ-5ZHJ8KQ"
    saved = json.loads(store.secrets[(SERVICE_NAME, portal.url)])
    assert saved["refresh_token"] and "access_token" not in saved
    assert len(portal.events("login")) == 1


def test_official_logs_in_with_the_dual_use_ec_key(portal):
    store = MemoryKeyring()
    subject, cert = card_login(portal, store, AGENCY)
    assert cert.certificate.public_key.algorithm == "ec"
    assert subject.organization == "Ministry of Digital Development (Demo)"
    with _client(portal, store) as client:
        client.refresh()  # the stored refresh token works


def test_the_signing_certificate_cannot_log_in(portal, demo):
    with pytest.raises(CertificateError, match="cannot be used to log in.*digitalSignature"):
        card_login(portal, MemoryKeyring(), CITIZEN, selector="01")
    # and the portal refuses it too, before any signature is asked for
    der = (demo.dir / "certs" / "citizen-sign.cert.pem").read_bytes()
    with _client(portal, MemoryKeyring()) as client, pytest.raises(PortalError) as err:
        client.login(_der(der), [], lambda *_: pytest.fail("no challenge should be issued"))
    assert err.value.status == 403 and "usage" in err.value.problem["detail"]


def test_an_expired_certificate_is_refused_by_the_portal(portal, demo):
    with _client(portal, MemoryKeyring()) as client, pytest.raises(PortalError) as err:
        client.login(_der((demo.dir / "certs" / "expired-sign.cert.pem").read_bytes()), [], lambda *_: None)
    assert err.value.status == 403


def test_a_wrong_login_signature_is_refused(portal, demo):
    store = MemoryKeyring()
    with _client(portal, store) as client, pytest.raises(LoginRequired, match="refused the login"):
        client.login(_der((demo.dir / "certs" / "citizen-auth.cert.pem").read_bytes()), [],
                     lambda *_: ("rsa-pkcs1v15-sha256", b"\x00" * 256))
    assert store.secrets == {}


def test_a_challenge_signed_for_another_origin_is_refused(portal):
    """The login message names the portal: a signature made for another site is worthless here."""
    from desktop.portal import login as login_module

    store = MemoryKeyring()
    real = login_module.login_message
    try:
        login_module.login_message = lambda origin, cid, nonce: real("https://evil.example:443", cid, nonce)
        with pytest.raises(LoginRequired):
            card_login(portal, store)
    finally:
        login_module.login_message = real
    assert store.secrets == {}


def test_expired_access_token_is_refreshed_once(workspace, portal, signed):
    client = workspace.client
    client.refresh()
    assert portal.expire_access_tokens() >= 1
    refreshes = len(portal.events("refresh"))
    result = workspace.submit([signed.citizen_bt], workspace.recipient(RecipientKind.SERVICE, "appeal")[0], "Refreshed")
    assert result.sent
    assert len(portal.events("refresh")) == refreshes + 1
    assert len(portal.events("request", "/v1/submissions")) == 2  # 401 with the expired token, then the same request once more


def test_a_revoked_login_asks_to_log_in_again_and_is_forgotten(portal):
    store = MemoryKeyring()
    card_login(portal, store)
    token = json.loads(store.secrets[(SERVICE_NAME, portal.url)])["refresh_token"]
    portal.http.post("/v1/auth/logout", json={"refresh_token": token})
    with _client(portal, store) as client, pytest.raises(LoginRequired, match="expired.*imza login"):
        client.refresh()
    assert store.secrets == {}


def test_logout_deletes_the_refresh_token_and_revokes_it(portal):
    store = MemoryKeyring()
    card_login(portal, store)
    token = json.loads(store.secrets[(SERVICE_NAME, portal.url)])["refresh_token"]
    with _client(portal, store) as client:
        assert client.logout() is True
        assert client.logout() is False
    assert store.secrets == {}
    r = portal.http.post("/v1/auth/refresh", json={"refresh_token": token})
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")


def test_no_secure_store_is_a_clear_error_never_a_plain_file(monkeypatch, tmp_path):
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no keyringrc.cfg
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    previous = keyring.get_keyring()
    try:
        keyring.set_keyring(fail.Keyring())
        with pytest.raises(NoSecureStore, match="No secure password store"):
            secure_backend()
        from keyrings.alt.file import PlaintextKeyring

        keyring.set_keyring(PlaintextKeyring())  # what keyring picks by itself when keyrings.alt is installed
        with pytest.raises(NoSecureStore, match="never keeps the login in a plain file"):
            CredentialStore("https://portal.example:443").save("secret", Subject("x"))
        assert not any(tmp_path.rglob("*")), "nothing may be written"
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
        assert type(secure_backend()).__name__ == "PlaintextKeyring"  # named explicitly: the user's choice
    finally:
        keyring.set_keyring(previous)


def test_cli_login_without_a_secure_store_says_so(imza, portal_server, tmp_path):
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "XDG_DATA_HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path)}
    proc = imza("login", "--token", CITIZEN[0], "--pin-stdin", input="12345\n", env=env)
    assert proc.returncode == 5
    assert "No secure password store" in proc.stderr and "plain file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_login_with_a_token_that_cannot_log_in(cli):
    proc = cli.run("login", "--token", EXPIRED[0], "--pin-stdin", input=EXPIRED[1] + "\n")
    assert proc.returncode == 7, proc.stderr
    assert "can log in" in proc.stderr


def _der(pem_bytes: bytes) -> bytes:
    body = b"".join(line for line in pem_bytes.splitlines() if line and not line.startswith(b"-----"))
    return base64.b64decode(body)


def test_a_login_through_another_port_says_the_origin_differs(portal):
    """The same portal through a forwarded port: the card's signature is right, the origin it
    names is not one the portal knows itself by (docs/portal-openapi.yaml, Login)."""
    from types import SimpleNamespace
    from urllib.parse import urlsplit

    from tests.support.forward import Forwarder

    parts = urlsplit(portal.url)
    with Forwarder((parts.hostname, parts.port)) as forward:
        forwarded = SimpleNamespace(url=f"https://127.0.0.1:{forward.port}", ca=portal.ca,
                                    receipt_cert=portal.receipt_cert)
        with pytest.raises(LoginRequired) as err:
            card_login(forwarded, MemoryKeyring())
    text = str(err.value)
    assert f"signed for https://127.0.0.1:{forward.port}" in text and "another address" in text
    assert "The card is fine" in text and "check the card's authentication certificate" not in text
    assert portal.events("login") == []


def test_a_signature_the_card_did_not_make_still_blames_the_certificate(portal, demo):
    """A login signed with another key: that is the certificate's side, and said so."""
    from desktop.portal.login import signature_matches

    der = _der((demo.dir / "certs" / "citizen-auth.cert.pem").read_bytes())
    assert not signature_matches(der, b"imza-portal-login/v1\nx", "rsa-pkcs1v15-sha256", b"\x00" * 256)


def test_without_a_password_store_the_window_keeps_its_login_in_memory(portal, no_secure_store, demo, tmp_path):
    """Keeping.STORE_OR_MEMORY (the window's): the login works while the workspace lives, is written
    nowhere, and a new workspace (the window opened again) is not logged in."""
    from desktop.config import load_and_apply
    from desktop.portal.credentials import Keeping
    from desktop.portal.login import login_with_card
    from desktop.portal.outbox import Outbox
    from desktop.portal.workspace import PortalWorkspace
    from desktop.tokens.auth import choose_authentication_certificate
    from desktop.tokens.session import TokenSession, choose_token, list_tokens

    config = portal_config(portal)
    with PortalWorkspace(config, outbox=Outbox(tmp_path / "outbox.sqlite"), keeping=Keeping.STORE_OR_MEMORY) as ws:
        ws.client.credentials.check_available()  # no error: memory will do
        info = choose_token(list_tokens(load_and_apply().get("pkcs11_module"))[0], CITIZEN[0])
        with TokenSession(info) as session:
            session.login(CITIZEN[1])
            login_with_card(ws.client, session, choose_authentication_certificate(info))
        assert not ws.client.credentials.persistent
        assert ws.require_login().subject.name.startswith("Aysel Mammadova")
        assert ws.catalogue(RecipientKind.SERVICE).recipients
        ws.client._access = None  # a new access token comes from the refresh token kept in memory
        ws.client.refresh()
    assert not any((no_secure_store / "config").rglob("*")) and not any((no_secure_store / "data").rglob("*"))
    with PortalWorkspace(config, outbox=Outbox(tmp_path / "outbox.sqlite"), keeping=Keeping.STORE_OR_MEMORY) as ws:
        assert ws.current_login() is None
    with pytest.raises(NoSecureStore):  # the default still refuses to keep it anywhere
        CredentialStore(config.origin).check_available()


def test_submit_login_logs_in_for_that_command_only(cli, portal, signed, tmp_path):
    """`imza submit --login` on a desktop without a password store: card + PIN, one submission,
    nothing stored, and the portal's refresh token given back at the end."""
    env = {**cli.env, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    from tests.conftest import run_imza

    proc = run_imza(["submit", signed.citizen_bt, "--service", "appeal", "--again", "--subject", "Once",
                     "--login", "--token", CITIZEN[0], "--pin-stdin"], env, input=CITIZEN[1] + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "for this command only" in proc.stderr and "receipt verified" in proc.stdout
    assert len(portal.events("login")) == 1
    assert [e["path"] for e in portal.events("request")][-1] == "/v1/auth/logout"
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*"))
    proc = run_imza(["submit", signed.citizen_bt, "--service", "appeal", "--again"], env)
    assert proc.returncode in (5, 10) and "--login" in proc.stderr  # the next command is not logged in
