"""Misbehaviour on request, for tests: dropped connections, 500/503/429, slow answers,
hostile answers (an endless body, fields changed in the JSON).

A test harness, not part of the product: build.spec leaves this module out of the installed
bundle, and only a server started with test controls (from the source tree) imports it and has
the /_test/ routes. A fault matches a method and path and applies `before` the handler (nothing
is stored) or `after` it (the submission is stored, the answer is lost or late): the case an
idempotent client must survive. Every request is recorded in the portal's event log
(events.py), so tests wait on events instead of sleeping.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import asdict, dataclass

from aiohttp import web

from desktop.portal_server.events import EVENTS, Event
from desktop.portal_server.problems import Problem

TEST_PREFIX = "/_test/"
MODES = ("drop", "error", "slow", "huge", "patch")


@dataclass
class Fault:
    path: str
    mode: str  # "drop" | "error" (status, optional retry_after) | "slow" (delay seconds)
    #            | "huge" (a 200 answer of `size` bytes) | "patch" (`patch` merged into the JSON answer, when=after)
    method: str = "POST"
    when: str = "before"  # "before" | "after" the handler ran
    status: int = 500
    retry_after: int | None = None
    delay: float = 0.0
    times: int = 1
    size: int = 0
    patch: dict | None = None


class FaultPlan:
    def __init__(self):
        self.faults: list[Fault] = []

    def take(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.method == method and fault.path == path and fault.times > 0:
                fault.times -= 1
                return fault
        return None


FAULTS = web.AppKey("faults", FaultPlan)


async def _apply(fault: Fault, request: web.Request, response: web.StreamResponse | None):
    if fault.mode == "slow":
        await asyncio.sleep(fault.delay)
        return response
    if fault.mode == "huge":
        return await _huge(request, fault.size)
    if fault.mode == "patch" and isinstance(response, web.Response) and response.body is not None:
        data = {**json.loads(response.body), **(fault.patch or {})}
        return web.json_response(data, status=response.status, headers={
            k: v for k, v in response.headers.items() if k.lower() not in ("content-type", "content-length")})
    if fault.mode == "drop":
        request.transport.close()
        raise asyncio.CancelledError  # aiohttp ends the request quietly; the client sees the connection close
    return Problem(fault.status, "Injected failure", "The test asked for this answer.",
                   retry_after=fault.retry_after).response(request.path)


async def _huge(request: web.Request, size: int) -> web.StreamResponse:
    """A JSON-looking answer of `size` bytes, written as long as the client reads."""
    response = web.StreamResponse(status=200, headers={"Content-Type": "application/json"})
    await response.prepare(request)
    chunk = b" " * 65536
    await response.write(b'{"services": [')
    sent = 0
    while sent < size:
        await response.write(chunk)
        sent += len(chunk)
    await response.write_eof()
    return response


@web.middleware
async def fault_middleware(request: web.Request, handler):
    if request.path.startswith(TEST_PREFIX):
        return await handler(request)
    events, plan = request.app[EVENTS], request.app[FAULTS]
    await events.record(Event("request", time.time(), request.path, request.method,
                              request.headers.get("Idempotency-Key")))
    fault = plan.take(request.method, request.path)
    if fault and fault.when == "before":
        early = await _apply(fault, request, None)
        if early is not None:
            return early
    response = await handler(request)
    if fault and fault.when == "after":
        return await _apply(fault, request, response)
    return response


def install(app: web.Application, store) -> None:
    """Add the event log, the fault plan and the /_test/ control routes to the app."""
    app[FAULTS] = FaultPlan()

    async def add_fault(request: web.Request) -> web.Response:
        body = await request.json()
        fault = Fault(**body)
        if fault.mode not in MODES or fault.when not in ("before", "after"):
            raise Problem(400, "Unknown fault", f"mode must be one of {MODES}, when before|after.")
        request.app[FAULTS].faults.append(fault)
        return web.json_response(asdict(fault), status=201)

    async def reset(request: web.Request) -> web.Response:
        request.app[FAULTS].faults.clear()
        request.app[EVENTS].events.clear()
        return web.Response(status=204)

    async def events(request: web.Request) -> web.Response:
        found = request.app[EVENTS].matching(request.query.get("name"), request.query.get("path"))
        return web.json_response([asdict(e) for e in found])

    async def wait(request: web.Request) -> web.Response:
        name, count = request.query["name"], int(request.query.get("count", "1"))
        seen = await request.app[EVENTS].wait(name, count, float(request.query.get("timeout", "30")),
                                              request.query.get("path"))
        return web.json_response({"name": name, "count": seen}, status=200 if seen >= count else 408)

    async def submissions(request: web.Request) -> web.Response:
        found = store.all(request.query.get("idempotency_key"))
        return web.json_response([{"id": s.id, "idempotency_key": s.idempotency_key, "owner": s.owner,
                                   "state": s.state, "status": s.status, "files": s.files} for s in found])

    async def set_status(request: web.Request) -> web.Response:
        body = await request.json()
        sub = store.set_status(request.match_info["id"], body["status"], body.get("reason"))
        if sub is None:
            raise Problem(404, "No such submission")
        return web.json_response(sub.to_json())

    async def expire_tokens(request: web.Request) -> web.Response:
        return web.json_response({"expired": store.expire_access_tokens()})

    app.router.add_post("/_test/faults", add_fault)
    app.router.add_post("/_test/reset", reset)
    app.router.add_get("/_test/events", events)
    app.router.add_get("/_test/wait", wait)
    app.router.add_get("/_test/submissions", submissions)
    app.router.add_post("/_test/submissions/{id}/status", set_status)
    app.router.add_post("/_test/expire-access-tokens", expire_tokens)
