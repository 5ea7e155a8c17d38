"""`imza serve-verify`: the local validation service as another program on the machine uses it."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]

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
    assert httpx.get(f"{base}/health").json()["status"] == "ok"
    r = httpx.post(service, content=b"%PDF-" + b"x" * (2 << 20), timeout=30)
    assert r.status_code == 413
    assert httpx.post(service, content=b"", timeout=10).status_code == 400
    assert httpx.post(service, content=b"x", headers={"Host": "attacker.example"}, timeout=10).status_code == 403
    assert httpx.get(service, timeout=10).status_code == 405



# --- hostile clients (issue 14 items 1, 4, 8) -----------------------------------------------------

def _start(argv: list[str], env: dict) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if "ready" not in line:
        proc.kill()
        pytest.fail(f"the service did not start: {line}{proc.stderr.read()}")
    return proc, line.split()[-1]


@pytest.fixture(scope="module")
def signed_pdf(demo, services, tmp_path_factory) -> Path:
    from desktop.demo.documents import letter_pdf
    from tests.conftest import run_imza

    letter = tmp_path_factory.mktemp("signed") / "letter.pdf"
    letter.write_bytes(letter_pdf("Letter to the Ministry"))
    assert run_imza(["sign", letter, *CITIZEN, "--level", "B-B"], demo.env, input="12345\n").returncode == 0
    return letter.with_name("letter.signed.pdf")


@pytest.fixture
def hardened(demo, tmp_path):
    """serve-verify with a connection cap of 8 and its own TMPDIR, to see what it leaves behind."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc, url = _start([sys.executable, "-m", "desktop", "serve-verify", "--port", "0", "--max-size", "1",
                        "--max-connections", "8"], {**demo.env, "TMPDIR": str(tmp)})
    yield url, tmp, proc
    proc.terminate()
    assert proc.wait(timeout=30) == 0


def _wait_until(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_a_cross_origin_browser_post_is_refused(hardened, signed_pdf):
    """A page on another site posting text/plain (no CORS preflight) must not make the service work."""
    url, _, _ = hardened
    body = signed_pdf.read_bytes()
    r = httpx.post(url, content=body, headers={"Origin": "http://evil.example", "Content-Type": "text/plain"},
                   timeout=30)
    assert r.status_code == 403 and "web pages" in r.json()["error"]
    assert httpx.post(url, content=body, headers={"Origin": "null"}, timeout=30).status_code == 403
    own = url.rsplit("/", 1)[0]  # a page the service itself would serve
    assert httpx.post(url, content=body, headers={"Origin": own}, timeout=60).status_code == 200


def test_every_multipart_part_is_limited_and_malformed_multipart_is_400(hardened, signed_pdf):
    url, tmp, _ = hardened
    signed = signed_pdf.read_bytes()
    r = httpx.post(url, files={"file": ("a.pdf", signed), "junk": ("x", b"x" * (2 << 20))}, timeout=30)
    assert r.status_code == 413 and "junk" in r.json()["error"]
    boundary = {"Content-Type": "multipart/form-data; boundary=XYZ"}
    malformed = [
        (b"--x\r\n\r\n", {"Content-Type": "multipart/form-data"}),  # no boundary parameter
        (b"no boundary in here", boundary),
        (b"--XYZ\r\nContent-Disposition: form-data; name=\"file\"\r\nbroken header\r\n\r\nx\r\n--XYZ--\r\n", boundary),
        (b"--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\ntruncated", boundary),
        (b"--XYZ\r\nContent-Type: multipart/mixed; boundary=Q\r\nContent-Disposition: form-data; name=\"file\""
         b"\r\n\r\n--Q\r\n\r\nx\r\n--Q--\r\n--XYZ--\r\n", boundary),
    ]
    for body, headers in malformed:
        r = httpx.post(url, content=body, headers=headers, timeout=30)
        assert r.status_code == 400, (body, r.status_code, r.text)
        assert "multipart" in r.json()["error"]
    _wait_until(lambda: not any(tmp.iterdir()), "temporary files left behind")


def test_an_upload_cut_off_midway_leaves_no_temporary_file(hardened):
    url, tmp, _ = hardened
    port = int(url.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(b"POST /verify?name=cut.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500000\r\n\r\n%PDF-1.7 part")
        _wait_until(lambda: any(tmp.iterdir()), "the upload never started")
    _wait_until(lambda: not any(tmp.iterdir()), "the cut-off upload's temporary folder was left behind")


def test_slow_headers_time_out_and_a_connection_cap_answers_503(hardened, signed_pdf):
    """Slowloris: connections that never finish their headers are closed (the header timeout), and
    while they hold every slot a new connection gets 503 at once instead of waiting."""
    url, _, proc = hardened
    port = int(url.split(":")[2].split("/")[0])
    slow = []
    for _ in range(8):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /verify HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and nothing more
        slow.append(s)
    try:
        r = httpx.post(url, content=b"%PDF-", timeout=30)
        assert r.status_code == 503
        for s in slow:
            s.settimeout(60)  # the service closes them long before: socket.timeout would fail the test
            while s.recv(1024):
                pass  # a 408 answer may come before the close
    finally:
        for s in slow:
            s.close()
    r = httpx.post(url, content=signed_pdf.read_bytes(), params={"name": "a.pdf"}, timeout=60)
    assert r.status_code == 200
    proc.terminate()
    assert proc.wait(timeout=30) == 0
    errors = proc.stderr.read()
    assert "EMFILE" not in errors and "Error handling request" not in errors and "Traceback" not in errors


@pytest.fixture
def hanging(demo, tmp_path):
    """The service with two workers whose verifier never returns for files named *hang*
    (tests/support/serve_hanging.py) and a 2 s budget per file."""
    procs = []

    def start(seconds: float):
        proc, url = _start([sys.executable, "-m", "tests.support.serve_hanging", str(demo.trust_dir), str(seconds), "2"],
                           {**demo.env, "PYTHONPATH": str(REPO)})
        procs.append(proc)
        return proc, url

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _in_background(fn, *args) -> tuple[threading.Thread, list]:
    out: list = []

    def run() -> None:
        try:
            out.append(fn(*args))
        except httpx.HTTPError as e:  # the service stopping may cut a request off
            out.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def _post(url: str, name: str) -> httpx.Response:
    return httpx.post(url, content=b"%PDF-1.7 anything", params={"name": name}, timeout=120)


def test_a_file_that_exhausts_the_verifier_is_stopped_and_the_service_keeps_answering(hanging):
    """Item 1: the budget really stops the work (the worker process is killed and replaced): the
    answer is INDETERMINATE (exit status 2) with words; /health tells the truth meanwhile."""
    proc, url = hanging(2)
    health = url.rsplit("/", 1)[0] + "/health"
    bombs = [_in_background(_post, url, f"hang-{i}.pdf") for i in range(3)]  # 2 workers, 1 waiting
    _wait_until(lambda: httpx.get(health, timeout=10).status_code == 503, "/health never said busy")
    assert httpx.get(health, timeout=10).json()["status"] == "busy"
    for thread, out in bombs:
        thread.join(120)
        (r,) = out
        assert r.status_code == 200 and r.headers["X-Imza-Exit-Status"] == "2"
        (sig,) = r.json()["files"][0]["signatures"]
        assert sig["indication"] == "INDETERMINATE" and "took longer than 2 s" in sig["message"]
    good = _post(url, "letter.pdf")
    assert good.status_code == 200 and good.headers["X-Imza-Exit-Status"] == "0"
    doc = httpx.get(health, timeout=10).json()
    assert doc["status"] == "ok" and doc["stopped_for_budget"] == 3


def test_sigterm_ends_the_service_while_verifications_hang(hanging):
    proc, url = hanging(3600)
    health = url.rsplit("/", 1)[0] + "/health"
    bombs = [_in_background(_post, url, f"hang-{i}.pdf") for i in range(3)]
    _wait_until(lambda: httpx.get(health, timeout=10).json()["verifying"] == 2, "the bombs never arrived")
    workers = subprocess.run(["ps", "-o", "pid=", "--ppid", str(proc.pid)], capture_output=True,
                             text=True).stdout.split()
    assert len(workers) >= 2
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0  # "within seconds", not after the 3600 s budget
    for thread, _ in bombs:
        thread.join(30)

    def gone(pid: str) -> bool:
        state = subprocess.run(["ps", "-o", "stat=", "-p", pid], capture_output=True, text=True).stdout.strip()
        return state in ("", "Z")

    _wait_until(lambda: all(gone(pid) for pid in workers), "a worker outlived the service")


def test_six_self_listing_pdfs_are_answered_and_the_service_stays_healthy(hardened, signed_pdf):
    """The reviewer's case (issue 14 item 1): a /Pages node listing itself, posted six times."""
    from tests.support import hostile

    url, tmp, _ = hardened
    bad = hostile.self_listing_pages(signed_pdf.read_bytes())
    runs = [_in_background(_post_bytes, url, bad, f"loop-{i}.pdf") for i in range(6)]
    for thread, out in runs:
        thread.join(180)
        (r,) = out
        assert r.status_code == 200 and r.headers["X-Imza-Exit-Status"] in ("1", "2"), r.text
    assert httpx.get(url.rsplit("/", 1)[0] + "/health", timeout=10).json()["status"] == "ok"
    _wait_until(lambda: not any(tmp.iterdir()), "temporary files left behind")


def _post_bytes(url: str, body: bytes, name: str) -> httpx.Response:
    return httpx.post(url, content=body, params={"name": name}, timeout=150)


def test_more_slow_sockets_than_descriptors_neither_starve_nor_flood_the_log(demo):
    """The reviewer's case at a smaller scale: 200 half-sent headers against a 128-descriptor limit
    (1100 against 1024). The cap stays below the limit, so accept() never fails: a good request is
    answered (503 while the cap is full, not a time-out), and stderr stays empty."""
    import resource

    def low_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (128, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))

    proc = subprocess.Popen([sys.executable, "-m", "desktop", "serve-verify", "--port", "0"], env=demo.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=low_limit)
    try:
        url = proc.stdout.readline().split()[-1]
        port = int(url.split(":")[2].split("/")[0])
        slow = []
        for _ in range(200):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /verify HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            slow.append(s)
        r = httpx.post(url, content=b"%PDF-", timeout=30)  # answered, not starved: 503 while the cap is full
        assert r.status_code in (200, 503)
        for s in slow:
            s.close()
    finally:
        proc.terminate()
        assert proc.wait(timeout=30) == 0
    assert proc.stderr.read() == ""
