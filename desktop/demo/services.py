"""`imza demo serve`: the demo PKI's TSA, OCSP and CRL services on 127.0.0.1 (certomancer)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from aiohttp import web
from certomancer.integrations.aiohttp_animator import build_animator_app

from desktop.core.errors import ImzaError
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
        # The reference e-government portal, HTTPS on state["portal_port"] (see desktop/portal_server).
        from desktop.portal_server.server import start_for_demo
        portal = await start_for_demo(demo_dir, state)
        if on_ready:
            on_ready(state)
        try:
            await asyncio.Event().wait()
        finally:
            if portal is not None:
                await portal.cleanup()
            await runner.cleanup()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _pid_file(demo_dir: Path) -> Path:
    return demo_dir / "serve.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def start_detached(demo_dir: Path) -> tuple[dict, bool]:
    """Start `imza demo serve` in the background; returns (state, started_now)."""
    state = environment.read_state(demo_dir)
    pid_file = _pid_file(demo_dir)
    if pid_file.exists() and _alive(int(pid_file.read_text())) and _listening(state["port"]):
        return state, False
    if _listening(state["port"]):
        raise ImzaError("Port {port} on 127.0.0.1 is used by another program.",
                        "Stop it, or recreate the demo on another port: imza demo init --force --port N.", port=state["port"])
    log = open(demo_dir / "serve.log", "ab")  # noqa: SIM115 - handed to the child
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "demo", "serve", "--dir", str(demo_dir)],
                            stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
                            start_new_session=True, text=True)
    first = proc.stdout.readline()  # the child prints its ready line once the port is bound
    proc.stdout.close()
    if "ready" not in first:
        proc.wait(timeout=10)
        raise ImzaError("The demo services did not start.", "See {log}.", log=demo_dir / "serve.log")
    pid_file.write_text(str(proc.pid))
    return state, True


def stop_detached(demo_dir: Path) -> bool:
    pid_file = _pid_file(demo_dir)
    if not pid_file.exists():
        return False
    pid = int(pid_file.read_text())
    pid_file.unlink()
    if not _alive(pid):
        return False
    os.kill(pid, signal.SIGTERM)
    return True
