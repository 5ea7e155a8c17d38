"""Reading the certificates a token holds, as a person reads them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from asn1crypto import x509

from desktop.core.i18n import tr
from desktop.core.names import describe_name


class ProblemCode(StrEnum):
    """Why a certificate cannot sign: what code (hints, `imza tokens --json`) decides by."""

    CA_CERTIFICATE = "ca_certificate"
    NO_NON_REPUDIATION = "no_non_repudiation"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"


# The one English sentence of each problem; translated through tr() (resources/i18n/<lang>.json).
PROBLEM_TEMPLATES: dict[ProblemCode, str] = {
    ProblemCode.CA_CERTIFICATE: "it is a CA certificate",
    ProblemCode.NO_NON_REPUDIATION: "its key usage does not allow signing documents (no non-repudiation)",
    ProblemCode.EXPIRED: "it expired on {date}",
    ProblemCode.NOT_YET_VALID: "it is not valid before {date}",
}


@dataclass(frozen=True)
class CertificateProblem:
    """Why a certificate cannot make a legally binding signature: a code and its facts."""

    code: ProblemCode
    date: datetime | None = None  # the expiry (EXPIRED) or the start of validity (NOT_YET_VALID)

    def _fields(self) -> dict[str, str]:
        return {"date": f"{self.date:%Y-%m-%d}"} if self.date is not None else {}

    @property
    def english(self) -> str:
        """The reason in English whatever the language (`imza tokens --json` keeps it stable)."""
        return PROBLEM_TEMPLATES[self.code].format(**self._fields())

    def words(self) -> str:
        """The reason in the user's language, to be put into a sentence."""
        return tr(PROBLEM_TEMPLATES[self.code], **self._fields())

    def __str__(self) -> str:
        return self.words()


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER, in lower-case hex: how Imza names a certificate to choose or trust."""
    return hashlib.sha256(cert.dump()).hexdigest()


@dataclass
class CertificateEntry:
    """A certificate object on a token, with what it is fit for."""

    cka_id: str  # hex
    label: str
    certificate: x509.Certificate = field(repr=False)
    subject: str = ""
    issuer: str = ""
    serial: str = ""
    not_before: datetime | None = None
    not_after: datetime | None = None
    key_usage: list[str] = field(default_factory=list)
    extended_key_usage: list[str] = field(default_factory=list)
    sha256: str = ""
    is_ca: bool = False

    @classmethod
    def from_der(cls, der: bytes, cka_id: bytes, label: str) -> CertificateEntry:
        """A token certificate's facts from its DER; `cka_id` links it to its private key. Raises ValueError for a value that is not X.509."""
        cert = x509.Certificate.load(der)
        ku = sorted(cert.key_usage_value.native) if cert.key_usage_value else []
        eku = list(cert.extended_key_usage_value.native) if cert.extended_key_usage_value else []
        validity = cert["tbs_certificate"]["validity"]
        return cls(
            cka_id=cka_id.hex(),
            label=label,
            certificate=cert,
            subject=describe_name(cert.subject),
            issuer=describe_name(cert.issuer),
            serial=format(cert.serial_number, "x"),
            not_before=validity["not_before"].native,
            not_after=validity["not_after"].native,
            key_usage=ku,
            extended_key_usage=eku,
            sha256=fingerprint(cert),
            is_ca=bool(cert.ca),
        )

    def signing_problem(self, now: datetime | None = None) -> CertificateProblem | None:
        """Why this certificate cannot make a legally binding signature, or None if it can."""
        now = now or datetime.now(UTC)
        if self.is_ca:
            return CertificateProblem(ProblemCode.CA_CERTIFICATE)
        if "non_repudiation" not in self.key_usage:
            return CertificateProblem(ProblemCode.NO_NON_REPUDIATION)
        if self.not_after and now > self.not_after:
            return CertificateProblem(ProblemCode.EXPIRED, self.not_after)
        if self.not_before and now < self.not_before:
            return CertificateProblem(ProblemCode.NOT_YET_VALID, self.not_before)
        return None

    @property
    def fit_for_signing(self) -> bool:
        """Whether it can make a legally binding signature now (`signing_problem` says why not)."""
        return self.signing_problem() is None

    def matches(self, selector: str) -> bool:
        """Match a --cert value: CKA_ID (hex), a SHA-256 fingerprint or its prefix, or label."""
        s = selector.lower().replace(":", "")
        return (s == self.cka_id.lower() or (len(s) >= 8 and self.sha256.startswith(s))
                or selector == self.label)
