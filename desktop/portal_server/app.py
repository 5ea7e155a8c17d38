"""The reference portal's routes (docs/portal-openapi.yaml): login, catalogue, submissions."""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from desktop.core.files import looks_like_pdf
from desktop.portal_server.catalogue import Catalogue
from desktop.portal_server.events import EVENTS, Event, EventLog
from desktop.portal_server.identity import (
    ALGORITHMS,
    Identity,
    IdentityChecker,
    login_message,
    signature_valid,
)
from desktop.portal_server.problems import Problem, problem_middleware
from desktop.portal_server.receipts import ReceiptSigner, receipt_content
from desktop.portal_server.store import Claim, PortalStore

MAX_FILES = 10
MAX_BODY = 64 * 1024 * 1024
CHUNK = 64 * 1024


@dataclass
class PortalConfig:
    origins: tuple[str, ...]  # https://host:port as clients address it (part of what a login signs)
    db_path: Path
    identity: IdentityChecker
    receipts: ReceiptSigner
    catalogue: Catalogue
    access_ttl: float = 300.0
    refresh_ttl: float = 8 * 3600.0
    challenge_ttl: float = 120.0
    test_controls: bool = False
    advance_after: float | None = None  # the demo's clerk moves statuses on after this many seconds


CONFIG = web.AppKey("config", PortalConfig)
STORE = web.AppKey("store", PortalStore)


# --- request helpers -------------------------------------------------------------------------

async def _json_object(request: web.Request, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise Problem(400, "Body is not JSON") from None
    if not isinstance(body, dict):
        raise Problem(400, "Body must be a JSON object")
    missing = [k for k in required if k not in body]
    unknown = [k for k in body if k not in required + optional]
    if missing or unknown:
        raise Problem(400, "Wrong fields", f"missing: {missing or '-'}; unknown: {unknown or '-'}")
    return body


def _string(body: dict, key: str, *, max_len: int = 200, min_len: int = 1) -> str:
    value = body[key]
    if not isinstance(value, str) or not (min_len <= len(value) <= max_len):
        raise Problem(400, f"{key} must be a string of {min_len}..{max_len} characters")
    return value


def _b64(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise Problem(400, f"{what} must be a base64 string")
    try:
        text = value.replace("-", "+").replace("_", "/")
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise Problem(400, f"{what} is not valid base64") from None


def _caller(request: web.Request) -> tuple[str, dict]:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    found = request.app[STORE].token(token.strip(), "access") if scheme.lower() == "bearer" and token else None
    if found is None:
        raise Problem(401, "Not logged in or the access token expired",
                      "Refresh the access token or log in again.",
                      headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    return found


def _expires(ttl: float) -> str:
    return datetime.fromtimestamp(time.time() + ttl, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


# --- login -----------------------------------------------------------------------------------

async def create_challenge(request: web.Request) -> web.Response:
    config = request.app[CONFIG]
    body = await _json_object(request, ("certificate",), ("chain",))
    der = _b64(body["certificate"], "certificate")
    chain = body.get("chain", [])
    if not isinstance(chain, list) or len(chain) > 5:
        raise Problem(400, "chain must be a list of at most 5 certificates")
    identity = await config.identity.check(der, [_b64(c, "chain entry") for c in chain])
    challenge_id, nonce, _ = request.app[STORE].new_challenge(der, identity.to_json(), config.challenge_ttl)
    return web.json_response({"challenge_id": challenge_id, "nonce": nonce,
                              "expires_at": _expires(config.challenge_ttl), "algorithms": list(ALGORITHMS)},
                             status=201)


async def create_session(request: web.Request) -> web.Response:
    config, store = request.app[CONFIG], request.app[STORE]
    body = await _json_object(request, ("challenge_id", "algorithm", "signature"))
    challenge_id = _string(body, "challenge_id", max_len=100)
    algorithm = body["algorithm"]
    if algorithm not in ALGORITHMS:
        raise Problem(400, "Unknown signature algorithm", f"Use one of {', '.join(ALGORITHMS)}.")
    signature = _b64(body["signature"], "signature")
    found = store.use_challenge(challenge_id)
    if found is None:
        raise Problem(401, "Unknown or expired challenge", "Start the login again.")
    nonce, cert_der, identity = found
    if not any(signature_valid(cert_der, algorithm, login_message(origin, challenge_id, nonce), signature)
               for origin in config.origins):
        raise Problem(401, "The login signature is not valid", "Sign the challenge with the certificate's key.")
    owner = Identity(**identity).owner
    refresh = store.issue_token("refresh", owner, identity, config.refresh_ttl)
    access = store.issue_token("access", owner, identity, config.access_ttl, parent=refresh)
    await request.app[EVENTS].record(Event("login", time.time(), request.path))
    return web.json_response({"access_token": access, "token_type": "Bearer", "expires_in": int(config.access_ttl),
                              "refresh_token": refresh, "refresh_expires_in": int(config.refresh_ttl),
                              "subject": identity}, status=201)


async def refresh_session(request: web.Request) -> web.Response:
    config, store = request.app[CONFIG], request.app[STORE]
    body = await _json_object(request, ("refresh_token",))
    refresh = _string(body, "refresh_token")
    found = store.token(refresh, "refresh")
    if found is None:
        raise Problem(401, "The refresh token is unknown, expired or revoked", "Log in again with the card.")
    owner, identity = found
    access = store.issue_token("access", owner, identity, config.access_ttl, parent=refresh)
    await request.app[EVENTS].record(Event("refresh", time.time(), request.path))
    return web.json_response({"access_token": access, "token_type": "Bearer", "expires_in": int(config.access_ttl)})


async def logout(request: web.Request) -> web.Response:
    body = await _json_object(request, ("refresh_token",))
    request.app[STORE].revoke(_string(body, "refresh_token"))
    return web.Response(status=204)


# --- catalogue -------------------------------------------------------------------------------

async def list_services(request: web.Request) -> web.Response:
    return web.json_response({"services": list(request.app[CONFIG].catalogue.services.values())})


async def list_organizations(request: web.Request) -> web.Response:
    return web.json_response({"organizations": list(request.app[CONFIG].catalogue.organizations.values())})


# --- submissions -----------------------------------------------------------------------------

def _metadata(raw: bytes) -> dict:
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Problem(422, "metadata is not JSON") from None
    if not isinstance(meta, dict):
        raise Problem(422, "metadata must be a JSON object")
    unknown = set(meta) - {"service_id", "organization_id", "subject", "reference"}
    if unknown:
        raise Problem(422, "Unknown metadata fields", ", ".join(sorted(unknown)))
    if ("service_id" in meta) == ("organization_id" in meta):
        raise Problem(422, "Name exactly one of service_id and organization_id")
    for key, (lo, hi) in {"service_id": (1, 100), "organization_id": (1, 100), "subject": (1, 300),
                          "reference": (0, 100)}.items():
        if key in meta and not (isinstance(meta[key], str) and lo <= len(meta[key]) <= hi):
            raise Problem(422, f"{key} must be a string of {lo}..{hi} characters")
    if "subject" not in meta:
        raise Problem(422, "subject is required")
    return meta


async def _read_parts(request: web.Request) -> tuple[dict, list[tuple[str, bytes]]]:
    if request.content_type != "multipart/form-data":
        raise Problem(400, "Expected multipart/form-data")
    try:
        reader = await request.multipart()
    except (ValueError, AssertionError, KeyError):
        raise Problem(400, "Malformed multipart body") from None
    meta, files, total = None, [], 0
    while True:
        try:
            part = await reader.next()
            if part is None:
                break
            data = bytearray()
            while chunk := await part.read_chunk(CHUNK):
                data += chunk
                total += len(chunk)
                if total > MAX_BODY:
                    raise Problem(413, "Too large", f"The portal accepts at most {MAX_BODY} bytes per request.")
        except (ValueError, AssertionError, HttpProcessingError):
            raise Problem(400, "Malformed multipart body") from None
        if part.name == "metadata" and meta is None:
            meta = _metadata(bytes(data))
        elif part.name == "file" and len(files) < MAX_FILES:
            name = (part.filename or f"file{len(files) + 1}").replace("/", "_").replace("\\", "_")[:200]
            files.append((name, bytes(data)))
        else:
            raise Problem(400, "Unexpected or repeated part",
                          f"Got {ascii(part.name)}; send one metadata part and 1..{MAX_FILES} file parts.")
    if meta is None or not files:
        raise Problem(400, "Send one metadata part and at least one file part")
    return meta, files


def _formats(files: list[tuple[str, bytes]]) -> set[str]:
    """pades for signed PDFs, cades for NAME.p7s sent with NAME; anything else is refused."""
    names = {n for n, _ in files}
    found, covered = set(), set()
    for name, data in files:
        if name.lower().endswith(".p7s") and data[:1] == b"\x30" and name[:-4] in names:
            found.add("cades")
            covered |= {name, name[:-4]}
    for name, data in files:
        if name in covered:
            continue
        if looks_like_pdf(data):
            if b"/ByteRange" not in data:
                raise Problem(415, "Unsigned PDF", f"{name} carries no signature.")
            found.add("pades")
        else:
            raise Problem(415, "Unsupported file", f"{name} is neither a signed PDF nor covered by a .p7s.")
    return found


async def create_submission(request: web.Request) -> web.Response:
    config, store, events = request.app[CONFIG], request.app[STORE], request.app[EVENTS]
    owner, identity = _caller(request)
    key = request.headers.get("Idempotency-Key", "")
    try:
        key = str(uuid.UUID(key))
    except ValueError:
        raise Problem(400, "Idempotency-Key must be a UUID", "Make one per submission and resend it on retries.") from None
    meta, files = await _read_parts(request)
    await events.record(Event("submission-received", time.time(), request.path, idempotency_key=key))
    wanted = config.catalogue.requirements(meta)
    if wanted is None:
        what = "e-service" if "service_id" in meta else "organisation"
        raise Problem(404, f"No such {what}", f"{meta.get('service_id') or meta.get('organization_id')!r} is not in the catalogue.")
    size = sum(len(d) for _, d in files)
    if size > wanted["max_size_bytes"]:
        raise Problem(413, "Submission too large",
                      f"{size} bytes; {wanted['id']} accepts at most {wanted['max_size_bytes']} bytes.")
    refused = _formats(files) - set(wanted["accepted_formats"])
    if refused:
        raise Problem(415, "Format not accepted", f"{wanted['id']} does not accept {', '.join(sorted(refused))}.")
    described = [{"name": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in files]
    fingerprint = hashlib.sha256(json.dumps([meta, described], sort_keys=True).encode()).hexdigest()
    outcome, sub = store.claim(owner, key, fingerprint, meta, described)
    if outcome == Claim.MISMATCH:
        raise Problem(422, "Idempotency-Key already used for another submission",
                      "Make a new key for a new submission.", slug="key-reused")
    if outcome == Claim.IN_PROGRESS:
        raise Problem(409, "This submission is still being processed", "Send it again shortly.", retry_after=1)
    if outcome == Claim.REPLAY:
        await events.record(Event("submission-replayed", time.time(), request.path, idempotency_key=key,
                                  submission_id=sub.id))
        return web.json_response(sub.to_json(), status=201, headers={"Idempotent-Replayed": "true"})
    try:
        receipt = await config.receipts.sign(receipt_content(portal=config.origins[0], submission=sub, sender=identity))
        sub = store.complete(sub.id, receipt, files)
    except BaseException:
        store.abandon(sub.id)  # the next attempt with the same key starts afresh
        raise
    await events.record(Event("submission-stored", time.time(), request.path, idempotency_key=key,
                              submission_id=sub.id))
    return web.json_response(sub.to_json(), status=201, headers={"Idempotent-Replayed": "false"})


async def get_submission(request: web.Request) -> web.Response:
    owner, _ = _caller(request)
    sub = request.app[STORE].get(request.match_info["id"])
    if sub is None or sub.owner != owner or sub.state != "done":
        raise Problem(404, "No such submission")
    return web.json_response(sub.to_json())


# --- the application -------------------------------------------------------------------------

async def _clerk(app: web.Application):
    """Demo only: statuses move on by themselves (received → accepted → delivered)."""
    every = app[CONFIG].advance_after

    async def loop():
        while True:
            await asyncio.sleep(min(1.0, every))
            app[STORE].advance(every)

    task = asyncio.create_task(loop()) if every else None
    yield
    if task:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    app[STORE].close()


def build_app(config: PortalConfig) -> web.Application:
    """The portal's aiohttp application; with `config.test_controls`, also the /_test/ routes.

    The test controls work from the source tree only: the installed bundle leaves
    desktop/portal_server/faults.py out (build.spec), so asking for them there raises ImportError.
    """
    middlewares = []
    if config.test_controls:
        from desktop.portal_server import faults  # local: a test harness, absent from the bundle

        middlewares = [faults.fault_middleware]
    app = web.Application(middlewares=[*middlewares, problem_middleware], client_max_size=MAX_BODY)
    app[CONFIG] = config
    app[STORE] = PortalStore(config.db_path)
    app[EVENTS] = EventLog()
    app.cleanup_ctx.append(_clerk)
    r = app.router
    r.add_post("/v1/auth/challenge", create_challenge)
    r.add_post("/v1/auth/session", create_session)
    r.add_post("/v1/auth/refresh", refresh_session)
    r.add_post("/v1/auth/logout", logout)
    r.add_get("/v1/services", list_services)
    r.add_get("/v1/organizations", list_organizations)
    r.add_post("/v1/submissions", create_submission)
    r.add_get("/v1/submissions/{id}", get_submission)
    if config.test_controls:
        faults.install(app, app[STORE])
    return app
