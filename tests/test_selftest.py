"""`imza --self-test` and the version: one place (pyproject.toml), the same everywhere it is shown."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from datetime import timedelta

import pytest
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo

import desktop
from desktop import selftest
from desktop.core.model import Indication
from desktop.resources import resource_path
from desktop.verify.engine import verify_file
from desktop.verify.trust import TrustStore, load_certificates

REPO = resource_path().parent
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


def run_imza(*args, env=None):
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=120,
                          cwd=REPO, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})})


def test_version_comes_from_pyproject():
    assert desktop.__version__ == VERSION
    proc = run_imza("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"imza, version {VERSION}"


def test_self_test_passes_and_says_what_it_checked(tmp_path):
    proc = run_imza("--self-test", env={"IMZA_HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert [ln.split()[0] for ln in lines[:-1]] == ["ok"] * len(selftest.CHECKS), proc.stdout
    assert "TOTAL-PASSED at level B-LT" in proc.stdout and "window shown" in proc.stdout
    assert lines[-1] == "self-test passed"
    assert not list(tmp_path.iterdir()), "the self-test must not write settings or data"


def test_self_test_fails_loudly_when_a_check_fails(monkeypatch, capsys):
    def broken():
        raise selftest.Failed("the sample verified as INDETERMINATE")

    monkeypatch.setattr(selftest, "CHECKS", [("resources", selftest.check_resources), ("sample", broken)])
    assert selftest.run() == 1
    out = capsys.readouterr().out
    assert "FAIL sample" in out and "INDETERMINATE" in out and "self-test FAILED (1 checks)" in out


@pytest.fixture
def decades_later(monkeypatch):
    real_now = ValidationTimingInfo.now.__func__

    def later(cls, tz=None):
        t = real_now(cls, tz).validation_time + timedelta(days=365 * 30)
        return cls(validation_time=t, best_signature_time=t, point_in_time_validation=False)

    monkeypatch.setattr(ValidationTimingInfo, "now", classmethod(later))


@pytest.mark.parametrize("when", ["now", "in thirty years"])
def test_the_sample_verdict_does_not_depend_on_the_clock(request, when):
    if when != "now":
        request.getfixturevalue("decades_later")
    trust = TrustStore(None, load_certificates(resource_path(*selftest.SAMPLE_ANCHOR).read_bytes()))
    (sig,) = verify_file(resource_path(*selftest.SAMPLE), trust, offline=True).signatures
    assert (sig.indication, sig.level) == (Indication.TOTAL_PASSED, "B-LT"), sig.message


def test_the_sample_is_not_trusted_by_default():
    """Its anchor is for the self-test alone: the bundled trust store must not contain it."""
    (sig,) = verify_file(resource_path(*selftest.SAMPLE), TrustStore.bundled(), offline=True).signatures
    assert sig.indication is not Indication.TOTAL_PASSED
