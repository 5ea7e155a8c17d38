"""Bulk signing speed: `imza bulk` vs the pyHanko CLI per file, and vs a slow (300 ms) token.

    python benchmarks/bulk.py [--n 500] [--m 20] [--slow-n 30] [--delay-ms 300]

Targets (issue 5): >= 100 letters/s at B-B on SoftHSM2 on 2 cores; exactly one token signature
per letter; with a 300 ms token, wall <= 1.03 x N x 300 ms. Prints ratios. Not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time

from _common import REPO, Bench, table

sys.path.insert(0, str(REPO))
from tests.support.shim import build  # noqa: E402


def _shim_home(b: Bench, shim, name: str):
    home = b.tmp / name
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(
        f'pkcs11_module = "{shim}"\nsofthsm2_conf = "{b.demo_dir / "softhsm2.conf"}"\n')
    return home


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--m", type=int, default=20, help="letters through the pyHanko CLI (one process each)")
    ap.add_argument("--slow-n", type=int, default=30)
    ap.add_argument("--delay-ms", type=int, default=300)
    args = ap.parse_args()

    b = Bench()
    try:
        shim = build(b.tmp)
        module = json.loads((b.demo_dir / "demo.json").read_text())["pkcs11_module"]
        letters = b.letters(args.n)
        rows, notes = [], []

        count = b.tmp / "count-fast.log"
        env = {"IMZA_HOME": str(_shim_home(b, shim, "home-fast")), "IMZA_SHIM_TARGET": module,
               "IMZA_SHIM_COUNT_FILE": str(count)}
        t0 = time.perf_counter()
        proc = _run(b, ["bulk", str(letters[0].parent), "--out-dir", str(b.tmp / "out-fast"), "--token", "Citizen ID",
                        "--pin-stdin", "--level", "B-B"], env)
        wall = time.perf_counter() - t0
        internal = _run_rate(proc, args.n)
        sigs = count.read_text().count("C_Sign")
        rows.append(("imza bulk B-B (SoftHSM2)", args.n, f"{wall:.2f}", f"{args.n / wall:.1f}", f"{internal:.1f}"))
        notes.append(f"token signatures: {sigs} for {args.n} letters ({'exactly one each' if sigs == args.n else 'MISMATCH'})")

        sample = letters[: args.m]
        out = b.tmp / "pyhanko"
        out.mkdir()
        total = 0.0
        for p in sample:
            total += b.run([sys.executable, "-m", "pyhanko", "sign", "addsig", "--field", "Sig1", "pkcs11",
                            "--lib", module, "--token-label", "Citizen ID", "--cert-label", "Signature key",
                            "--key-label", "Signature key", str(p), str(out / p.name)],
                           env={"PYHANKO_PKCS11_PIN": "12345"})
        py_rate = len(sample) / total
        rows.append(("pyHanko CLI per file B-B", len(sample), f"{total:.2f}", f"{py_rate:.2f}", "-"))

        slow = letters[: args.slow_n]
        slow_dir = b.tmp / "slow-in"
        slow_dir.mkdir()
        for p in slow:
            (slow_dir / p.name).write_bytes(p.read_bytes())
        count = b.tmp / "count-slow.log"
        env = {"IMZA_HOME": str(_shim_home(b, shim, "home-slow")), "IMZA_SHIM_TARGET": module,
               "IMZA_SHIM_COUNT_FILE": str(count), "IMZA_SHIM_DELAY_MS": str(args.delay_ms)}
        t0 = time.perf_counter()
        proc = _run(b, ["bulk", str(slow_dir), "--out-dir", str(b.tmp / "out-slow"), "--token", "Citizen ID",
                        "--pin-stdin", "--level", "B-B"], env)
        wall_slow = time.perf_counter() - t0
        internal_slow = _run_rate(proc, args.slow_n)
        floor = args.slow_n * args.delay_ms / 1000
        rows.append((f"imza bulk, {args.delay_ms} ms token", args.slow_n, f"{wall_slow:.2f}",
                     f"{args.slow_n / wall_slow:.2f}", f"{internal_slow:.2f}"))

        print(table(rows, ("what", "letters", "wall s", "letters/s (process)", "letters/s (run)")))
        print()
        print(f"imza bulk vs pyHanko CLI per file: {args.n / wall / py_rate:.0f}x (whole process), "
              f"{internal / py_rate:.0f}x (signing run)")
        print(f"target >= 100 letters/s at B-B: run {internal:.1f}/s -> {'met' if internal >= 100 else 'NOT met'}")
        run_time = args.slow_n / internal_slow
        print(f"slow token: run {run_time:.2f} s vs N x {args.delay_ms} ms = {floor:.2f} s -> ratio {run_time / floor:.3f} "
              f"(target <= 1.03; whole process incl. start-up {wall_slow / floor:.3f})")
        for n in notes:
            print(n)
        print(f"slow-token signatures: {count.read_text().count('C_Sign')} for {args.slow_n} letters")
    finally:
        b.close()


def _run_rate(proc, n: int) -> float:
    """Letters/s of the signing run itself, from the CLI's summary line (`... in 18.21 s`)."""
    return n / float(re.search(r"letters/s in ([\d.]+) s", proc.stderr).group(1))


def _run(b: Bench, args, env):
    import subprocess

    proc = subprocess.run([sys.executable, "-m", "desktop", *args], env={**b.env, **env}, input="12345\n",
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"imza {args[0]} failed ({proc.returncode}): {proc.stderr[-1500:]}")
    return proc
if __name__ == "__main__":
    main()
