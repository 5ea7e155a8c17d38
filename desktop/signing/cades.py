"""Detached CAdES (.p7s) for any file, with validation data in SignedData for B-LT.

EN 319 122-1 B-LT keeps certificates in SignedData.certificates and revocation data in
SignedData.crls (OCSP responses as id-ri-ocsp-response). Neither field is signed, so adding
them after signing leaves the signature intact.
"""

from __future__ import annotations

from asn1crypto import cms
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko_certvalidator import CertificateValidator

from desktop.core.errors import SigningError
from desktop.core.model import SignatureLevel, SignRequest
from desktop.fsio import atomic_output


async def sign_detached(data: bytes, req: SignRequest, signer, timestamper, validation_context) -> None:
    """Write `req.output`: a detached CAdES signature (.p7s) over `data` at `req.level`, atomically."""
    der = await detached_signature(data, req.level, signer, timestamper, validation_context)
    with atomic_output(req.output, force=req.force) as fh:
        fh.write(der)


async def detached_signature(data: bytes, level: SignatureLevel, signer, timestamper, validation_context) -> bytes:
    """The DER ContentInfo of a detached CAdES signature over `data` (also used inside ASiC-E)."""
    if level is SignatureLevel.B_LTA:
        raise SigningError("CAdES B-LTA (archive time-stamps) is not supported for detached signatures.",
                           "Use --level B-LT for .p7s files and ASiC-E containers, or sign PDFs as PAdES B-LTA.")
    content_info = await signer.async_sign_general_data(
        data, "sha256", detached=True, use_cades=True,
        timestamper=timestamper if level.needs_timestamp else None,
        signed_attr_settings=PdfCMSSignedAttributes(),
    )
    if level.needs_validation_data:
        await embed_validation_data(content_info["content"], validation_context)
    return content_info.dump()


def _signer_cert(sd: cms.SignedData):
    sid = sd["signer_infos"][0]["sid"]
    for choice in sd["certificates"]:
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            iss = sid.chosen
            if cert.issuer == iss["issuer"] and cert.serial_number == iss["serial_number"].native:
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    raise SigningError("The signature does not contain the signer's certificate.")


def _tst_signed_data(sd: cms.SignedData) -> cms.SignedData | None:
    unsigned = sd["signer_infos"][0]["unsigned_attrs"]
    if not unsigned or unsigned.native is None:
        return None
    for attr in unsigned:
        if attr["type"].native == "signature_time_stamp_token":
            return attr["values"][0]["content"]
    return None


async def _collect(cert, intermediates, vc, usage: set[str], eku: set[str] | None = None) -> list:
    validator = CertificateValidator(cert, intermediate_certs=intermediates, validation_context=vc)
    path = await validator.async_validate_usage(usage, extended_key_usage=eku)
    return list(path)


async def embed_validation_data(sd: cms.SignedData, vc) -> None:
    """Validate signer (and TSA) chains with fetching on, and keep every cert, CRL and OCSP used."""
    certs = [c.chosen for c in sd["certificates"]]
    path_certs = await _collect(_signer_cert(sd), certs, vc, {"non_repudiation"})
    tst = _tst_signed_data(sd)
    if tst is not None:
        tst_certs = [c.chosen for c in tst["certificates"]]
        path_certs += await _collect(_signer_cert(tst), tst_certs, vc, set(), {"time_stamping"})

    have = {c.chosen.dump() for c in sd["certificates"]}
    new_certs = list(sd["certificates"])
    for cert in path_certs:
        if cert.dump() not in have:
            have.add(cert.dump())
            new_certs.append(cms.CertificateChoices(name="certificate", value=cert))
    sd["certificates"] = new_certs

    revinfo = [cms.RevocationInfoChoice(name="crl", value=c) for c in vc.crls]
    revinfo += [cms.RevocationInfoChoice(name="other", value=cms.OtherRevocationInfoFormat({
        "other_rev_info_format": "ocsp_response", "other_rev_info": o})) for o in vc.ocsps]
    if not revinfo:
        raise SigningError("No revocation data (OCSP or CRL) could be collected for the certificate.",
                           "B-LT needs the certificate authority's OCSP/CRL service; check the network.")
    sd["crls"] = revinfo
