"""Build tests/support/pkcs11_shim.c: a forwarding PKCS#11 module that can be slow or fail."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOURCE = Path(__file__).with_name("pkcs11_shim.c")


def build(into: Path) -> Path:
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        raise RuntimeError("A C compiler is needed for the PKCS#11 test shim (apt install gcc).")
    out = into / "imza-pkcs11-shim.so"
    subprocess.run([cc, "-shared", "-fPIC", "-O2", "-I/usr/include/p11-kit-1", "-o", str(out), str(SOURCE), "-ldl"],
                   check=True, capture_output=True)
    return out


def shim_env(home: Path, module: Path, softhsm2_conf: str, **settings: str) -> dict[str, str]:
    """An IMZA_HOME whose settings load the shim (forwarding to SoftHSM2), and the env for it."""
    from desktop.demo.environment import find_softhsm_module

    (home / "config").mkdir(parents=True)
    lines = [f'pkcs11_module = "{module}"', f'softhsm2_conf = "{softhsm2_conf}"']
    lines += [f'{name} = "{value}"' for name, value in settings.items()]
    (home / "config" / "config.toml").write_text("\n".join(lines) + "\n")
    return {"IMZA_HOME": str(home), "IMZA_SHIM_TARGET": find_softhsm_module()}
