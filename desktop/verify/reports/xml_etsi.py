"""ETSI TS 119 102-2 (v1.2.1) validation report: one SignatureValidationReport per signature.

Built from the engine's FileReports, so it says what the JSON says: the EN 319 102-1 main and
sub-indication as the standard's URIs, the validation time and best signature time, the
signed document's digest, the signing-time and signature-time-stamp attributes, the signer's
certificate (a validation object identified by its SHA-256 digest), the level reached (as
an Imza URN) and the validation process that applies to it. Certificates of each chain are
listed once in SignatureValidationObjects. Each signature time-stamp is a validation object
of its own (type timestamp, identified by the token's SHA-256) carrying its own validation
report and, when it passed, the proof of existence it provides; the signature's
SignatureTimeStamp attribute and its status refer to it. Files that could not be verified have
no signature to report on; they appear as an XML comment.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from desktop import __version__
from desktop.core.model import FileReport, Indication, SignatureReport, TimestampReport
from desktop.verify.reports.words import FAMILY

VR = "http://uri.etsi.org/19102/v1.2.1#"
DS = "http://www.w3.org/2000/09/xmldsig#"
NSMAP = {"vr": VR, "ds": DS}
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
MAIN = {Indication.TOTAL_PASSED: "urn:etsi:019102:mainindication:total-passed",
        Indication.TOTAL_FAILED: "urn:etsi:019102:mainindication:total-failed",
        Indication.INDETERMINATE: "urn:etsi:019102:mainindication:indeterminate"}
SUB = "urn:etsi:019102:subindication:"
OBJECT_TYPE = "urn:etsi:019102:validationObject:"
POE_VALIDATION = "urn:etsi:019102:poetype:validation"
PROCESS = {"B-B": "Basic", "B-T": "LTVM", "B-LT": "LTVM", "B-LTA": "LTA"}
PROCESS_URI = "urn:etsi:019102:validationprocess:"
LEVEL_URI = "urn:imza:signature-level:"


def _v(parent, name: str, text: str | None = None, ns: str = VR, **attrs):
    el = etree.SubElement(parent, f"{{{ns}}}{name}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _time(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _digest(parent, digest: bytes) -> None:
    dav = _v(parent, "DigestAlgAndValue")
    _v(dav, "DigestMethod", ns=DS, Algorithm=SHA256)
    _v(dav, "DigestValue", base64.b64encode(digest).decode(), ns=DS)


def _file_sha256(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        h = hashlib.sha256()
        with Path(path).open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        return h.digest()
    except OSError:
        return None


class _Objects:
    """SignatureValidationObjects: each certificate / document / time-stamp once, referred to by id."""

    def __init__(self):
        self.el = etree.Element(f"{{{VR}}}SignatureValidationObjects")
        self.ids: set[str] = set()

    def add(self, kind: str, oid: str, *, digest: bytes | None = None, uri: str | None = None):
        """The new ValidationObject element, or None when `oid` is already listed."""
        if oid in self.ids:
            return None
        self.ids.add(oid)
        vo = _v(self.el, "ValidationObject", id=oid)
        _v(vo, "ObjectType", OBJECT_TYPE + kind)
        rep = _v(vo, "ValidationObjectRepresentation")
        if digest is not None:
            _digest(rep, digest)
        else:
            _v(rep, "URI", uri)
        return vo

    def certificate(self, sha256: str) -> str:
        oid = f"C-{sha256.upper()}"
        self.add("certificate", oid, digest=bytes.fromhex(sha256))
        return oid

    def timestamp(self, stamp: TimestampReport, verified_at: datetime) -> str:
        """The time-stamp as a validation object carrying its own validation report."""
        oid = f"T-{(stamp.token_sha256 or '').upper()}"
        vo = self.add("timestamp", oid, digest=bytes.fromhex(stamp.token_sha256 or ""))
        if vo is None:
            return oid
        if stamp.indication is Indication.TOTAL_PASSED and stamp.time:
            _v(_v(vo, "POEProvisioning"), "POETime", _time(stamp.time))
        report = _v(vo, "ValidationReport")
        vti = _v(report, "ValidationTimeInfo")
        _v(vti, "ValidationTime", _time(verified_at))
        best = _v(vti, "BestSignatureTime")  # of the time-stamp's own signature: nothing proves it earlier
        _v(best, "POETime", _time(verified_at))
        _v(best, "TypeOfProof", POE_VALIDATION)
        if stamp.authority_certificate is not None:
            info = _v(report, "SignerInformation", Pseudonym="false")
            _v(info, "SignerCertificate", VOReference=self.certificate(stamp.authority_certificate.sha256))
            _v(info, "Signer", stamp.authority_certificate.subject)
        chain = [self.certificate(c.sha256) for c in stamp.chain]
        _status(report, stamp.indication, stamp.sub_indication, [stamp.message, *stamp.warnings], chain=chain,
                trusted=bool(stamp.trusted))
        return oid


def _status(parent, indication: Indication, sub: str | None, texts: list[str], *, chain: list[str] = (),
            trusted: bool = False, related: list[str] = ()) -> None:
    """SignatureValidationStatus: indication, sub-indication and the data behind them."""
    status = _v(parent, "SignatureValidationStatus")
    _v(status, "MainIndication", MAIN[indication])
    if sub:
        _v(status, "SubIndication", SUB + sub)
    data = _v(status, "AssociatedValidationReportData")
    rest = list(chain[1:])
    anchor = rest.pop() if trusted and rest else None  # an untrusted chain ends at no anchor
    if anchor:
        _v(data, "TrustAnchor", VOReference=anchor)
    if chain:
        cc = _v(data, "CertificateChain")
        _v(cc, "SigningCertificate", VOReference=chain[0])
        for oid in rest:
            _v(cc, "IntermediateCertificate", VOReference=oid)
        if anchor:
            _v(cc, "TrustAnchor", VOReference=anchor)
    for oid in related:
        _v(data, "RelatedValidationObject", VOReference=oid)
    extra = _v(data, "AdditionalValidationReportData")
    for i, text in enumerate(texts):
        typed = _v(extra, "ReportData")
        _v(typed, "Type", f"urn:imza:report-data:{'message' if i == 0 else 'warning'}")
        _v(typed, "Value", text)


def _signature_report(root, objects: _Objects, report: FileReport, sig: SignatureReport, index: int,
                      verified_at: datetime, doc_digest: bytes | None) -> None:
    svr = _v(root, "SignatureValidationReport")
    ident = hashlib.sha256(f"{report.path}\0{sig.field_name}\0{index}".encode()).hexdigest().upper()
    sid = _v(svr, "SignatureIdentifier", id=f"S-{ident}")
    _v(sid, "HashOnly", "false")
    _v(sid, "DocHashOnly", "false")
    if sig.field_name:
        _v(sid, "DAIdentifier", sig.field_name)

    vti = _v(svr, "ValidationTimeInfo")
    _v(vti, "ValidationTime", _time(verified_at))
    best = _v(vti, "BestSignatureTime")
    # Only a valid time-stamp proves a time (a failed one proves nothing): else the validation time.
    proven = sig.timestamp_time if sig.kind == "document-timestamp" else sig.proven_time()
    _v(best, "POETime", _time(proven or verified_at))
    _v(best, "TypeOfProof", POE_VALIDATION)

    if doc_digest is not None:
        signed = report.data_file or report.path
        sd = _v(svr, "SignersDocument")
        _digest(sd, doc_digest)
        ref = f"D-{doc_digest.hex().upper()}"
        objects.add("signedData", ref, uri=Path(signed).name)
        _v(sd, "SignersDocumentRepresentation", VOReference=ref)

    attrs = _v(svr, "SignatureAttributes")
    if sig.claimed_signing_time:
        _v(_v(attrs, "SigningTime", Signed="true"), "Time", _time(sig.claimed_signing_time))
    stamp_ids = []
    for stamp in sig.timestamps:
        stamp_ids.append(objects.timestamp(stamp, verified_at))
        attr = _v(attrs, "SignatureTimeStamp", Signed="false")
        _v(attr, "AttributeObject", VOReference=stamp_ids[-1])
        _v(attr, "TimeStampValue", _time(stamp.time or verified_at))
    if sig.timestamp_time and sig.kind == "signature" and not sig.timestamps:
        _v(_v(attrs, "SignatureTimeStamp", Signed="false"), "TimeStampValue", _time(sig.timestamp_time))
    if sig.kind == "document-timestamp" and sig.timestamp_time:
        _v(_v(attrs, "DocTimeStamp", Signed="false"), "TimeStampValue", _time(sig.timestamp_time))

    if sig.signer_certificate is not None:
        info = _v(svr, "SignerInformation", Pseudonym="false")
        cert = sig.signer_certificate
        _v(info, "SignerCertificate", VOReference=objects.certificate(cert.sha256))
        _v(info, "Signer", cert.subject)
    for c in sig.chain:
        objects.certificate(c.sha256)

    if sig.level:
        quality = _v(svr, "SignatureQuality")
        _v(quality, "SignatureQualityInformation", f"{LEVEL_URI}{FAMILY.get(report.kind, 'AdES')}-{sig.level}")
    process = _v(svr, "SignatureValidationProcess")
    _v(process, "SignatureValidationProcessID", PROCESS_URI + PROCESS.get(sig.level or "", "Basic"))

    _status(svr, sig.indication, sig.sub_indication, [sig.message, *sig.warnings], related=stamp_ids)


def render(reports: list[FileReport], *, verified_at: datetime | None = None) -> bytes:
    """An ETSI TS 119 102-2 ValidationReport (XML) of `reports`; files that could not be verified
    appear as comments only. `verified_at` (default now, UTC) is the validation time stated.
    """
    verified_at = verified_at or datetime.now(UTC)
    root = etree.Element(f"{{{VR}}}ValidationReport", nsmap=NSMAP)
    root.append(etree.Comment(f" Imza {__version__}: ETSI TS 119 102-2 signature validation report "))
    objects = _Objects()
    for report in reports:
        if report.error or not report.signatures:
            root.append(etree.Comment(f" {report.path}: not verified: {report.error or 'no signature'} "
                                      .replace("--", "- -")))
            continue
        doc_digest = _file_sha256(report.data_file or report.path)
        for i, sig in enumerate(report.signatures):
            _signature_report(root, objects, report, sig, i, verified_at, doc_digest)
    if objects.ids:
        root.append(objects.el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
