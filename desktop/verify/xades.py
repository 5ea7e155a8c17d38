"""XAdES signatures in ASiC-E containers (META-INF/signatures*.xml, as DigiDoc writes them).

Three checks, each by a library that does one of them well:
- the XML signature itself (SignedInfo over the container's files and the SignedProperties,
  the signature value, the SigningCertificate digest): signxml's XAdESVerifier, with the
  container's files as the references' targets;
- the signature time-stamp (xades:SignatureTimeStamp over the canonicalised SignatureValue):
  pyhanko's EN 319 102-1 time-stamp validation;
- the signer's certificate path: pyhanko-certvalidator, with the certificates and OCSP/CRL the
  signature carries (CertificateValues, RevocationValues), at the time-stamp's time when the
  time-stamp is valid (as for CAdES/PAdES B-LT in ltv.py), else now.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from copy import deepcopy
from datetime import UTC, datetime
from urllib.parse import unquote

from asn1crypto import cms, crl, ocsp, x509
from cryptography import x509 as pyca_x509
from lxml import etree
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator import errors as cv_errors
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from signxml import exceptions as sx_errors
from signxml.xades import XAdESSignatureConfiguration, XAdESVerifier

from desktop.core.i18n import tr
from desktop.core.model import Indication, SignatureLevel, SignatureReport, TimestampReport
from desktop.verify import policy, timestamps
from desktop.verify import report as rep
from desktop.verify.trust import TrustStore

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
XADES141 = "http://uri.etsi.org/01903/v1.4.1#"
NS = {"ds": DS, "xades": XADES, "xades141": XADES141}
FROM_XADES = "embedded (XAdES)"
C14N = {  # algorithm URI -> lxml c14n arguments
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": {},
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": {"with_comments": True},
    "http://www.w3.org/2006/12/xml-c14n11": {},
    "http://www.w3.org/2006/12/xml-c14n11#WithComments": {"with_comments": True},
    "http://www.w3.org/2001/10/xml-exc-c14n#": {"exclusive": True},
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments": {"exclusive": True, "with_comments": True},
}


class MissingFile(Exception):
    """A reference names a file the container does not hold."""


def _b64(el) -> bytes:
    return base64.b64decode("".join((el.text or "").split()), validate=True)


def _certs(sig) -> list[x509.Certificate]:
    found = []
    for path in ("ds:KeyInfo/ds:X509Data/ds:X509Certificate",
                 ".//xades:CertificateValues/xades:EncapsulatedX509Certificate"):
        found += [x509.Certificate.load(_b64(el)) for el in sig.iterfind(path, NS)]
    return found


def _embedded(sig, certs) -> policy.Embedded:
    embedded = policy.Embedded()
    for cert in certs:
        embedded.add_cert(cert)
    for el in sig.iterfind(".//xades:RevocationValues/xades:OCSPValues/xades:EncapsulatedOCSPValue", NS):
        embedded.add_ocsp(ocsp.OCSPResponse.load(_b64(el)), FROM_XADES)
    for el in sig.iterfind(".//xades:RevocationValues/xades:CRLValues/xades:EncapsulatedCRLValue", NS):
        embedded.add_crl(crl.CertificateList.load(_b64(el)), FROM_XADES)
    return embedded


def _signature_timestamp(sig):
    """(time-stamp token, the canonical bytes it must cover) or (None, None)."""
    el = sig.find(".//xades:SignatureTimeStamp", NS)
    if el is None:
        return None, None
    token = el.find("xades:EncapsulatedTimeStamp", NS)
    method = el.find("ds:CanonicalizationMethod", NS)
    c14n = C14N.get(method.get("Algorithm") if method is not None else "http://www.w3.org/TR/2001/REC-xml-c14n-20010315")
    value = sig.find("ds:SignatureValue", NS)
    if token is None or value is None or c14n is None:
        raise ValueError("the signature time-stamp is incomplete or uses an unknown canonicalisation")
    info = cms.ContentInfo.load(_b64(token))
    rep.decode_signer_infos(info["content"])
    return info, etree.tostring(value, method="c14n", **c14n)


def _level(sig, tst, signer: x509.Certificate, embedded: policy.Embedded) -> str:
    if tst is None:
        return SignatureLevel.B_B.value
    if not embedded.covers(signer):
        return SignatureLevel.B_T.value
    if sig.find(".//xades141:ArchiveTimeStamp", NS) is not None:
        return SignatureLevel.B_LTA.value
    return SignatureLevel.B_LT.value


def _claimed_time(sig) -> datetime | None:
    el = sig.find(".//xades:SignedSignatureProperties/xades:SigningTime", NS)
    try:
        when = datetime.fromisoformat((el.text or "").strip().replace("Z", "+00:00")) if el is not None else None
    except ValueError:
        return None
    return when.replace(tzinfo=when.tzinfo or UTC) if when else None


class _Verifier(XAdESVerifier):
    """signxml's verifier, with the schema checked on the signed part only.

    signxml validates the whole ds:Signature against the XAdES 1.3.2/1.4.1 schemas it ships, so
    an unsigned property it does not know (xades141 validation data such as AnyValidationData,
    which EN 319 132-1 lets UnsignedSignatureProperties carry) fails the check although the
    signature does not cover it. The unsigned properties Imza uses are read and checked where
    they are used (time-stamp, certificate and revocation values)."""

    def validate_schema(self, signature):
        signed_only = deepcopy(signature)
        for unsigned in signed_only.findall(".//xades:UnsignedProperties", NS):
            unsigned.getparent().remove(unsigned)
        super().validate_schema(signed_only)


def _check_xml(document: bytes, signer: x509.Certificate, resolve: Callable[[str], bytes]) -> None:
    """signxml: references, signature value, SignedProperties. Raises signxml's errors."""
    cert = pyca_x509.load_der_x509_certificate(signer.dump())
    # signxml would also reject a certificate that is not valid now; validity is judged by the
    # path validation below (at the time-stamp's time), so signxml checks at the start of it.
    config = XAdESSignatureConfiguration(expect_references=True, location="./",
                                         verification_time=cert.not_valid_before_utc)
    _Verifier().verify(document, x509_cert=cert, uri_resolver=resolve, expect_config=config,
                           parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))


_CHAIN_ERRORS = [  # (error class, indication, sub-indication), most specific first
    (cv_errors.RevokedError, Indication.TOTAL_FAILED, "REVOKED"),
    (cv_errors.ExpiredError, Indication.INDETERMINATE, "OUT_OF_BOUNDS_NO_POE"),
    (cv_errors.NotYetValidError, Indication.INDETERMINATE, "OUT_OF_BOUNDS_NO_POE"),
    (cv_errors.InsufficientRevinfoError, Indication.INDETERMINATE, "TRY_LATER"),
    (cv_errors.StaleRevinfoError, Indication.INDETERMINATE, "TRY_LATER"),
    (cv_errors.PathBuildingError, Indication.INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND"),
    (cv_errors.InvalidCertificateError, Indication.INDETERMINATE, "CHAIN_CONSTRAINTS_FAILURE"),
    (cv_errors.ValidationError, Indication.INDETERMINATE, "CERTIFICATE_CHAIN_GENERAL_FAILURE"),
]


async def _timestamp(token, covered: bytes, trust: TrustStore, embedded, offline: bool) -> TimestampReport:
    """The signature time-stamp's own verdict.

    Offline, the TSA's revocation data (if the signature carries any) dates from signing time,
    so the time-stamp is validated at its own time with that data, as ltv.py does for CAdES."""
    gen_time = token["content"]["encap_content_info"]["content"].parsed["gen_time"].native
    timing = ValidationTimingInfo(validation_time=gen_time, best_signature_time=gen_time,
                                  point_in_time_validation=True) if offline else None
    spec = policy.signature_spec(trust, embedded, offline=offline, retroactive=offline)
    return await timestamps.validate(token, lambda alg: hashlib.new(alg, covered).digest(), spec, timing,
                                     embedded=embedded, anchors=trust.anchor_certificates, offline=offline)


async def verify_signature(sig, document: bytes, label: str, resolve: Callable[[str], bytes],
                           trust: TrustStore, *, offline: bool) -> SignatureReport:
    """The verdict on one ds:Signature element of `document`."""
    files = [unquote(r.get("URI")) for r in sig.iterfind("ds:SignedInfo/ds:Reference", NS)
             if r.get("URI") and not r.get("URI").startswith("#")]
    facts = {"field_name": label, "coverage": "container-files", "covered_files": files}
    try:
        certs = _certs(sig)
        embedded = _embedded(sig, certs)
        tst, covered = _signature_timestamp(sig)
    except (ValueError, TypeError, KeyError) as e:
        return rep.broken(tr("The XAdES signature's certificates, revocation data or time-stamp cannot be "
                             "decoded ({detail}).", detail=rep.short(e)), **facts)
    signer = certs[0] if certs else None
    if signer is None:
        return SignatureReport(Indication.INDETERMINATE, "NO_SIGNING_CERTIFICATE_FOUND",
                               rep.message_for("NO_SIGNING_CERTIFICATE_FOUND"), **facts)
    facts.update(signer=rep.common_name(signer), signer_certificate=rep.cert_info(signer),
                 claimed_signing_time=_claimed_time(sig))
    try:
        _check_xml(document, signer, resolve)
    except MissingFile as e:
        return SignatureReport(Indication.INDETERMINATE, "SIGNED_DATA_NOT_FOUND",
                               tr("The signed file {name} is missing from the container.", name=str(e)), **facts)
    except sx_errors.InvalidDigest as e:
        return SignatureReport(Indication.TOTAL_FAILED, "HASH_FAILURE", tr(
            "A file or the signed properties were changed after signing ({detail}).", detail=rep.short(e)),
            intact=False, **facts)
    except sx_errors.InvalidSignature as e:
        return SignatureReport(Indication.TOTAL_FAILED, "SIG_CRYPTO_FAILURE", rep.message_for("SIG_CRYPTO_FAILURE"),
                               intact=True, cryptographically_valid=False, warnings=[rep.short(e)], **facts)
    except (sx_errors.SignXMLException, etree.LxmlError, ValueError, TypeError, KeyError) as e:
        return rep.broken(tr("The XAdES signature is malformed ({detail}).", detail=rep.short(e)), **facts)

    facts.update(intact=True, cryptographically_valid=True, level=_level(sig, tst, signer, embedded))
    warnings: list[str] = []
    stamps = [await _timestamp(tst, covered, trust, embedded, offline)] if tst is not None else []
    proven = next((s.time for s in stamps if s.indication is Indication.TOTAL_PASSED), None)
    if stamps and proven is None and stamps[0].indication is not Indication.TOTAL_FAILED:
        # (a FAILED one gets its own warning from timestamps.attach)
        warnings.append(tr("The signature time-stamp does not validate, so the signature was checked "
                           "at the current time."))
    tsa_certs = [c.chosen for c in tst["content"]["certificates"] if c.name == "certificate"] if tst is not None else []
    responses = {id(o.ocsp_response_data): o.ocsp_response_data for o in embedded.ocsps}
    at = policy.VALIDATION_TIME.get()  # `imza verify --at`: that moment, whatever the time-stamp says
    vc = ValidationContext(trust_roots=list(trust.anchors), other_certs=certs + tsa_certs,
                           ocsps=list(responses.values()), crls=[c.crl_data for c in embedded.crls],
                           allow_fetching=not offline, revocation_mode="require", moment=at or proven,
                           retroactive_revinfo=at is None and proven is not None)
    indication, sub, path, message = Indication.TOTAL_PASSED, None, None, rep.message_for(None)
    try:
        path = await CertificateValidator(signer, intermediate_certs=certs, validation_context=vc) \
            .async_validate_usage({"non_repudiation"})
    except cv_errors.ValidationError as e:
        indication, sub = next((i, s) for cls, i, s in _CHAIN_ERRORS if isinstance(e, cls))
        message = rep.message_for(sub)
        warnings.append(rep.short(e))
    except cv_errors.PathBuildingError as e:
        indication, sub, message = Indication.INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND", \
            rep.message_for("NO_CERTIFICATE_CHAIN_FOUND")
        warnings.append(rep.short(e))
    chain = rep.chain_from(signer, path, certs + list(trust.anchors))
    sources = rep.revocation_sources(chain, rep.objects_of(vc), embedded, list(trust.anchors))
    indication, sub, refined = rep.refine_missing_revocation(indication, sub, sources, chain, offline)
    if proven is not None and indication is Indication.TOTAL_PASSED:
        message = tr("The signature is valid: it was time-stamped at {time}, when the signer's certificate "
                     "was valid and unrevoked according to the revocation data embedded in it.",
                     time=rep.when(proven)) if offline else message
    report = SignatureReport(indication, sub, refined or message, trusted=path is not None,
                             chain=[rep.cert_info(c) for c in chain], revocation=sources, warnings=warnings, **facts)
    timestamps.attach(report, stamps)
    rep.refine_policy(report, signer, proven)
    return report


async def verify_file(name: str, xml: bytes, read_member: Callable[[str], bytes], data_files: list[str],
                      trust: TrustStore, *, offline: bool) -> list[SignatureReport]:
    """Every ds:Signature in one META-INF/signatures*.xml."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    signatures = [root] if root.tag == f"{{{DS}}}Signature" else list(root.iter(f"{{{DS}}}Signature"))

    def resolve(uri: str) -> bytes:
        member = unquote(uri)
        if member not in data_files:
            raise MissingFile(member)
        return read_member(member)

    out = []
    for sig in signatures:
        label = f"{name}#{sig.get('Id')}" if sig.get("Id") else name
        document = xml if len(signatures) == 1 else etree.tostring(sig)
        try:
            out.append(await verify_signature(sig, document, label, resolve, trust, offline=offline))
        except Exception as e:  # noqa: BLE001 - a library's failure is no verdict on the signature
            out.append(rep.internal_error(e, field_name=label, coverage="container-files"))
    return out
