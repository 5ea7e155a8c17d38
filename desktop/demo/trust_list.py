"""The demo's own trusted list (ETSI TS 119 612), signed by the demo trusted-list signer.

It lists the demo issuing CA as a qualified CA (CA/QC) and the demo TSA as a qualified
time-stamping service (TSA/QTST), the way a national trusted list lists real providers.
The XML signature is an enveloped XAdES signature made with signxml (pyhanko's `etsi` extra).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lxml import etree

NS = "http://uri.etsi.org/02231/v2#"
CA_QC = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
TSA_QTST = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"
GRANTED = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"
TSL_TYPE = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric"


@dataclass(frozen=True)
class Service:
    kind: str  # CA_QC or TSA_QTST
    name: str
    certificate_der: bytes
    since: datetime


def _el(parent, tag: str, text: str | None = None, **attrs):
    e = etree.SubElement(parent, f"{{{NS}}}{tag}", **attrs)
    if text is not None:
        e.text = text
    return e


def _name(parent, tag: str, text: str) -> None:
    _el(_el(parent, tag), "Name", text, **{"{http://www.w3.org/XML/1998/namespace}lang": "en"})


def _time(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build(services: list[Service], *, operator: str, territory: str, provider: str,
          issued: datetime | None = None, valid_days: int = 180, sequence: int = 1) -> etree._Element:
    """The unsigned trusted list."""
    issued = issued or datetime.now(UTC)
    root = etree.Element(f"{{{NS}}}TrustServiceStatusList", nsmap={"tsl": NS}, Id="TrustServiceStatusList",
                         TSLTag="http://uri.etsi.org/19612/TSLTag")
    info = _el(root, "SchemeInformation")
    _el(info, "TSLVersionIdentifier", "6")
    _el(info, "TSLSequenceNumber", str(sequence))
    _el(info, "TSLType", TSL_TYPE)
    _name(info, "SchemeOperatorName", operator)
    _name(info, "SchemeName", f"{territory}: Trusted list of {operator}")
    _el(info, "StatusDeterminationApproach", "http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate")
    _el(info, "SchemeTerritory", territory)
    _el(info, "ListIssueDateTime", _time(issued))
    _el(_el(info, "NextUpdate"), "dateTime", _time(issued + timedelta(days=valid_days)))
    tsp = _el(_el(root, "TrustServiceProviderList"), "TrustServiceProvider")
    _name(_el(tsp, "TSPInformation"), "TSPName", provider)
    listed = _el(tsp, "TSPServices")
    for service in services:
        si = _el(_el(listed, "TSPService"), "ServiceInformation")
        _el(si, "ServiceTypeIdentifier", service.kind)
        _name(si, "ServiceName", service.name)
        _el(_el(_el(si, "ServiceDigitalIdentity"), "DigitalId"), "X509Certificate",
            base64.b64encode(service.certificate_der).decode())
        _el(si, "ServiceStatus", GRANTED)
        _el(si, "StatusStartingTime", _time(service.since))
    return root


def sign(root: etree._Element, key_pem: bytes, cert_pem: bytes) -> bytes:
    """The trusted list with its enveloped XAdES signature, as UTF-8 XML."""
    from signxml import CanonicalizationMethod
    from signxml.xades import XAdESSigner

    # Inclusive C14N 1.1: with exclusive C14N signxml's SignedProperties digest does not survive
    # serialisation (the xades namespace declaration moves), and the list would never verify.
    signer = XAdESSigner(signature_algorithm="rsa-sha256", digest_algorithm="sha256",
                         c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_1)
    signed = signer.sign(root, key=key_pem, cert=cert_pem.decode())
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")
