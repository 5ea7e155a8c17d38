"""serve-verify under a hostile mix: good requests' latency while bombs are in flight (issue 14).

    python benchmarks/serve_hostile.py [--good 30] [--bombs 6] [--slow 200] [--workers 2] [--time-limit 30]

Signs one letter (demo token, B-LT), starts `imza serve-verify` and posts the letter --good times
one after another, twice: alone, then while hostile clients keep working on the service:

- bombs:    --bombs clients each posting, in a loop, one of: a PDF whose /Pages node lists itself
            (incremental update), an ASiC-S holding a 2 GiB zero-filled member (2 MB on the wire),
            an ASiC-E whose manifest lists a 256 MiB member 1000 times, an upload over the 4 MB --max-size
            (the generators are tests/support/hostile.py);
- slowloris: --slow sockets that send half a request header and nothing more (the service closes
            them after its header timeout; the cap answers 503 beyond --max-connections).

Rows: p50 / p95 / max latency of the good requests and what they were answered (status counts),
the bombs' answers, the service's peak RSS (its workers included) and whether it stopped on
SIGTERM within 10 s. Not a test: no assertions. Smoke run: --good 3 --bombs 2 --slow 10.
"""

from __future__ import annotations

import argparse
import collections
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

from _common import REPO, Bench, table

sys.path.insert(0, str(REPO))


def _bombs(signed: bytes, p7s: bytes) -> list[tuple[str, bytes]]:
    from tests.support import hostile

    return [("loop.pdf", hostile.self_listing_pages(signed)),
            ("bomb.asics", hostile.asic_s_bomb(p7s, mib=2048)),
            ("repeated.asice", hostile.asic_e_repeated_reference(p7s, mib=256, times=1000)),
            ("huge.pdf", b"%PDF-1.7\n" + bytes(5 << 20))]


def _rss_mb(pid: int) -> float:
    """Resident size of the service and its worker processes, now."""
    total = 0
    pids = [str(pid)] + subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                                       text=True).stdout.split()
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total / 1024


def main() -> None:
    import httpx

    ap = argparse.ArgumentParser()
    ap.add_argument("--good", type=int, default=30)
    ap.add_argument("--bombs", type=int, default=6)
    ap.add_argument("--slow", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--time-limit", type=float, default=30.0)
    args = ap.parse_args()

    b = Bench()
    b.serve()
    try:
        (letter,) = b.letters(1)
        b.run_imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-LT", input="12345\n")
        data = b.tmp / "contract.txt"
        data.write_text("the contract\n")
        b.run_imza("sign", data, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", input="12345\n")
    finally:
        b.close()
    signed = letter.with_name(letter.stem + ".signed.pdf").read_bytes()
    bombs = _bombs(signed, (b.tmp / "contract.txt.p7s").read_bytes())

    proc = subprocess.Popen([sys.executable, "-m", "desktop", "serve-verify", "--port", "0", "--max-size", "4",
                             "--workers", str(args.workers), "--time-limit", str(args.time_limit)],
                            env=b.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = proc.stdout.readline().split()[-1]
    port = int(url.split(":")[2].split("/")[0])
    peak = [0.0]
    stop = threading.Event()

    def good_run() -> tuple[list[float], collections.Counter]:
        times, codes = [], collections.Counter()
        for _ in range(args.good):
            t = time.perf_counter()
            try:
                r = httpx.post(url, content=signed, params={"name": "letter.pdf"}, timeout=300)
                codes[f"{r.status_code}/exit {r.headers.get('X-Imza-Exit-Status', '-')}"] += 1
            except httpx.HTTPError as e:
                codes[type(e).__name__] += 1
            times.append(time.perf_counter() - t)
        return times, codes

    bomb_codes: collections.Counter = collections.Counter()

    def bomber(i: int) -> None:
        name, body = bombs[i % len(bombs)]
        while not stop.is_set():
            try:
                r = httpx.post(url, content=body, params={"name": name}, timeout=300)
                bomb_codes[f"{name}: {r.status_code}/exit {r.headers.get('X-Imza-Exit-Status', '-')}"] += 1
            except httpx.HTTPError as e:
                bomb_codes[f"{name}: {type(e).__name__}"] += 1

    def slowloris() -> None:
        held: list[socket.socket] = []
        while not stop.is_set():
            while len(held) < args.slow and not stop.is_set():
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=5)
                    s.sendall(b"POST /verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
                    held.append(s)
                except OSError:
                    break
            for s in list(held):  # drop the ones the service closed, open new ones
                s.setblocking(False)
                try:
                    if s.recv(1024) == b"":
                        held.remove(s)
                        s.close()
                except BlockingIOError:
                    pass
                except OSError:
                    held.remove(s)
            stop.wait(0.5)
        for s in held:
            s.close()

    def watch() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], _rss_mb(proc.pid))
            stop.wait(0.2)

    rows = []
    try:
        times, codes = good_run()
        rows.append(("alone", *_stats(times), dict(codes)))
        threads = [threading.Thread(target=bomber, args=(i,), daemon=True) for i in range(args.bombs)]
        threads += [threading.Thread(target=slowloris, daemon=True), threading.Thread(target=watch, daemon=True)]
        for t in threads:
            t.start()
        time.sleep(2)  # let the bombs and the slow sockets arrive (a benchmark, not a test)
        times, codes = good_run()
        rows.append((f"{args.bombs} bombs + {args.slow} slow sockets", *_stats(times), dict(codes)))
    finally:
        stop.set()
        t = time.perf_counter()
        proc.terminate()
        try:
            proc.wait(timeout=10)
            stopped = f"{time.perf_counter() - t:.2f} s"
        except subprocess.TimeoutExpired:
            proc.kill()
            stopped = "no (killed after 10 s)"
    print(table(rows, ("good requests", "p50 s", "p95 s", "max s", "answers")))
    print()
    print(table(sorted(bomb_codes.items()), ("bomb: answer", "count")))
    print()
    errors = proc.stderr.read()
    print(f"service peak RSS (with workers): {peak[0]:.0f} MB; stopped on SIGTERM: {stopped}; "
          f"stderr lines: {len(errors.splitlines())}; cores: {len(os.sched_getaffinity(0))}")


def _stats(times: list[float]) -> tuple[str, str, str]:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return f"{statistics.median(times):.3f}", f"{p95:.3f}", f"{times[-1]:.3f}"


if __name__ == "__main__":
    main()
