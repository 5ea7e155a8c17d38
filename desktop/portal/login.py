"""Card login to the portal: the card's authentication key signs a login message Imza builds.

The message names the portal's origin, the challenge id and the nonce behind a fixed text
prefix (docs/portal-openapi.yaml). Imza never signs bytes a server hands it, so even a
dual-use key cannot be made to sign a document here, and a challenge from one site is
worthless at another.
"""

from __future__ import annotations

from desktop.portal.client import PortalClient
from desktop.portal.errors import PortalError
from desktop.portal.model import Subject
from desktop.tokens.auth import sign_authentication
from desktop.tokens.certs import CertificateEntry
from desktop.tokens.session import TokenSession

LOGIN_PREFIX = "imza-portal-login/v1"


def login_message(origin: str, challenge_id: str, nonce: str) -> bytes:
    for part in (challenge_id, nonce):
        if "\n" in part:
            raise PortalError("The portal sent a malformed login challenge.", "Try again later.")
    return f"{LOGIN_PREFIX}\n{origin}\n{challenge_id}\n{nonce}".encode()


def login_with_card(client: PortalClient, session: TokenSession, cert: CertificateEntry) -> Subject:
    """Log in with a logged-in token session's certificate; the refresh token goes to the keyring."""
    chain = [c.certificate.dump() for c in session.info.certificates if c.is_ca]

    def sign(challenge_id: str, nonce: str) -> tuple[str, bytes]:
        return sign_authentication(session, cert, login_message(client.config.origin, challenge_id, nonce))

    return client.login(cert.certificate.dump(), chain, sign)
