"""PortalClient: the portal's HTTP API (docs/portal-openapi.yaml) over verified HTTPS.

TLS is always verified: against the system's CA certificates, or a configured CA bundle
(`portal_ca_bundle`); there is no switch to turn it off, and plain http:// is refused.
An access token lives only in memory: each process gets one from the refresh token kept in
the secret store, and on a 401 refreshes once and retries. Answers are turned into dataclasses
or into PortalError (the portal said no) / PortalUnavailable (worth trying again later) /
PortalIdentityError (the server could not be shown to be the portal: nothing sent, not retried).
Every answer is read as a stream and given up past `max_response_bytes`; submission ids are
checked against the API's pattern before they go into a URL, and escaped there.
"""

from __future__ import annotations

import base64
import io
import json
import os
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx

from desktop.core.i18n import tr
from desktop.portal.credentials import CredentialStore, StoredLogin
from desktop.portal.errors import (
    LoginRequired,
    PortalConfigError,
    PortalError,
    PortalIdentityError,
    PortalUnavailable,
    ResponseTooLarge,
)
from desktop.portal.model import (
    Recipient,
    RemoteSubmission,
    Subject,
    SubmissionStatus,
    valid_submission_id,
)
from desktop.portal.tls import clear_openssl_errors, tls_context

RETRYABLE_STATUSES = {408, 409, 425, 429, 500, 502, 503, 504}
_LOGIN_HINT = "Log in with `imza login` (your card and PIN), then try again."
_LATER = "Try again later; submissions wait in the outbox meanwhile."


@dataclass(frozen=True)
class PortalConfig:
    """Where the portal is and how to trust it: its https URL, the CA bundle for its TLS certificate (None: the system's), and the pinned receipt certificate."""

    url: str
    ca_bundle: Path | None = None
    receipt_cert: Path | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    max_response_bytes: int = 8 * 1024 * 1024  # a catalogue or a submission with its receipt is far smaller

    @classmethod
    def from_settings(cls, settings) -> PortalConfig:
        """From portal_url, portal_ca_bundle and portal_receipt_cert; PortalConfigError when no portal is set or the values do not check."""
        url = (settings.get("portal_url") or "").strip()
        if not url:
            raise PortalConfigError("No portal is set.", "Set one with `imza config set portal_url https://...` "
                                    "(the demo sets it: `imza demo init`).")
        bundle = settings.get("portal_ca_bundle") or None
        receipt = settings.get("portal_receipt_cert") or None
        config = cls(url, Path(bundle) if bundle else None, Path(receipt) if receipt else None)
        config.check()
        return config

    def check(self) -> None:
        """Raise PortalConfigError unless the URL is https with a host and the named files exist."""
        parts = urlsplit(self.url)
        if parts.scheme != "https" or not parts.hostname:
            raise PortalConfigError("The portal URL {url!r} is not an https:// URL.",
                                    "Imza talks to the portal over verified HTTPS only; fix portal_url.", url=self.url)
        if self.ca_bundle and not self.ca_bundle.is_file():
            raise PortalConfigError("The portal CA bundle {ca_bundle} does not exist.",
                                    "Fix or clear the portal_ca_bundle setting.", ca_bundle=self.ca_bundle)

    @property
    def origin(self) -> str:
        """scheme://host:port, as the login signature names the portal."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.hostname}:{parts.port or 443}"

    @property
    def base(self) -> str:
        """The URL without a trailing slash, to which API paths are appended."""
        return self.url.rstrip("/")


@dataclass
class UploadFile:
    """A file to upload, streamed from `path` under `name`."""

    name: str
    path: Path
    content_type: str = "application/octet-stream"


class _CountingReader(io.RawIOBase):
    """A file whose reads are reported, so an upload can show its progress."""

    def __init__(self, path: Path, on_read: Callable[[int], None]):
        self._fh = open(path, "rb")  # noqa: SIM115 - closed by the caller after the request
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self._on_read(len(data))
        return data

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()

    def fileno(self) -> int:
        return self._fh.fileno()

    def close(self) -> None:
        self._fh.close()
        super().close()


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


class PortalClient:
    """The portal's HTTP API (module docstring). Logged-in calls refresh the access token once
    on a 401; a login that cannot be refreshed raises LoginRequired. Sending again after a
    failure is OutboxSender's decision, not this class's.
    """

    def __init__(self, config: PortalConfig, credentials: CredentialStore | None = None, *,
                 timeout: httpx.Timeout | None = None):
        config.check()
        self.config = config
        self.credentials = credentials or CredentialStore(config.origin)
        self._access: str | None = None
        self._http = httpx.Client(
            base_url=config.base, verify=tls_context(config.ca_bundle), follow_redirects=False,
            timeout=timeout or httpx.Timeout(config.read_timeout, connect=config.connect_timeout),
            # Compressed answers are refused: the size limit applies to the bytes that arrive.
            headers={"User-Agent": "Imza", "Accept-Encoding": "identity"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PortalClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- transport -----------------------------------------------------------------------

    def _send(self, method: str, path: str, **kwargs) -> httpx.Response:
        """One request; the answer read whole, but never more than `max_response_bytes` of it."""
        where = self.config.base
        clear_openssl_errors()
        try:
            request = self._http.build_request(method, path, **kwargs)
            response = self._http.send(request, stream=True)
            try:
                body = _read_limited(response, self.config.max_response_bytes, where)
            finally:
                response.close()
            return httpx.Response(response.status_code, headers=response.headers, content=body, request=request)
        except httpx.TimeoutException:
            raise PortalUnavailable("The portal at {where} did not answer in time.", _LATER, where=where) from None
        except httpx.ConnectError as e:
            if _certificate_failure(e):
                raise PortalIdentityError(
                    tr("The identity of the portal at {url} could not be verified: its certificate does not chain "
                       "to the certificate authorities Imza trusts for it ({problem}). Nothing was sent.",
                       url=where, problem=_short(e)),
                    tr("Check portal_url and portal_ca_bundle (`imza config show`); Imza never turns this check off. "
                       "If both are right, the connection may be intercepted: tell the portal's operator.")) from None
            raise PortalUnavailable("The portal at {where} cannot be reached ({error}).",
                                    "Check the network connection. Try again later; submissions wait in the outbox meanwhile.", where=where, error=_short(e)) from None
        except (httpx.TransportError, ssl.SSLError) as e:  # connection dropped mid-request, and similar
            raise PortalUnavailable("The connection to the portal at {where} broke ({error}).",
                                    "Try again: a submission is sent again with the same key, so it cannot arrive "
                                    "twice.", where=where, error=_short(e)) from None

    def _check(self, response: httpx.Response) -> httpx.Response:
        if response.is_success:
            return response
        problem = _problem(response)
        title = problem.get("title") or response.reason_phrase
        detail = problem.get("detail")
        text = f"{title} ({detail})" if detail else title
        status = response.status_code
        if status in RETRYABLE_STATUSES:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            raise PortalUnavailable("The portal is busy or unavailable: {text} [HTTP {code}].",
                                    _LATER, status=status, problem=problem, retry_after=wait, text=text, code=status)
        if status == 413:
            raise PortalError("The portal refused the submission as too large: {text}.",
                              "Send smaller files or split the submission.", status=status, problem=problem, text=text)
        raise PortalError("The portal refused the request: {text} [HTTP {code}].", None,
                          status=status, problem=problem, text=text, code=status)

    def _authed(self, method: str, path: str, build: Callable[[], dict] | None = None) -> httpx.Response:
        """A request with the access token; on 401 refresh once and send it again."""
        if self._access is None:
            self.refresh()
        for attempt in (1, 2):
            kwargs = build() if build else {}
            headers = {**kwargs.pop("headers", {}), "Authorization": f"Bearer {self._access}"}
            try:
                response = self._send(method, path, headers=headers, **kwargs)
            finally:
                for _, value in kwargs.get("files", []):
                    if isinstance(value, tuple) and isinstance(value[1], io.IOBase):
                        value[1].close()
            if response.status_code != 401:
                return self._check(response)
            if attempt == 1:
                self.refresh()
        raise LoginRequired("The portal did not accept the login.", _LOGIN_HINT, status=401)

    # --- login -------------------------------------------------------------------------------

    def login(self, certificate: bytes, chain: list[bytes], sign: Callable[[str, str], tuple[str, bytes]]) -> Subject:
        """Card login. `sign(challenge_id, nonce)` returns (algorithm, signature) made on the card."""
        r = self._check(self._send("POST", "/v1/auth/challenge", json={
            "certificate": _b64(certificate), "chain": [_b64(c) for c in chain]}))
        challenge = r.json()
        algorithm, signature = sign(challenge["challenge_id"], challenge["nonce"])
        r = self._send("POST", "/v1/auth/session", json={
            "challenge_id": challenge["challenge_id"], "algorithm": algorithm, "signature": _b64(signature)})
        if r.status_code == 401:
            problem = _problem(r)
            raise LoginRequired("The portal refused the login: {reason}.",
                                "Try again; if it keeps failing, check the card's authentication certificate.",
                                status=401, problem=problem, reason=problem.get("title") or tr("not accepted"))
        session = self._check(r).json()
        subject = Subject.from_json(session["subject"])
        self.credentials.save(session["refresh_token"], subject)
        self._access = session["access_token"]
        return subject

    def refresh(self) -> None:
        """Trade the stored refresh token for a new access token; a refused one is deleted and LoginRequired raised."""
        stored = self.credentials.load()
        if stored is None:
            raise LoginRequired("You are not logged in to the portal.", _LOGIN_HINT)
        r = self._send("POST", "/v1/auth/refresh", json={"refresh_token": stored.refresh_token})
        if r.status_code in (400, 401):
            self.credentials.delete()  # useless now; keeping it would only fail again
            raise LoginRequired("Your portal login has expired.", _LOGIN_HINT, status=r.status_code)
        self._access = self._check(r).json()["access_token"]

    def current_login(self) -> StoredLogin | None:
        """The login kept in the password store (who, since when), or None."""
        return self.credentials.load()

    def logout(self) -> bool:
        """Forget the login here and revoke it at the portal (best effort). True if there was one."""
        stored = self.credentials.load()
        self._access = None
        if stored is None:
            return False
        self.credentials.delete()
        try:
            self._send("POST", "/v1/auth/logout", json={"refresh_token": stored.refresh_token})
        except PortalUnavailable:
            pass  # deleted here; the portal lets the token expire
        return True

    # --- catalogue ---------------------------------------------------------------------------

    def services(self) -> list[Recipient]:
        """The e-services the portal lists (GET /v1/services)."""
        data = self._check(self._send("GET", "/v1/services")).json()
        return [Recipient.service(s) for s in data["services"]]

    def organizations(self) -> list[Recipient]:
        """The organisations the portal lists (GET /v1/organizations)."""
        data = self._check(self._send("GET", "/v1/organizations")).json()
        return [Recipient.organization(o) for o in data["organizations"]]

    # --- submissions -------------------------------------------------------------------------

    def submit(self, idempotency_key: str, metadata: dict, files: list[UploadFile],
               on_upload: Callable[[int, int], None] | None = None) -> RemoteSubmission:
        """POST /v1/submissions: `metadata` and the files, streamed, under `idempotency_key`.

        Sending the same key again gets the stored submission back (`replayed` True), never a second
        one. `on_upload(sent, total)` reports bytes as they go.
        """
        total = sum(f.path.stat().st_size for f in files)

        def build() -> dict:
            sent = 0

            def count(n: int) -> None:
                nonlocal sent
                sent += n
                if on_upload and n:
                    on_upload(sent, total)

            parts = [("metadata", (None, json.dumps(metadata).encode(), "application/json"))]
            parts += [("file", (f.name, _CountingReader(f.path, count), f.content_type)) for f in files]
            return {"files": parts, "headers": {"Idempotency-Key": idempotency_key}}

        r = self._authed("POST", "/v1/submissions", build)
        return _submission(r.json(), replayed=r.headers.get("Idempotent-Replayed") == "true")

    def submission(self, submission_id: str) -> RemoteSubmission:
        """The submission's current state at the portal; an id outside the API's pattern raises PortalError unsent."""
        if not valid_submission_id(submission_id):
            raise PortalError("The submission id {id} is not one the portal's API allows; Imza does not ask "
                              "the portal about it.",
                              "Report this to the portal's operator.", id=ascii(submission_id))
        return _submission(self._authed("GET", "/v1/submissions/" + quote(submission_id, safe="")).json())


def _submission(data: dict, replayed: bool = False) -> RemoteSubmission:
    if not isinstance(data, dict) or not valid_submission_id(data.get("id")):
        raise PortalError("The portal answered with a submission id its API does not allow ({id}).",
                          "Report this to the portal's operator.", id=ascii(data.get("id") if isinstance(data, dict) else None)[:80])
    try:
        return RemoteSubmission(
            id=data["id"], status=SubmissionStatus(data["status"]), reason=data.get("reason"),
            created_at=data["created_at"], updated_at=data["updated_at"], files=list(data.get("files", [])),
            receipt=base64.b64decode(data.get("receipt") or ""), replayed=replayed)
    except (KeyError, ValueError, TypeError) as e:
        raise PortalError("The portal's answer could not be read ({error}).", "Report this to the portal's operator.", error=e) from None


def _read_limited(response: httpx.Response, limit: int, where: str) -> bytes:
    """The body, read in pieces; past `limit` bytes reading stops and ResponseTooLarge says so."""
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise PortalError("The portal at {url} sent a compressed answer ({encoding}) though Imza asked for none.",
                          "Report this to the portal's operator.", status=response.status_code, url=where, encoding=ascii(encoding)[:40])
    too_large = ResponseTooLarge(
        "The portal at {url} sent an answer larger than {mb} MB; Imza stopped reading it.",
        "Nothing from it was used. Try again later; if it happens again, tell the portal's operator.",
        status=response.status_code, url=where, mb=f"{limit / 1048576:g}")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    for chunk in response.iter_raw(64 * 1024):
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


def _certificate_failure(e: BaseException) -> bool:
    """True when TLS failed because the server's certificate did not verify (chain or host name)."""
    seen: BaseException | None = e
    for _ in range(10):  # an exception chain is short; a loop in one must not hang us
        if seen is None:
            break
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _problem(response: httpx.Response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:200]
