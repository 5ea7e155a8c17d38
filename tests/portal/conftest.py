"""The reference portal as a real HTTPS process on 127.0.0.1 (test controls on), real tokens.

Session-scoped: one portal process (its own free port, its own SQLite file and the catalogue
beside this file), one card login kept in an in-memory keyring, and a few documents signed
once with the demo tokens. Each test gets a fresh outbox and a portal with no faults set.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from desktop.portal.tls import clear_openssl_errors
from tests.conftest import AGENCY, CITIZEN, REPO, free_port, run_imza

HERE = Path(__file__).resolve().parent


class MemoryKeyring(KeyringBackend):
    """The secret store of the in-process tests (set explicitly, never found by keyring itself)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.secrets:
            raise PasswordDeleteError(username)
        del self.secrets[(service, username)]


def raw_client(url: str, ca: Path) -> httpx.Client:
    """Plain HTTPS to the portal. This process loads SoftHSM2 too: see desktop/portal/tls.py."""
    return httpx.Client(base_url=url, verify=ssl.create_default_context(cafile=str(ca)), timeout=30,
                        event_hooks={"request": [lambda _: clear_openssl_errors()]})


@dataclass
class PortalServer:
    url: str
    ca: Path
    receipt_cert: Path
    proc: subprocess.Popen
    http: httpx.Client

    def control(self, method: str, path: str, **kwargs) -> httpx.Response:
        r = self.http.request(method, path, **kwargs)
        r.raise_for_status()
        return r

    def fault(self, path: str = "/v1/submissions", **fields) -> None:
        self.control("POST", "/_test/faults", json={"path": path, **fields})

    def reset(self) -> None:
        self.control("POST", "/_test/reset")

    def events(self, name: str | None = None, path: str | None = None) -> list[dict]:
        params = {k: v for k, v in {"name": name, "path": path}.items() if v}
        return self.control("GET", "/_test/events", params=params).json()

    def wait(self, name: str, count: int = 1, path: str | None = None, timeout: float = 60) -> None:
        """Block until the server has recorded `count` such events (a long poll, not a sleep)."""
        params = {"name": name, "count": count, "timeout": timeout, **({"path": path} if path else {})}
        r = self.http.get("/_test/wait", params=params, timeout=timeout + 10)
        assert r.status_code == 200, f"server never saw {count} x {name}: {r.text}"

    def stored(self, idempotency_key: str | None = None) -> list[dict]:
        params = {"idempotency_key": idempotency_key} if idempotency_key else {}
        return self.control("GET", "/_test/submissions", params=params).json()

    def expire_access_tokens(self) -> int:
        return self.control("POST", "/_test/expire-access-tokens").json()["expired"]

    def set_status(self, submission_id: str, status: str, reason: str | None = None) -> None:
        self.control("POST", f"/_test/submissions/{submission_id}/status", json={"status": status, "reason": reason})


@pytest.fixture(scope="session")
def portal_server(demo, tmp_path_factory):
    port = free_port()
    folder = tmp_path_factory.mktemp("portal")
    log = (folder / "portal.log").open("w")  # a file, not a pipe nobody reads: the server must never block on it
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.portal_server", "--demo-dir", str(demo.dir), "--port", str(port),
         "--db", str(folder / "portal.sqlite"), "--catalogue", str(HERE / "catalogue.yml"), "--test-controls"],
        env=demo.env, stdout=subprocess.PIPE, stderr=log, text=True, cwd=REPO)
    line = proc.stdout.readline()  # printed once the port is bound
    if "ready" not in line:
        proc.kill()
        pytest.fail(f"the portal did not start: {line}{(folder / 'portal.log').read_text()}")
    url = f"https://127.0.0.1:{port}"
    ca = demo.trust_dir / "imza-demo-root.pem"
    http = raw_client(url, ca)
    yield PortalServer(url, ca, demo.dir / "certs" / "portal-receipt.cert.pem", proc, http)
    http.close()
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.fixture
def portal(portal_server):
    """The portal with no faults set and an empty event log."""
    portal_server.reset()
    yield portal_server
    portal_server.reset()


@pytest.fixture(scope="session")
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


def portal_config(server: PortalServer, **kw):
    from desktop.portal.client import PortalConfig

    return PortalConfig(server.url, server.ca, server.receipt_cert, **kw)


def card_login(server: PortalServer, keyring, token=CITIZEN, selector: str | None = None):
    """Log in with a demo token, in-process; the refresh token lands in `keyring`."""
    from desktop.config import load_and_apply
    from desktop.portal.client import PortalClient
    from desktop.portal.credentials import CredentialStore
    from desktop.portal.login import login_with_card
    from desktop.tokens.auth import choose_authentication_certificate
    from desktop.tokens.session import TokenSession, choose_token, list_tokens

    settings = load_and_apply()
    found, _ = list_tokens(settings.get("pkcs11_module"))
    info = choose_token(found, token[0])
    cert = choose_authentication_certificate(info, selector)
    config = portal_config(server)
    with PortalClient(config, CredentialStore(config.origin, keyring)) as client, TokenSession(info) as session:
        session.login(token[1])
        return login_with_card(client, session, cert), cert


@pytest.fixture(scope="session")
def citizen_login(portal_server, memory_keyring):
    subject, _ = card_login(portal_server, memory_keyring)
    return subject


def make_workspace(server: PortalServer, keyring, demo, tmp_path, **config):
    """A PortalWorkspace on a fresh outbox, with quick backoff, logged in as whoever `keyring` holds."""
    from desktop.portal.credentials import CredentialStore
    from desktop.portal.outbox import Outbox
    from desktop.portal.sender import RetryPolicy
    from desktop.portal.workspace import PortalWorkspace
    from desktop.verify.trust import TrustStore

    config = portal_config(server, **config)
    return PortalWorkspace(config, outbox=Outbox(tmp_path / "outbox" / "outbox.sqlite"),
                           credentials=CredentialStore(config.origin, keyring),
                           trust=TrustStore.from_dir(demo.trust_dir),
                           policy=RetryPolicy(attempts_now=4, base=0.05, max_wait_now=10))


@pytest.fixture
def workspace(portal, citizen_login, memory_keyring, demo, tmp_path):
    """The citizen's workspace."""
    ws = make_workspace(portal, memory_keyring, demo, tmp_path)
    yield ws
    ws.close()


@dataclass
class SignedDocs:
    citizen_bt: Path  # PAdES B-T by the citizen
    citizen_bb: Path  # PAdES B-B by the citizen
    official_bt: Path  # PAdES B-T by the official (EC key)
    contract: Path  # a text file ...
    contract_sig: Path  # ... and its detached CAdES B-T signature
    unsigned: Path  # a PDF nobody signed


@pytest.fixture(scope="session")
def signed(demo, services, tmp_path_factory) -> SignedDocs:
    from desktop.config import load_and_apply
    from desktop.core.model import SignatureFormat, SignatureLevel, SignRequest
    from desktop.demo.documents import letter_pdf
    from desktop.signing.session import SigningSession
    from desktop.tokens.session import TokenSession, choose_certificate, choose_token, list_tokens
    from desktop.verify.trust import TrustStore

    folder = tmp_path_factory.mktemp("signed")
    (folder / "application.pdf").write_bytes(letter_pdf("Application for a duplicate"))
    (folder / "letter.pdf").write_bytes(letter_pdf("Letter to the Ministry of Justice"))
    (folder / "unsigned.pdf").write_bytes(letter_pdf("Nobody signed this"))
    (folder / "contract.txt").write_text("The parties agree to test the portal.\n", encoding="utf-8")
    settings = load_and_apply()
    found, _ = list_tokens(settings.get("pkcs11_module"))

    def sign(token, requests):
        info = choose_token(found, token[0])
        with TokenSession(info) as session:
            session.login(token[1])
            signing = SigningSession(session, choose_certificate(info, None), tsa_url=demo.tsa_url,
                                     trust=TrustStore.from_dir(demo.trust_dir))
            for result in signing.sign_all(requests):
                assert result.error is None, result.error

    pdf, cades = SignatureFormat.PADES, SignatureFormat.CADES
    sign(CITIZEN, [
        SignRequest(folder / "application.pdf", folder / "application-bt.pdf", pdf, SignatureLevel.B_T),
        SignRequest(folder / "application.pdf", folder / "application-bb.pdf", pdf, SignatureLevel.B_B),
        SignRequest(folder / "contract.txt", folder / "contract.txt.p7s", cades, SignatureLevel.B_T),
    ])
    sign(AGENCY, [SignRequest(folder / "letter.pdf", folder / "letter-bt.pdf", pdf, SignatureLevel.B_T)])
    return SignedDocs(folder / "application-bt.pdf", folder / "application-bb.pdf", folder / "letter-bt.pdf",
                      folder / "contract.txt", folder / "contract.txt.p7s", folder / "unsigned.pdf")


@dataclass
class CliEnv:
    env: dict
    home: Path
    portal: str  # the portal's origin: the keyring entry's user name

    def run(self, *args, input: str | None = None):
        return run_imza(args, self.env, input=input)

    def entries(self):
        """The outbox as the CLI left it (read directly: quicker than one more `imza outbox list`)."""
        from desktop.portal.outbox import Outbox

        with Outbox(self.home / "data" / "portal" / "outbox.sqlite") as outbox:
            return outbox.list()

    def popen(self, *args) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "desktop", *map(str, args)], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)


@pytest.fixture(scope="module")
def cli(demo, portal_server, tmp_path_factory) -> CliEnv:
    """`imza` as a user runs it against the test portal: own settings and data, a file keyring
    named explicitly (PYTHON_KEYRING_BACKEND) standing in for the OS secret store, logged in."""
    from desktop.config import Settings

    base = tmp_path_factory.mktemp("cli")
    home = base / "home"
    (home / "config").mkdir(parents=True)
    shutil.copy(demo.home / "config" / "config.toml", home / "config" / "config.toml")
    settings = Settings.load(home / "config" / "config.toml")
    settings.set("portal_url", portal_server.url)
    settings.save()
    env = {**demo.env, "IMZA_HOME": str(home), "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
           "XDG_DATA_HOME": str(base / "keyring-data"), "XDG_CONFIG_HOME": str(base / "keyring-config")}
    cli = CliEnv(env, home, portal_server.url)
    proc = cli.run("login", "--token", CITIZEN[0], "--pin-stdin", input=CITIZEN[1] + "\n")
    assert proc.returncode == 0, proc.stderr
    return cli


@pytest.fixture
def no_secure_store(monkeypatch, tmp_path):
    """A desktop without a password store: keyring finds only its fail backend; nothing is configured."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield tmp_path
    keyring.set_keyring(previous)
