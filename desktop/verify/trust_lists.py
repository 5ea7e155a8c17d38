"""Trusted lists (ETSI TS 119 612 XML, the format of national and EU trusted lists).

A trusted list names trust service providers and their services (a qualified CA, a qualified
time-stamping authority) by certificate. It is only believed when its own XML signature
(XAdES, enveloped) verifies with one of the trusted-list signer certificates configured beside
it (the `tl-signers/` folder of a trust folder): a list whose signature fails adds no trust, and
its status says why. Parsing and the signature check are pyhanko's
(pyhanko.sign.validation.qualified, the `etsi` extra).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from asn1crypto import x509
from lxml import etree
from pyhanko_certvalidator.authority import TrustAnchor

from desktop.core.i18n import tr

TSL_NS = "{http://uri.etsi.org/02231/v2#}"
TL_SIGNERS_DIR = "tl-signers"
SERVICE_KINDS = {
    "http://uri.etsi.org/TrstSvc/Svctype/CA/QC": "CA/QC",
    "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST": "TSA/QTST",
}


@dataclass
class ListedService:
    """A CA or TSA an accepted trusted list names, with its certificate."""

    name: str
    kind: str  # "CA/QC" | "TSA/QTST"
    certificate: x509.Certificate
    valid_from: datetime | None


@dataclass
class TrustListStatus:
    """One trusted list file: whether it was accepted, and what it lists."""

    path: Path
    accepted: bool
    problem: str | None = None  # why it was not accepted
    operator: str | None = None
    territory: str | None = None
    issued: str | None = None
    next_update: str | None = None
    services: list[ListedService] = field(default_factory=list)
    anchors: list[TrustAnchor] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


def _header(xml: bytes) -> dict[str, str | None]:
    """Scheme operator, territory and dates, for display (the trust comes from the signed services)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(xml, parser)

    def text(path: str) -> str | None:
        found = root.find(path)
        return found.text.strip() if found is not None and found.text else None

    info = f"{TSL_NS}SchemeInformation/"
    return {
        "operator": text(f"{info}{TSL_NS}SchemeOperatorName/{TSL_NS}Name"),
        "territory": text(f"{info}{TSL_NS}SchemeTerritory"),
        "issued": text(f"{info}{TSL_NS}ListIssueDateTime"),
        "next_update": text(f"{info}{TSL_NS}NextUpdate/{TSL_NS}dateTime"),
    }


def load_trust_list(path: Path, signers: list[x509.Certificate]) -> TrustListStatus:
    """Parse a trusted list and check its signature; never raises for a bad file."""
    try:
        data = path.read_bytes()
        header = _header(data)
    except (OSError, etree.XMLSyntaxError, ValueError) as e:
        return TrustListStatus(path, False, tr("it is not a readable XML trusted list ({detail})", detail=e))
    status = TrustListStatus(path, False, **header)
    if not signers:
        status.problem = tr("no trusted-list signer certificate is configured to check its signature "
                            "(put one in the {folder}/ folder)", folder=TL_SIGNERS_DIR)
        return status
    try:
        from pyhanko.sign.validation.errors import SignatureValidationError
        from pyhanko.sign.validation.qualified.eutl_parse import trust_list_to_registry
        from pyhanko.sign.validation.qualified.tsp import TSPTrustManager
    except ImportError as e:
        status.problem = tr("trusted-list support is not installed ({detail}); install pyhanko[etsi]", detail=e)
        return status
    try:
        registry, _errors = trust_list_to_registry(data.decode("utf-8"), list(signers))
    except SignatureValidationError as e:
        detail = (e.failure_message or str(e)).splitlines()[-1].split("> ", 1)[-1].split(" [AdES")[0]
        status.problem = tr("its signature does not verify with the configured trusted-list signer "
                            "certificate(s) ({detail})", detail=detail.strip(" -"))
        return status
    except (ValueError, TypeError, KeyError, UnicodeDecodeError) as e:
        status.problem = tr("it is not a valid ETSI TS 119 612 trusted list ({detail})", detail=e)
        return status
    manager = TSPTrustManager(registry)
    for authority in set(registry.known_certificate_authorities) | set(registry.known_timestamp_authorities):
        anchor = manager.as_trust_anchor(authority)
        if anchor is None:
            continue
        status.anchors.append(anchor)
        for service in registry.applicable_service_definitions(authority, None):
            info = service.base_info
            status.services.append(ListedService(info.service_name, SERVICE_KINDS.get(info.service_type, "?"),
                                                 authority.certificate, info.valid_from))
            break
    status.accepted = True
    return status
