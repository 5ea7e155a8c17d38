"""`imza sign --format asice`, `imza verify --report FILE` and `imza verify DIR --recursive` as a user runs them."""

from __future__ import annotations

import json
import zipfile

import pytest
from lxml import etree

CITIZEN = ["--token", "Citizen ID", "--pin-stdin"]
VR = "{http://uri.etsi.org/19102/v1.2.1#}"


@pytest.fixture
def signed_folder(imza, services, tmp_path, letter):
    """A folder with a B-LT letter, a B-B letter (INDETERMINATE offline), a two-file container, a data file."""
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    notes = tmp_path / "notes.txt"
    notes.write_text("notes for the letter\n")
    proc = imza("sign", letter, *CITIZEN, "--level", "B-LT", "-o", folder / "lt.pdf", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    proc = imza("sign", letter, *CITIZEN, "--level", "B-B", "-o", folder / "sub" / "bb.pdf", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    proc = imza("sign", "--format", "asice", letter, notes, *CITIZEN, "--level", "B-LT",
                "-o", folder / "bundle.asice", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(folder / "bundle.asice")
    (folder / "readme.txt").write_text("not signed, and not looked at by --recursive")
    return folder


def test_sign_asice_bundles_files_and_verify_names_them(imza, signed_folder):
    with zipfile.ZipFile(signed_folder / "bundle.asice") as z:
        assert z.namelist()[0] == "mimetype" and {"letter.pdf", "notes.txt"} <= set(z.namelist())
    proc = imza("verify", signed_folder / "bundle.asice", "--offline")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "letter.pdf, notes.txt" in proc.stdout and "TOTAL-PASSED" in proc.stdout


def test_recursive_prints_a_table_and_summary_with_the_usual_exit_status(imza, signed_folder):
    proc = imza("verify", signed_folder, "--recursive", "--offline")
    assert proc.returncode == 2, proc.stdout + proc.stderr  # the B-B letter is INDETERMINATE offline
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:2] == ["file", "result"]
    assert any("lt.pdf" in x and "TOTAL-PASSED" in x for x in lines)
    assert any("bb.pdf" in x and "INDETERMINATE" in x and "TRY_LATER" in x for x in lines)
    assert "readme.txt" not in proc.stdout
    assert "3 files: 2 TOTAL-PASSED, 0 TOTAL-FAILED, 1 INDETERMINATE, 0 unreadable" in lines[-1]
    proc = imza("verify", signed_folder, "--offline")
    assert proc.returncode == 3 and "is a folder" in proc.stdout  # without --recursive, as before


def test_reports_in_every_format(imza, signed_folder, tmp_path):
    files = [signed_folder / "lt.pdf", signed_folder / "bundle.asice", signed_folder / "sub" / "bb.pdf"]
    for ext in ("html", "pdf", "json", "xml"):
        proc = imza("verify", *files, "--offline", "--report", tmp_path / f"report.{ext}")
        assert proc.returncode == 2, proc.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Signature verification report" in html and "Aysel Mammadova" in html and "notes.txt" in html
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
    doc = json.loads((tmp_path / "report.json").read_text())
    assert doc["schema_version"] == 1 and [f["kind"] for f in doc["files"]] == ["pdf", "asice", "pdf"]

    root = etree.parse(str(tmp_path / "report.xml")).getroot()
    assert root.tag == f"{VR}ValidationReport"
    reports = root.findall(f"{VR}SignatureValidationReport")
    n_signatures = sum(len(f["signatures"]) for f in doc["files"])
    assert len(reports) == n_signatures
    main = [r.findtext(f"{VR}SignatureValidationStatus/{VR}MainIndication") for r in reports]
    expected = ["urn:etsi:019102:mainindication:" + s["indication"].lower()
                for f in doc["files"] for s in f["signatures"]]
    assert main == expected and "urn:etsi:019102:mainindication:indeterminate" in main
    subs = [r.findtext(f"{VR}SignatureValidationStatus/{VR}SubIndication") for r in reports]
    assert "urn:etsi:019102:subindication:TRY_LATER" in subs
    for r in reports:
        assert r.find(f"{VR}SignatureIdentifier").get("id")
        assert r.find(f"{VR}ValidationTimeInfo/{VR}ValidationTime") is not None
    objects = {vo.get("id") for vo in root.iter(f"{VR}ValidationObject")}
    refs = {e.get("VOReference") for e in root.iter() if e.get("VOReference")}
    assert refs <= objects


def test_report_in_the_users_language_and_unknown_format_refused(imza, signed_folder, tmp_path):
    proc = imza("verify", signed_folder / "lt.pdf", "--offline", "--report", tmp_path / "r.html",
                env={"IMZA_LANG": "az"})
    assert proc.returncode == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "İmza yoxlama hesabatı" in html and "Etibarlı" in html
    proc = imza("verify", signed_folder / "lt.pdf", "--offline", "--report", tmp_path / "r.docx")
    assert proc.returncode == 3 and ".html, .pdf, .json or .xml" in proc.stderr
