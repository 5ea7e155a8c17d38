"""Card login to the portal: the card's authentication key signs a login message Imza builds.

The message names the portal's origin, the challenge id and the nonce behind a fixed text
prefix (docs/portal-openapi.yaml). Imza never signs bytes a server hands it, so even a
dual-use key cannot be made to sign a document here, and a challenge from one site is
worthless at another.

When the portal refuses a login whose signature Imza can check is correct, the card is not
the problem: the portal knows itself under another origin (host name or port) than the one
the message names, portal_url's. That is said, instead of blaming the card.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import load_der_x509_certificate

from desktop.portal.client import PortalClient
from desktop.portal.errors import LoginRequired, PortalError
from desktop.portal.model import Subject
from desktop.tokens.auth import ECDSA_SHA256, RSA_PKCS1V15_SHA256, sign_authentication
from desktop.tokens.certs import CertificateEntry
from desktop.tokens.session import TokenSession

LOGIN_PREFIX = "imza-portal-login/v1"


def login_message(origin: str, challenge_id: str, nonce: str) -> bytes:
    """The bytes the card signs to log in: the prefix, the portal origin, the challenge id and nonce,
    one per line (docs/portal-openapi.yaml). Raises PortalError for a challenge holding a newline.
    """
    for part in (challenge_id, nonce):
        if "\n" in part:
            raise PortalError("The portal sent a malformed login challenge.", "Try again later.")
    return f"{LOGIN_PREFIX}\n{origin}\n{challenge_id}\n{nonce}".encode()


def login_with_card(client: PortalClient, session: TokenSession, cert: CertificateEntry) -> Subject:
    """Log in with a logged-in token session's certificate; the refresh token goes to the keyring."""
    chain = [c.certificate.dump() for c in session.info.certificates if c.is_ca]
    signed: list[tuple[bytes, str, bytes]] = []

    def sign(challenge_id: str, nonce: str) -> tuple[str, bytes]:
        message = login_message(client.config.origin, challenge_id, nonce)
        algorithm, signature = sign_authentication(session, cert, message)
        signed.append((message, algorithm, signature))
        return algorithm, signature

    try:
        return client.login(cert.certificate.dump(), chain, sign)
    except LoginRequired as e:
        if e.status == 401 and signed and signature_matches(cert.certificate.dump(), *signed[-1]):
            raise origin_mismatch(client.config.origin, e) from None
        raise


def signature_matches(cert_der: bytes, message: bytes, algorithm: str, signature: bytes) -> bool:
    """Whether `signature` is the certificate key's over `message` (checked here, as the portal would)."""
    key = load_der_x509_certificate(cert_der).public_key()
    try:
        if algorithm == RSA_PKCS1V15_SHA256 and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
            return True
        if algorithm == ECDSA_SHA256 and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
            return True
    except (InvalidSignature, ValueError):
        return False
    return False


def origin_mismatch(origin: str, refused: LoginRequired) -> LoginRequired:
    """The error for a login refused although the card signed correctly: the origin signed
    (from portal_url) is not the one the portal knows itself by.
    """
    said = refused.problem.get("title") if isinstance(refused.problem.get("title"), str) else "-"
    return LoginRequired(
        "The portal refused a login signed for {origin}, though the card's signature is correct: the portal "
        "knows itself under another address (host name or port) than portal_url gives. The portal said: {said}.",
        "Set portal_url to the portal's own address (not a forwarded port or another name for it), then "
        "log in again. The card is fine.",
        status=refused.status, problem=refused.problem, origin=origin, said=said[:200])
