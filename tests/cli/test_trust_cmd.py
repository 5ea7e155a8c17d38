"""`imza trust list|add|remove` on the user's trust folder; `imza verify` is offline unless --online."""

from __future__ import annotations

import pytest

CITIZEN = ["--token", "Citizen ID", "--pin-stdin"]


@pytest.fixture
def fresh_home(demo, tmp_path):
    """A user with no settings: the trust folder is <data dir>/trust."""
    return {"IMZA_HOME": str(tmp_path / "home")}


def test_add_list_and_remove_a_root_and_a_trusted_list(imza, demo, fresh_home, tmp_path):
    folder = tmp_path / "home" / "data" / "trust"
    proc = imza("trust", "add", demo.trust_dir / "imza-demo-root.pem", env=fresh_home)
    assert proc.returncode == 0, proc.stderr
    assert (folder / "imza-demo-root.pem").is_file()

    # Without its signer's certificate the trusted list is kept but not used, and says why.
    proc = imza("trust", "add", demo.trust_dir / "imza-demo-tl.xml", env=fresh_home)
    assert proc.returncode == 0 and "not used" in proc.stdout, proc.stdout + proc.stderr
    proc = imza("trust", "list", env=fresh_home)
    assert "REFUSED" in proc.stdout and "no trusted-list signer certificate" in proc.stdout

    signer = demo.trust_dir / "tl-signers" / "imza-demo-tl-signer.pem"
    assert imza("trust", "add", "--tl-signer", signer, env=fresh_home).returncode == 0
    proc = imza("trust", "list", env=fresh_home)
    assert "CA/QC: Imza Demo Qualified Issuing CA" in proc.stdout, proc.stdout
    assert "root Imza Demo Root CA" in proc.stdout and "REFUSED" not in proc.stdout

    assert imza("trust", "remove", "imza-demo-tl.xml", env=fresh_home).returncode == 0
    assert not (folder / "imza-demo-tl.xml").exists()
    proc = imza("trust", "remove", "nothing-like-this.pem", env=fresh_home)
    assert proc.returncode == 2 and "not in your trust folder" in proc.stderr


def test_add_refuses_what_is_not_a_certificate(imza, fresh_home, tmp_path):
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    proc = imza("trust", "add", junk, env=fresh_home)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr


def test_list_shows_a_damaged_file_in_the_trust_folder_with_the_reason(imza, fresh_home, tmp_path):
    folder = tmp_path / "home" / "data" / "trust"
    folder.mkdir(parents=True)
    (folder / "damaged.crt").write_bytes(b"\x30\x82\x05")
    proc = imza("trust", "list", env=fresh_home)
    assert proc.returncode == 0, proc.stderr
    assert "damaged.crt: REFUSED — it is not a certificate" in proc.stdout
    assert imza("trust", "remove", "damaged.crt", env=fresh_home).returncode == 0


def test_verify_is_offline_by_default_and_online_on_request(imza, services, letter):
    assert imza("sign", letter, *CITIZEN, "--level", "B-B", input="12345\n").returncode == 0
    signed = letter.with_name("letter.signed.pdf")
    proc = imza("verify", signed)
    assert proc.returncode == 2 and "TRY_LATER" in proc.stdout, proc.stdout
    proc = imza("verify", signed, "--online")
    assert proc.returncode == 0, proc.stdout
    assert "Signed revision: 2 of 2" in proc.stdout


def test_verify_at_a_time_before_the_certificate_is_not_passed(imza, services, letter):
    assert imza("sign", letter, *CITIZEN, "--level", "B-LT", input="12345\n").returncode == 0
    signed = letter.with_name("letter.signed.pdf")
    proc = imza("verify", signed, "--at", "2020-01-01T00:00:00")
    assert proc.returncode in (1, 2) and "TOTAL-PASSED" not in proc.stdout, proc.stdout
    proc = imza("verify", signed, "--at", "yesterday-ish")
    assert proc.returncode == 2 and "ISO 8601" in proc.stderr
