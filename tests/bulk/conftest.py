"""Bulk tests sign through a forwarding PKCS#11 shim around SoftHSM2 that can be slowed or unplugged."""

from __future__ import annotations

import pytest

from desktop.demo.documents import letter_pdf
from tests.support.shim import build, shim_env


@pytest.fixture(scope="session")
def shim_module(tmp_path_factory):
    return build(tmp_path_factory.mktemp("shim"))


@pytest.fixture
def shim(demo, shim_module, tmp_path):
    """Env for `imza` that signs through the shim; `count_file` counts token signatures."""
    count_file = tmp_path / "signatures.log"
    env = shim_env(tmp_path / "home", shim_module, demo.state["softhsm2_conf"],
                   tsa_url=demo.tsa_url, trust_dir=str(demo.trust_dir))
    return {**env, "IMZA_SHIM_COUNT_FILE": str(count_file)}, count_file


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
