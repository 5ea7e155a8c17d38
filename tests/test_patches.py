"""desktop/patches.py: applied explicitly by the entry points, only to the checked library
versions, only when the replaced function is the expected one, and switched off by
IMZA_NO_PATCHES=1 (the qutebrowser misc/pakjoy.py rules in ../shared/STYLE.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from desktop import patches
from tests.conftest import REPO

ALL = {"pdf-readers", "endless-comment", "asn1-names", "rsa-negative-modulus"}


def _probe(code: str, **env) -> dict:
    """Run `code` in a fresh interpreter (it prints JSON) with `env` added, IMZA_NO_PATCHES unset."""
    base = {k: v for k, v in os.environ.items() if k != patches.DISABLE_VARIABLE}
    proc = subprocess.run([sys.executable, "-c", code], env={**base, "PYTHONPATH": str(REPO), **env},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


ENTRY_THEN_IMPORT = """
import json, sys
from desktop.startup import prepare_process
prepare_process()
before = "pyhanko" in sys.modules or "asn1crypto" in sys.modules
from pyhanko.pdf_utils import generic
from asn1crypto import x509
from desktop import patches
print(json.dumps({"imported_early": before, "applied": sorted(patches.applied()),
                  "fast_reader": generic.read_hex_string_from_stream.__module__}))
"""


def test_the_entry_points_apply_the_patches_when_the_libraries_are_imported_not_before():
    out = _probe(ENTRY_THEN_IMPORT)
    assert out["imported_early"] is False  # start-up does not pay for pyhanko
    assert set(out["applied"]) == ALL
    assert out["fast_reader"] == "desktop.patches"


def test_imza_no_patches_switches_them_all_off():
    out = _probe(ENTRY_THEN_IMPORT, IMZA_NO_PATCHES="1")
    assert out["applied"] == []
    assert out["fast_reader"] == "pyhanko.pdf_utils.generic"


def test_importing_imza_patches_nothing():
    out = _probe("""
import json
import desktop.verify.engine, desktop.signing.pades, desktop.cli.main
from pyhanko.pdf_utils import generic
from desktop import patches
print(json.dumps({"applied": sorted(patches.applied()), "fast_reader": generic.read_hex_string_from_stream.__module__}))
""")
    assert out == {"applied": [], "fast_reader": "pyhanko.pdf_utils.generic"}


def test_a_library_version_not_checked_is_left_alone_with_a_debug_line():
    out = _probe("""
import json, logging
records = []
logging.getLogger("desktop.patches").addHandler(type("H", (logging.Handler,), {"emit": lambda s, r: records.append(r.getMessage())})())
logging.getLogger("desktop.patches").setLevel(logging.DEBUG)
from desktop import patches
patches.CHECKED["pyhanko"] = ("0.0.1",)
patches.install()
from pyhanko.pdf_utils import generic
import asn1crypto.x509
print(json.dumps({"applied": sorted(patches.applied()), "skipped": patches.skipped(), "log": records,
                  "fast_reader": generic.read_hex_string_from_stream.__module__}))
""")
    assert out["applied"] == ["asn1-names", "rsa-negative-modulus"]
    assert set(out["skipped"]) == {"pdf-readers", "endless-comment"}
    assert "0.0.1" in out["skipped"]["pdf-readers"] and any("pdf-readers" in line for line in out["log"])
    assert out["fast_reader"] == "pyhanko.pdf_utils.generic"


def test_an_unexpected_function_is_not_replaced():
    out = _probe("""
import json
from pyhanko.pdf_utils import generic
def somebody_elses(name_bytes):
    return None
generic._decode_name = somebody_elses
from desktop import patches
patches.install()
print(json.dumps({"skipped": sorted(patches.skipped()), "decode": generic._decode_name.__name__,
                  "hex": generic.read_hex_string_from_stream.__module__}))
""")
    assert out["skipped"] == ["pdf-readers"]
    assert out["decode"] == "somebody_elses"
    assert out["hex"] == "pyhanko.pdf_utils.generic"  # all of a patch or none of it


def test_every_patch_names_a_ready_to_file_upstream_report():
    for patch in patches.PATCHES:
        report = REPO / patch.upstream
        text = report.read_text()
        assert "## Reproducer" in text and "```python" in text, report
        assert patch.upstream in (patch.apply.__doc__ or ""), patch.name
