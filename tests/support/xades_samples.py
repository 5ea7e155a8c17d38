"""DigiDoc-style ASiC-E containers with XAdES signatures, made for the tests with the real token.

Imza does not write XAdES; these are built the way DigiDoc4 builds them (XAdES baseline in
META-INF/signatures0.xml, C14N 1.1, a SignedProperties reference with SigningCertificateV2),
signed by the demo token's key, optionally with a signature time-stamp from the demo TSA and
the signer's OCSP/CRL fetched from the demo services (B-LT). The verifier checks them with
signxml and pyhanko, which share no code with this builder.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from datetime import UTC, datetime
from io import BytesIO

from asn1crypto import x509
from lxml import etree
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator import CertificateValidator, ValidationContext

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
ASIC = "http://uri.etsi.org/02918/v1.2.1#"
C14N11 = "http://www.w3.org/2006/12/xml-c14n11"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"


def _el(parent, ns, name, text=None, **attrs):
    el = etree.SubElement(parent, f"{{{ns}}}{name}", attrs)
    if text is not None:
        el.text = text
    return el


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


async def xades_container(files: dict[str, bytes], signer, cert: x509.Certificate, *, tsa_url: str | None = None,
                          trust_roots: list[x509.Certificate] = (), ca_certs: list[x509.Certificate] = ()) -> bytes:
    """An ASiC-E container with one XAdES signature over `files` (B-B; B-T with tsa_url; B-LT with trust_roots)."""
    root = etree.Element(f"{{{ASIC}}}XAdESSignatures", nsmap={"asic": ASIC, "ds": DS, "xades": XADES})
    sig = _el(root, DS, "Signature", Id="S0")
    info = _el(sig, DS, "SignedInfo")
    _el(info, DS, "CanonicalizationMethod", Algorithm=C14N11)
    _el(info, DS, "SignatureMethod", Algorithm=RSA_SHA256)
    for i, (name, data) in enumerate(files.items()):
        ref = _el(info, DS, "Reference", Id=f"S0-RefId{i}", URI=name.replace(" ", "%20"))
        _el(ref, DS, "DigestMethod", Algorithm=SHA256)
        _el(ref, DS, "DigestValue", _b64(hashlib.sha256(data).digest()))
    props_ref = _el(info, DS, "Reference", Id="S0-RefIdSP", Type="http://uri.etsi.org/01903#SignedProperties",
                    URI="#S0-SignedProperties")
    _el(_el(props_ref, DS, "Transforms"), DS, "Transform", Algorithm=C14N11)
    _el(props_ref, DS, "DigestMethod", Algorithm=SHA256)
    props_digest = _el(props_ref, DS, "DigestValue")
    value = _el(sig, DS, "SignatureValue", Id="S0-SIG")
    x509_data = _el(_el(sig, DS, "KeyInfo"), DS, "X509Data")
    for c in [cert, *ca_certs]:  # the signer first, then the chain (DigiDoc puts the signer only)
        _el(x509_data, DS, "X509Certificate", _b64(c.dump()))
    qualifying = _el(_el(sig, DS, "Object"), XADES, "QualifyingProperties", Target="#S0")
    signed_props = _el(qualifying, XADES, "SignedProperties", Id="S0-SignedProperties")
    ssp = _el(signed_props, XADES, "SignedSignatureProperties")
    _el(ssp, XADES, "SigningTime", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    cert_el = _el(_el(ssp, XADES, "SigningCertificateV2"), XADES, "Cert")
    digest = _el(cert_el, XADES, "CertDigest")
    _el(digest, DS, "DigestMethod", Algorithm=SHA256)
    _el(digest, DS, "DigestValue", _b64(hashlib.sha256(cert.dump()).digest()))

    props_digest.text = _b64(hashlib.sha256(etree.tostring(signed_props, method="c14n")).digest())
    value.text = _b64(await signer.async_sign_raw(etree.tostring(info, method="c14n"), "sha256"))

    if tsa_url:
        unsigned = _el(_el(qualifying, XADES, "UnsignedProperties"), XADES, "UnsignedSignatureProperties")
        ts = _el(unsigned, XADES, "SignatureTimeStamp", Id="S0-T0")
        _el(ts, DS, "CanonicalizationMethod", Algorithm=C14N11)
        imprint = hashlib.sha256(etree.tostring(value, method="c14n")).digest()
        token = await HTTPTimeStamper(tsa_url).async_timestamp(imprint, "sha256")
        _el(ts, XADES, "EncapsulatedTimeStamp", _b64(token.dump()))
        if trust_roots:
            vc = ValidationContext(trust_roots=list(trust_roots), other_certs=list(ca_certs), allow_fetching=True,
                                   revocation_mode="require")
            path = await CertificateValidator(cert, intermediate_certs=list(ca_certs), validation_context=vc) \
                .async_validate_usage({"non_repudiation"})
            values = _el(unsigned, XADES, "CertificateValues")
            for c in path.iter_certs(include_root=False):
                _el(values, XADES, "EncapsulatedX509Certificate", _b64(c.dump()))
            revocation = _el(unsigned, XADES, "RevocationValues")
            crls = _el(revocation, XADES, "CRLValues")
            for c in vc.crls:
                _el(crls, XADES, "EncapsulatedCRLValue", _b64(c.dump()))
            ocsps = _el(revocation, XADES, "OCSPValues")
            for o in vc.ocsps:
                _el(ocsps, XADES, "EncapsulatedOCSPValue", _b64(o.dump()))

    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.etsi.asic-e+zip")
        for name, data in files.items():
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", b"<manifest/>")
        z.writestr("META-INF/signatures0.xml", etree.tostring(root, xml_declaration=True, encoding="UTF-8"),
                   compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
