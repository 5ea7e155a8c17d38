"""Who logs in: the authentication certificate's checks and the challenge signature's.

Accepted: a certificate valid now that chains to the portal's trust anchors, with key usage
digitalSignature and, when it has an extended key usage, clientAuth among it. So the citizen
logs in with the authentication certificate (the signing one has only nonRepudiation), and an
official whose card holds one dual-use certificate logs in with that one. What is signed is
built from the portal's origin, the challenge id and the nonce (docs/portal-openapi.yaml), never
bytes that could pass for a document signature.

Revocation is not checked by this reference implementation (a real portal must).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from asn1crypto import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import load_der_x509_certificate
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InvalidCertificateError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    ValidationError,
)

from desktop.portal_server.problems import Problem

ALGORITHMS = ("rsa-pkcs1v15-sha256", "ecdsa-sha256")
LOGIN_PREFIX = "imza-portal-login/v1"


def login_message(origin: str, challenge_id: str, nonce: str) -> bytes:
    return f"{LOGIN_PREFIX}\n{origin}\n{challenge_id}\n{nonce}".encode()


@dataclass
class Identity:
    name: str
    serial_number: str | None
    organization: str | None
    certificate_sha256: str

    @property
    def owner(self) -> str:
        """Whose submissions these are: the person's identifier, else the certificate."""
        return f"serial:{self.serial_number}" if self.serial_number else f"cert:{self.certificate_sha256}"

    def to_json(self) -> dict:
        return asdict(self)


class IdentityChecker:
    def __init__(self, trust_roots: list[x509.Certificate], intermediates: list[x509.Certificate]):
        self.trust_roots = trust_roots
        self.intermediates = intermediates

    async def check(self, der: bytes, chain: list[bytes]) -> Identity:
        try:
            cert = x509.Certificate.load(der)
            cert.native  # noqa: B018 - parse it all now, not halfway through validation
            extra = [x509.Certificate.load(c) for c in chain]
            for c in extra:
                c.native  # noqa: B018
        except (ValueError, TypeError) as e:
            raise Problem(400, "Not a certificate", f"The certificate could not be read ({e}).") from None
        eku = cert.extended_key_usage_value
        if eku is not None and "client_auth" not in eku.native:
            raise Problem(403, "Certificate not for login",
                          "Its extended key usage does not include client authentication.", slug="certificate")
        vc = ValidationContext(trust_roots=self.trust_roots, other_certs=self.intermediates + extra,
                               allow_fetching=False, revocation_mode="soft-fail")
        try:
            await CertificateValidator(cert, validation_context=vc).async_validate_usage({"digital_signature"})
        except PathBuildingError:
            raise Problem(403, "Certificate not trusted",
                          "It does not chain to a certification authority this portal trusts.",
                          slug="certificate") from None
        except (PathValidationError, ValidationError) as e:
            raise Problem(403, "Certificate not accepted", _reason(e), slug="certificate") from None
        subject = cert.subject.native
        return Identity(name=subject.get("common_name", cert.subject.human_friendly),
                        serial_number=subject.get("serial_number"),
                        organization=subject.get("organization_name"),
                        certificate_sha256=hashlib.sha256(der).hexdigest())


def _reason(e: Exception) -> str:
    if isinstance(e, ExpiredError | NotYetValidError):
        return "The certificate is expired or not yet valid."
    if isinstance(e, InvalidCertificateError) and ("usage" in str(e) or "purpose" in str(e)):
        return "Its key usage does not allow authentication (digitalSignature)."
    return f"It failed validation ({str(e)[:200]})."


def signature_valid(cert_der: bytes, algorithm: str, message: bytes, signature: bytes) -> bool:
    key = load_der_x509_certificate(cert_der).public_key()
    try:
        if algorithm == "rsa-pkcs1v15-sha256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
            return True
        if algorithm == "ecdsa-sha256" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
            return True
    except InvalidSignature:
        return False
    return False
