"""The set-up a fresh machine runs: the lock file, and commands that print only their own words.

`make venv` installs exactly what uv.lock pins; a lock that no longer matches pyproject.toml must
stop `make test` with a message saying what to do, not be re-resolved silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tests.conftest import REPO, run_imza

UV = REPO / ".tools" / "bin" / "uv"


def _project_copy(tmp_path: Path) -> Path:
    """The files `make lock-check` reads, mtimes kept, with the repo's bootstrapped uv."""
    for name in ("Makefile", "pyproject.toml", "uv.lock", "requirements/uv.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, tmp_path / name)
    (tmp_path / ".tools").symlink_to(REPO / ".tools")
    return tmp_path


def _lock_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-C", str(project), "lock-check"],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not UV.exists() or shutil.which("make") is None, reason="needs `make venv`'s uv")
def test_lock_check_passes_on_the_committed_lock_and_fails_when_pyproject_gains_a_dependency(tmp_path):
    project = _project_copy(tmp_path)
    proc = _lock_check(project)
    assert proc.returncode == 0, proc.stderr

    pyproject = project / "pyproject.toml"
    text = pyproject.read_text()
    assert '"reportlab>=4.2",' in text
    pyproject.write_text(text.replace('"reportlab>=4.2",', '"reportlab>=4.2",\n    "six>=1.16",'))
    proc = _lock_check(project)
    assert proc.returncode != 0
    assert "uv.lock is out of date" in proc.stderr and "make lock" in proc.stderr, proc.stderr


def test_every_locked_package_is_pinned_with_hashes():
    lock = (REPO / "uv.lock").read_text()
    packages = lock.count("\n[[package]]\n")
    assert packages > 50
    # each registry package carries a sha256 for its sdist or wheels; only the project itself has none
    registry = lock.count('source = { registry = "')
    assert registry == packages - 1
    assert lock.count("hash = \"sha256:") >= registry


def _quiet(proc: subprocess.CompletedProcess) -> str:
    return "\n".join(line for line in (proc.stdout + proc.stderr).splitlines()
                     if "warning" in line.lower() or "traceback" in line.lower())


def test_commands_print_only_their_own_output(demo, tmp_path):
    env = {k: v for k, v in demo.env.items() if k != "IMZA_DEBUG"}
    version = run_imza(["--version"], env)
    assert version.returncode == 0 and version.stderr == "", version.stderr
    assert version.stdout.startswith("imza, version ")

    tokens = run_imza(["tokens"], env)
    assert tokens.returncode == 0 and not _quiet(tokens), tokens.stderr

    letter = tmp_path / "x.pdf"
    letter.write_bytes(b"not a pdf at all")
    verify = run_imza(["verify", letter], env)
    assert verify.returncode == 3
    assert not _quiet(verify), verify.stderr
    assert verify.stderr.count("\n") <= 1, verify.stderr  # one clear line


def test_imza_debug_shows_library_warnings_that_are_otherwise_hidden():
    code = ("import warnings\n"
            "from desktop.core.logs import quiet_library_warnings\n"
            "quiet_library_warnings()\n"
            "warnings.warn_explicit('library says hi', UserWarning, 'lib.py', 1, module='pyhanko.x')\n"
            "warnings.warn_explicit('imza says hi', UserWarning, 'ours.py', 1, module='desktop.x')\n")
    env = {k: v for k, v in os.environ.items() if k not in ("IMZA_DEBUG", "PYTHONWARNINGS")}
    env["PYTHONPATH"] = str(REPO)
    quiet = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "library says hi" not in quiet.stderr and "imza says hi" in quiet.stderr, quiet.stderr
    loud = subprocess.run([sys.executable, "-c", code], env={**env, "IMZA_DEBUG": "1"},
                          capture_output=True, text=True)
    assert "library says hi" in loud.stderr and "imza says hi" in loud.stderr, loud.stderr


def test_a_warning_raised_by_imza_code_fails_the_test_suite():
    with pytest.raises(UserWarning):
        warnings.warn_explicit("a bug of ours", UserWarning, "desktop/x.py", 1, module="desktop.x")
