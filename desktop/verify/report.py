"""From pyhanko's AdES results to our `SignatureReport`: indication, message and the facts.

The verdict is the ETSI EN 319 102-1 indication pyhanko computed, refined in these places:
here, a chain that failed only because no revocation data could be had becomes TRY_LATER
(pyhanko says CERTIFICATE_CHAIN_GENERAL_FAILURE), and `refine_policy` applies the default
policy where pyhanko does not (key usage, a time-stamp after the certificate expired, an
expired certificate nothing shows unrevoked); in pades.py, PDF changes after
signing that the document does not allow make any verdict TOTAL-FAILED (pyhanko keeps
`intact`/`valid` True for those); in ltv.py, a B-LT signature whose embedded revocation data
went stale is judged at its time-stamp's time; in timestamps.py, a signature time-stamp that
FAILED is ignored instead of failing the signature (EN 319 102-1, 5.5.4).
"""

from __future__ import annotations

import hashlib
import sysconfig
import zlib
from collections.abc import Iterable
from datetime import datetime

from asn1crypto import cms, x509
from cryptography.exceptions import UnsupportedAlgorithm
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.sign.ades.report import (
    AdESFailure,
    AdESIndeterminate,
    AdESPassed,
    AdESStatus,
    AdESSubIndic,
)
from pyhanko.sign.general import (
    CMSExtractionError,
    CMSStructuralError,
    MultivaluedAttributeError,
    NonexistentAttributeError,
    extract_certificate_info,
)
from pyhanko_certvalidator.ltv.poe import ValidationObject, ValidationObjectType
from pyhanko_certvalidator.revinfo.archival import CRLContainer, OCSPContainer

from desktop import patches
from desktop.core.i18n import tr
from desktop.core.model import CertInfo, Indication, RevocationSource, SignatureReport
from desktop.core.names import describe_name
from desktop.verify import policy
from desktop.verify.policy import FETCHED, NONE, Embedded

_INDICATION = {
    AdESStatus.PASSED: Indication.TOTAL_PASSED,
    AdESStatus.FAILED: Indication.TOTAL_FAILED,
    AdESStatus.INDETERMINATE: Indication.INDETERMINATE,
}

# One line per ETSI sub-indication: what it means for the reader of the document.
MESSAGES: dict[str, str] = {
    "OK": "The signature is valid: the signed content is unchanged and the signer's certificate is trusted.",
    "FORMAT_FAILURE": "The signature is malformed and cannot be checked.",
    "HASH_FAILURE": "The signed content was changed after signing.",
    "SIG_CRYPTO_FAILURE": "The signature value does not match the signer's key: the signature is forged or damaged.",
    "REVOKED": "The signer's certificate was revoked before the signature was made.",
    "NOT_YET_VALID": "The signature was made before the signer's certificate became valid.",
    "SIG_CONSTRAINTS_FAILURE": "The signature does not meet the validation policy (e.g. a required time-stamp is missing).",
    "CHAIN_CONSTRAINTS_FAILURE": "The signer's certificate is not acceptable for signing (key usage or chain constraints).",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "The signer's certificate chain could not be validated.",
    "CRYPTO_CONSTRAINTS_FAILURE": "The signature uses an algorithm or key size that is no longer considered secure.",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": "The algorithm used is no longer secure and nothing proves the signature existed before.",
    "EXPIRED": "The signer's certificate expired before the signature was proven to exist.",
    "POLICY_PROCESSING_ERROR": "The signature policy could not be processed.",
    "SIGNATURE_POLICY_NOT_AVAILABLE": "The signature policy named in the signature is not available.",
    "TIMESTAMP_ORDER_FAILURE": "The time-stamps in the signature are in an impossible order.",
    "NO_SIGNING_CERTIFICATE_FOUND": "The signer's certificate is not in the signature.",
    "NO_CERTIFICATE_CHAIN_FOUND": "The signer's certificate does not chain up to any trusted root certificate.",
    "REVOKED_NO_POE": "The signer's certificate has been revoked, and nothing proves the signature was made before that.",
    "REVOKED_CA_NO_POE": "A certificate authority in the chain has been revoked, and nothing proves the signature is older.",
    "OUT_OF_BOUNDS_NO_POE": "The signer's certificate has expired or is not yet valid, and no time-stamp proves "
                            "the signature was made while it was valid.",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": "The revocation data cannot be used: nothing proves when it existed.",
    "OUT_OF_BOUNDS_NOT_REVOKED": "The signer's certificate is outside its validity period (though not revoked).",
    "NO_POE": "Nothing proves the signature (or its validation data) existed at the time it matters.",
    "TRY_LATER": "The revocation status of the signer's certificate could not be established.",
    "SIGNED_DATA_NOT_FOUND": "The signed data could not be found.",
    "GENERIC": "The signature could not be validated.",
}

MODIFIED_AFTER_SIGNING = "FORMAT_FAILURE"


def indication_of(sub: AdESSubIndic) -> tuple[Indication, str | None]:
    """The main indication (EN 319 102-1 5.1.3) of pyhanko's sub-indication, and the sub-indication's ETSI name (None for a pass)."""
    indication = _INDICATION[sub.status]
    return indication, None if sub is AdESPassed.OK else sub.standard_name


def message_for(sub_indication: str | None) -> str:
    """The plain-words sentence for an ETSI sub-indication name (None: passed), translated; a generic one for names not known."""
    return tr(MESSAGES.get(sub_indication or "OK", MESSAGES["GENERIC"]))


# --- certificates --------------------------------------------------------------------------

def common_name(cert: x509.Certificate | None) -> str | None:
    """The certificate's subject CN, else its whole subject in readable form; None for no certificate."""
    if cert is None:
        return None
    subject = cert.subject.native
    return subject.get("common_name") or cert.subject.human_friendly


def cert_info(cert: x509.Certificate) -> CertInfo:
    """The facts of a certificate a report shows: names, serial (hex), validity and SHA-256 fingerprint."""
    validity = cert["tbs_certificate"]["validity"]
    return CertInfo(
        subject=describe_name(cert.subject),
        issuer=describe_name(cert.issuer),
        serial=format(cert.serial_number, "x"),
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
        sha256=hashlib.sha256(cert.dump()).hexdigest(),
    )


def certificates_of(signed_data) -> list[x509.Certificate]:
    """The X.509 certificates a CMS SignedData carries (none when it carries no set)."""
    certs = signed_data["certificates"]
    return [c.chosen for c in certs if c.name == "certificate"] if isinstance(certs, cms.CertificateSet) else []


def signer_cert_of(signed_data) -> x509.Certificate | None:
    """The signer's certificate as the SignedData names it, or None if it is not there.

    Remembered on the SignedData: finding it compares names, which is slow, and a report
    asks several times."""
    cached = getattr(signed_data, "_imza_signer_cert", False)
    if cached is not False:
        return cached
    try:
        cert = extract_certificate_info(signed_data).signer_cert
    except (CMSExtractionError, ValueError, KeyError):
        cert = None
    signed_data._imza_signer_cert = cert
    return cert


def chain_from(leaf: x509.Certificate | None, path, pool: Iterable[x509.Certificate]) -> list[x509.Certificate]:
    """Signer first, trust anchor last. From the validated path when there is one, else best effort."""
    if path is not None:
        return list(reversed(list(path.iter_certs(include_root=True))))
    if leaf is None:
        return []
    pool = list(pool)
    chain = [leaf]
    while not chain[-1].self_issued and len(chain) < 10:
        issuer = next((c for c in pool if c.subject == chain[-1].issuer and c.dump() != chain[-1].dump()), None)
        if issuer is None:
            break
        chain.append(issuer)
    return chain


# --- revocation sources --------------------------------------------------------------------

def _ocsp_matches(container, cert: x509.Certificate, issuer: x509.Certificate | None) -> bool:
    single = container.extract_single_response()
    if single is None:
        return False
    cert_id = single["cert_id"]
    if cert_id["serial_number"].native != cert.serial_number:
        return False
    if issuer is None:
        return True
    algo = cert_id["hash_algorithm"]["algorithm"].native
    return cert_id["issuer_key_hash"].native == getattr(issuer.public_key, algo)


def _crl_matches(container, cert: x509.Certificate) -> bool:
    return container.crl_data.issuer == cert.issuer


def revocation_sources(chain: list[x509.Certificate], objects, embedded: Embedded,
                       anchors: list[x509.Certificate]) -> list[RevocationSource]:
    """For each chain certificate below the trust anchor: the OCSP/CRL that vouches for it."""
    anchor_ders = {a.dump() for a in anchors}
    ocsps, crls = [], []
    for vo in objects:
        if vo.object_type is ValidationObjectType.OCSP_RESPONSE:
            ocsps.append(vo.value)
        elif vo.object_type is ValidationObjectType.CRL:
            crls.append(vo.value)
    out: list[RevocationSource] = []
    for i, cert in enumerate(chain):
        if cert.dump() in anchor_ders or cert.self_issued:
            continue
        issuer = chain[i + 1] if i + 1 < len(chain) else None
        name = describe_name(cert.subject)
        if cert.ocsp_no_check_value is not None:
            out.append(RevocationSource(name, "none", "not needed (OCSP no-check)"))
            continue
        ocsp = _freshest([o for o in ocsps if _ocsp_matches(o, cert, issuer)])
        crl = _freshest([c for c in crls if _crl_matches(c, cert)])
        if ocsp is not None:
            der = ocsp.ocsp_response_data.dump()
            out.append(RevocationSource(name, "OCSP", embedded.origins.get(der, FETCHED), ocsp.issuance_date))
        elif crl is not None:
            der = crl.crl_data.dump()
            out.append(RevocationSource(name, "CRL", embedded.origins.get(der, FETCHED), crl.issuance_date))
        else:
            out.append(RevocationSource(name, "none", NONE))
    return out


def _freshest(containers):
    dated = [c for c in containers if c.issuance_date is not None]
    return max(dated, key=lambda c: c.issuance_date) if dated else (containers[0] if containers else None)


def missing_revocation(sources: list[RevocationSource]) -> list[str]:
    """The certificates (as named in `sources`) for which no revocation data was found anywhere."""
    return [s.certificate for s in sources if s.kind == "none" and s.origin == NONE]


# --- refinements ---------------------------------------------------------------------------

CHAIN_SUBS_FOR_TRY_LATER = {
    AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE.name,
    AdESIndeterminate.TRY_LATER.name,
}


def refine_missing_revocation(indication: Indication, sub: str | None, sources: list[RevocationSource],
                              chain: list[x509.Certificate],
                              offline: bool) -> tuple[Indication, str | None, str | None]:
    """A chain that failed for want of revocation data is TRY_LATER, with the certificate named."""
    if indication is not Indication.INDETERMINATE or sub not in CHAIN_SUBS_FOR_TRY_LATER:
        return indication, sub, None
    missing = missing_revocation(sources)
    if not missing:
        return indication, sub, None
    who = next((common_name(c) for c in chain if describe_name(c.subject) == missing[0]), missing[0])
    if offline:
        msg = tr("No revocation data (OCSP/CRL) is embedded for {who}, and it was checked offline, so none was "
                 "fetched; check it online, or ask for a B-LT/B-LTA signature.", who=who)
    else:
        msg = tr("No revocation data (OCSP/CRL) could be obtained for {who}; check the network and try again later.",
                 who=who)
    return Indication.INDETERMINATE, AdESIndeterminate.TRY_LATER.name, msg


# The default policy (policy.py) where pyhanko does not apply it ----------------------------

def refine_policy(report: SignatureReport, signer_cert: x509.Certificate | None,
                  best_signature_time: datetime | None = None) -> None:
    """The verdict under Imza's default policy (README, "Verification policy"), in place.

    - Key usage: a certificate whose key may not verify signatures at all (RFC 5280 4.2.1.3:
      a key usage without digitalSignature and nonRepudiation, e.g. keyEncipherment only) is
      TOTAL-FAILED/SIG_CRYPTO_FAILURE: the signature cannot be verified with the key the
      certificate certifies for signatures. One without non-repudiation (an authentication
      certificate) does not meet the signature constraints: INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE
      (EN 319 102-1, 5.2.6 and Table 5).
    - Expiry: pyhanko's validation with time (EN 319 102-1, 5.5.4) accepts an expired signing
      certificate whenever a time-stamp follows its issuance, even one made after it expired,
      and then never establishes its revocation status. A signature proven to exist only after
      the certificate expired is INDETERMINATE/OUT_OF_BOUNDS_NO_POE; a PASSED verdict with no
      revocation data for a certificate of the chain is INDETERMINATE/TRY_LATER (5.2.5).
    """
    if signer_cert is None:
        return
    if patches.negative_modulus(signer_cert):
        report.warnings.append(tr("The signer's certificate encodes its RSA key incorrectly (the modulus as a "
                                  "negative number, against ITU-T X.690 8.3.3); it was read as the positive number "
                                  "meant, as other validators do. Ask the issuer for a corrected certificate."))
    if report.indication is Indication.TOTAL_FAILED:
        return
    problem = policy.signing_usage(signer_cert)
    if problem is not None:
        _refuse_usage(report, signer_cert, problem)
        return
    if report.indication is not Indication.TOTAL_PASSED:
        return
    expiry = signer_cert.not_valid_after
    if best_signature_time is not None and best_signature_time > expiry:
        report.indication, report.sub_indication = Indication.INDETERMINATE, "OUT_OF_BOUNDS_NO_POE"
        report.message = tr("The signer's certificate expired on {expiry}, and the signature is proven to exist only "
                            "from {time} (its time-stamp): nothing proves it was made while the certificate was "
                            "valid.", expiry=when(expiry), time=when(best_signature_time))
        return
    missing = missing_revocation(report.revocation)
    if missing:
        own = report.signer_certificate is not None and missing[0] == report.signer_certificate.subject
        report.indication, report.sub_indication = Indication.INDETERMINATE, AdESIndeterminate.TRY_LATER.name
        report.message = tr("No revocation data (OCSP/CRL) shows that the certificate of {who} was not revoked when "
                            "the signature was made; verify online, or ask for a B-LT/B-LTA signature.",
                            who=report.signer if own else missing[0])


def _refuse_usage(report: SignatureReport, cert: x509.Certificate, problem: str) -> None:
    if report.sub_indication not in (None, AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE.name):
        report.warnings.append(tr("Also: {verdict}", verdict=report.message))
    usages = policy.key_usages(cert)
    if problem == policy.USAGE_NOT_FOR_SIGNATURES:
        report.indication, report.sub_indication = Indication.TOTAL_FAILED, AdESFailure.SIG_CRYPTO_FAILURE.name
        report.message = tr("The signer's certificate may not be used for signatures at all: its key usage allows "
                            "only {usages}. A signature made with it cannot be valid.",
                            usages=", ".join(sorted(u.replace("_", " ") for u in usages or ())))
        return
    report.indication, report.sub_indication = Indication.INDETERMINATE, \
        AdESIndeterminate.CHAIN_CONSTRAINTS_FAILURE.name
    if usages is None:
        report.message = tr("The signer's certificate does not say that it may be used for signing documents (it has "
                            "no key usage); Imza's policy requires non-repudiation. Ask the signer to sign with "
                            "their signing certificate.")
    else:
        report.message = tr("The signature was made with an authentication certificate, not a signing certificate: "
                            "its key usage lacks non-repudiation, so it does not show an intent to sign. Ask the "
                            "signer to sign with their signing certificate.")


# --- assembling a report ------------------------------------------------------------------

def decode_signer_infos(signed_data) -> None:
    """Decode now what validation reads field by field: the signer infos. Raises ValueError/TypeError.

    The rest of a CMS SignedData (certificates, time-stamp tokens, revocation values) stays
    lazily parsed: asn1crypto decodes a part when validation first reads it, and damage found
    there is recognised as damage (raised_by_asn1crypto, internal_error, the engine's handler),
    not taken for a bug; the fuzz targets (tests/verify/test_fuzz.py) hold us to that. Parsing
    everything up front cost a quarter of verifying a B-LT letter: pyhanko deep-copies parts
    of the structure, and a deep copy of a parsed tree costs several times one of raw bytes.
    """
    for signer_info in signed_data["signer_infos"]:
        _signer_info_values(signer_info)


def _signer_info_values(signer_info) -> None:
    for key in ("version", "sid", "digest_algorithm", "signature_algorithm", "signature"):
        signer_info[key].native  # noqa: B018 - the side effect (decoding) is the point
    signed = signer_info["signed_attrs"]
    for attr in signed if isinstance(signed, cms.CMSAttributes) else []:
        attr["type"].native  # noqa: B018
        if attr["type"].native in ("content_type", "message_digest", "signing_time"):
            attr["values"].native  # noqa: B018
    unsigned = signer_info["unsigned_attrs"]
    for attr in unsigned if isinstance(unsigned, cms.CMSAttributes) else []:
        attr["type"].native  # noqa: B018


def tst_facts(tst_signed_data) -> tuple[datetime | None, str | None]:
    """A time-stamp token's genTime and its TSA's common name (None when the signer cannot be read)."""
    gen_time = tst_signed_data["encap_content_info"]["content"].parsed["gen_time"].native
    try:
        tsa = common_name(extract_certificate_info(tst_signed_data).signer_cert)
    except (CMSExtractionError, ValueError, KeyError):
        tsa = None
    return gen_time, tsa


def objects_of(revinfo_manager) -> list[ValidationObject]:
    """The CRLs and OCSP responses a revocation manager ended up with, fetched ones included."""
    out = [ValidationObject(ValidationObjectType.CRL, CRLContainer(c)) for c in revinfo_manager.crls]
    for response in revinfo_manager.ocsps:
        out += [ValidationObject(ValidationObjectType.OCSP_RESPONSE, c) for c in OCSPContainer.load_multi(response)]
    return out


def from_result(result, *, signer_cert: x509.Certificate | None, cms_certs: list[x509.Certificate],
                embedded: Embedded, anchors: list[x509.Certificate], offline: bool,
                extra_objects: Iterable[ValidationObject] = (), timestamp: bool = False) -> SignatureReport:
    """The common part of a verdict on one CMS signature (PDF or detached). `timestamp`: the
    signature is a document time-stamp (the signing-certificate policy does not apply)."""
    status = result.api_status
    indication, sub = indication_of(result.ades_subindic)
    path = getattr(status, "validation_path", None)
    if status is not None and signer_cert is None:
        signer_cert = status.signing_cert
    chain = chain_from(signer_cert, path, cms_certs + embedded.certs + anchors)
    sources = revocation_sources(chain, [*result.validation_objects, *extra_objects], embedded, anchors)
    indication, sub, refined = refine_missing_revocation(indication, sub, sources, chain, offline)
    report = SignatureReport(
        indication=indication,
        sub_indication=sub,
        message=refined or message_for(sub),
        signer=common_name(signer_cert),
        signer_certificate=cert_info(signer_cert) if signer_cert is not None else None,
        intact=getattr(status, "intact", None),
        cryptographically_valid=getattr(status, "valid", None),
        trusted=getattr(status, "trusted", None),
        chain=[cert_info(c) for c in chain],
        revocation=sources,
    )
    if result.failure_msg and indication is not Indication.TOTAL_PASSED:
        report.warnings.append(str(result.failure_msg))
    if not timestamp:
        refine_policy(report, signer_cert, getattr(result, "best_signature_time", None))
    return report


def when(dt: datetime | None) -> str:
    """ISO 8601 to the second, with the offset the value has; "-" for None (machine-readable outputs)."""
    return dt.isoformat(timespec="seconds") if dt else "-"


def broken(message: str, sub: str = "FORMAT_FAILURE", **facts) -> SignatureReport:
    """A signature that could not even be parsed: TOTAL-FAILED with what we know."""
    return SignatureReport(indication=Indication.TOTAL_FAILED, sub_indication=sub, message=message, **facts)


# pyhanko's words for a CMS structure it cannot use (several signer infos in a time-stamp token,
# an attribute twice): damage, wherever validation happens to meet it.
CMS_STRUCTURE_ERRORS = (CMSExtractionError, CMSStructuralError, MultivaluedAttributeError, NonexistentAttributeError)


def internal_error(e: BaseException, **facts) -> SignatureReport:
    """INDETERMINATE, not FAILED: our failure to check says nothing about the signature.

    Except when asn1crypto raised it while decoding: most of a signature is decoded only when
    validation reads it (see decode_signer_infos), so a damaged part surfaces here. That is a
    damaged signature, not a bug; so is a key of a type nobody knows."""
    if proves_damage(e):
        return broken(tr("The signature cannot be decoded: it is damaged or was tampered with."),
                      warnings=[short(e)], **facts)
    if isinstance(e, UnsupportedAlgorithm):  # a key or algorithm nobody can check: ETSI's crypto constraint
        return SignatureReport(indication=Indication.INDETERMINATE,
                               sub_indication=AdESIndeterminate.CRYPTO_CONSTRAINTS_FAILURE.name,
                               message=tr("The signature uses a key or algorithm that cannot be checked ({error}): "
                                          "it is damaged, or made with an algorithm Imza does not support.",
                                          error=short(e)), **facts)
    return SignatureReport(indication=Indication.INDETERMINATE, sub_indication=AdESIndeterminate.GENERIC.name,
                           message=tr("The signature could not be checked because of an internal error ({error}); "
                                      "please report it.", error=described(e)), **facts)


def proves_damage(e: BaseException) -> bool:
    """Whether `e` shows the signature itself is malformed (TOTAL-FAILED / FORMAT_FAILURE is then
    the verdict, EN 319 102-1 5.2.2), not merely that a library could not cope with it."""
    return (isinstance(e, ValueError | TypeError) and raised_by_asn1crypto(e)) or isinstance(e, CMS_STRUCTURE_ERRORS)


def unreadable_structure(e: BaseException, **facts) -> SignatureReport:
    """INDETERMINATE: a library failed on the structure around a signature (a KeyError on a
    missing object, an AssertionError), which proves nothing about the signature itself."""
    return SignatureReport(indication=Indication.INDETERMINATE, sub_indication=AdESIndeterminate.GENERIC.name,
                           message=tr("The signature could not be checked: the file's structure around it could not "
                                      "be read ({error}). That does not show the signature is invalid; get a fresh "
                                      "copy of the file and verify it again.", error=described(e)), **facts)


def described(e: BaseException) -> str:
    """The exception's type and first line, e.g. "KeyError: '/V'" (the type alone when it says nothing),
    and the library it was raised in, e.g. "AssertionError in pyhanko_certvalidator"."""
    text = short(e)
    text = text if text == type(e).__name__ else f"{type(e).__name__}: {text}"
    library = _library_of(e)
    return f"{text} in {library}" if library else text


def _library_of(e: BaseException) -> str | None:
    """The installed package holding the innermost frame of `e` outside the standard library."""
    innermost = _innermost_frame(e)
    if innermost is None or "/site-packages/" not in innermost:
        return None
    return innermost.split("/site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py") or None


def unreadable_pdf_data(e: BaseException) -> bool:
    """Whether `e` says PDF bytes could not be parsed (a damaged cross-reference section, object or
    stream), as opposed to a library failing on objects it did read: a wrong type where another
    is expected, or a reference to an object the file does not hold, which ISO 32000-2 7.3.10
    says to read as null, not as an error."""
    return isinstance(e, PdfReadError | zlib.error) or (
        isinstance(e, ValueError | ArithmeticError) and raised_by_pdf_parser(e))


_STDLIB = sysconfig.get_paths()["stdlib"].replace("\\", "/")


def _innermost_frame(e: BaseException) -> str | None:
    tb, innermost = e.__traceback__, None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename.replace("\\", "/")
        if not filename.startswith(_STDLIB) or "/site-packages/" in filename:
            innermost = filename
        tb = tb.tb_next
    return innermost


def _raised_in(e: BaseException, part: str) -> bool:
    """Whether the innermost frame of `e` outside the standard library is in `part`: asn1crypto
    hands values to urllib, datetime and the codecs, and their errors are asn1crypto's."""
    innermost = _innermost_frame(e)
    return innermost is not None and part in innermost


def raised_by_asn1crypto(e: BaseException) -> bool:
    """Whether asn1crypto raised `e` while decoding (damaged input, not a bug of ours).

    Also when the standard library raised it for asn1crypto (a URL whose port is not a number,
    bytes that are not ASCII, a bad date)."""
    return _raised_in(e, "/asn1crypto/") or "while parsing asn1crypto." in str(e)


def raised_by_pdf_parser(e: BaseException) -> bool:
    """Whether pyhanko's PDF reader raised `e` (it asserts and divides on damaged files)."""
    return _raised_in(e, "/pyhanko/pdf_utils/")


def short(e: BaseException) -> str:
    """One line about an exception for a report: its first message line, else its type, at most 200 characters."""
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:200]
