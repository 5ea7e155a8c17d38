"""Nothing the CLI prints from a document, a certificate or a server can drive the terminal
(issue 14, item 5): ESC sequences, CR, BEL, the C1 controls and bidi overrides are escaped."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from desktop.core.text import printable
from tests.support.forged import pdf_signed_by

# Erase the line, go up one, rewrite it: what a forged "TOTAL-PASSED" line needs. Then BEL,
# CSI as one C1 character (U+009B), a right-to-left override and a line break.
FORGED = "Eve\x1b[2K\x1b[1A\r\x07\x9b2KTOTAL-PASSED\u202edecnalab\nTOTAL-PASSED"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # what must never come out


def test_printable_escapes_every_control_and_keeps_every_script():
    assert printable(FORGED) == ("Eve\\x1b[2K\\x1b[1A\\r\\x07\\x9b2KTOTAL-PASSED\\u202edecnalab\\nTOTAL-PASSED")
    assert printable("Məmmədova Айсель — ok") == "Məmmədova Айсель — ok"
    assert printable(printable(FORGED)) == printable(FORGED)  # escaping twice changes nothing more


@pytest.fixture(scope="module")
def forged_pdf(tmp_path_factory):
    """A PDF really signed by a certificate whose name holds FORGED, saved under a file name
    holding an ESC sequence too."""
    path = tmp_path_factory.mktemp("forged") / "letter\x1b[31m\u202e.pdf"
    path.write_bytes(pdf_signed_by(FORGED))
    return path


def _clean(text: str) -> None:
    assert not RAW.search(text), RAW.search(text)
    assert "\nTOTAL-PASSED" not in text


def test_verify_escapes_the_certificate_name_and_the_file_name(imza, forged_pdf):
    proc = imza("verify", forged_pdf)
    assert proc.returncode in (1, 2), proc.stderr  # not trusted: never TOTAL-PASSED
    _clean(proc.stdout + proc.stderr)
    assert "Eve\\x1b[2K\\x1b[1A\\r\\x07\\x9b2KTOTAL-PASSED\\u202edecnalab\\nTOTAL-PASSED" in proc.stdout
    assert "letter\\x1b[31m\\u202e.pdf" in proc.stdout


def test_the_verify_table_is_escaped_and_aligned(imza, forged_pdf, letter):
    shutil.copy(letter, forged_pdf.parent / "plain.pdf")
    proc = imza("verify", forged_pdf.parent, "--recursive")
    _clean(proc.stdout + proc.stderr)
    header, rule, *rows = proc.stdout.splitlines()
    assert "letter\\x1b[31m\\u202e.pdf" in proc.stdout and "Eve\\x1b" in proc.stdout
    result_column = header.index(header.split()[1])
    assert all(len(row) > result_column for row in rows[:2])


def test_json_carries_the_same_text_as_json_escapes(imza, forged_pdf):
    proc = imza("verify", forged_pdf, "--json")
    _clean(proc.stdout)
    (report,) = json.loads(proc.stdout)["files"]
    assert report["path"] == str(forged_pdf)
    assert report["signatures"][0]["signer"].startswith("Eve\x1b[2K")  # the value itself is unchanged


def test_error_lines_are_escaped(imza, tmp_path):
    missing = tmp_path / "gone\x1b]0;owned\x07\r.pdf"
    proc = imza("sign", missing, "--token", "Citizen ID", "--pin-stdin", input="12345\n")
    assert proc.returncode != 0
    assert proc.stderr.startswith("imza: ")
    _clean(proc.stderr)
    assert "gone\\x1b]0;owned\\x07\\r.pdf" in proc.stderr


def test_asic_entry_names_are_escaped(imza, tmp_path):
    """The manifest names each file as it was signed; a name holding ESC and CR is shown escaped."""
    data = tmp_path / "minutes\x1b[2K\rTOTAL-PASSED.txt"
    data.write_text("Signed minutes\n", encoding="utf-8")
    container = tmp_path / "bundle.asice"
    proc = imza("sign", "--format", "asice", data, "-o", container, "--token", "Citizen ID", "--level", "B-B",
                "--pin-stdin", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    proc = imza("verify", container)
    _clean(proc.stdout + proc.stderr)
    assert "minutes\\x1b[2K\\rTOTAL-PASSED.txt" in proc.stdout
