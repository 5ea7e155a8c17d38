"""`python -m desktop.portal_server --demo-dir DIR --port N`: the reference portal alone.

Prints one line starting with "ready:" once it listens (tests wait for it), then serves until
SIGTERM or Ctrl+C. `imza demo serve` runs the same portal beside the PKI services.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from pathlib import Path

from desktop.portal_server import server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m desktop.portal_server", description=__doc__.splitlines()[0])
    parser.add_argument("--demo-dir", type=Path, required=True, help="a demo dir made by `imza demo init`")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--db", type=Path, help="SQLite file (default: DEMO_DIR/portal/portal.sqlite)")
    parser.add_argument("--catalogue", type=Path, help="services and organisations (YAML)")
    parser.add_argument("--test-controls", action="store_true", help="enable /_test/ (faults, events)")
    parser.add_argument("--access-ttl", type=float, default=300.0, help="access token lifetime, seconds")
    parser.add_argument("--advance-after", type=float, help="move statuses on after this many seconds")
    args = parser.parse_args(argv)

    config = server.demo_config(args.demo_dir, args.port, db_path=args.db, catalogue=args.catalogue,
                                test_controls=args.test_controls, advance_after=args.advance_after,
                                access_ttl=args.access_ttl)

    async def run() -> None:
        runner = await server.start(config, server.tls_context(args.demo_dir), args.port)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        print(f"ready: portal on {config.origins[0]}", flush=True)
        await stop.wait()
        await runner.cleanup()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    sys.exit(0)


if __name__ == "__main__":
    main()
