"""ASiC-E containers (ETSI EN 319 162-1) with a CAdES signature: several files, one signature.

The container is a ZIP: `mimetype` first and uncompressed, the data files at its root,
META-INF/ASiCManifest.xml listing each file with its SHA-256 digest, and
META-INF/signature001.p7s, a detached CAdES signature over the manifest's bytes. So the
signature covers the files through their digests, and the manifest names the signature it
belongs to (SigReference). META-INF/manifest.xml (the OpenDocument manifest) is added as well,
since DigiDoc and other readers look for it.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import zipfile
from io import BytesIO
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import quoteattr

from desktop.core.errors import InputError
from desktop.core.model import SignRequest
from desktop.fsio import atomic_output
from desktop.signing.cades import detached_signature

MIMETYPE = "application/vnd.etsi.asic-e+zip"
ASIC_NS = "http://uri.etsi.org/02918/v1.2.1#"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
SHA256_URI = "http://www.w3.org/2001/04/xmlenc#sha256"
SIGNATURE_NAME = "META-INF/signature001.p7s"
MANIFEST_NAME = "META-INF/ASiCManifest.xml"
RESERVED = ("mimetype", "META-INF/")


def media_type(name: str) -> str:
    """The MIME type recorded for a container member, from its name; application/octet-stream if unknown."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def member_names(files: list[Path]) -> list[str]:
    """The names the files get at the container's root; refuses clashes before the PIN is asked."""
    names: list[str] = []
    for f in files:
        name = Path(f).name
        if name in names:
            raise InputError("Two files called {name} cannot go into one container.",
                             "Rename one of them, or put them into separate containers.", name=name)
        if name == "mimetype" or name.startswith("META-INF"):
            raise InputError("{name} is a name the ASiC-E format reserves for itself.", "Rename the file.", name=name)
        names.append(name)
    return names


def asic_manifest(members: list[tuple[str, bytes]], signature_name: str = SIGNATURE_NAME) -> bytes:
    """The ASiCManifest: one DataObjectReference (URI, MIME type, SHA-256) per data file."""
    refs = []
    for name, data in members:
        digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
        refs.append(f'  <asic:DataObjectReference URI={quoteattr(quote(name))} MimeType={quoteattr(media_type(name))}>\n'
                    f'    <ds:DigestMethod Algorithm="{SHA256_URI}"/>\n'
                    f'    <ds:DigestValue>{digest}</ds:DigestValue>\n'
                    f'  </asic:DataObjectReference>\n')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<asic:ASiCManifest xmlns:asic="{ASIC_NS}" xmlns:ds="{DS_NS}">\n'
            f'  <asic:SigReference URI={quoteattr(signature_name)} MimeType="application/pkcs7-signature"/>\n'
            + "".join(refs) + "</asic:ASiCManifest>\n").encode("utf-8")


def odf_manifest(names: list[str]) -> bytes:
    """META-INF/manifest.xml (the OpenDocument manifest ASiC-E readers expect) listing `names` and their media types."""
    entries = "".join(f' <manifest:file-entry manifest:full-path={quoteattr(n)} '
                      f'manifest:media-type={quoteattr(media_type(n))}/>\n' for n in names)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.2">\n'
            f' <manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>\n'
            + entries + "</manifest:manifest>\n").encode("utf-8")


def container(members: list[tuple[str, bytes]], manifest: bytes, signature: bytes) -> bytes:
    """The ASiC-E ZIP: `mimetype` first and stored (EN 319 162-1), then the members, the ODF manifest,
    the ASiCManifest and the detached CAdES signature over it.
    """
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        # EN 319 162-1: first entry, stored, no extra field, so `file` and readers can sniff it.
        z.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        for name, data in members:
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", odf_manifest([n for n, _ in members]), zipfile.ZIP_DEFLATED)
        z.writestr(MANIFEST_NAME, manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(SIGNATURE_NAME, signature, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


async def sign_container(req: SignRequest, signer, timestamper, validation_context) -> None:
    """Write `req.output`: an ASiC-E container of `req.container_files` (or the source alone).

    One CAdES signature at `req.level` over the ASiCManifest, which lists every file's digest.
    Raises InputError for an unreadable file; the output is written atomically.
    """
    files = list(req.container_files or (req.source,))
    names = member_names(files)
    members = []
    for name, path in zip(names, files, strict=True):
        try:
            members.append((name, Path(path).read_bytes()))
        except OSError as e:
            raise InputError("{path} cannot be read ({error}).", "Check the file and try again.", path=path, error=e.strerror) from None
    manifest = asic_manifest(members)
    signature = await detached_signature(manifest, req.level, signer, timestamper, validation_context)
    with atomic_output(req.output, force=req.force) as fh:
        fh.write(container(members, manifest, signature))
