"""ETSI TS 119 102-2 (v1.2.1) validation report: one SignatureValidationReport per signature.

Built from the engine's FileReports, so it says what the JSON says: the EN 319 102-1 main and
sub-indication as the standard's URIs, the validation time and best signature time, the
signed document's digest, the signing-time and signature-time-stamp attributes, the signer's
certificate (a validation object identified by its SHA-256 digest), the level reached (as
an Imza URN) and the validation process that applies to it. Certificates of each chain are
listed once in SignatureValidationObjects. Files that could not be verified have no signature
to report on; they appear as an XML comment.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from desktop import __version__
from desktop.core.model import FileReport, Indication, SignatureReport

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
FAMILY = {"pdf": "PAdES", "cms": "CAdES", "asice": "ASiC-E"}


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
    """SignatureValidationObjects: each certificate / document once, referred to by id."""

    def __init__(self):
        self.el = etree.Element(f"{{{VR}}}SignatureValidationObjects")
        self.ids: set[str] = set()

    def add(self, kind: str, oid: str, *, digest: bytes | None = None, uri: str | None = None) -> str:
        if oid not in self.ids:
            self.ids.add(oid)
            vo = _v(self.el, "ValidationObject", id=oid)
            _v(vo, "ObjectType", OBJECT_TYPE + kind)
            rep = _v(vo, "ValidationObjectRepresentation")
            if digest is not None:
                _digest(rep, digest)
            else:
                _v(rep, "URI", uri)
        return oid


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
    _v(best, "POETime", _time(sig.timestamp_time or verified_at))
    _v(best, "TypeOfProof", POE_VALIDATION)

    if doc_digest is not None:
        signed = report.data_file or report.path
        sd = _v(svr, "SignersDocument")
        _digest(sd, doc_digest)
        ref = objects.add("signedData", f"D-{doc_digest.hex().upper()}", uri=Path(signed).name)
        _v(sd, "SignersDocumentRepresentation", VOReference=ref)

    attrs = _v(svr, "SignatureAttributes")
    if sig.claimed_signing_time:
        _v(_v(attrs, "SigningTime", Signed="true"), "Time", _time(sig.claimed_signing_time))
    if sig.timestamp_time and sig.kind == "signature":
        _v(_v(attrs, "SignatureTimeStamp", Signed="false"), "TimeStampValue", _time(sig.timestamp_time))
    if sig.kind == "document-timestamp" and sig.timestamp_time:
        _v(_v(attrs, "DocTimeStamp", Signed="false"), "TimeStampValue", _time(sig.timestamp_time))

    if sig.signer_certificate is not None:
        info = _v(svr, "SignerInformation", Pseudonym="false")
        cert = sig.signer_certificate
        _v(info, "SignerCertificate", VOReference=objects.add("certificate", f"C-{cert.sha256.upper()}",
                                                              digest=bytes.fromhex(cert.sha256)))
        _v(info, "Signer", cert.subject)
    for c in sig.chain:
        objects.add("certificate", f"C-{c.sha256.upper()}", digest=bytes.fromhex(c.sha256))

    if sig.level:
        quality = _v(svr, "SignatureQuality")
        _v(quality, "SignatureQualityInformation", f"{LEVEL_URI}{FAMILY.get(report.kind, 'AdES')}-{sig.level}")
    process = _v(svr, "SignatureValidationProcess")
    _v(process, "SignatureValidationProcessID", PROCESS_URI + PROCESS.get(sig.level or "", "Basic"))

    status = _v(svr, "SignatureValidationStatus")
    _v(status, "MainIndication", MAIN[sig.indication])
    if sig.sub_indication:
        _v(status, "SubIndication", SUB + sig.sub_indication)
    data = _v(_v(status, "AssociatedValidationReportData"), "AdditionalValidationReportData")
    for kind, text in [("message", sig.message), *(("warning", x) for x in sig.warnings)]:
        typed = _v(data, "ReportData")
        _v(typed, "Type", f"urn:imza:report-data:{kind}")
        _v(typed, "Value", text)


def render(reports: list[FileReport], *, verified_at: datetime | None = None) -> bytes:
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
