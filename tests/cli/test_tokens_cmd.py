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


def test_tokens_json_names_each_problem_by_code_and_keeps_english_reason(imza):
    proc = imza("tokens", "--json", env={"IMZA_LANG": "ru"})
    assert proc.returncode == 0, proc.stderr
    tokens = {t["label"]: t for t in json.loads(proc.stdout)["tokens"]}
    certs = {c["id"]: c for c in tokens["Citizen ID"]["certificates"]}
    assert certs["01"]["not_fit_code"] is None and certs["01"]["not_fit_because"] is None
    assert certs["02"]["not_fit_code"] == "no_non_repudiation"
    assert "non-repudiation" in certs["02"]["not_fit_because"]  # JSON stays English in every language
    expired = [c for c in tokens["Expired ID"]["certificates"] if not c["is_ca"]][0]
    assert expired["not_fit_code"] == "expired" and expired["not_fit_because"].startswith("it expired on ")


def test_tokens_text_gives_the_reason_in_russian(imza):
    proc = imza("tokens", env={"IMZA_LANG": "ru"})
    assert proc.returncode == 0, proc.stderr
    assert "не может подписывать: срок его действия истёк 20" in proc.stdout
    assert "назначение его ключа не позволяет подписывать документы" in proc.stdout
    assert "it expired on" not in proc.stdout and "no non-repudiation" not in proc.stdout
