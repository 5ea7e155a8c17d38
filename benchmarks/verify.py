"""Verification speed: Imza's batch vs the bare pyhanko loop, the pyHanko CLI per file, and pdfsig.

    python benchmarks/verify.py [--n 200] [--m 20] [--repeat 2] [--level B-LT]

Signs N one-page letters at B-T and at B-LT with `imza sign` (demo SoftHSM2 token, demo TSA and
OCSP), stops the demo services, then verifies the letters offline:

- imza batch:   desktop.verify.batch.verify_many (what `imza verify` runs), all cores
- imza 1 proc:  desktop.verify.engine.verify_files in one process
- imza 1 proc, no patches: the same with IMZA_NO_PATCHES=1 (desktop/patches.py switched off)
- bare pyhanko: a plain loop of validate_pdf_signature with the same trust roots and the
                letter's DSS as validation context (allow_fetching=False, hard-fail revocation)
- imza CLI:     the whole `imza verify --offline` process (start-up included)
- pyHanko CLI:  `pyhanko sign validate --no-revocation-check` once per file, on M letters
                (if the pyhanko-cli package is installed: the `bench` extra, which `make bench` adds)
- pdfsig:       poppler's pdfsig once per file, on M letters (if installed; no trust store)
For the per-file tools, "passed" is how many runs exited 0.

In-process rows time the loop only (imports done, files on disk, page cache warm), best of
--repeat runs, each in a fresh process. "passed" counts TOTAL-PASSED (Imza) or bottom_line
(pyhanko), so the rows can be compared for the same verdicts. Not a test: no assertions.
Targets (issue 6): >= 100 B-LT letters/s on 2 cores; Imza at most 10% slower than bare pyhanko.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _common import Bench, table


def _engine(files: list[Path], trust_dir: str, parallel: bool) -> dict:
    from desktop.verify.batch import verify_many
    from desktop.verify.engine import verify_files
    from desktop.verify.trust import TrustStore

    trust = TrustStore.from_dir(Path(trust_dir))
    t, cpu = time.perf_counter(), time.process_time()
    reports = verify_many(files, trust, offline=True) if parallel else verify_files(files, trust, offline=True)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - cpu,
            "passed": sum(r.worst is not None and r.worst.value == "TOTAL-PASSED" for r in reports)}


def _bare(files: list[Path], trust_dir: str) -> dict:
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError

    from desktop.verify.trust import TrustStore

    roots = list(TrustStore.from_dir(Path(trust_dir)).anchors)
    kwargs = {"trust_roots": roots, "allow_fetching": False, "revocation_mode": "hard-fail"}
    passed = 0
    t, cpu = time.perf_counter(), time.process_time()
    for f in files:
        reader = PdfFileReader(BytesIO(f.read_bytes()))
        sig = reader.embedded_signatures[0]
        try:
            vc = DocumentSecurityStore.read_dss(reader).as_validation_context(kwargs)
        except NoDSSFoundError:  # B-T: nothing to check revocation with, offline
            from pyhanko_certvalidator import ValidationContext
            vc = ValidationContext(**kwargs, crls=[], ocsps=[])
        passed += bool(validate_pdf_signature(sig, vc).bottom_line)
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - cpu, "passed": passed}


def worker(mode: str, folder: str, trust_dir: str) -> None:
    files = sorted(Path(folder).glob("*.pdf"))
    if mode != "bare":
        from desktop.startup import prepare_process

        prepare_process()  # as `imza verify` does: the library patches, unless IMZA_NO_PATCHES is set
    result = _bare(files, trust_dir) if mode == "bare" else _engine(files, trust_dir, parallel=mode == "batch")
    print(json.dumps(result))


def _in_process(b: Bench, mode: str, folder: Path, repeat: int) -> dict:
    best = None
    env = {k: v for k, v in b.env.items() if k != "IMZA_NO_PATCHES"}
    if mode == "unpatched":
        mode, env["IMZA_NO_PATCHES"] = "one", "1"
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, __file__, "--worker", mode, str(folder), str(b.demo_dir / "trust")],
                              env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"{mode} failed: {proc.stderr[-2000:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        best = result if best is None or result["seconds"] < best["seconds"] else best
    return best


def _per_file(argv_for, files: list[Path], env: dict) -> tuple[float, int]:
    """Seconds for running a tool once per file, and how many runs exited 0."""
    total, ok = 0.0, 0
    for f in files:
        t = time.perf_counter()
        ok += subprocess.run(argv_for(f), env=env, capture_output=True).returncode == 0
        total += time.perf_counter() - t
    return total, ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200, help="letters per level verified by Imza and bare pyhanko")
    ap.add_argument("--m", type=int, default=20, help="letters run through the pyHanko CLI / pdfsig, one process each")
    ap.add_argument("--repeat", type=int, default=2, help="runs per in-process row (the best is shown)")
    ap.add_argument("--level", choices=("B-T", "B-LT"), action="append",
                    help="only this level (repeatable; default both)")
    ap.add_argument("--worker", nargs=3, metavar=("MODE", "FOLDER", "TRUST"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(*args.worker)

    b = Bench()
    b.serve()
    try:
        letters = b.letters(args.n)
        folders = {}
        for level in args.level or ("B-T", "B-LT"):
            folders[level] = b.tmp / f"signed-{level}"
            folders[level].mkdir()
            b.run_imza("sign", *letters, "--out-dir", folders[level], "--token", "Citizen ID", "--pin-stdin",
                       "--level", level, input="12345\n")
    finally:
        b.close()  # verification below is offline: nothing may need the services

    rows, rates, cpu = [], {}, {}
    root = b.demo_dir / "trust" / "imza-demo-root.pem"
    for level, folder in folders.items():
        files = sorted(folder.glob("*.pdf"))
        n = len(files)
        for mode, label, procs in (("batch", "imza batch", "all cores"), ("one", "imza 1 proc", "1"),
                                   ("unpatched", "imza 1 proc, no patches", "1"),
                                   ("bare", "bare pyhanko loop", "1")):
            r = _in_process(b, mode, folder, args.repeat)
            rates[(level, mode)] = n / r["seconds"]
            cpu[(level, mode)] = r["cpu"]
            rows.append((f"{label} {level}", n, procs, f"{r['seconds']:.2f}", f"{n / r['seconds']:.1f}",
                         f"{r['cpu']:.2f}" if mode != "batch" else "-", r["passed"]))
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop", "verify", "--offline", *map(str, files)], env=b.env,
                       capture_output=True)
        t = time.perf_counter() - t
        rows.append((f"imza verify CLI {level}", n, "process", f"{t:.2f}", f"{n / t:.1f}", "-", "-"))
        sample = files[: args.m]
        if importlib.util.find_spec("pyhanko.__main__") is not None:  # the pyhanko-cli package
            t, ok = _per_file(lambda f: [sys.executable, "-m", "pyhanko", "sign", "validate", "--no-revocation-check",
                                         "--trust", str(root), "--trust-replace", str(f)], sample, b.env)
            rows.append((f"pyHanko CLI {level} (no revocation check)", len(sample), "1 per file", f"{t:.2f}",
                         f"{len(sample) / t:.2f}", "-", ok))
        if shutil.which("pdfsig"):
            t, ok = _per_file(lambda f: ["pdfsig", str(f)], sample, b.env)
            rows.append((f"poppler pdfsig {level} (no trust store)", len(sample), "1 per file", f"{t:.2f}",
                         f"{len(sample) / t:.1f}", "-", ok))
    print(table(rows, ("what", "files", "processes", "seconds", "files/s", "cpu s", "passed")))
    print()
    for level in folders:
        one, bare, batch = rates[(level, "one")], rates[(level, "bare")], rates[(level, "batch")]
        extra = (cpu[(level, "one")] / cpu[(level, "bare")] - 1) * 100
        patched = (1 - cpu[(level, "one")] / cpu[(level, "unpatched")]) * 100
        print(f"{level}: imza in 1 process needs {extra:+.0f}% CPU time vs the bare pyhanko loop "
              f"(wall {(bare / one - 1) * 100:+.0f}%); imza batch: {batch:.0f} letters/s, "
              f"{batch / bare:.2f}x the bare loop; the library patches save {patched:.0f}% CPU")
    print(f"interpreter: {os.path.realpath(sys.executable)} (Python {platform.python_version()}); a CPython "
          "built without PGO/LTO (pyenv's default build) runs all of this 20-40% slower than Debian's")
    if importlib.util.find_spec("pyhanko.__main__") is None:
        print("(pyHanko CLI not installed: pip install -e '.[bench]' to add it; `make bench` does)")
    if not shutil.which("pdfsig"):
        print("(pdfsig not installed: apt-get install poppler-utils to add it)")


if __name__ == "__main__":
    main()
