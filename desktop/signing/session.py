"""SigningSession: one logged-in token key signing many documents.

The PIN is asked once (by the face) before the session is made; each document is then read,
signed and written atomically. A failure on one document is reported and does not stop the
others, and never leaves a partial output behind.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.general import SigningError as PyhankoSigningError
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

from desktop.core.errors import (
    ImzaError,
    InputError,
    RevocationInfoError,
    SigningError,
    TimestampError,
    TokenError,
)
from desktop.core.model import SignatureFormat, SignOutcome, SignRequest
from desktop.signing import asice, cades, pades
from desktop.tokens.certs import CertificateEntry
from desktop.tokens.session import TokenSession
from desktop.verify.trust import TrustStore


@dataclass
class SignResult:
    """One request's outcome: `outcome` when signed, else `error` (one bad file never stops the others)."""

    request: SignRequest
    outcome: SignOutcome | None = None
    error: ImzaError | None = None


class SigningSession:
    """Signs with one certificate's key on a logged-in token."""

    def __init__(self, token: TokenSession, cert: CertificateEntry, *, tsa_url: str | None,
                 trust: TrustStore | None = None):
        self.token = token
        self.cert = cert
        self.tsa_url = tsa_url or None
        self.trust = trust
        self.signer = token.signer(cert)  # pyhanko's Signer for this key: usable by every format

    def timestamper(self, needed: bool):
        """The time-stamping client for a level that needs one, else None."""
        if not needed:
            return None
        if not self.tsa_url:
            raise TimestampError("This signature level needs a time-stamp, but no time-stamping service is set.",
                                 "Pass --tsa URL, set one with `imza config set tsa_url URL`, or use --level B-B.")
        return HTTPTimeStamper(self.tsa_url, timeout=15)

    def validation_context(self) -> ValidationContext:
        """Where B-LT/B-LTA signing finds trust anchors and fetches revocation data."""
        anchors = list(self.trust.anchors) if self.trust else []
        ca_certs = [c.certificate for c in self.token.info.certificates if c.is_ca]
        return ValidationContext(trust_roots=anchors or None, other_certs=ca_certs,
                                 allow_fetching=True, revocation_mode="require")

    async def sign_one(self, req: SignRequest, vc: ValidationContext) -> SignOutcome:
        """Sign one document with pyhanko's full path; errors come out as ImzaError.

        The card's own failures arrive as TokenError already (desktop.tokens.signer words them).
        """
        try:
            data = req.source.read_bytes()
        except OSError as e:
            raise InputError("{path} cannot be read ({error}).", "Check the file and try again.", path=req.source, error=e.strerror) from None
        ts = self.timestamper(req.level.needs_timestamp)
        try:
            if req.format is SignatureFormat.PADES:
                await pades.sign_pdf(data, req, self.signer, ts, vc)
            elif req.format is SignatureFormat.ASICE:
                await asice.sign_container(req, self.signer, ts, vc)
            else:
                await cades.sign_detached(data, req, self.signer, ts, vc)
        except ImzaError:
            raise
        except (TimeoutError, TimestampRequestError, aiohttp.ClientError) as e:
            raise TimestampError("The time-stamping service at {url} did not answer ({error}).",
                                 "Check the network (for the demo: is `imza demo serve` running?), "
                                 "or sign with --level B-B.", url=self.tsa_url, error=_short(e)) from None
        except (PathBuildingError, PathValidationError) as e:
            raise RevocationInfoError("The certificate chain could not be validated for {level} ({error}).",
                                      "B-LT/B-LTA need the CA's OCSP/CRL services and the trust anchors; "
                                      "check the network, or sign with --level B-T.", level=req.level, error=_short(e)) from None
        except PyhankoSigningError as e:
            raise _map_pyhanko_error(e, req) from None
        except PdfError as e:
            raise InputError("{path} is not a readable PDF ({error}).",
                             "Get a fresh copy of the document.", path=req.source, error=_short(e)) from None
        return SignOutcome(req.source, req.output, req.format, req.level, self.cert.subject)

    async def _sign_all(self, requests, on_result):
        vc = self.validation_context()
        results = []
        try:
            for req in requests:
                try:
                    result = SignResult(req, outcome=await self.sign_one(req, vc))
                except ImzaError as e:
                    result = SignResult(req, error=e)
                results.append(result)
                if on_result:
                    on_result(result)
                if isinstance(result.error, TokenError):
                    break  # card gone: the rest would fail the same way
        finally:
            await vc.aclose()
        return results

    def sign_all(self, requests: list[SignRequest],
                 on_result: Callable[[SignResult], None] | None = None) -> list[SignResult]:
        """Sign every request in order with the one login; `on_result` is called as each ends.

        Blocks (runs its own event loop); errors per file come back in SignResult.error. A token
        error ends the list there (the rest would fail the same way): fewer results than requests.
        """
        return asyncio.run(self._sign_all(requests, on_result))

    def sign(self, request: SignRequest) -> SignOutcome:
        """Sign one request; its ImzaError is raised instead of returned."""
        (result,) = self.sign_all([request])
        if result.error:
            raise result.error
        return result.outcome


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:200]


def _map_pyhanko_error(e: PyhankoSigningError, req: SignRequest) -> ImzaError:
    text = str(e)
    if "forbids all changes" in text:
        return pades_locked(req)
    if "revocation" in text.lower() or "validat" in text.lower():
        return RevocationInfoError("Validation data for {level} could not be gathered ({error}).",
                                   "Check the network and the CA's OCSP/CRL services, or use --level B-T.", level=req.level, error=_short(e))
    return SigningError("Signing {path} failed: {error}.", "Check the document and the token, then retry.", path=req.source, error=_short(e))


def pades_locked(req: SignRequest) -> ImzaError:
    """The error for a PDF certified "no changes allowed" (ISO 32000-2 12.8.2.2), when pyhanko refuses it."""
    from desktop.core.errors import DocumentLocked
    return DocumentLocked('{path} is certified with "no changes allowed".',
                          "Ask the author for a version that permits signing.", path=req.source)
