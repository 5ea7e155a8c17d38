"""A local validation service: POST /verify with a signed file, get the JSON report back.

For other programs on the same machine only: it listens on 127.0.0.1, answers only requests
addressed to 127.0.0.1/localhost (a web page that resolves some name to 127.0.0.1 is refused),
and verifies offline (what the file carries and the trust store; it never fetches anything).

    POST /verify            body = the file (any content type); ?name=letter.pdf names it
    POST /verify            multipart/form-data: part "file" (required), part "data" (the
                            signed data of a detached .p7s)
    GET  /health            {"status": "ok"}

The answer is the envelope of docs/verify-json.md for the one file, with header
X-Imza-Exit-Status (0/1/2/3, as `imza verify`). Verification runs in worker threads, at most
`workers` at once; each upload is bounded by `max_bytes` (413 beyond it).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import shutil
import signal
import tempfile
from dataclasses import fields, is_dataclass
from pathlib import Path

from aiohttp import web

from desktop.core.model import FileReport
from desktop.verify.engine import exit_status, verify_file
from desktop.verify.reports.json_report import envelope
from desktop.verify.trust import TrustStore

HOST = "127.0.0.1"
DEFAULT_MAX_BYTES = 50 << 20
TRUST = web.AppKey("trust", TrustStore)
LIMITS = web.AppKey("limits", dict)
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]")


def _safe_name(name: str | None, fallback: str) -> str:
    """A plain file name for the temporary copy: no folders, no odd characters."""
    base = Path((name or "").replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .")[:120]
    return base or fallback


def _problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _relabel(obj, tmp: str) -> None:
    """Reports name the uploaded files, not their temporary copies."""
    if not is_dataclass(obj):
        return
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, Path):
            setattr(obj, f.name, Path(str(value).replace(tmp + "/", "")))
        elif isinstance(value, str):
            setattr(obj, f.name, value.replace(tmp + "/", ""))
        elif isinstance(value, list):
            setattr(obj, f.name, [v.replace(tmp + "/", "") if isinstance(v, str) else v for v in value])
            for v in value:
                _relabel(v, tmp)
        else:
            _relabel(value, tmp)


@web.middleware
async def local_only(request: web.Request, handler):
    host = (request.host or "").rsplit(":", 1)[0].strip("[]").lower()
    if host not in ("127.0.0.1", "localhost"):
        return _problem(403, "This service answers only requests addressed to 127.0.0.1 or localhost.")
    return await handler(request)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def _save_upload(request: web.Request, folder: Path) -> tuple[Path, Path | None] | web.Response:
    limits = request.app[LIMITS]
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        saved: dict[str, Path] = {}
        while (part := await reader.next()) is not None:
            if part.name not in ("file", "data") or part.name in saved:
                continue
            target = folder / _safe_name(part.filename, "upload" if part.name == "file" else "data")
            if part.name == "data" and "file" in saved and target == saved["file"]:
                target = folder / f"data-{target.name}"
            size = 0
            with target.open("wb") as fh:
                while chunk := await part.read_chunk(1 << 16):
                    size += len(chunk)
                    if size > limits["max_bytes"]:
                        return _problem(413, f"The upload is larger than {limits['max_bytes']} bytes.")
                    fh.write(chunk)
            saved[part.name] = target
        if "file" not in saved:
            return _problem(400, "The multipart request has no part called \"file\".")
        return saved["file"], saved.get("data")
    target = folder / _safe_name(request.query.get("name"), "upload")
    size = 0
    with target.open("wb") as fh:
        async for chunk in request.content.iter_chunked(1 << 16):
            size += len(chunk)
            if size > limits["max_bytes"]:
                return _problem(413, f"The upload is larger than {limits['max_bytes']} bytes.")
            fh.write(chunk)
    if size == 0:
        return _problem(400, "The request body is empty: send the signed file as the body, or as multipart "
                             "part \"file\".")
    return target, None


async def verify(request: web.Request) -> web.Response:
    limits = request.app[LIMITS]
    if request.content_length is not None and request.content_length > limits["max_bytes"] + (1 << 16):
        return _problem(413, f"The upload is larger than {limits['max_bytes']} bytes.")
    folder = Path(tempfile.mkdtemp(prefix="imza-serve-"))
    try:
        saved = await _save_upload(request, folder)
        if isinstance(saved, web.Response):
            return saved
        path, data_file = saved
        async with limits["slots"]:
            try:
                report: FileReport = await asyncio.wait_for(
                    asyncio.to_thread(verify_file, path, request.app[TRUST], offline=True, data_file=data_file),
                    timeout=limits["timeout"])
            except TimeoutError:
                return _problem(504, f"Verification took longer than {limits['timeout']} s and was abandoned.")
        _relabel(report, str(folder))
        body = json.dumps(envelope([report]), ensure_ascii=False, indent=2)
        return web.Response(text=body, content_type="application/json",
                            headers={"X-Imza-Exit-Status": str(exit_status([report]))})
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_app(trust: TrustStore, *, max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 2,
             timeout: float = 120.0) -> web.Application:
    app = web.Application(client_max_size=max_bytes + (1 << 20), middlewares=[local_only])
    app[TRUST] = trust
    app[LIMITS] = {"max_bytes": max_bytes, "slots": asyncio.Semaphore(workers), "timeout": timeout}
    app.router.add_post("/verify", verify)
    app.router.add_get("/health", health)
    return app


async def serve(app: web.Application, port: int, on_ready) -> None:
    """Listen on 127.0.0.1:`port` (0: any free port), call on_ready(port), serve until SIGINT/SIGTERM."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, HOST, port)
    await site.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows / off the main thread
            loop.add_signal_handler(signum, stop.set)
    try:
        on_ready(runner.addresses[0][1])
        await stop.wait()
    finally:
        await runner.cleanup()
