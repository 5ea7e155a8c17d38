"""The independent check of what Imza signs: pyhanko's own validation, unpatched, in its own process.

Imza's patches of pyhanko and asn1crypto (desktop/patches.py) are in force in the test process,
as in the product; a check meant to be independent of Imza must not run through them. These
helpers start `python -m tests.support.oracle`, which never installs the patches (only Imza's
entry points do), and answer plain values.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _ask(request: dict) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "IMZA_NO_PATCHES": "1"}
    proc = subprocess.run([sys.executable, "-m", "tests.support.oracle"], input=json.dumps(request),
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def pdf_signatures(path: Path, trust_dir: Path, *, fetch: bool = True, soft_fail: bool = False) -> list[dict]:
    """For each embedded signature (document time-stamps left out) of the PDF at `path`: pyhanko's verdict, as a dict with
    bottom_line, timestamp_valid (None without a time-stamp), signer (common name), key_algorithm,
    details (pyhanko's pretty-printed report)."""
    return _ask({"kind": "pdf", "path": str(path), "trust": str(trust_dir), "fetch": fetch,
                 "soft_fail": soft_fail})


def detached_cms(data: Path, p7s: Path, trust_dir: Path) -> dict:
    """pyhanko's verdict on a detached CAdES signature `p7s` over the file `data` (same keys)."""
    (result,) = _ask({"kind": "cms", "path": str(p7s), "data": str(data), "trust": str(trust_dir),
                      "fetch": True, "soft_fail": False})
    return result


def _describe(status) -> dict:
    ts = getattr(status, "timestamp_validity", None)
    return {"bottom_line": bool(status.bottom_line),
            "timestamp_valid": None if ts is None else bool(ts.valid),
            "signer": status.signing_cert.subject.native.get("common_name"),
            "key_algorithm": status.signing_cert.public_key.algorithm,
            "details": status.pretty_print_details()}


def _main() -> None:
    from desktop.core.logs import quiet_library_warnings

    quiet_library_warnings()  # not the patches: only Imza's entry points install those
    from asn1crypto import cms
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    from desktop import patches
    from desktop.verify.trust import TrustStore

    request = json.load(sys.stdin)
    kwargs = {"trust_roots": TrustStore.from_dir(Path(request["trust"])).anchors,
              "allow_fetching": request["fetch"]}
    if request["soft_fail"]:
        kwargs["revocation_mode"] = "soft-fail"
    vc = ValidationContext(**kwargs)
    path = Path(request["path"])
    if request["kind"] == "pdf":
        sigs = [s for s in PdfFileReader(BytesIO(path.read_bytes())).embedded_signatures
                if s.sig_object.get("/Type") != "/DocTimeStamp"]
        results = [_describe(validate_pdf_signature(s, vc)) for s in sigs]
    else:
        sd = cms.ContentInfo.load(path.read_bytes())["content"]
        data = Path(request["data"]).read_bytes()
        results = [_describe(asyncio.run(async_validate_detached_cms(data, sd, signer_validation_context=vc)))]
    assert not patches.applied(), patches.applied()  # the whole point: pyhanko as published
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    _main()
