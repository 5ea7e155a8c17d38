"""ASiC containers (ETSI EN 319 162-1): the signatures inside a ZIP and the files each covers.

ASiC-E with CAdES: every META-INF/*signature*.p7s is a detached CMS signature over the
ASiCManifest that names it (SigReference); the manifest lists data files with digests. The
verdict on such a signature is the CMS verdict, made TOTAL-FAILED/HASH_FAILURE when a listed
file's digest does not match. ASiC-S with CAdES: META-INF/signature.p7s signs the one data file.
XAdES signatures (META-INF/*signatures*.xml, as DigiDoc writes them) are validated by
desktop/verify/xades.py.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

from lxml import etree
from pyhanko.sign.ades.report import AdESIndeterminate

from desktop.core.i18n import tr
from desktop.core.model import FileReport, Indication, SignatureReport
from desktop.verify import cades
from desktop.verify import report as rep
from desktop.verify.trust import TrustStore

MIMETYPE_E = "application/vnd.etsi.asic-e+zip"
MIMETYPE_S = "application/vnd.etsi.asic-s+zip"
ASIC_NS = "http://uri.etsi.org/02918/v1.2.1#"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
DIGESTS = {
    "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
    "http://www.w3.org/2001/04/xmldsig-more#sha224": "sha224",
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-256": "sha3_256",
    "http://www.w3.org/2007/05/xmldsig-more#sha3-512": "sha3_512",
}
CADES_NAME = re.compile(r"^META-INF/[^/]*signature[^/]*\.p7s$", re.IGNORECASE)
XADES_NAME = re.compile(r"^META-INF/[^/]*signatures[^/]*\.xml$", re.IGNORECASE)
MANIFEST_NAME = re.compile(r"^META-INF/ASiCManifest[^/]*\.xml$", re.IGNORECASE)
# What a damaged ZIP raises while it is read.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError,
              OSError, KeyError, IndexError, OverflowError, UnicodeDecodeError)
MAX_ENTRIES = 10_000
MAX_XML = 16 << 20  # manifests and XAdES files larger than this are not XML we would parse
CHUNK = 1 << 20
# Work limits against ZIP bombs: what the members declare (zipfile never inflates a member past
# its declared size, and a member that inflates to less fails its CRC check).
MAX_UNCOMPRESSED = 1 << 30  # all members together
MAX_RATIO = 100  # uncompressed : compressed, checked once the container inflates past RATIO_FLOOR
RATIO_FLOOR = 32 << 20
MAX_IN_MEMORY = 48 << 20  # XAdES references are handed to signxml as bytes: members up to this size
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def looks_like_asic(data: bytes) -> bool:
    """A ZIP that says it is ASiC (mimetype entry) or carries signatures in META-INF/."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    if MIMETYPE_E.encode() in data[:128] or MIMETYPE_S.encode() in data[:128]:
        return True
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            return any(CADES_NAME.match(n) or XADES_NAME.match(n) for n in z.namelist())
    except ZIP_ERRORS:
        return False


def looks_like_asic_file(path: Path) -> bool:
    """looks_like_asic for a file on disk, reading only its start and its ZIP directory."""
    try:
        with path.open("rb") as fh:
            head = fh.read(128)
        if not head.startswith(b"PK\x03\x04"):
            return False
        if MIMETYPE_E.encode() in head or MIMETYPE_S.encode() in head:
            return True
        with zipfile.ZipFile(path) as z:
            return any(CADES_NAME.match(n) or XADES_NAME.match(n) for n in z.namelist())
    except ZIP_ERRORS:
        return False


@dataclass
class _Container:
    zip: zipfile.ZipFile
    mimetype: str | None
    data_files: list[str] = field(default_factory=list)
    cades: list[str] = field(default_factory=list)
    xades: list[str] = field(default_factory=list)
    manifests: list[str] = field(default_factory=list)
    format_problem: str | None = None  # the container breaks EN 319 162-1: every signature fails
    limit_problem: str | None = None  # more work than the limits allow: every signature is INDETERMINATE
    digests: dict[tuple[str, str], bytes] = field(default_factory=dict)  # each member hashed once
    signed_by: dict[str, tuple[str, object]] = field(default_factory=dict)  # signature -> its manifest


def _open(data: bytes | Path) -> _Container:
    z = zipfile.ZipFile(BytesIO(data) if isinstance(data, bytes) else data)
    infos = z.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ValueError(f"{len(infos)} entries")
    names = [i.filename for i in infos]
    mimetype = _read(z, "mimetype", 256).decode("ascii", "replace").strip() if "mimetype" in names else None
    c = _Container(z, mimetype)
    for name in dict.fromkeys(names):
        if name.endswith("/") or name == "mimetype":
            continue
        if not name.startswith("META-INF/"):
            c.data_files.append(name)
        elif CADES_NAME.match(name):
            c.cades.append(name)
        elif XADES_NAME.match(name):
            c.xades.append(name)
        elif MANIFEST_NAME.match(name):
            c.manifests.append(name)
    c.format_problem = _layout_problem(infos)
    c.limit_problem = _limit_problem(infos, len(data) if isinstance(data, bytes) else data.stat().st_size)
    if c.format_problem is None and c.limit_problem is None:
        c.format_problem = _map_manifests(c)
    return c


def _layout_problem(infos: list[zipfile.ZipInfo]) -> str | None:
    """What makes the ZIP itself ambiguous or not an ASiC container (EN 319 162-1 clause 4.2, A.1)."""
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            # Two entries of one name: ZIP tools disagree on which one is "the" file (unzip shows the
            # first, most libraries the last), so what the signature covers is ambiguous.
            return tr("The container holds two entries named {name}; which one was signed is ambiguous, so "
                      "the container may have been tampered with. Ask the sender for a fresh copy.",
                      name=info.filename)
        seen.add(info.filename)
    for index, info in enumerate(infos):
        if info.filename == "mimetype" and (index != 0 or info.compress_type != zipfile.ZIP_STORED):
            # EN 319 162-1 Annex A.1: "mimetype" shall be the first file in the container and shall
            # not be compressed (clause 4.3.3.2 / 4.4.4.2 make A.1 binding for ASiC-S and ASiC-E).
            return tr("The container's mimetype entry is not the first entry, stored uncompressed, as "
                      "ETSI EN 319 162-1 (Annex A.1) requires; the container was altered or made by a "
                      "non-conforming tool. Ask the sender for a fresh copy.")
    return None


def _limit_problem(infos: list[zipfile.ZipInfo], packed: int) -> str | None:
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        return tr("The container would unpack to {size} MB, more than the {limit} MB Imza checks; it was not "
                  "verified. If it is genuine, extract its files and verify them with their signature.",
                  size=total >> 20, limit=MAX_UNCOMPRESSED >> 20)
    if total > RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):
        return tr("The container unpacks to {ratio} times its own size ({size} MB), which only a "
                  "decompression bomb does; it was not verified.", ratio=total // max(packed, 1),
                  size=total >> 20)
    return None


def _map_manifests(c: _Container) -> str | None:
    """Which manifest each signature signs (EN 319 162-1 clause 4.4.4.2: one signature file for each
    ASiCManifest, whose SigReference names it); a problem if a signature is claimed twice."""
    for manifest_name in c.manifests:
        try:
            root = etree.fromstring(_read(c.zip, manifest_name, MAX_XML), _PARSER)
        except (*ZIP_ERRORS, etree.XMLSyntaxError):
            continue  # a signature that relies on it says so
        for ref in root.iter(f"{{{ASIC_NS}}}SigReference"):
            signature = unquote(ref.get("URI") or "")
            if signature in c.signed_by:
                return tr("Two manifests, {first} and {second}, claim the signature {signature}; one of them "
                          "was added without a signature of its own (ETSI EN 319 162-1 clause 4.4.4.2), so "
                          "what was signed is ambiguous. Ask the sender for a fresh copy.",
                          first=c.signed_by[signature][0], second=manifest_name, signature=signature)
            c.signed_by[signature] = (manifest_name, root)
    return None


def _read(z: zipfile.ZipFile, name: str, limit: int) -> bytes:
    info = z.getinfo(name)
    if info.file_size > limit:
        raise ValueError(f"{name} is too large ({info.file_size} bytes)")
    with z.open(info) as fh:
        return fh.read(limit + 1)[:limit]


def _digest(c: _Container, name: str, algorithm: str) -> bytes:
    """The member's digest, read as a stream, and only once whatever the manifests repeat."""
    key = (name, algorithm)
    if key not in c.digests:
        h = hashlib.new(algorithm)
        with c.zip.open(name) as fh:
            while chunk := fh.read(CHUNK):
                h.update(chunk)
        c.digests[key] = h.digest()
    return c.digests[key]


async def verify_asic(path: Path, data: bytes | None, trust: TrustStore, *, offline: bool) -> FileReport:
    """`data`: the container's bytes, or None to read it from `path` as a stream."""
    try:
        c = _open(Path(path) if data is None else data)
    except ZIP_ERRORS as e:
        return FileReport(path, "asice", [], error=tr(
            "{path} is a damaged or truncated container ({detail}); get a complete copy.",
            path=path, detail=rep.short(e)))
    with c.zip:
        if c.mimetype not in (None, MIMETYPE_E, MIMETYPE_S):
            return FileReport(path, "asice", [], error=tr(
                "{path} is a ZIP archive of type {type}, not an ASiC signature container.",
                path=path, type=c.mimetype))
        if not (c.cades or c.xades):
            return FileReport(path, "asice", [], error=tr(
                "{path} is a container without any signature in it; nothing to verify.", path=path))
        if c.format_problem or c.limit_problem:
            indication, sub = ((Indication.TOTAL_FAILED, "FORMAT_FAILURE") if c.format_problem
                               else (Indication.INDETERMINATE, AdESIndeterminate.GENERIC.name))
            return FileReport(path, "asice", [
                SignatureReport(indication, sub, c.format_problem or c.limit_problem, field_name=name)
                for name in c.cades + c.xades])
        reports: list[SignatureReport] = []
        for name in c.cades:
            if c.mimetype == MIMETYPE_S or (not c.manifests and len(c.data_files) == 1):
                reports += await _cades_over_file(c, name, trust, offline)
            else:
                reports += await _cades_over_manifest(c, name, trust, offline)
        for name in c.xades:
            reports += await _xades(c, name, trust, offline)
    covered = {f for r in reports for f in r.covered_files}
    uncovered = [f for f in c.data_files if f not in covered]
    if uncovered:
        for r in reports:
            r.warnings.append(tr("The container also holds files that no signature covers: {files}.",
                                 files=", ".join(uncovered)))
    return FileReport(path, "asice", reports)


def _failed_all(name: str, message: str, sub: str = "FORMAT_FAILURE",
                indication: Indication = Indication.TOTAL_FAILED) -> list[SignatureReport]:
    return [SignatureReport(indication, sub, message, field_name=name)]


async def _cades_over_file(c: _Container, name: str, trust, offline) -> list[SignatureReport]:
    """ASiC-S: the signature is over the one data file itself."""
    if len(c.data_files) != 1:
        return _failed_all(name, tr("The container should hold exactly one signed file but holds {n}.",
                                    n=len(c.data_files)))
    try:
        signed_data = cades.load_signed_data(_read(c.zip, name, MAX_XML))
    except ZIP_ERRORS as e:
        return _failed_all(name, tr("The signature cannot be read from the container ({detail}).",
                                    detail=rep.short(e)))
    if signed_data is None:
        return _failed_all(name, tr("The signature cannot be decoded: it is damaged or was tampered with."))
    digests = {}
    for si in signed_data["signer_infos"]:
        algorithm = si["digest_algorithm"]["algorithm"].native
        try:
            digests[algorithm] = _digest(c, c.data_files[0], algorithm)
        except ValueError:
            continue  # an unusable algorithm: the CMS verdict names it
        except ZIP_ERRORS as e:
            return _failed_all(name, tr("The signed file {name} cannot be read from the container ({detail}).",
                                        name=c.data_files[0], detail=rep.short(e)))
    reports = await cades.verify_detached_bytes(signed_data, cades.Digests(digests), trust, offline=offline)
    for r in reports:
        r.field_name, r.coverage, r.covered_files = name, "container-files", [c.data_files[0]]
    return reports


async def _cades_over_manifest(c: _Container, name: str, trust, offline) -> list[SignatureReport]:
    manifest_name, root = _manifest_for(c, name)
    if root is None:
        return _failed_all(name, tr("No ASiCManifest in the container names this signature, so what it "
                                    "covers is unknown; the container is malformed."))
    try:
        manifest = _read(c.zip, manifest_name, MAX_XML)
        signed_data = cades.load_signed_data(_read(c.zip, name, MAX_XML))
    except ZIP_ERRORS as e:
        return _failed_all(name, tr("The signature cannot be read from the container ({detail}).",
                                    detail=rep.short(e)))
    if signed_data is None:
        return _failed_all(name, tr("The signature cannot be decoded: it is damaged or was tampered with."))
    covered, problem = _check_references(c, root)
    reports = await cades.verify_detached_bytes(signed_data, manifest, trust, offline=offline)
    for r in reports:
        r.field_name, r.coverage, r.covered_files = name, "container-files", covered
        if problem is not None:
            _apply_problem(r, *problem)
    return reports


def _manifest_for(c: _Container, signature_name: str):
    return c.signed_by.get(signature_name, (None, None))


def _check_references(c: _Container, root) -> tuple[list[str], tuple | None]:
    """The files the manifest lists; the first problem found (indication, sub, message), if any."""
    covered: list[str] = []
    problem = None
    refs = list(root.iter(f"{{{ASIC_NS}}}DataObjectReference"))
    if not refs:
        problem = (Indication.TOTAL_FAILED, "FORMAT_FAILURE", tr("The signature's manifest lists no file."))
    for ref in refs:
        uri = unquote(ref.get("URI") or "")
        method = ref.find(f"{{{DS_NS}}}DigestMethod")
        value = ref.find(f"{{{DS_NS}}}DigestValue")
        algorithm = DIGESTS.get(method.get("Algorithm") if method is not None else "")
        covered.append(uri)
        if problem is not None:
            continue
        if uri not in c.data_files:
            problem = (Indication.INDETERMINATE, AdESIndeterminate.SIGNED_DATA_NOT_FOUND.name,
                       tr("The signed file {name} is missing from the container.", name=uri))
            continue
        try:
            expected = base64.b64decode((value.text or "").strip(), validate=True) if value is not None else b""
            actual = _digest(c, uri, algorithm) if algorithm else None
        except ZIP_ERRORS as e:
            problem = (Indication.TOTAL_FAILED, "FORMAT_FAILURE",
                       tr("The signed file {name} cannot be read from the container ({detail}).",
                          name=uri, detail=rep.short(e)))
            continue
        if actual is None:
            problem = (Indication.INDETERMINATE, "FORMAT_FAILURE",
                       tr("The manifest uses a digest algorithm Imza does not know for {name}.", name=uri))
        elif actual != expected:
            problem = (Indication.TOTAL_FAILED, "HASH_FAILURE",
                       tr("The file {name} in the container was changed after signing.", name=uri))
    return covered, problem


def _apply_problem(report: SignatureReport, indication: Indication, sub: str, message: str) -> None:
    """A problem with the covered files outranks a passed CMS verdict; a failure keeps its own."""
    if report.indication is Indication.TOTAL_FAILED:
        report.warnings.append(message)
        return
    if indication is Indication.INDETERMINATE and report.indication is Indication.INDETERMINATE:
        report.warnings.append(message)
        return
    if report.sub_indication:
        report.warnings.append(tr("Also: {verdict}", verdict=report.message))
    report.indication, report.sub_indication, report.message = indication, sub, message


async def _xades(c: _Container, name: str, trust, offline) -> list[SignatureReport]:
    """One report per XAdES signature in the file (desktop/verify/xades.py)."""
    from desktop.verify import xades

    too_large = [f for f in c.data_files if c.zip.getinfo(f).file_size > MAX_IN_MEMORY]
    if too_large:
        return _failed_all(name, tr("The file {name} is larger than the {limit} MB Imza checks for an XAdES "
                                    "signature; the signature was not verified.", name=too_large[0],
                                    limit=MAX_IN_MEMORY >> 20),
                           sub=AdESIndeterminate.GENERIC.name, indication=Indication.INDETERMINATE)
    cache: dict[str, bytes] = {}

    def read_member(member: str) -> bytes:
        # Each member inflated once however often the signature references it; the cache holds
        # at most MAX_IN_MEMORY bytes.
        if member not in cache:
            if sum(map(len, cache.values())) + c.zip.getinfo(member).file_size > MAX_IN_MEMORY:
                cache.clear()
            cache[member] = _read(c.zip, member, MAX_IN_MEMORY)
        return cache[member]

    try:
        xml = _read(c.zip, name, MAX_XML)
        return await xades.verify_file(name, xml, read_member, c.data_files, trust, offline=offline)
    except (*ZIP_ERRORS, etree.XMLSyntaxError) as e:
        return _failed_all(name, tr("The XAdES signature file cannot be parsed ({detail}).",
                                    detail=rep.short(e)), indication=Indication.INDETERMINATE)
