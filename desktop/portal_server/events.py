"""The portal's event log: logins, refreshes and submissions as they happen, with the server's clock.

Every portal keeps one; the test controls (faults.py) read it so tests wait on events instead of
sleeping and can check how long a client waited.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass

from aiohttp import web


@dataclass
class Event:
    name: str
    at: float  # time.time() on the server
    path: str | None = None
    method: str | None = None
    idempotency_key: str | None = None
    submission_id: str | None = None


class EventLog:
    def __init__(self, keep: int = 10_000):
        self.events: deque[Event] = deque(maxlen=keep)
        self._changed = asyncio.Condition()

    async def record(self, event: Event) -> None:
        self.events.append(event)
        async with self._changed:
            self._changed.notify_all()

    def matching(self, name: str | None = None, path: str | None = None) -> list[Event]:
        return [e for e in self.events if (name is None or e.name == name) and (path is None or e.path == path)]

    async def wait(self, name: str, count: int, timeout: float, path: str | None = None) -> int:
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(self.matching(name, path)) >= count),
                                       timeout)
            except TimeoutError:
                pass
        return len(self.matching(name, path))


EVENTS = web.AppKey("events", EventLog)
