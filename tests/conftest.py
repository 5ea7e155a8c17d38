"""Real parts only: a SoftHSM2 token, certomancer services on 127.0.0.1, subprocess CLI runs.

Session-scoped: one demo environment (PKI + tokens) per test run, in a temp dir, made by the
real `imza demo init`, and one `imza demo serve` process whose readiness line we wait for.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.startup import prepare_process

REPO = Path(__file__).resolve().parents[1]

# The test process runs the engine as the product does: library patches in force (they apply when
# pyhanko is imported). Independent checks run unpatched in their own process: tests/support/oracle.py.
prepare_process()

CITIZEN = ("Citizen ID", "12345")
AGENCY = ("Agency token", "246810")
EXPIRED = ("Expired ID", "11111")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Demo:
    dir: Path
    home: Path
    state: dict
    env: dict

    @property
    def tsa_url(self) -> str:
        return self.state["services"]["tsa"]

    @property
    def trust_dir(self) -> Path:
        return Path(self.state["trust_dir"])


def run_imza(args, env, input: str | None = None, cwd=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], env=env, input=input,
                          capture_output=True, text=True, cwd=cwd, timeout=timeout)


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Demo:
    base = tmp_path_factory.mktemp("imza")
    home, demo_dir = base / "home", base / "demo"
    env = {k: v for k, v in os.environ.items() if k not in ("SOFTHSM2_CONF", "IMZA_PKCS11_MODULE")}
    env.update(IMZA_HOME=str(home), PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    proc = run_imza(["demo", "init", "--dir", demo_dir, "--port", free_port()], env)
    assert proc.returncode == 0, proc.stderr
    state = json.loads((demo_dir / "demo.json").read_text())
    # In-process engine tests see the same tokens and settings as the CLI.
    os.environ["IMZA_HOME"] = str(home)
    os.environ["SOFTHSM2_CONF"] = state["softhsm2_conf"]
    os.environ.pop("IMZA_PKCS11_MODULE", None)
    return Demo(demo_dir, home, state, env)


@pytest.fixture(scope="session")
def services(demo):
    """`imza demo serve` as a real process; yields the service URLs once it says it is ready."""
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "demo", "serve", "--dir", str(demo.dir)],
                            env=demo.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # blocks until the port is bound (or the process died)
    if "ready" not in line:
        proc.kill()
        pytest.fail(f"demo serve did not start: {line}{proc.stderr.read()}")
    yield demo.state["services"]
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture
def imza(demo):
    """Run the CLI as a user would: `imza(args..., input=...)`."""

    def run(*args, input: str | None = None, cwd=None, env: dict | None = None):
        return run_imza(args, {**demo.env, **(env or {})}, input=input, cwd=cwd)

    return run


@pytest.fixture
def letter(tmp_path):
    from desktop.demo.documents import letter_pdf

    path = tmp_path / "letter.pdf"
    path.write_bytes(letter_pdf("Letter to the Ministry"))
    return path


@pytest.fixture
def trust_files(demo) -> dict[str, Path]:
    """The demo's trust material: its root, its trusted list and the list's signer."""
    d = demo.trust_dir
    return {"root": d / "imza-demo-root.pem", "tl": d / "imza-demo-tl.xml",
            "signer": d / "tl-signers" / "imza-demo-tl-signer.pem"}
