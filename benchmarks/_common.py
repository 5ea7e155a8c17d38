"""Shared set-up for the benchmarks: a throw-away demo environment and sample letters."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Bench:
    """A temp IMZA_HOME + demo dir; run `imza` and other commands against it."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="imza-bench-"))
        self.demo_dir = self.tmp / "demo"
        self.env = {**os.environ, "IMZA_HOME": str(self.tmp / "home"), "PYTHONPATH": str(REPO)}
        self.env.pop("SOFTHSM2_CONF", None)
        self.run_imza("demo", "init", "--dir", self.demo_dir, "--port", free_port())
        self.env["SOFTHSM2_CONF"] = str(self.demo_dir / "softhsm2.conf")
        self._serve = None

    def run_imza(self, *args, input: str | None = None) -> float:
        return self.run([sys.executable, "-m", "desktop", *map(str, args)], input=input)

    def run(self, argv, input: str | None = None, env: dict | None = None) -> float:
        t = time.perf_counter()
        proc = subprocess.run(argv, env={**self.env, **(env or {})}, input=input, capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        if proc.returncode not in (0,):
            raise SystemExit(f"{' '.join(map(str, argv[:4]))}… failed ({proc.returncode}): {proc.stderr[-2000:]}")
        return elapsed

    def serve(self) -> None:
        self._serve = subprocess.Popen([sys.executable, "-m", "desktop", "demo", "serve", "--dir", str(self.demo_dir)],
                                       env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert "ready" in self._serve.stdout.readline()

    def letters(self, n: int, folder: str = "letters") -> list[Path]:
        from desktop.demo.documents import letter_pdf

        d = self.tmp / folder
        d.mkdir(exist_ok=True)
        paths = []
        for i in range(n):
            p = d / f"letter-{i:04d}.pdf"
            p.write_bytes(letter_pdf(f"Letter No. {i}", [f"Reference 2026/{i:05d}", "Dear colleagues,",
                                                          "the requested documents are attached."]))
            paths.append(p)
        return paths

    def close(self) -> None:
        if self._serve:
            self._serve.terminate()
            self._serve.wait()


def table(rows: list[tuple], headers: tuple) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [line.format(*headers), line.format(*("-" * w for w in widths))]
    out += [line.format(*map(str, r)) for r in rows]
    return "\n".join(out)


def median(values):
    return statistics.median(values)
