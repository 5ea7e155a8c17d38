"""Inputs that cannot be verified: one clear line each, no signatures, exit status 3, no traceback."""

from __future__ import annotations

import re

import pytest

from desktop.verify.engine import exit_status, verify_file, verify_files
from tests.support.pdfs import comment_to_the_end_pdf


@pytest.mark.parametrize(("name", "says"), [
    ("notes.pdf", "neither a PDF nor a CMS signature"),
    ("truncated.pdf", "damaged or truncated PDF"),
    ("encrypted.pdf", "encrypted (password-protected)"),
    ("empty.pdf", "is empty"),
    ("folder", "is a folder"),
    ("letter.pdf", "contains no signature"),
    ("orphan.txt.p7s", "orphan.txt"),
    ("garbage.p7s", "not a readable signature"),
])
def test_unreadable_input_is_one_clear_line(samples, trust, name, says):
    report = verify_file(samples[name], trust, offline=True)
    assert report.signatures == []
    assert report.error and says in report.error, report.error
    assert "\n" not in report.error and "Traceback" not in report.error
    assert str(samples[name]) in report.error  # says which file
    assert exit_status([report]) == 3


def test_missing_file(samples, trust):
    report = verify_file(samples.dir / "no-such-letter.pdf", trust)
    assert report.signatures == [] and "no such file" in report.error
    assert report.kind == "unknown"


def test_missing_data_file_says_what_to_do(samples, trust):
    error = verify_file(samples["orphan.txt.p7s"], trust).error
    # In words both faces can act on (the window chooses the file, imza verify adds --data on its own line).
    assert "missing" in error and "say which file was signed" in error and "--data" not in error


def test_explicit_data_file_that_does_not_exist(samples, trust):
    report = verify_file(samples["rsa-B-T.txt.p7s"], trust, data_file=samples.dir / "gone.txt")
    assert report.signatures == [] and "gone.txt" in report.error and "missing" in report.error


def test_detached_signature_with_an_uninformative_name_needs_data(samples, trust):
    report = verify_file(samples["signature.bin"], trust)
    assert report.kind == "cms" and report.signatures == []
    assert "say which file was signed" in report.error and "--data" not in report.error


def test_a_batch_goes_on_after_a_bad_file(samples, trust):
    reports = verify_files([samples["empty.pdf"], samples["rsa-B-LT.pdf"], samples["folder"]], trust,
                           offline=True)
    assert [bool(r.error) for r in reports] == [True, False, True]
    assert reports[1].signatures[0].indication == "TOTAL-PASSED"
    assert exit_status(reports) == 3


def test_a_damaged_value_inside_a_certificate_is_damage_not_an_internal_error(samples, trust, tmp_path):
    """A URL in a certificate (CRL distribution point, OCSP responder) whose port is not a number
    or whose host is not ASCII: Python's URL parser raises for asn1crypto (found by the fuzzer).
    Damage, not our bug. (A
    damaged copy of a certificate the file also carries intact may still pass: the intact one
    is used.)"""
    data = samples["rsa-B-LT.txt.p7s"].read_bytes()
    (tmp_path / "rsa-B-LT.txt").write_bytes(samples["rsa-B-LT.txt"].read_bytes())
    damaged = tmp_path / "rsa-B-LT.txt.p7s"
    urls = [m.end() for m in re.finditer(rb"http://127\.0\.0\.1:", data)]
    assert len(urls) >= 3  # in the signer's certificate, the CA's, the time-stamp's chain
    # the port not a number; a byte of the host that is not ASCII
    for at, byte in [(at, b"\x00") for at in urls] + [(at - 3, b"\xe8") for at in urls]:
        damaged.write_bytes(data[:at] + byte + data[at + 1:])
        report = verify_file(damaged, trust, offline=True)
        messages = [report.error or ""] + [s.message for s in report.signatures]
        assert not any("internal error" in m for m in messages), (at, messages)


def test_a_comment_running_to_the_end_of_an_object_stream_does_not_hang(tmp_path, trust):
    import threading

    path = tmp_path / "comment.pdf"
    path.write_bytes(comment_to_the_end_pdf())
    reports = []
    worker = threading.Thread(target=lambda: reports.append(verify_file(path, trust, offline=True)), daemon=True)
    worker.start()
    worker.join(timeout=60)  # a bound on a hang, not a synchronisation: the join returns as soon as it is done
    assert not worker.is_alive(), "verification hangs on a comment that runs to the end of the data"
    (report,) = reports
    assert report.signatures == [] and "damaged" in report.error
