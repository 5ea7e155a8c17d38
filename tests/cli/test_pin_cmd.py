"""`imza pin change|unblock`: PINs from stdin (never argv), one try, clear messages."""

from __future__ import annotations

import os
import subprocess

import pytest


@pytest.fixture
def token(demo):
    env = {**os.environ, "SOFTHSM2_CONF": demo.state["softhsm2_conf"]}

    def util(*args):
        subprocess.run(["softhsm2-util", *args], env=env, check=True, capture_output=True)

    util("--init-token", "--free", "--label", "CLI PIN", "--pin", "1111", "--so-pin", "222222")
    yield "CLI PIN"
    util("--delete-token", "--token", "CLI PIN")


def test_change_then_unblock(imza, token):
    proc = imza("pin", "change", "--token", token, "--pin-stdin", input="1111\n3333\n")
    assert proc.returncode == 0, proc.stderr
    assert "was changed" in proc.stdout and "length rules" in proc.stderr

    proc = imza("pin", "change", "--token", token, "--pin-stdin", input="1111\n4444\n")
    assert proc.returncode == 6 and "Wrong current PIN" in proc.stderr and "Traceback" not in proc.stderr

    proc = imza("pin", "unblock", "--token", token, "--pin-stdin", input="222222\n5555\n")
    assert proc.returncode == 0, proc.stderr
    proc = imza("pin", "change", "--token", token, "--pin-stdin", input="5555\n6666\n")
    assert proc.returncode == 0, proc.stderr


def test_pins_are_never_arguments(imza, token):
    proc = imza("pin", "change", "--token", token, "1111")
    assert proc.returncode == 2  # click: unexpected extra argument
    proc = imza("pin", "change", "--token", token, input="")
    assert proc.returncode == 6 and "--pin-stdin" in proc.stderr  # no terminal: says how, asks nothing


def test_too_few_lines_on_stdin(imza, token):
    proc = imza("pin", "unblock", "--token", token, "--pin-stdin", input="222222\n")
    assert proc.returncode == 6 and "expects 2 lines" in proc.stderr
