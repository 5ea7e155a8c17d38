"""`imza demo serve`: the demo PKI's TSA, OCSP and CRL services on 127.0.0.1 (certomancer)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from aiohttp import web
from certomancer.integrations.aiohttp_animator import build_animator_app

from desktop.demo import environment, pki


def build_app(demo_dir: Path) -> web.Application:
    config = pki.load(demo_dir)
    return build_animator_app(config.pki_archs, with_web_ui=False, allow_time_override=False)


def serve(demo_dir: Path, on_ready: Callable[[dict], None] | None = None) -> None:
    """Serve until interrupted. `on_ready` is called once the port is bound."""
    state = environment.read_state(demo_dir)
    app = build_app(demo_dir)

    async def run() -> None:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", state["port"])
        await site.start()
        if on_ready:
            on_ready(state)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass
