"""Startup: time from process start to the Imza window being shown (target ≤ 1.5 s cold).

    python benchmarks/startup.py [--runs 7] [--drop-caches]

Each run is a fresh `python -m desktop ...` process with IMZA_STARTUP_PROBE set: the window prints
the wall-clock time once it is shown (after the first event-loop pass) and quits. "First run" is
the first process after the demo was created, or with --drop-caches (root, Linux) the first
process after the OS file cache was emptied: a real cold start; the median is over the other runs. Without a display the Qt "offscreen"
platform is used, which skips the X server round trips. Python may cache bytecode (PYTHONDONTWRITEBYTECODE
is dropped), as an installed Imza has it: otherwise every run compiles every module again. A row times
`import desktop.ui.main_window` alone. Not a test: no assertions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from _common import Bench, table


def shown_after(b: Bench, argv: list, env: dict) -> float:
    start = time.time()
    proc = subprocess.run(list(map(str, argv)), env={**b.env, **env}, capture_output=True, text=True, timeout=120)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("shown ")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"the window did not start ({proc.returncode}): {proc.stderr[-2000:]}")
    return float(line.split()[1]) - start


def drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as fh:
        fh.write("3\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7, help="processes per case (the first one is reported apart)")
    ap.add_argument("--drop-caches", action="store_true",
                    help="empty the OS file cache before each case's first run (needs root on Linux)")
    args = ap.parse_args()

    b = Bench()
    try:
        letter = b.letters(1)[0]
        env = {"IMZA_STARTUP_PROBE": "1"}
        b.env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed Imza has compiled bytecode; so do these runs
        platform = "display " + os.environ["DISPLAY"] if os.environ.get("DISPLAY") else "offscreen"
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        python_only = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            python_only.append(time.perf_counter() - t)
        rows = [("python -c pass (interpreter alone)", "-", f"{statistics.median(python_only):.3f}", "-", "-")]
        imports = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import desktop.ui.main_window"], env={**b.env, **env}, check=True)
            imports.append(time.perf_counter() - t)
        rest = imports[1:] or imports
        rows.append(("python -c 'import desktop.ui.main_window'", f"{imports[0]:.3f}", f"{statistics.median(rest):.3f}",
                     f"{min(rest):.3f}", f"{max(rest):.3f}"))
        module = [sys.executable, "-m", "desktop"]
        script = os.path.join(os.path.dirname(sys.executable), "imza")  # the console script: imports the CLI
        for name, argv in (("python -m desktop gui", [*module, "gui"]),
                           ("python -m desktop letter.pdf", [*module, letter]),
                           ("imza gui letter.pdf (console script)", [script, "gui", letter])):
            if args.drop_caches:
                drop_caches()
            times = [shown_after(b, argv, env) for _ in range(args.runs)]
            rest = times[1:] or times
            rows.append((name, f"{times[0]:.3f}", f"{statistics.median(rest):.3f}", f"{min(rest):.3f}",
                         f"{max(rest):.3f}"))
        cold = "file cache dropped before each first run" if args.drop_caches else "file cache warm"
        print(f"Process start → window shown, seconds ({platform}, {cold}, {args.runs} runs per case, "
              "target ≤ 1.5 s)")
        print(table(rows, ("case", "first run", "median", "min", "max")))
    finally:
        b.close()


if __name__ == "__main__":
    main()
