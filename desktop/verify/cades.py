"""CAdES (.p7s/.p7m, DER or PEM): detached, the signature beside the data it signs, or
enveloping, the data inside the signature (`signed_content` gives it back).

Validation data comes from the SignedData itself: certificates from `certificates`, CRLs and
OCSP responses (RevocationInfoChoice 'other' / id-ri-ocsp-response) from `crls`, which is
where our signer puts them for B-LT (desktop/signing/cades.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from asn1crypto import cms, pem
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.validation import ades
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.generic_cms import extract_self_reported_ts, extract_tst_data_iter

from desktop import fsio
from desktop.core.errors import InputError
from desktop.core.i18n import tr
from desktop.core.model import FileReport, Indication, SignatureLevel, SignatureReport
from desktop.verify import ltv, policy, timestamps
from desktop.verify import report as rep
from desktop.verify.trust import TrustStore

SIGNATURE_SUFFIXES = (".p7s", ".p7m", ".sig")
ARCHIVE_TIMESTAMP_V3 = "0.4.0.1733.2.4"
LOAD_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError)
CHUNK = 1 << 20


class Digests(dict):
    """Detached data given by its digests (algorithm name -> digest), computed by the caller as a
    stream (an ASiC member), instead of by its bytes."""


def load_signed_data(data: bytes) -> cms.SignedData | None:
    """The SignedData in a DER or PEM CMS ContentInfo, or None if this is not one."""
    try:
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        info = cms.ContentInfo.load(data, strict=True)
        if info["content_type"].native != "signed_data":
            return None
        signed_data = info["content"]
        rep.decode_signer_infos(signed_data)
        return signed_data
    except LOAD_ERRORS:
        return None


def looks_like_cms(data: bytes) -> bool:
    """Whether `data` parses as CMS SignedData (DER, or PEM-armoured): a .p7s/.p7m whatever its name."""
    return load_signed_data(data) is not None


def signed_content(signature: bytes) -> bytes | None:
    """The data an enveloping CMS signature carries inside it, or None (detached, or not CMS)."""
    signed_data = load_signed_data(signature)
    if signed_data is None:
        return None
    content = signed_data["encap_content_info"]["content"]
    try:
        value = content.native
        if value is None:
            return None
        return value if isinstance(value, bytes) else bytes(content)
    except LOAD_ERRORS:
        return None


def extract_content(path: Path, out: Path, *, force: bool = False) -> int:
    """Save the data an enveloping signature (.p7m) carries to `out`, written atomically; an
    existing `out` is replaced only with `force`, the signature file itself never. Returns the
    size; raises InputError when there is nothing to save."""
    if Path(out).resolve() == Path(path).resolve():
        raise InputError("The signed content cannot be saved over the signature file {path} itself.",
                         "Choose another name.", path=path)
    try:
        signature = Path(path).read_bytes()
    except OSError as e:
        raise InputError("{path} cannot be read ({error}).", path=path, error=e.strerror or e) from None
    content = signed_content(signature)
    if content is None:
        raise InputError("{path} does not carry the signed document inside it (it is not an enveloping "
                         "CAdES signature), so there is nothing to save.",
                         "A detached signature (.p7s) signs a separate file: that file is the signed document.", path=path)
    fsio.write_atomic(Path(out), content, force=force)
    return len(content)


def default_data_file(path: Path) -> Path | None:
    """The data file a detached signature names by convention (letter.pdf.p7s → letter.pdf), or None."""
    if path.suffix.lower() in SIGNATURE_SUFFIXES:
        return path.with_suffix("")
    return None


def _file_digest(path: Path, algorithm: str) -> bytes:
    h = hashlib.new(algorithm)
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.digest()


def _data_problem(sig_path: Path, data_file: Path | None, explicit: bool) -> str | None:
    if data_file is None:
        return tr("{path} is a detached signature, but its name does not end in .p7s, so the signed file "
                  "cannot be guessed; say which file was signed.", path=sig_path)
    hint = tr("choose the file that was signed.") if explicit else \
        tr("put the signed file beside the signature, or say which file was signed.")
    if not data_file.exists():
        return tr("The signed data file {data} for {path} is missing; {hint}", data=data_file, path=sig_path,
                  hint=hint)
    if data_file.is_dir():
        return tr("The signed data {data} for {path} is a folder, not a file; {hint}", data=data_file,
                  path=sig_path, hint=hint)
    try:
        with data_file.open("rb"):
            pass
    except OSError as e:
        return tr("The signed data file {data} cannot be read ({error}).", data=data_file, error=e.strerror)
    return None


def _embedded(signed_data: cms.SignedData) -> policy.Embedded:
    embedded = policy.Embedded()
    for choice in signed_data["certificates"] or []:
        if choice.name == "certificate":
            embedded.add_cert(choice.chosen)
    crls = signed_data["crls"]
    for choice in crls if crls.native is not None else []:
        if choice.name == "crl":
            embedded.add_crl(choice.chosen, policy.FROM_CMS)
        elif choice.name == "other" and choice.chosen["other_rev_info_format"].native == "ocsp_response":
            embedded.add_ocsp(choice.chosen["other_rev_info"], policy.FROM_CMS)
    return embedded


def _single_signer(signed_data: cms.SignedData, signer_info) -> cms.SignedData:
    """A copy holding one SignerInfo: pyhanko validates exactly one signer per SignedData."""
    copy = signed_data.copy()
    copy["signer_infos"] = cms.SignerInfos([signer_info])
    return copy


async def verify_cms(path: Path, signature: bytes, trust: TrustStore, *, offline: bool,
                     data_file: Path | None = None) -> FileReport:
    """Verify the CMS signature(s) in `signature` (the bytes of `path`), detached or enveloping.

    A detached signature needs its data: `data_file`, else the file its name implies
    (`default_data_file`); a missing or unreadable one ends in a report with `error`. `offline`:
    only what the signature carries and the trust store, no fetching. Never raises for a bad file.
    """
    signed_data = load_signed_data(signature)
    if signed_data is None:
        return FileReport(path, "cms", [], error=tr(
            "{path} is not a readable CMS signature (damaged, or not a .p7s); get a fresh copy.", path=path))
    content = signed_data["encap_content_info"]["content"]
    attached = content.native is not None
    if not attached:
        explicit = data_file is not None
        data_file = Path(data_file) if explicit else default_data_file(path)
        problem = _data_problem(path, data_file, explicit)
        if problem:
            return FileReport(path, "cms", [], data_file=data_file, error=problem)
    elif data_file is not None:
        data_file = None  # the signed data is inside the signature; an outside copy would prove nothing

    embedded = _embedded(signed_data)
    reports: list[SignatureReport] = []
    for signer_info in signed_data["signer_infos"]:
        reports.append(await _verify_signer(_single_signer(signed_data, signer_info), signer_info, embedded,
                                            data_file, content, trust, offline))
    if not reports:
        return FileReport(path, "cms", [], data_file=data_file,
                          error=tr("{path} is a CMS structure without any signature in it.", path=path))
    return FileReport(path, "cms", reports, data_file=data_file)


async def verify_detached_bytes(signed_data: cms.SignedData, data: bytes | Digests, trust: TrustStore, *,
                                offline: bool) -> list[SignatureReport]:
    """One report per signer of a detached signature over `data` held in memory (or its Digests)."""
    embedded = _embedded(signed_data)
    return [await _verify_signer(_single_signer(signed_data, si), si, embedded, None, data, trust, offline)
            for si in signed_data["signer_infos"]]


async def _verify_signer(sd, signer_info, embedded, data_file, content, trust, offline) -> SignatureReport:
    detached = data_file is not None or isinstance(content, bytes | Digests)
    coverage = "detached-data" if detached else "attached-data"
    try:
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        if data_file is not None:
            digest = _file_digest(data_file, algorithm)
        elif isinstance(content, Digests):  # detached data hashed by the caller (an ASiC-S member)
            digest = content.get(algorithm)
            if digest is None:
                raise ValueError(f"unsupported hash type {algorithm}")
        elif isinstance(content, bytes):  # detached data held in memory (an ASiC manifest)
            digest = hashlib.new(algorithm, content).digest()
        else:  # enveloping: pyhanko digests the encapsulated content itself (RFC 5652, 5.4)
            hashlib.new(algorithm)
            digest = None
    except (ValueError, TypeError) as e:
        return rep.broken(tr("The signature names a digest algorithm that cannot be used ({detail}).",
                             detail=rep.short(e)), coverage=coverage)
    except OSError as e:
        return SignatureReport(Indication.INDETERMINATE, AdESIndeterminate.SIGNED_DATA_NOT_FOUND.name,
                               tr("The signed data could not be read ({error}).", error=e.strerror),
                               coverage=coverage)

    spec = policy.signature_spec(trust, embedded, offline=offline)
    try:
        has_sig_ts = next(extract_tst_data_iter(signer_info, signed=False), None) is not None
        timing = policy.validation_timing()  # `imza verify --at`, else None: now
        if has_sig_ts and timing is None:
            result, at_timestamp = await ltv.standard_or_at_timestamp(
                lambda: ades.ades_with_time_validation(sd, spec, raw_digest=digest), sd, signer_info, digest, trust,
                embedded, spec, rep.signer_cert_of(sd))
        elif has_sig_ts:
            result, at_timestamp = await ades.ades_with_time_validation(sd, spec, timing_info=timing,
                                                                        raw_digest=digest), None
        else:
            result, at_timestamp = await ades.ades_basic_validation(sd, spec, timing_info=timing,
                                                                    raw_digest=digest), None
        signer_cert = (getattr(getattr(result, "api_status", None), "signing_cert", None)
                       or rep.signer_cert_of(sd))
        stamps = await timestamps.check(signer_info, result, spec, timing, embedded=embedded,
                                        anchors=trust.anchor_certificates, offline=offline,
                                        passed_at_own_time=at_timestamp is not None)
        blamed = None
        if at_timestamp is None:
            result, blamed = timestamps.judge(result, stamps)
    except SignatureValidationError as e:
        indication, sub = rep.indication_of(e.ades_subindication or AdESIndeterminate.GENERIC)
        return SignatureReport(indication, sub, tr("The signature cannot be validated: {detail}.",
                                                   detail=rep.short(e)), coverage=coverage)
    except Exception as e:  # noqa: BLE001 - a bug must not pass for a verdict on the signature
        return rep.internal_error(e, coverage=coverage)

    try:  # the report reads more of the signature (certificates, attributes): that can fail too
        report = rep.from_result(at_timestamp or result, signer_cert=signer_cert, cms_certs=list(embedded.certs),
                                 embedded=embedded, anchors=trust.anchor_certificates, offline=offline)
        report.coverage = coverage
        report.claimed_signing_time = extract_self_reported_ts(signer_info)
        timestamps.attach(report, stamps, blamed)
        report.level = _level(signer_info, has_sig_ts, signer_cert, embedded)
    except Exception as e:  # noqa: BLE001 - a bug must not pass for a verdict on the signature
        return rep.internal_error(e, coverage=coverage)
    if at_timestamp is not None:
        ltv.annotate(report)
    return report


def _level(signer_info, has_sig_ts: bool, signer_cert, embedded: policy.Embedded) -> str:
    """The CAdES baseline level present (EN 319 122-1): T = signature time-stamp,
    LT = revocation data for the signer in SignedData, LTA = an archive time-stamp v3."""
    if not has_sig_ts:
        return SignatureLevel.B_B.value
    if signer_cert is None or not embedded.covers(signer_cert):
        return SignatureLevel.B_T.value
    unsigned = signer_info["unsigned_attrs"]
    if isinstance(unsigned, cms.CMSAttributes) and any(a["type"].dotted == ARCHIVE_TIMESTAMP_V3 for a in unsigned):
        return SignatureLevel.B_LTA.value
    return SignatureLevel.B_LT.value
