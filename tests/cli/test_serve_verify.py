"""`imza serve-verify`: the local validation service as another program on the machine uses it."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

CITIZEN = ["--token", "Citizen ID", "--pin-stdin"]


@pytest.fixture(scope="module")
def service(demo):
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "serve-verify", "--port", "0", "--max-size", "1"],
                            env=demo.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()  # the readiness line, printed once the port is bound
    if "ready" not in line:
        proc.kill()
        pytest.fail(f"serve-verify did not start: {line}{proc.stderr.read()}")
    yield line.split()[-1]  # http://127.0.0.1:PORT/verify
    proc.terminate()
    assert proc.wait(timeout=30) == 0  # SIGTERM is a clean stop


def test_signed_letter_as_body(service, imza, services, letter):
    assert imza("sign", letter, *CITIZEN, "--level", "B-LT", input="12345\n").returncode == 0
    signed = letter.with_name("letter.signed.pdf")
    r = httpx.post(service, content=signed.read_bytes(), params={"name": "../secret/letter.signed.pdf"}, timeout=60)
    assert r.status_code == 200 and r.headers["X-Imza-Exit-Status"] == "0"
    doc = r.json()
    assert doc["schema_version"] == 1
    (f,) = doc["files"]
    assert f["path"] == "letter.signed.pdf" and f["kind"] == "pdf"
    assert f["signatures"][0]["indication"] == "TOTAL-PASSED"


def test_detached_signature_with_its_data_as_multipart(service, imza, services, tmp_path):
    data = tmp_path / "contract.txt"
    data.write_text("the contract")
    assert imza("sign", data, *CITIZEN, "--level", "B-LT", input="12345\n").returncode == 0
    p7s = (tmp_path / "contract.txt.p7s").read_bytes()
    r = httpx.post(service, files={"file": ("contract.txt.p7s", p7s), "data": ("contract.txt", b"the contract")},
                   timeout=60)
    assert r.status_code == 200 and r.headers["X-Imza-Exit-Status"] == "0", r.text
    r = httpx.post(service, files={"file": ("contract.txt.p7s", p7s), "data": ("contract.txt", b"changed")},
                   timeout=60)
    assert r.headers["X-Imza-Exit-Status"] == "1"
    assert r.json()["files"][0]["signatures"][0]["sub_indication"] == "HASH_FAILURE"


def test_garbage_gets_a_verdict_not_a_crash(service):
    r = httpx.post(service, content=b"\x00" * 1000, params={"name": "junk.bin"}, timeout=30)
    assert r.status_code == 200 and r.headers["X-Imza-Exit-Status"] == "3"
    (f,) = r.json()["files"]
    assert f["error"] and "junk.bin" in f["error"] and "imza-serve" not in f["error"]


def test_limits_and_refusals(service):
    base = service.rsplit("/", 1)[0]
    assert httpx.get(f"{base}/health").json() == {"status": "ok"}
    r = httpx.post(service, content=b"%PDF-" + b"x" * (2 << 20), timeout=30)
    assert r.status_code == 413
    assert httpx.post(service, content=b"", timeout=10).status_code == 400
    assert httpx.post(service, content=b"x", headers={"Host": "attacker.example"}, timeout=10).status_code == 403
    assert httpx.get(service, timeout=10).status_code == 405
