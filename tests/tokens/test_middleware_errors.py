"""What real middleware returns, in one line each: what happened and what to do (no traceback).

The counting shim returns the CKR_* code a card, reader or driver would (tests/support/pkcs11_shim.c);
the codes are those of PKCS#11 v2.40, section 3.6 (return values) and 5.1.
"""

from __future__ import annotations

import json

import pytest

from tests.bulk.conftest import signatures

CITIZEN = ["--token", "Citizen ID", "--pin-stdin", "--level", "B-B"]


def _one_line(stderr: str) -> str:
    """The one line about the problem (`imza sign` says "failed: ..." per file, others "imza: ...")."""
    lines = [line for line in stderr.splitlines() if line.startswith(("imza:", "failed:"))]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.mark.parametrize(("knob", "code", "said", "todo"), [
    ("IMZA_SHIM_RV_SIGN", "0x30", "reported a device error", "insert it again"),  # CKR_DEVICE_ERROR
    ("IMZA_SHIM_RV_SIGNINIT", "0x54", "does not support what Imza asked of it (FunctionNotSupported)",
     "update the card's software"),  # CKR_FUNCTION_NOT_SUPPORTED for the signature mechanism
    ("IMZA_SHIM_RV_LOGIN", "0xA3", "has expired and must be changed", "imza pin change"),  # CKR_PIN_EXPIRED
    ("IMZA_SHIM_RV_GETTOKENINFO", "0xE1", "no installed card software can read it",
     "apt install opensc"),  # CKR_TOKEN_NOT_RECOGNIZED
])
def test_a_middleware_error_is_one_line_saying_what_to_do(imza, shim, letter, knob, code, said, todo):
    env, count_file = shim
    proc = imza("sign", letter, *CITIZEN, input="12345\n", env={**env, knob: code})
    line = _one_line(proc.stderr)
    assert proc.returncode == 6  # a token problem
    assert said in line and todo in line
    assert not letter.with_name("letter.signed.pdf").exists()
    assert signatures(count_file) == 0


def test_a_card_pulled_and_reinserted_mid_run_is_named_and_the_run_resumable(imza, shim, letters, tmp_path):
    """After a re-insert, middleware answers the old session with CKR_SESSION_HANDLE_INVALID."""
    env, count_file = shim
    src, out = letters(6), tmp_path / "out"
    proc = imza("bulk", src, "--out-dir", out, *CITIZEN, "--workers", "1", input="12345\n",
                env={**env, "IMZA_SHIM_FAIL_AFTER": "3", "IMZA_SHIM_FAIL_RV": "0xB3"})
    assert proc.returncode == 6, proc.stderr
    line = _one_line(proc.stderr)
    assert "removed or reset" in line and "--resume" in line
    assert signatures(count_file) == 3


def test_tokens_names_a_card_no_module_can_read(imza, shim):
    env, _ = shim
    env = {**env, "IMZA_SHIM_RV_GETTOKENINFO": "0xE1"}
    proc = imza("tokens", env=env)
    assert proc.returncode == 0
    assert "a card is in the reader" in proc.stdout.lower() and "no installed card software" in proc.stdout
    assert "No card or token found" not in proc.stdout
    listed = json.loads(imza("tokens", "--json", env=env).stdout)
    assert listed["tokens"] == [] and listed["unreadable_cards"]
