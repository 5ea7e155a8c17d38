"""`imza bulk`: one PIN, many letters, bad ones skipped, nothing lost or signed twice."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import MDPPerm

from desktop.bulk import setup
from tests.bulk.conftest import signatures
from tests.support import oracle
from tests.support.pdfs import comment_to_the_end_pdf

CITIZEN = ["--token", "Citizen ID", "--pin-stdin"]


def _valid(path: Path, demo) -> bool:
    sigs = oracle.pdf_signatures(path, demo.trust_dir, fetch=False, soft_fail=True)
    return len(sigs) >= 1 and all(s["bottom_line"] for s in sigs)


def _pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".signed.pdf"))


def _add_bad_letters(folder: Path, good: Path, demo) -> list[str]:
    (folder / "corrupt.pdf").write_bytes(good.read_bytes()[:400])
    (folder / "not-a-pdf.pdf").write_text("plain text pretending")
    locked = folder / "certified-locked.pdf"
    keys = demo.dir / "keys"
    signer = signers.SimpleSigner.load(str(keys / "tsa.key.pem"), str(demo.dir / "certs" / "tsa.cert.pem"))
    with locked.open("wb") as fh:
        signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(good.read_bytes())),
                         signers.PdfSignatureMetadata(field_name="Author", certify=True,
                                                      docmdp_permissions=MDPPerm.NO_CHANGES),
                         signer=signer, output=fh)
    (folder / "endless-comment.pdf").write_bytes(comment_to_the_end_pdf())  # hung the reader once
    return ["corrupt.pdf", "not-a-pdf.pdf", "certified-locked.pdf", "endless-comment.pdf"]


def test_batch_with_bad_letters_mixed_in(imza, demo, shim, letters, tmp_path):
    env, count_file = shim
    src = letters(55)
    bad = _add_bad_letters(src, src / "letter-000.pdf", demo)
    (src / "minutes.txt").write_text("minutes, signed as CAdES")
    originals = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in src.iterdir()}
    out = tmp_path / "out"
    proc = imza("bulk", src, "--out-dir", out, *CITIZEN, "--level", "B-B", input="12345\n", env=env)
    assert proc.returncode == 9, proc.stderr  # some letters failed: reported, the rest signed
    assert "56 signed, 4 failed" in proc.stderr
    signed = _pdfs(out)
    assert len(signed) == 55 and (out / "minutes.txt.p7s").exists()
    assert all(_valid(p, demo) for p in signed)
    assert signatures(count_file) == 56  # exactly one token signature per good letter
    with (out / "bulk-report.csv").open() as fh:
        rows = {Path(r["source"]).name: r for r in csv.DictReader(fh)}
    assert {n for n, r in rows.items() if r["status"] == "failed"} == set(bad)
    assert "no changes allowed" in rows["certified-locked.pdf"]["error"]
    r = rows["letter-007.pdf"]
    assert r["output_sha256"] == hashlib.sha256(Path(r["output"]).read_bytes()).hexdigest()
    assert "Aysel Mammadova" in r["signer"]
    report = json.loads((out / "bulk-report.json").read_text())
    assert len(report["letters"]) == 60
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in src.iterdir()} == originals
    assert not list(out.glob(".*.part"))


def test_killed_run_resumes_without_signing_twice(imza, demo, shim, letters, tmp_path):
    env, count_file = shim
    src = letters(50)
    out = tmp_path / "out"
    env = {**os.environ, **demo.env, **env, "IMZA_SHIM_DELAY_MS": "15"}
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "bulk", str(src), "--out-dir", str(out), *CITIZEN,
                             "--level", "B-B", "--json"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdin.write("12345\n")
    proc.stdin.close()
    kill_after = random.Random(os.environ.get("PYTEST_SEED", "7")).randint(3, 40)
    for _ in range(kill_after):
        assert json.loads(proc.stdout.readline())["status"] == "signed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    first = {p.name: p.read_bytes() for p in _pdfs(out)}
    assert kill_after <= len(first) < 50
    resumed = imza("bulk", src, "--out-dir", out, "--resume", *CITIZEN, input="12345\n", env=shim[0])
    assert resumed.returncode == 0, resumed.stderr
    final = _pdfs(out)
    assert len(final) == 50 and all(_valid(p, demo) for p in final)
    for name, data in first.items():  # finished letters were not signed again
        assert (out / name).read_bytes() == data
    assert signatures(count_file) <= 50 + 32  # at most the letters in flight at the kill are signed twice
    assert not list(out.glob(".*.part")) and not setup.journal_path(out).exists()


def test_token_pulled_out_stops_cleanly_and_resumes(imza, demo, shim, letters, tmp_path):
    env, count_file = shim
    src = letters(30)
    out = tmp_path / "out"
    proc = imza("bulk", src, "--out-dir", out, *CITIZEN, "--level", "B-B", input="12345\n",
                env={**env, "IMZA_SHIM_FAIL_AFTER": "12"})
    assert proc.returncode == 6, proc.stderr
    assert "stopped answering" in proc.stderr and "--resume" in proc.stderr and "Traceback" not in proc.stderr
    assert len(_pdfs(out)) == 12 and setup.journal_path(out).exists()
    proc = imza("bulk", src, "--out-dir", out, "--resume", *CITIZEN, input="12345\n", env=env)
    assert proc.returncode == 0, proc.stderr
    assert len(_pdfs(out)) == 30 and signatures(count_file) == 30


def test_wrong_pin_stops_before_the_first_letter(imza, shim, letters, tmp_path):
    env, count_file = shim
    src = letters(5)
    out = tmp_path / "out"
    proc = imza("bulk", src, "--out-dir", out, *CITIZEN, input="00000\n", env=env)
    assert proc.returncode == 6 and "Wrong PIN" in proc.stderr
    assert signatures(count_file) == 0 and list(out.iterdir()) == []
    proc = imza("bulk", src, "--out-dir", out, *CITIZEN, "--level", "B-B", input="12345\n", env=env)
    assert proc.returncode == 0, proc.stderr  # no journal was left behind by the failed login


def test_b_t_letters_carry_a_timestamp(imza, demo, services, shim, letters, tmp_path):
    env, _ = shim
    src = letters(6)
    out = tmp_path / "out"
    proc = imza("bulk", src, "--out-dir", out, *CITIZEN, input="12345\n", env=env)  # TSA configured: B-T
    assert proc.returncode == 0, proc.stderr
    for p in _pdfs(out):
        (status,) = oracle.pdf_signatures(p, demo.trust_dir)
        assert status["bottom_line"] and status["timestamp_valid"], status["details"]


def test_resume_needs_a_journal_and_a_new_run_needs_none(imza, shim, letters, tmp_path):
    env, _ = shim
    src = letters(2)
    out = tmp_path / "out"
    out.mkdir()
    proc = imza("bulk", src, "--out-dir", out, "--resume", *CITIZEN, input="12345\n", env=env)
    assert proc.returncode == 1 and "no bulk journal" in proc.stderr
    (out / ".imza-bulk.sqlite").write_text("")  # an older version's journal is found too
    proc = imza("bulk", src, "--out-dir", out, *CITIZEN, input="12345\n", env=env)
    assert proc.returncode == 1 and "--resume" in proc.stderr
