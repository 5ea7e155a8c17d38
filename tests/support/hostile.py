"""Small generators of hostile inputs for the verifier and the validation service (issue 14).

Each function returns the attacker's bytes; none needs more than a few MB to build, however
large the thing it pretends to hold.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def _write(w: IncrementalPdfFileWriter) -> bytes:
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def self_listing_pages(pdf: bytes, copies: int = 3) -> bytes:
    """An incremental update whose new /Pages node lists itself (several times) in /Kids,
    followed by the original page tree: a walk without a visited set never ends."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    old_pages = w.root.raw_get("/Pages")
    node = generic.DictionaryObject({pdf_name("/Type"): pdf_name("/Pages"),
                                     pdf_name("/Count"): generic.NumberObject(1)})
    ref = w.add_object(node)
    node[pdf_name("/Kids")] = generic.ArrayObject([ref] * copies + [old_pages])
    w.root[pdf_name("/Pages")] = ref
    w.update_root()
    return _write(w)


def self_listing_field(pdf: bytes, copies: int = 3) -> bytes:
    """An incremental update adding a form field that lists itself (several times) in /Kids."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    field = generic.DictionaryObject({pdf_name("/T"): generic.TextStringObject("loop")})
    ref = w.add_object(field)
    field[pdf_name("/Kids")] = generic.ArrayObject([ref] * copies)
    form = w.root["/AcroForm"]
    form["/Fields"].append(ref)
    w.update_container(form)
    if isinstance(form.raw_get("/Fields"), generic.IndirectObject):
        w.update_container(form["/Fields"])
    return _write(w)



# --- ZIP containers, written by hand so that nothing about them is normalised ----------------

MIB = 1 << 20


@dataclass
class Member:
    name: str
    raw: bytes  # as stored in the archive (deflated or not)
    method: int  # 0 stored, 8 deflated
    crc: int
    size: int  # uncompressed


def stored(name: str, data: bytes) -> Member:
    return Member(name, data, 0, zlib.crc32(data), len(data))


def deflated(name: str, data: bytes) -> Member:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Member(name, c.compress(data) + c.flush(), 8, zlib.crc32(data), len(data))


def zeros(name: str, mib: int) -> Member:
    """`mib` MiB of zero bytes, deflated to about a thousandth of that without ever holding them:
    one fully flushed (self-contained) deflate segment for 1 MiB, repeated, then a final empty block."""
    chunk = bytes(MIB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(chunk, crc)
    return Member(name, segment * mib + b"\x03\x00", 8, crc, mib * MIB)


def zeros_digest(mib: int, algorithm: str = "sha256") -> bytes:
    h = hashlib.new(algorithm)
    chunk = bytes(MIB)
    for _ in range(mib):
        h.update(chunk)
    return h.digest()


def zip_bytes(members: list[Member]) -> bytes:
    """A ZIP archive holding `members` in this order, duplicates and all (no ZIP64: under 4 GiB)."""
    out, central = BytesIO(), BytesIO()
    for m in members:
        name = m.name.encode()
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, m.method, 0, 0x21, m.crc, len(m.raw),
                              m.size, len(name), 0) + name + m.raw)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, m.method, 0, 0x21, m.crc,
                                  len(m.raw), m.size, len(name), 0, 0, 0, 0, 0, offset) + name)
    cd = central.getvalue()
    start = out.tell()
    out.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd), start, 0))
    return out.getvalue()


ASIC_E = b"application/vnd.etsi.asic-e+zip"
ASIC_S = b"application/vnd.etsi.asic-s+zip"


def asic_s_bomb(signature: bytes, mib: int) -> bytes:
    """ASiC-S whose one data file is `mib` MiB of zeros (a few hundred KB in the archive)."""
    return zip_bytes([stored("mimetype", ASIC_S), zeros("data.bin", mib), stored("META-INF/signature.p7s", signature)])


def manifest(refs: list[tuple[str, bytes]], signature: str = "META-INF/signature001.p7s") -> bytes:
    """An ASiCManifest (EN 319 162-1 A.4) naming `signature` and listing (file, sha256) pairs."""
    import base64

    items = "".join(
        f'<asic:DataObjectReference URI="{uri}"><ds:DigestMethod '
        f'Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>'
        f"{base64.b64encode(digest).decode()}</ds:DigestValue></asic:DataObjectReference>" for uri, digest in refs)
    return (f'<?xml version="1.0" encoding="UTF-8"?><asic:ASiCManifest xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" '
            f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><asic:SigReference URI="{signature}" '
            f'MimeType="application/pkcs7-signature"/>{items}</asic:ASiCManifest>').encode()


def asic_e_repeated_reference(signature: bytes, mib: int, times: int) -> bytes:
    """ASiC-E whose manifest lists one `mib` MiB zero-filled member `times` times, each with its true digest."""
    digest = zeros_digest(mib)
    return zip_bytes([stored("mimetype", ASIC_E), zeros("data.bin", mib),
                      deflated("META-INF/ASiCManifest.xml", manifest([("data.bin", digest)] * times)),
                      stored("META-INF/signature001.p7s", signature)])
