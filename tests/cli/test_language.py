"""Every command speaks the user's language: IMZA_LANG, else the `language` setting, else the
system's; engine errors, click's own usage errors and the commands' lines alike (issue 15)."""

from __future__ import annotations

import pickle

import pytest

from desktop.core.errors import InputError, TokenNotFound

# The same facts in each language: what a user reads.
WORDS = {
    "az": {"missing": "missing.pdf: belə fayl yoxdur. Adı və qovluğu yoxlayın.",
           "verify_missing": "belə fayl yoxdur",
           "can_sign": "[imzalaya bilər]",
           "no_token": "'Nope' adlı token yoxdur",
           "usage": "İstifadə: imza sign",
           "bad_choice": "Xəta: '--level' üçün yanlış dəyər: 'XX' bunlardan biri deyil:",
           "no_option": "Xəta: '--nope' adlı seçim yoxdur.",
           "try": "Kömək üçün 'imza verify --help' yazın.",
           "missing_arg": "Xəta: Arqument çatışmır 'FILES...'."},
    "ru": {"missing": "missing.pdf: файл не найден. Проверьте имя и папку.",
           "verify_missing": "файл не найден",
           "can_sign": "[может подписывать]",
           "no_token": "Токена с меткой 'Nope' нет",
           "usage": "Использование: imza sign",
           "bad_choice": "Ошибка: Недопустимое значение для '--level': 'XX' не входит в список:",
           "no_option": "Ошибка: Нет параметра '--nope'.",
           "try": "Справка: 'imza verify --help'.",
           "missing_arg": "Ошибка: Не указан аргумент 'FILES...'."},
}


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_engine_errors_of_sign_and_verify_in_the_language(imza, tmp_path, letter, lang):
    words = WORDS[lang]
    proc = imza("sign", "missing.pdf", cwd=tmp_path, env={"IMZA_LANG": lang})
    assert proc.returncode == 3 and proc.stderr.strip() == f"imza: {words['missing']}"  # was English
    proc = imza("verify", "missing.pdf", cwd=tmp_path, env={"IMZA_LANG": lang})
    assert words["verify_missing"] in proc.stdout + proc.stderr
    proc = imza("sign", letter, "--token", "Nope", "--pin-stdin", input="1\n", env={"IMZA_LANG": lang})
    assert proc.returncode == 6 and words["no_token"] in proc.stderr, proc.stderr  # an f-string before


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_tokens_in_the_language(imza, lang):
    proc = imza("tokens", env={"IMZA_LANG": lang})
    assert proc.returncode == 0, proc.stderr
    assert "Citizen ID" in proc.stdout and WORDS[lang]["can_sign"] in proc.stdout


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_click_usage_errors_in_the_language(imza, tmp_path, lang):
    words = WORDS[lang]
    proc = imza("sign", "--level", "XX", "a.pdf", env={"IMZA_LANG": lang})
    assert proc.returncode == 2
    assert words["usage"] in proc.stderr and words["bad_choice"] in proc.stderr, proc.stderr
    assert "Usage:" not in proc.stderr and "Error:" not in proc.stderr
    proc = imza("verify", "--nope", env={"IMZA_LANG": lang})
    assert words["no_option"] in proc.stderr and words["try"] in proc.stderr, proc.stderr
    proc = imza("sign", env={"IMZA_LANG": lang})
    assert words["missing_arg"] in proc.stderr, proc.stderr


def test_the_language_setting_is_honoured_by_every_command_and_imza_lang_wins(imza, demo, tmp_path):
    env = {k: v for k, v in demo.env.items() if k != "IMZA_LANG"}
    env.update(IMZA_HOME=str(tmp_path / "home"), LANG="C.UTF-8", LC_ALL="")
    assert imza("config", "set", "language", "ru", env=env).returncode == 0
    proc = imza("sign", "missing.pdf", cwd=tmp_path, env=env)
    assert proc.stderr.strip() == f"imza: {WORDS['ru']['missing']}"  # was English: only verify read it
    proc = imza("sign", "--level", "XX", "a.pdf", env=env)
    assert WORDS["ru"]["bad_choice"] in proc.stderr
    proc = imza("sign", "missing.pdf", cwd=tmp_path, env={**env, "IMZA_LANG": "az"})
    assert proc.stderr.strip() == f"imza: {WORDS['az']['missing']}"


def test_an_error_is_translated_when_shown_and_keeps_its_fields_across_processes(monkeypatch):
    error = TokenNotFound("No token labelled {label!r} is present (found: {names}).",
                          "Insert the card or token, or pick one from `imza tokens`.", label="Nope", names="A, B")
    monkeypatch.setenv("IMZA_LANG", "en")
    assert str(error) == ("No token labelled 'Nope' is present (found: A, B). "
                          "Insert the card or token, or pick one from `imza tokens`.")
    monkeypatch.setenv("IMZA_LANG", "ru")
    assert error.message == "Токена с меткой 'Nope' нет (найдены: A, B)."
    # bulk signing's workers send errors to the parent process by pickling
    copy = pickle.loads(pickle.dumps(InputError("{path}: no such file.", "Check the name and folder.", path="x.pdf")))
    assert type(copy) is InputError and str(copy) == f"x.pdf: {WORDS['ru']['missing'].split(': ', 1)[1]}"
