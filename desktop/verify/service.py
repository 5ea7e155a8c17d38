"""A local validation service: POST /verify with a signed file, get the JSON report back.

For other programs on the same machine only: it listens on 127.0.0.1, answers only requests
addressed to 127.0.0.1/localhost (a web page that resolves some name to 127.0.0.1 is refused),
refuses requests carrying an Origin other than its own (a web page the user opens cannot make it
work), and verifies offline (what the file carries and the trust store; it never fetches anything).

    POST /verify            body = the file (any content type); ?name=letter.pdf names it
    POST /verify            multipart/form-data: part "file" (required), part "data" (the
                            signed data of a detached .p7s)
    GET  /health            200 {"status": "ok", ...} when a worker is free; 503 {"status": "busy"}
                            when every worker is verifying and requests are waiting

The answer is the envelope of docs/verify-json.md for the one file, with header
X-Imza-Exit-Status (0/1/2/3, as `imza verify`). Each file is verified in a worker process (at
most `workers` at once) under a time and memory budget (desktop/verify/sandbox.py): a file that
exceeds it is INDETERMINATE with words and its worker is replaced. Hostile clients: every part of
an upload is bounded by `max_bytes` (413), headers must arrive within HEADER_TIMEOUT and the body
within BODY_TIMEOUT (408), at most `max_connections` connections are served at once (503 beyond),
and every temporary file is removed whatever happens to the request.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import resource
import shutil
import signal
import tempfile
from dataclasses import fields, is_dataclass
from pathlib import Path

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from desktop.core.i18n import tr
from desktop.core.model import FileReport
from desktop.verify.engine import exit_status
from desktop.verify.reports.json_report import envelope
from desktop.verify.sandbox import Budget, Pool
from desktop.verify.trust import TrustStore

HOST = "127.0.0.1"
DEFAULT_MAX_BYTES = 50 << 20
DEFAULT_MAX_CONNECTIONS = 128
HEADER_TIMEOUT = 10.0  # seconds from connecting to the end of the request headers
BODY_TIMEOUT = 60.0  # seconds to receive the whole body
MAX_PARTS = 8
ACCEPT_BATCH = 16  # the listen backlog, which is also how many connections asyncio accepts at a time
TRUST = web.AppKey("trust", TrustStore)
LIMITS = web.AppKey("limits", dict)
POOL = web.AppKey("pool", Pool)
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]")
_ACCEPT_ERROR = "socket.accept() out of system resource"
_log = logging.getLogger("imza.serve")


class _Refused(Exception):
    """An upload refused while it is read: the HTTP status and the words."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _safe_name(name: str | None, fallback: str) -> str:
    """A plain file name for the temporary copy: no folders, no odd characters."""
    base = Path((name or "").replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .")[:120]
    return base or fallback


def _problem(status: int, message: str, **headers: str) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers or None)


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
    """Refuse (403) a request addressed to another host than 127.0.0.1/localhost, or sent by a web page (a foreign Origin)."""
    host = (request.host or "").rsplit(":", 1)[0].strip("[]").lower()
    if host not in ("127.0.0.1", "localhost"):
        return _problem(403, tr("This service answers only requests addressed to 127.0.0.1 or localhost."))
    origin = request.headers.get("Origin")
    if origin is not None and origin.lower() != f"http://{request.host}".lower():
        # A browser names the page that sent the request: another site (or a file, "null") must
        # not make this service work, whatever the content type.
        return _problem(403, tr("This service does not answer requests sent by web pages (Origin {origin}).",
                                origin=origin[:200]))
    response = await handler(request)
    response.force_close()  # one request per connection: the header timeout then covers each
    return response


async def health(request: web.Request) -> web.Response:
    """GET /health: 200 with the pool's counts, or 503 "busy" when every worker is verifying and requests wait."""
    pool = request.app[POOL]
    busy = pool.busy >= pool.size and pool.waiting > 0
    doc = {"status": "busy" if busy else "ok", "workers": pool.size, "verifying": pool.busy,
           "waiting": pool.waiting, "stopped_for_budget": pool.stopped}
    return web.json_response(doc, status=503 if busy else 200)


async def _copy(chunks, target: Path, limit: int, name: str) -> int:
    size = 0
    with target.open("wb") as fh:
        async for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise _Refused(413, tr("The {part} part of the upload is larger than {limit} bytes.",
                                       part=name, limit=limit))
            fh.write(chunk)
    return size


async def _part_chunks(part):
    while chunk := await part.read_chunk(1 << 16):
        yield chunk


async def _save_upload(request: web.Request, folder: Path) -> tuple[Path, Path | None]:
    limits = request.app[LIMITS]
    if request.content_type.startswith("multipart/"):
        try:
            reader = await request.multipart()
            saved: dict[str, Path] = {}
            for _ in range(MAX_PARTS + 1):
                part = await reader.next()
                if part is None:
                    break
                if not isinstance(part, BodyPartReader):
                    raise _Refused(400, tr("The multipart request nests another multipart body; send the signed "
                                           "file as a plain part \"file\"."))
                if part.name not in ("file", "data") or part.name in saved:
                    # read (and drop) with the same limit: no part is read without one
                    await _copy(_part_chunks(part), folder / "ignored", limits["max_bytes"], part.name or "?")
                    continue
                target = folder / _safe_name(part.filename, "upload" if part.name == "file" else "data")
                if part.name == "data" and "file" in saved and target == saved["file"]:
                    target = folder / f"data-{target.name}"
                await _copy(_part_chunks(part), target, limits["max_bytes"], part.name)
                saved[part.name] = target
            else:
                raise _Refused(400, tr("The multipart request has more than {n} parts.", n=MAX_PARTS))
        except _Refused:
            raise
        except (ValueError, AssertionError, LookupError, UnicodeError, TypeError, HttpProcessingError) as e:
            detail = (getattr(e, "message", None) or str(e))[:200] or type(e).__name__
            raise _Refused(400, tr("The multipart request is malformed ({detail}); send the signed file as "
                                   "part \"file\".", detail=detail)) from None
        if "file" not in saved:
            raise _Refused(400, tr("The multipart request has no part called \"file\"."))
        return saved["file"], saved.get("data")
    target = folder / _safe_name(request.query.get("name"), "upload")
    if await _copy(request.content.iter_chunked(1 << 16), target, limits["max_bytes"], "file") == 0:
        raise _Refused(400, tr("The request body is empty: send the signed file as the body, or as multipart "
                               "part \"file\"."))
    return target, None


async def verify(request: web.Request) -> web.Response:
    """POST /verify: the upload (module docstring) saved to a private temporary folder, verified in
    a worker under the budget, answered with the JSON envelope and X-Imza-Exit-Status; the folder
    is removed whatever happens. Oversized (413), slow (408) and malformed (400) uploads are refused.
    """
    limits = request.app[LIMITS]
    if request.content_length is not None and request.content_length > 2 * limits["max_bytes"] + (1 << 16):
        return _problem(413, tr("The upload is larger than {limit} bytes.", limit=limits["max_bytes"]))
    folder = Path(tempfile.mkdtemp(prefix="imza-serve-"))
    try:
        try:
            async with asyncio.timeout(limits["body_timeout"]):
                path, data_file = await _save_upload(request, folder)
        except _Refused as e:
            return _problem(e.status, e.message)
        except TimeoutError:
            return _problem(408, tr("The upload did not arrive within {seconds:g} s.",
                                    seconds=limits["body_timeout"]))
        report: FileReport = await request.app[POOL].verify(path, offline=True, data_file=data_file)
        _relabel(report, str(folder))
        body = json.dumps(envelope([report]), ensure_ascii=False, indent=2)
        return web.Response(text=body, content_type="application/json",
                            headers={"X-Imza-Exit-Status": str(exit_status([report]))})
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_app(trust: TrustStore, *, max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 2,
             budget: Budget | None = None, max_connections: int = DEFAULT_MAX_CONNECTIONS,
             body_timeout: float = BODY_TIMEOUT) -> web.Application:
    """The service's aiohttp application; its limits are the module docstring's.

    `workers`: verifications at once, each in its own process under `budget`; `max_bytes`: the
    largest part of an upload; `body_timeout`: seconds for the whole body to arrive.
    """
    app = web.Application(client_max_size=max_bytes + (1 << 20), middlewares=[local_only])
    app[TRUST] = trust
    app[LIMITS] = {"max_bytes": max_bytes, "max_connections": max_connections, "body_timeout": body_timeout}
    app[POOL] = Pool(trust, workers, budget or Budget())
    app.router.add_post("/verify", verify)
    app.router.add_get("/health", health)
    return app


class _Counted(asyncio.Protocol):
    """aiohttp's protocol for one connection, counted from accept() to close (the cap)."""

    def __init__(self, inner: asyncio.Protocol, open_connections: list[int]) -> None:
        self.inner, self.open = inner, open_connections
        self.open[0] += 1

    def connection_made(self, transport) -> None:
        self.inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        self.inner.data_received(data)

    def eof_received(self):
        return self.inner.eof_received()

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def connection_lost(self, exc) -> None:
        self.open[0] -= 1
        self.inner.connection_lost(exc)


class _Busy(asyncio.Protocol):
    """What a connection over the cap gets: a 503 at once, then the connection is closed."""

    BODY = json.dumps({"error": "Too many connections; try again in a moment."}).encode()

    def connection_made(self, transport) -> None:
        transport.write(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
                        b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(self.BODY), self.BODY))
        transport.close()


def _quiet_accept_errors(loop: asyncio.AbstractEventLoop) -> None:
    """Out of descriptors, asyncio logs every failed accept(); say it once instead."""
    said = False

    def handler(loop, context) -> None:
        nonlocal said
        if context.get("message") == _ACCEPT_ERROR:
            if not said:
                said = True
                _log.warning("Out of file descriptors: new connections wait until others close.")
            return
        loop.default_exception_handler(context)

    loop.set_exception_handler(handler)


def _connection_cap(wanted: int) -> int:
    """The cap, kept well below the descriptor limit: connections over it are accepted (in batches of
    ACCEPT_BATCH) before they are answered 503 and closed, and the workers' pipes and files need some."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return max(8, min(wanted, (soft - 32) // 2)) if soft != resource.RLIM_INFINITY else wanted


async def serve(app: web.Application, port: int, on_ready) -> None:
    """Listen on 127.0.0.1:`port` (0: any free port), call on_ready(port), serve until SIGINT/SIGTERM."""
    loop = asyncio.get_running_loop()
    _quiet_accept_errors(loop)
    # keepalive_timeout also closes a connection whose request headers have not arrived (aiohttp
    # starts it when the connection opens): the header timeout.
    runner = web.AppRunner(app, access_log=None, keepalive_timeout=HEADER_TIMEOUT, shutdown_timeout=2.0)
    await runner.setup()
    cap = _connection_cap(app[LIMITS]["max_connections"])

    open_connections = [0]  # counted at accept(), so a burst of connections cannot slip past the cap

    def protocol():
        return _Busy() if open_connections[0] >= cap else _Counted(runner.server(), open_connections)

    server = await loop.create_server(protocol, HOST, port, backlog=ACCEPT_BATCH)
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows / off the main thread
            loop.add_signal_handler(signum, stop.set)
    try:
        on_ready(server.sockets[0].getsockname()[1])
        await stop.wait()
    finally:
        server.close()
        app[POOL].close()  # verifications in flight end now; their requests get their answer
        await runner.cleanup()
