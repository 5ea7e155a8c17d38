"""`imza tokens`: every token, its flags, and each certificate's fitness for signing."""

from __future__ import annotations

import json


def test_tokens_json_lists_tokens_flags_and_certificates(imza):
    proc = imza("tokens", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    tokens = {t["label"]: t for t in data["tokens"]}
    assert set(tokens) == {"Citizen ID", "Agency token", "Expired ID", "National ID (PIN1)", "National ID (PIN2)"}
    citizen = tokens["Citizen ID"]
    assert citizen["manufacturer"] and citizen["serial"]
    assert set(citizen["flags"]) == {"pin_pad", "login_required", "pin_count_low", "pin_final_try", "pin_locked"}
    certs = {c["id"]: c for c in citizen["certificates"]}
    assert certs["01"]["fit_for_signing"] is True and certs["01"]["key_usage"] == ["non_repudiation"]
    assert certs["02"]["fit_for_signing"] is False
    assert "non-repudiation" in certs["02"]["not_fit_because"]
    assert certs["01"]["subject"].startswith("CN=Aysel Mammadova")
    assert "Issuing CA" in certs["01"]["issuer"] and len(certs["01"]["sha256"]) == 64
    expired = [c for c in tokens["Expired ID"]["certificates"] if not c["is_ca"]]
    assert expired[0]["fit_for_signing"] is False and "expired" in expired[0]["not_fit_because"]


def test_tokens_text_says_which_certificate_can_sign(imza):
    proc = imza("tokens")
    assert proc.returncode == 0, proc.stderr
    assert "Citizen ID" in proc.stdout and "[can sign]" in proc.stdout
    assert "cannot sign: it expired" in proc.stdout


def test_no_token_present_is_a_clear_message(imza, tmp_path):
    conf = tmp_path / "softhsm2.conf"
    (tmp_path / "tokens").mkdir()
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    proc = imza("tokens", env={"SOFTHSM2_CONF": str(conf)})
    assert proc.returncode == 0
    assert "No card or token found" in proc.stdout
