"""RFC 9457 problem details: every error the reference portal answers is one of these."""

from __future__ import annotations

import json
import logging

from aiohttp import web

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)

_SLUGS = {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found",
          405: "method-not-allowed", 409: "in-progress", 413: "too-large", 415: "unsupported-format",
          422: "unprocessable", 429: "too-many-requests", 500: "internal-error", 503: "unavailable"}


class Problem(Exception):
    """Raise from a handler; the middleware answers it as application/problem+json."""

    def __init__(self, status: int, title: str, detail: str | None = None, *, slug: str | None = None,
                 retry_after: int | None = None, headers: dict[str, str] | None = None):
        super().__init__(f"{status} {title}")
        self.status = status
        self.title = title
        self.detail = detail
        self.slug = slug or _SLUGS.get(status, "error")
        self.retry_after = retry_after
        self.headers = dict(headers or {})

    def response(self, instance: str | None = None) -> web.Response:
        body: dict[str, object] = {"type": f"/problems/{self.slug}", "title": self.title, "status": self.status}
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        headers = dict(self.headers)
        if self.retry_after is not None:
            body["retry_after"] = self.retry_after
            headers["Retry-After"] = str(self.retry_after)
        return web.Response(status=self.status, headers=headers, content_type=PROBLEM_JSON,
                            text=json.dumps(body))  # ASCII: a client's odd input echoed back stays encodable


@web.middleware
async def problem_middleware(request: web.Request, handler):
    try:
        return await handler(request)
    except Problem as p:
        return p.response(request.path)
    except web.HTTPException as e:  # aiohttp's own: unknown route, wrong method, body too large
        if e.status < 400:
            raise
        keep = {k: v for k, v in e.headers.items() if k.lower() in ("allow", "retry-after")}
        detail = "The request body is larger than the portal accepts." if e.status == 413 else None
        return Problem(e.status, e.reason, detail, headers=keep).response(request.path)
    except Exception:
        log.exception("internal error on %s %s", request.method, request.path)
        return Problem(500, "Internal Server Error", "The portal failed; try again later.").response(request.path)
