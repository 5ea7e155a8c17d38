"""PIN entry paths that need reader features SoftHSM2 lacks: PIN pad, final try, blocked PIN.

The PKCS#11 shim (tests/support) forwards to SoftHSM2 and adds those token flags.
"""

from __future__ import annotations

import pytest

from tests.support.shim import build, shim_env


@pytest.fixture(scope="module")
def shim_module(tmp_path_factory):
    return build(tmp_path_factory.mktemp("shim"))


@pytest.fixture
def via_shim(demo, shim_module, tmp_path):
    return shim_env(tmp_path / "home", shim_module, demo.state["softhsm2_conf"])


def test_pin_pad_reader_is_used_without_asking_for_a_pin(imza, via_shim, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--level", "B-B", input="",
                env={**via_shim, "IMZA_SHIM_PINPAD_PIN": "12345"})
    assert proc.returncode == 0, proc.stderr
    assert "PIN pad" in proc.stderr
    assert letter.with_name("letter.signed.pdf").exists()


def test_tokens_shows_pin_pad_and_pin_state(imza, via_shim):
    proc = imza("tokens", env={**via_shim, "IMZA_SHIM_PINPAD_PIN": "12345", "IMZA_SHIM_EXTRA_FLAGS": "20000"})
    assert proc.returncode == 0, proc.stderr
    assert "PIN pad" in proc.stdout and "final PIN try" in proc.stdout


def test_wrong_pin_on_final_try_says_one_try_left(imza, via_shim, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", input="99999\n",
                env={**via_shim, "IMZA_SHIM_EXTRA_FLAGS": "20000"})
    assert proc.returncode == 6
    assert "One try is left" in proc.stderr
    # The shared demo token now reports "a wrong PIN was entered" until the next good login;
    # make that login so that later tests see the token as a fresh one.
    assert imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", input="12345\n").returncode == 0


def test_blocked_pin_is_not_tried(imza, via_shim, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", input="12345\n",
                env={**via_shim, "IMZA_SHIM_EXTRA_FLAGS": "40000"})
    assert proc.returncode == 6
    assert "blocked" in proc.stderr and "PUK" in proc.stderr
    assert not letter.with_name("letter.signed.pdf").exists()
