"""Bulk tests sign through a forwarding PKCS#11 shim around SoftHSM2 that can be slowed or unplugged."""

from __future__ import annotations

import pytest

from desktop.demo.documents import letter_pdf
from desktop.demo.environment import find_softhsm_module
from tests.support.shim import build


@pytest.fixture(scope="session")
def shim_module(tmp_path_factory):
    return build(tmp_path_factory.mktemp("shim"))


@pytest.fixture
def shim(demo, shim_module, tmp_path):
    """Env for `imza` that signs through the shim; `count_file` counts token signatures."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(
        f'pkcs11_module = "{shim_module}"\n'
        f'softhsm2_conf = "{demo.state["softhsm2_conf"]}"\n'
        f'tsa_url = "{demo.tsa_url}"\n'
        f'trust_dir = "{demo.trust_dir}"\n')
    count_file = tmp_path / "signatures.log"
    env = {"IMZA_HOME": str(home), "IMZA_SHIM_TARGET": find_softhsm_module(),
           "IMZA_SHIM_COUNT_FILE": str(count_file)}
    return env, count_file


def signatures(count_file) -> int:
    return count_file.read_text().count("C_Sign") if count_file.exists() else 0


@pytest.fixture
def letters(tmp_path):
    def make(n: int, folder: str = "in"):
        d = tmp_path / folder
        d.mkdir()
        for i in range(n):
            (d / f"letter-{i:03d}.pdf").write_bytes(letter_pdf(f"Letter {i}", [f"Reference 2026/{i:04d}"]))
        return d
    return make
