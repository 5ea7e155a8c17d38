"""The installable app: size of the PyInstaller bundle (and packages) and its start time.

    python benchmarks/bundle.py [--bundle dist/imza] [--runs 7] [--drop-caches]

Needs `make dist` first. Sizes: the bundle folder, its biggest parts, the .deb and the tarball.
Start: fresh processes of the bundled `imza --version` (the bootloader unpacking nothing, Python
starting from the bundle, click) and of the bundled window (`imza gui` with IMZA_STARTUP_PROBE,
which prints when the window is shown and quits; offscreen without a display). "First run" is
the first process, after emptying the OS file cache with --drop-caches (root, Linux): a real cold
start; the median is over the other runs. Target: window shown ≤ 1.5 s. Not a test.

Measured 2026-11-25, Debian 12, 2 cores, PySide6-Essentials 6.12, from a fresh clone
(`make dist-test`: venv 1 min with a warm pip cache, PyInstaller 1-1.75 min, .deb + tarball 0.5 min):

    bundle dist/imza/             176 MB, 361 files (160 MB before PIL and signxml's schemas
                                  had to go back in for the PDF and XAdES reports)
      ICU data + libs (QtCore)     38 MB   the largest part; Qt's wheel is built with ICU
      system libs carried along    26 MB   libpython, OpenSSL, libstdc++, glib, X11/XCB...
      PySide6 bindings             15 MB   QtCore/QtGui/QtWidgets only
      libQt6Gui/Widgets/Core       28 MB
      cryptography, lxml, pdfium   28 MB
      Qt plugins                    1.3 MB xcb/offscreen/minimal, GIF/ICO/JPEG, portal theme, input
    imza_0.1.0_amd64.deb          71 MB (zstd -9; about 10 MB less with DEB_COMPRESSION=-Zxz, 2 min more)
    imza-0.1.0-linux-x86_64.tar.gz 77 MB

    seconds, offscreen, cache dropped   first run  median
    imza --version                      0.44       0.42
    imza gui (window shown)             0.91       0.64    (target ≤ 1.5 s; 0.46 warm, 176 MB build)
    imza --self-test (all checks)       2.13       1.59

Left out on purpose: QtNetwork, QtSvg, QtOpenGL, QML/Quick, Wayland and EGLFS platforms, the
GTK theme plugin (and the GTK/cairo/pango it drags in), fontTools/uharfbuzz, tkinter.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _common import REPO, table


def size(path: Path) -> int:
    if path.is_file() or path.is_symlink():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def parts(bundle: Path) -> list[tuple[str, int]]:
    """The bundle's contents grouped the way one would trim them."""
    internal = bundle / "_internal"
    groups: dict[str, int] = {}
    for p in internal.rglob("*"):
        if not p.is_file() or p.is_symlink():  # PyInstaller links some libraries to the top
            continue
        rel = p.relative_to(internal).parts
        if rel[0] == "PySide6" and len(rel) > 2 and rel[1] == "Qt":
            key = "/".join(rel[:3]) if rel[2] != "lib" else "PySide6/Qt/lib/" + (
                "ICU (libicu*)" if p.name.startswith("libicu") else p.name.split(".")[0])
        elif rel[0] == "PySide6":
            key = "PySide6 (Python bindings)"
        elif len(rel) == 1 and ".so" in p.name:
            key = "system libraries carried along (lib*.so)"
        else:
            key = rel[0]
        groups[key] = groups.get(key, 0) + p.stat().st_size
    return sorted(groups.items(), key=lambda kv: -kv[1])


def drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as fh:
        fh.write("3\n")


def timed(argv: list, env: dict, window: bool) -> float:
    start = time.time()
    proc = subprocess.run([str(a) for a in argv], env=env, capture_output=True, text=True, timeout=120)
    end = time.time()
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    if not window:
        return end - start
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("shown ")), None)
    if line is None:
        raise SystemExit(f"the window did not report being shown: {proc.stdout[-500:]} {proc.stderr[-1500:]}")
    return float(line.split()[1]) - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", type=Path, default=REPO / "dist" / "imza")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--drop-caches", action="store_true", help="empty the OS file cache before each case's first run")
    args = ap.parse_args()
    bundle = args.bundle.resolve()
    exe = bundle / "imza"
    if not exe.is_file():
        raise SystemExit(f"{exe} does not exist: run `make dist` first")

    total = size(bundle)
    rows = [(name, mb(n), f"{100 * n / total:.0f} %") for name, n in parts(bundle)[:14]]
    print(f"Bundle {bundle}: {mb(total)} on disk, {sum(1 for _ in bundle.rglob('*'))} files")
    print(table(rows, ("biggest parts", "size", "share")))
    packages = [(p.name, mb(p.stat().st_size)) for p in sorted((bundle.parent).glob("imza*")) if p.is_file()]
    if packages:
        print()
        print(table(packages, ("package", "size")))

    home = tempfile.mkdtemp(prefix="imza-bench-home-")
    env = {**os.environ, "IMZA_HOME": home}
    env.pop("PYTHONPATH", None)
    platform = "display " + os.environ["DISPLAY"] if os.environ.get("DISPLAY") else "offscreen"
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    cases = [("bundle: imza --version", [exe, "--version"], False),
             ("bundle: imza gui (window shown)", [exe, "gui"], True),
             ("bundle: imza --self-test (all checks)", [exe, "--self-test"], False)]
    rows = []
    for name, argv, window in cases:
        if args.drop_caches:
            drop_caches()
        case_env = {**env, "IMZA_STARTUP_PROBE": "1"} if window else env
        times = [timed(argv, case_env, window) for _ in range(args.runs)]
        rest = times[1:] or times
        rows.append((name, f"{times[0]:.3f}", f"{statistics.median(rest):.3f}", f"{min(rest):.3f}",
                     f"{max(rest):.3f}"))
    cold = "file cache dropped before each first run" if args.drop_caches else "file cache warm"
    print()
    print(f"Process start → done / window shown, seconds ({platform}, {cold}, {args.runs} runs, target ≤ 1.5 s)")
    print(table(rows, ("case", "first run", "median", "min", "max")))


if __name__ == "__main__":
    main()
