"""Find PKCS#11 modules without the user typing a path.

Order: the `pkcs11_module` setting, `IMZA_PKCS11_MODULE`, p11-kit's registered modules,
then well-known install locations for this platform. Every candidate is reported with
where it came from and, when it fails to load, why.
"""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pkcs11

from desktop.core.errors import ModuleNotFound
from desktop.tokens.openssl import clear_openssl_errors

# Vendor modules commonly shipped with national ID cards and USB tokens.
WELL_KNOWN: dict[str, list[str]] = {
    "linux": [
        "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
        "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
        "/usr/lib/aarch64-linux-gnu/pkcs11/opensc-pkcs11.so",
        "/usr/lib64/pkcs11/opensc-pkcs11.so",
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib64/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/libeTPkcs11.so",  # SafeNet eToken
        "/usr/lib/libIDPrimePKCS11.so",  # Thales IDPrime
        "/usr/lib/librtpkcs11ecp.so",  # Rutoken
        "/usr/lib/libcastle.so.1.0.0",  # ePass
        "/usr/local/lib/libbit4xpki.so",  # bit4id
    ],
    "darwin": [
        "/Library/OpenSC/lib/opensc-pkcs11.so",
        "/usr/local/lib/opensc-pkcs11.so",
        "/opt/homebrew/lib/softhsm/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so",
        "/usr/local/lib/libeTPkcs11.dylib",
        "/usr/local/lib/libIDPrimePKCS11.dylib",
    ],
    "win32": [
        r"C:\Windows\System32\opensc-pkcs11.dll",
        r"C:\Program Files\OpenSC Project\OpenSC\pkcs11\opensc-pkcs11.dll",
        r"C:\SoftHSM2\lib\softhsm2-x64.dll",
        r"C:\Windows\System32\eTPKCS11.dll",
        r"C:\Windows\System32\IDPrimePKCS11.dll",
    ],
}

P11KIT_CONFIG_DIRS = [
    "/etc/pkcs11/modules",
    "/usr/share/p11-kit/modules",
    os.path.expanduser("~/.config/pkcs11/modules"),
]
P11KIT_MODULE_DIRS = [
    "/usr/lib/x86_64-linux-gnu/pkcs11",
    "/usr/lib/aarch64-linux-gnu/pkcs11",
    "/usr/lib64/pkcs11",
    "/usr/lib/pkcs11",
]
# p11-kit's own proxy and trust modules hold no signing keys; listing them only confuses.
P11KIT_SKIP = {"p11-kit-trust.so", "p11-kit-proxy.so", "p11-kit-client.so", "pkcs11-spy.so"}


@dataclass
class ModuleCandidate:
    """A PKCS#11 module Imza may load, where the path came from, and why loading it failed (`error`)."""

    path: str
    source: str  # "setting" | "IMZA_PKCS11_MODULE" | "p11-kit" | "well-known"
    exists: bool
    error: str | None = None
    description: str | None = None

    @property
    def usable(self) -> bool:
        """The file exists and loaded without error."""
        return self.exists and self.error is None


def _p11kit_modules() -> list[str]:
    found: list[str] = []
    for d in P11KIT_CONFIG_DIRS:
        for conf in sorted(glob.glob(os.path.join(d, "*.module"))):
            try:
                lines = Path(conf).read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for line in lines:
                key, _, value = line.partition(":")
                if key.strip() == "module" and value.strip():
                    module = value.strip()
                    if not os.path.isabs(module):
                        module = next((os.path.join(md, module) for md in P11KIT_MODULE_DIRS
                                       if os.path.exists(os.path.join(md, module))), module)
                    if os.path.basename(module) not in P11KIT_SKIP:
                        found.append(module)
    return found


def candidate_modules(setting: str = "") -> list[ModuleCandidate]:
    """All places a module may be, in priority order, without loading anything."""
    ordered: list[tuple[str, str]] = []
    if setting:
        ordered.append((setting, "setting"))
    env = os.environ.get("IMZA_PKCS11_MODULE")
    if env:
        ordered.append((env, "IMZA_PKCS11_MODULE"))
    ordered += [(m, "p11-kit") for m in _p11kit_modules()]
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    ordered += [(m, "well-known") for m in WELL_KNOWN.get(platform, [])]

    seen: set[str] = set()
    out: list[ModuleCandidate] = []
    for path, source in ordered:
        key = os.path.realpath(path)
        if key in seen:
            continue
        seen.add(key)
        exists = os.path.isfile(path)
        explicit = source in ("setting", "IMZA_PKCS11_MODULE")
        if exists or explicit:
            out.append(ModuleCandidate(path, source, exists,
                                       None if exists else "file not found"))
    return out


def load(candidate: ModuleCandidate) -> pkcs11.lib | None:
    """Load a module; on failure record why in the candidate and return None."""
    if not candidate.exists:
        return None
    try:
        lib = pkcs11.lib(candidate.path)
        clear_openssl_errors()  # so an HTTPS TSA or OCSP request on this thread still works
        candidate.description = f"{lib.manufacturer_id.strip()} {lib.library_description.strip()}".strip()
        return lib
    except Exception as e:  # a broken vendor module can raise anything from dlopen/C_Initialize
        candidate.error = f"{type(e).__name__}: {e}".rstrip(": ")
        return None


def discover(setting: str = "") -> list[tuple[ModuleCandidate, pkcs11.lib | None]]:
    """Every candidate PKCS#11 module with its loaded library, or None where loading failed.

    `setting`: the `pkcs11_module` setting (a path, or empty for the well-known places); a
    candidate that failed keeps its reason in `candidate.error`.
    """
    return [(c, load(c)) for c in candidate_modules(setting)]


def no_module_error(candidates: list[ModuleCandidate]) -> ModuleNotFound:
    """The error for a machine where no module in `candidates` loaded: none found, or each one's reason."""
    if not candidates:
        return ModuleNotFound(
            "No PKCS#11 module was found for your card reader or token.",
            "Install your card's middleware (for ID cards usually OpenSC: `apt install opensc`) "
            "or set its path with `imza config set pkcs11_module PATH` or IMZA_PKCS11_MODULE.")
    reasons = "; ".join(f"{c.path} ({c.source}): {c.error}" for c in candidates)
    return ModuleNotFound("No PKCS#11 module could be loaded: {reasons}.",
                          "Check the path, or reinstall the token's middleware.", reasons=reasons)
