"""`imza verify` as a user runs it: exit statuses, text, JSON envelope, detached data lookup."""

from __future__ import annotations

import json

import pytest

from tests.support import tst_swap

CITIZEN = ["--token", "Citizen ID", "--pin-stdin"]


@pytest.fixture
def signed_lt(imza, services, letter):
    proc = imza("sign", letter, *CITIZEN, "--level", "B-LT", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    return letter.with_name("letter.signed.pdf")


def test_lt_letter_passes_offline(imza, signed_lt):
    proc = imza("verify", signed_lt, "--offline")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "TOTAL-PASSED" in proc.stdout and "Aysel Mammadova" in proc.stdout


def test_json_envelope_is_stable(imza, signed_lt):
    proc = imza("verify", signed_lt, "--offline", "--json")
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    assert doc["schema_version"] == 1
    (f,) = doc["files"]
    (sig,) = f["signatures"]
    assert sig["indication"] == "TOTAL-PASSED" and sig["level"] in ("B-LT", "B-LTA")
    # B-LT adds the DSS in a later revision: the signature covers its own revision, not the file.
    assert sig["coverage"] == "entire-revision" and sig["timestamp_time"]


def test_each_signature_timestamp_gets_its_own_line_and_json_entry(imza, signed_lt, services, tmp_path):
    proc = imza("verify", signed_lt, "--offline")
    # The window card's line (words.stamp_title), then its ETSI indication and checks (words.stamp_detail).
    assert "Valid: signature time-stamp by Imza Demo Time-Stamping Authority at " in proc.stdout
    assert "      TOTAL-PASSED; imprint matches the signature: yes" in proc.stdout
    assert "(time-stamped by Imza Demo Time-Stamping Authority)" in proc.stdout

    swapped = tmp_path / "swapped.pdf"
    swapped.write_bytes(tst_swap.pdf_with_token(signed_lt.read_bytes(), tst_swap.foreign_token(services["tsa"])))
    proc = imza("verify", swapped, "--offline")
    assert proc.returncode == 0, proc.stdout  # the signature stands; its time-stamp is ignored
    assert "Invalid: signature time-stamp by Imza Demo Time-Stamping Authority at " in proc.stdout
    assert "      TOTAL-FAILED / HASH_FAILURE; imprint matches the signature: no" in proc.stdout
    assert "does not belong to this signature" in proc.stdout and "time-stamped by" not in proc.stdout
    doc = json.loads(imza("verify", swapped, "--offline", "--json").stdout)
    (sig,) = doc["files"][0]["signatures"]
    assert [(t["indication"], t["sub_indication"]) for t in sig["timestamps"]] == [("TOTAL-FAILED", "HASH_FAILURE")]
    assert sig["timestamp_time"] is None


def test_tampered_letter_fails_with_status_1(imza, signed_lt, tmp_path):
    data = bytearray(signed_lt.read_bytes())
    i = data.index(b"Letter to the Ministry")
    data[i] = ord("X")
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    proc = imza("verify", bad, "--offline")
    assert proc.returncode == 1, proc.stdout
    assert "TOTAL-FAILED" in proc.stdout


def test_b_b_offline_is_indeterminate_with_status_2(imza, letter):
    proc = imza("sign", letter, *CITIZEN, "--level", "B-B", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    proc = imza("verify", letter.with_name("letter.signed.pdf"), "--offline")
    assert proc.returncode == 2, proc.stdout
    assert "INDETERMINATE" in proc.stdout


def test_unreadable_input_is_status_3_with_a_reason(imza, tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_text("not a pdf at all")
    proc = imza("verify", junk, "--offline")
    assert proc.returncode == 3
    assert "junk.pdf" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr


def test_detached_signature_finds_its_data(imza, services, tmp_path):
    data = tmp_path / "contract.txt"
    data.write_text("the contract")
    assert imza("sign", data, *CITIZEN, "--level", "B-LT", input="12345\n").returncode == 0
    proc = imza("verify", tmp_path / "contract.txt.p7s", "--offline")
    assert proc.returncode == 0, proc.stdout
    other = tmp_path / "other.txt"
    other.write_text("a different contract")
    proc = imza("verify", tmp_path / "contract.txt.p7s", "--data", other, "--offline")
    assert proc.returncode == 1, proc.stdout
