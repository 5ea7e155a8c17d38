"""Authentication with the card: which certificate logs in, and its key signing a login message.

A citizen's ID card holds an authentication certificate (digitalSignature, clientAuth) beside
the signing one (nonRepudiation only); the authentication key is the one to log in with. Some
cards, such as the demo official's, hold one dual-use certificate (digitalSignature and
nonRepudiation): it may log in too. That is safe only because what the key signs here is a
message the caller builds with a fixed text prefix (see desktop/portal/login.py), which can
never be taken for a document signature (those sign DER attribute sets); callers must never pass
bytes received from a server.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from pkcs11 import KeyType, Mechanism
from pkcs11.util.ec import encode_ecdsa_signature

from desktop.core.errors import CertificateError
from desktop.core.i18n import tr
from desktop.tokens.certs import CertificateEntry
from desktop.tokens.session import TokenInfo, TokenSession

RSA_PKCS1V15_SHA256 = "rsa-pkcs1v15-sha256"
ECDSA_SHA256 = "ecdsa-sha256"


def authentication_problem(cert: CertificateEntry, now: datetime | None = None) -> str | None:
    """Why this certificate cannot log in, or None if it can."""
    now = now or datetime.now(UTC)
    if cert.is_ca:
        return "it is a CA certificate"
    if "digital_signature" not in cert.key_usage:
        return "its key usage does not allow authentication (no digitalSignature)"
    if cert.extended_key_usage and "client_auth" not in cert.extended_key_usage:
        return "its extended key usage does not include client authentication"
    if cert.not_after and now > cert.not_after:
        return f"it expired on {cert.not_after:%Y-%m-%d}"
    if cert.not_before and now < cert.not_before:
        return f"it is not valid before {cert.not_before:%Y-%m-%d}"
    return None


def choose_authentication_certificate(token: TokenInfo, selector: str | None = None) -> CertificateEntry:
    """The certificate to log in with: the one asked for, else a dedicated authentication
    certificate (no nonRepudiation), else a dual-use one."""
    if selector:
        match = [c for c in token.certificates if c.matches(selector)]
        if not match:
            raise CertificateError("No certificate on {label!r} matches {selector!r}.",
                                   "Use an ID or fingerprint shown by `imza tokens`.", label=token.label, selector=selector)
        problem = authentication_problem(match[0])
        if problem:
            raise CertificateError("The certificate of {subject} cannot be used to log in: {reason}.",
                                   "Choose the authentication certificate (see `imza tokens`).", subject=match[0].subject, reason=problem)
        return match[0]
    fit = [c for c in token.certificates if authentication_problem(c) is None]
    dedicated = [c for c in fit if "non_repudiation" not in c.key_usage]
    if dedicated or fit:
        return (dedicated or fit)[0]
    reasons = "; ".join(f"{c.subject} ({authentication_problem(c)})" for c in token.certificates if not c.is_ca)
    raise CertificateError("No certificate on {label!r} can log in: {reasons}.",
                           "Use your ID card or a token with an authentication certificate.", label=token.label, reasons=reasons or tr("no certificates"))


def sign_authentication(session: TokenSession, cert: CertificateEntry, message: bytes) -> tuple[str, bytes]:
    """(algorithm, signature) over `message` (hashed with SHA-256) with the certificate's key.

    A card's failure comes out as the TokenError desktop.tokens.errors words for it.
    """
    key = session.private_key(cert)
    if key.key_type == KeyType.RSA:
        return RSA_PKCS1V15_SHA256, session.sign_data(cert, message, Mechanism.SHA256_RSA_PKCS)
    if key.key_type == KeyType.EC:
        # Hash on the host, sign on the card: many cards (and SoftHSM2) offer only raw CKM_ECDSA.
        raw = session.sign_data(cert, hashlib.sha256(message).digest(), Mechanism.ECDSA)
        return ECDSA_SHA256, encode_ecdsa_signature(raw)
    raise CertificateError("The key of {subject} is of a kind Imza cannot log in with.",
                           "Use an RSA or EC key.", subject=cert.subject)
