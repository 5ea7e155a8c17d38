"""How strictly we validate, and with what: one place that builds pyhanko's validation specs.

Revocation data is required for every certificate below the trust anchor (ETSI: a signature
whose signer's status cannot be established is INDETERMINATE, never PASSED). Offline means
LOCAL_ONLY and no certificate fetching: nothing but what the file carries and the trust store.

Key usage (the signer's certificate): the default policy demands what our own signer demands
(desktop/tokens/certs.py), non-repudiation (content commitment). `signing_usage` says how a
certificate falls short; desktop/verify/report.py turns that into the verdict (README,
"Verification policy").
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import x509
from pyhanko.sign.validation.policy_decl import (
    CertificateFetchingRule,
    LocalKnowledge,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.revinfo.archival import CRLContainer, OCSPContainer

from desktop.verify.trust import TrustStore

# What an "origin" of revocation data is called in reports (RevocationSource.origin).
FROM_DSS = "embedded (DSS)"
FROM_CMS = "embedded (CMS)"
FROM_ADOBE = "embedded (Adobe revocation archival)"
FETCHED = "fetched"
NONE = "none"

# `imza verify --at`: the past moment to validate at; None means now. Set for the duration of
# one file's verification by desktop.verify.engine (a context variable, so concurrent
# verifications in one event loop do not see each other's time).
# The key usage a signer's certificate must assert: the one our own signer demands.
SIGNING_KEY_USAGE = frozenset({"non_repudiation"})
# Key usages that allow a key to verify signatures at all (RFC 5280, 4.2.1.3).
SIGNATURE_KEY_USAGES = frozenset({"digital_signature", "non_repudiation"})

# How a signer's certificate falls short of SIGNING_KEY_USAGE (see `signing_usage`).
USAGE_AUTHENTICATION = "authentication"  # digitalSignature without non-repudiation: a login certificate
USAGE_NOT_FOR_SIGNATURES = "not-for-signatures"  # its key may not verify signatures at all

VALIDATION_TIME: ContextVar[datetime | None] = ContextVar("imza_validation_time", default=None)


def validation_timing() -> ValidationTimingInfo | None:
    """pyhanko's timing for the requested validation time, or None for "now" (pyhanko's default)."""
    at = VALIDATION_TIME.get()
    if at is None:
        return None
    return ValidationTimingInfo(validation_time=at, best_signature_time=at, point_in_time_validation=True)


def key_usages(cert: x509.Certificate) -> set[str] | None:
    """The key usages a certificate asserts, or None when it has no key usage extension."""
    value = cert.key_usage_value
    return None if value is None else set(value.native)


def signing_usage(cert: x509.Certificate) -> str | None:
    """None if `cert` may make signatures under the default policy, else why not:
    USAGE_NOT_FOR_SIGNATURES when its key usage allows no signatures at all (e.g. keyEncipherment
    only), USAGE_AUTHENTICATION when it allows digitalSignature but not non-repudiation, as an ID
    card's authentication certificate does, or when it has no key usage at all."""
    usages = key_usages(cert)
    if usages is not None and usages >= SIGNING_KEY_USAGE:
        return None
    if usages is not None and not usages & SIGNATURE_KEY_USAGES:
        return USAGE_NOT_FOR_SIGNATURES
    return USAGE_AUTHENTICATION


@dataclass
class Embedded:
    """Validation data a file carries, remembered with where it was found."""

    certs: list[x509.Certificate] = field(default_factory=list)
    crls: list[CRLContainer] = field(default_factory=list)
    ocsps: list[OCSPContainer] = field(default_factory=list)
    origins: dict[bytes, str] = field(default_factory=dict)  # DER of CRL / OCSP response -> origin

    def add_crl(self, crl, origin: str) -> None:
        """Remember a CRL found in the file and where (`origin`); one already seen is kept once."""
        der = crl.dump()
        if der not in self.origins:
            self.origins[der] = origin
            self.crls.append(CRLContainer(crl))

    def add_ocsp(self, response, origin: str) -> None:
        """Remember an OCSP response found in the file and where (`origin`); one already seen is kept once."""
        der = response.dump()
        if der not in self.origins:
            self.origins[der] = origin
            self.ocsps.extend(OCSPContainer.load_multi(response))

    def add_cert(self, cert: x509.Certificate) -> None:
        """Remember a certificate found in the file, once."""
        if all(c.dump() != cert.dump() for c in self.certs):
            self.certs.append(cert)

    def about(self, cert: x509.Certificate) -> list[OCSPContainer | CRLContainer]:
        """The embedded OCSP responses (by serial number) and CRLs (by issuer) that may speak about `cert`."""
        ocsps = [o for o in self.ocsps if _ocsp_serial(o) == cert.serial_number]
        return [*ocsps, *(c for c in self.crls if c.crl_data.issuer == cert.issuer)]

    def covers(self, cert: x509.Certificate) -> bool:
        """Whether some embedded OCSP response or CRL speaks about this certificate."""
        return bool(self.about(cert))


def _ocsp_serial(container: OCSPContainer) -> int | None:
    single = container.extract_single_response()
    return None if single is None else single["cert_id"]["serial_number"].native


def signature_spec(trust: TrustStore, embedded: Embedded, *, offline: bool,
                   retroactive: bool = False) -> SignatureValidationSpec:
    """`retroactive`: revocation data issued after the validation time still speaks for it
    (used only for validation at a proven past time, see desktop/verify/ltv.py)."""
    trust_manager = trust.trust_manager()
    # The anchors go into local knowledge too: pyhanko's past (POE-based) validation looks up
    # CRL issuers only among known certificates, so a CRL signed by the root itself would
    # otherwise never be attributed to it and LTA signatures would end INDETERMINATE.
    knowledge = LocalKnowledge(
        known_certs=embedded.certs + trust.anchor_certificates,
        known_crls=list(embedded.crls),
        known_ocsps=list(embedded.ocsps),
    )
    if offline:
        gathering = RevocationInfoGatheringSpec(
            online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY,
            certificate_fetching_rule=CertificateFetchingRule.NEVER_FETCH,
        )
    else:
        gathering = RevocationInfoGatheringSpec(online_fetching_rule=RevinfoOnlineFetchingRule.NO_HISTORICAL_FETCH)
    return SignatureValidationSpec(
        cert_validation_policy=CertValidationPolicySpec(
            trust_manager=trust_manager,
            revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO, retroactive_revinfo=retroactive),
        ),
        revinfo_gathering_policy=gathering,
        local_knowledge=knowledge,
        key_usage_settings=KeyUsageConstraints(key_usage=set(SIGNING_KEY_USAGE)),
    )
