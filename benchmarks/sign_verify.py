"""Signing and verification speed: Imza (one process for many files) vs the pyHanko CLI per file.

    python benchmarks/sign_verify.py [--n 200] [--m 20]

Signs N one-page letters with `imza sign` in ONE process on the demo SoftHSM2 token (B-B and B-T),
verifies them with `imza verify --offline`, and runs the pyHanko CLI once per file on M of the same
letters for sign and validate. Prints files/second and the ratio. Not a test: no assertions.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from _common import Bench, table


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200, help="letters signed/verified by Imza in one process")
    ap.add_argument("--m", type=int, default=20, help="letters run through the pyHanko CLI, one process each")
    args = ap.parse_args()

    b = Bench()
    b.serve()
    try:
        letters = b.letters(args.n)
        rows = []
        rates = {}
        for level in ("B-B", "B-T", "B-LT"):
            out = b.tmp / f"signed-{level}"
            out.mkdir()
            t = b.run_imza("sign", *letters, "--out-dir", out, "--token", "Citizen ID", "--pin-stdin",
                           "--level", level, input="12345\n")
            rates[f"sign {level}"] = args.n / t
            rows.append((f"imza sign {level}", args.n, "1 process", f"{t:.2f}", f"{args.n / t:.1f}"))
        for level in ("B-B", "B-T", "B-LT"):
            signed = sorted((b.tmp / f"signed-{level}").iterdir())
            t = b.run_imza("verify", "--offline", *signed) if level == "B-LT" else _verify_any(b, signed)
            rates[f"verify {level}"] = len(signed) / t
            rows.append((f"imza verify {level}", len(signed), "1 process", f"{t:.2f}", f"{len(signed) / t:.1f}"))

        if shutil.which("pyhanko") or _has_pyhanko_cli():
            sample = letters[: args.m]
            out = b.tmp / "pyhanko"
            out.mkdir()
            env = {"PYHANKO_PKCS11_PIN": "12345"}
            total = 0.0
            for p in sample:
                total += b.run([sys.executable, "-m", "pyhanko", "sign", "addsig", "--field", "Sig1", "pkcs11",
                                "--lib", _module(b), "--token-label", "Citizen ID", "--cert-label", "Signature key",
                                "--key-label", "Signature key", str(p), str(out / p.name)], env=env)
            rates["pyhanko sign"] = len(sample) / total
            rows.append(("pyhanko CLI sign B-B", len(sample), "1 per file", f"{total:.2f}", f"{len(sample) / total:.2f}"))
            total = 0.0
            root = b.demo_dir / "trust" / "imza-demo-root.pem"
            for p in sorted(out.iterdir()):
                total += b.run([sys.executable, "-m", "pyhanko", "sign", "validate", "--no-revocation-check",
                                "--trust", str(root), "--trust-replace", str(p)])
            rates["pyhanko validate"] = len(sample) / total
            rows.append(("pyhanko CLI validate B-B", len(sample), "1 per file", f"{total:.2f}", f"{len(sample) / total:.2f}"))
        print(table(rows, ("what", "files", "processes", "seconds", "files/s")))
        if "pyhanko sign" in rates:
            print(f"\nsign B-B:   imza is {rates['sign B-B'] / rates['pyhanko sign']:.1f}x the pyHanko CLI per file")
            print(f"verify B-B: imza is {rates['verify B-B'] / rates['pyhanko validate']:.1f}x the pyHanko CLI per file")
    finally:
        b.close()


def _verify_any(b: Bench, files) -> float:
    """B-B/B-T files verified offline are INDETERMINATE (no revocation data): exit 2 is expected."""
    import subprocess
    import time

    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "desktop", "verify", "--offline", *map(str, files)],
                          env=b.env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 2):
        raise SystemExit(f"imza verify failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def _module(b: Bench) -> str:
    import json
    return json.loads((b.demo_dir / "demo.json").read_text())["pkcs11_module"]


def _has_pyhanko_cli() -> bool:
    import importlib.util
    return importlib.util.find_spec("pyhanko.cli") is not None


if __name__ == "__main__":
    main()
