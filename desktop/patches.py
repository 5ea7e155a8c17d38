"""Imza's patches of library internals: the one place where pyhanko and asn1crypto are changed.

Each patch replaces a private function with one that gives the same answers faster, or that
stops where the original never would, and names the upstream problem it works around (a
ready-to-file report with a reproducer in docs/upstream/). The rules, after qutebrowser's
misc/pakjoy.py:

- nothing is patched on import: the entry points (the CLI, the window, `python -m desktop`, the
  bundle, bulk signing's worker processes) call `install()`; the patches are applied when the
  library is imported (at once if it already is), so start-up does not pay for pyhanko;
- a patch is applied only to the library version it was checked against, and only when the
  function it replaces is the one it expects; otherwise it is skipped, with a debug log line;
- IMZA_NO_PATCHES=1 turns them all off.

The speed readers are held to the originals' answers by tests/verify/test_fast_readers.py, and
the independent pyhanko checks of the tests (tests/support/oracle.py) run unpatched, in their
own process.
"""

from __future__ import annotations

import binascii
import importlib.abc
import logging
import os
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)

DISABLE_VARIABLE = "IMZA_NO_PATCHES"
UPSTREAM = "docs/upstream/"

# The versions each library's patches were checked against (tests/verify/test_fast_readers.py).
CHECKED = {
    "pyhanko": ("0.38.0",),
    "asn1crypto": ("1.5.1",),
}


@dataclass(frozen=True)
class Patch:
    name: str
    library: str       # the distribution whose version is checked
    module: str        # where the replaced functions live
    upstream: str      # the report in docs/upstream/
    apply: Callable[[], dict]  # replaces the functions; returns {(owner, attribute): original}


_lock = threading.RLock()
_requested = False
_applied: dict[str, dict] = {}   # patch name -> {(owner, attribute): original}
_skipped: dict[str, str] = {}    # patch name -> why


def _library_version(library: str) -> str | None:
    if library == "pyhanko":
        from pyhanko.version import __version__
    else:
        from asn1crypto import __version__
    return __version__


def _replace(targets: dict[tuple[object, str], object], expected: dict[tuple[object, str], str]) -> dict:
    """Set each (owner, attribute) to its new value, if every current one is the function named in
    `expected`; returns the originals. Anything unexpected: nothing is changed, ValueError."""
    originals = {key: getattr(*key, None) for key in targets}
    for (owner, attribute), original in originals.items():
        want = expected.get((owner, attribute))
        name = getattr(getattr(original, "fget", original), "__name__", None)
        if want is not None and name != want:
            raise ValueError(f"{getattr(owner, '__name__', owner)}.{attribute} is {name!r}, not {want!r}")
    for (owner, attribute), value in targets.items():
        setattr(owner, attribute, value)
    return originals


# --- pyhanko's PDF token readers ------------------------------------------------------------

def _pdf_readers() -> dict:
    """WORKAROUND for docs/upstream/pyhanko-token-reader-speed.md: pyhanko reads hex strings,
    names, keywords and the next token one byte at a time through generators (a signature's
    /Contents hex string alone is ~15 ms). These read the same tokens with find(), regular
    expressions and binascii, leave the stream at the same place, and hand anything unusual
    (comments inside a string, junk, no end) to pyhanko's own reader, so results and errors
    stay pyhanko's."""
    from pyhanko.pdf_utils import generic, misc

    original_hex = generic.read_hex_string_from_stream
    original_until_class = misc._read_until_class
    original_decode_name = generic._decode_name
    original_non_whitespace = misc.read_non_whitespace
    non_whitespace = re.compile(b"[^" + re.escape(misc.PDF_WHITESPACE) + b"]")
    plain_name = re.compile(b"[" + re.escape(bytes(b for b in range(0x21, 0x7F)
                                                   if b not in misc.PDF_DELIMITERS and b != 0x23)) + b"]*")
    class_patterns: dict[bytes, re.Pattern] = {}
    block_size = 1 << 16

    def read_hex_string_from_stream(stream):
        start = stream.tell()
        stream.read(1)  # the "<"
        parts = []
        while True:
            block = stream.read(block_size)
            end = block.find(b">")
            if end >= 0:
                parts.append(block[:end])
                break
            if len(block) < block_size:  # no closing ">": let pyhanko raise its error
                stream.seek(start)
                return original_hex(stream)
            parts.append(block)
        body = b"".join(parts)
        digits = body.translate(None, misc.PDF_WHITESPACE)
        if len(digits) % 2:
            digits += b"0"
        try:
            value = binascii.unhexlify(digits)
        except binascii.Error:  # comments or junk (anything but hex digits): pyhanko decides
            stream.seek(start)
            return original_hex(stream)
        stream.seek(start + 1 + len(body) + 1)
        return generic.pdf_string(value)

    def _read_until_class(class_chars: bytes, stream, maxchars=None):
        """(bytes before the first byte of `class_chars`, whether the stream ended first); that byte is consumed."""
        if maxchars is not None:
            return original_until_class(class_chars, stream, maxchars)
        pattern = class_patterns.get(class_chars)
        if pattern is None:
            pattern = class_patterns[class_chars] = re.compile(b"[" + re.escape(class_chars) + b"]")
        parts = []
        while True:
            start = stream.tell()
            block = stream.read(64)
            found = pattern.search(block)
            if found is not None:
                parts.append(block[:found.start()])
                stream.seek(start + found.start() + 1)
                return b"".join(parts), False
            parts.append(block)
            if len(block) < 64:
                return b"".join(parts), True

    def _decode_name(name_bytes: bytes):
        """The name object for the bytes after its "/": pyhanko's answer, in one step for a plain
        name. A new object each time: pyhanko sets `container_ref` on every object it reads."""
        if plain_name.fullmatch(name_bytes):
            return generic.NameObject("/" + name_bytes.decode("ascii"))
        return original_decode_name(name_bytes)

    def read_non_whitespace(stream, seek_back=False, allow_eof=False):
        """pyhanko's: the next byte that is neither white space nor in a comment (consumed unless seek_back)."""
        start = stream.tell()
        block = stream.read(32)
        found = non_whitespace.search(block)
        if found is None or block[found.start()] == 0x25:  # blanks, the end, or a comment: pyhanko's loop
            stream.seek(start)
            return original_non_whitespace(stream, seek_back, allow_eof)
        at = found.start()
        stream.seek(start + at + (0 if seek_back else 1))
        return block[at:at + 1]

    return _replace(
        {(generic, "read_hex_string_from_stream"): read_hex_string_from_stream,
         (misc, "_read_until_class"): _read_until_class,
         (generic, "_decode_name"): _decode_name,
         (misc, "read_non_whitespace"): read_non_whitespace,
         (generic, "read_non_whitespace"): read_non_whitespace},
        {(generic, "read_hex_string_from_stream"): "read_hex_string_from_stream",
         (misc, "_read_until_class"): "_read_until_class",
         (generic, "_decode_name"): "_decode_name",
         (misc, "read_non_whitespace"): "read_non_whitespace",
         (generic, "read_non_whitespace"): "read_non_whitespace"})


def _endless_comment_guard() -> dict:
    """WORKAROUND for docs/upstream/pyhanko-endless-comment.md: pyhanko's read_object skips a
    comment by reading until an end of line and never stops when the data ends first (a comment
    at the end of an object stream), so a 600-byte PDF hangs every reader of it for good. This
    checks that such a comment ends and raises pyhanko's own "stream ended" error otherwise."""
    from pyhanko.pdf_utils import generic, misc

    original_read_object = generic.read_object
    end_of_line = re.compile(rb"[\r\n]")

    def read_object(stream, container_ref, as_metadata_stream: bool = False,
                    in_content_stream=generic.ContentOpReading.NO):
        start = stream.tell()
        if stream.read(1) == b"%":
            while not end_of_line.search(block := stream.read(256)):
                if len(block) < 256:
                    raise misc.PdfStreamError("Stream ended inside a comment")
        stream.seek(start)
        return original_read_object(stream, container_ref, as_metadata_stream, in_content_stream)

    targets = [generic]
    # content_stream_parser takes its own reference at import; pyhanko itself never imports it,
    # so it is patched here only if something imported it first (later, it finds this one).
    parser = sys.modules.get("pyhanko.pdf_utils.content_stream_parser")
    if parser is not None and getattr(parser, "read_object", None) is original_read_object:
        targets.append(parser)
    return _replace({(m, "read_object"): read_object for m in targets},
                    {(m, "read_object"): "read_object" for m in targets})


# --- asn1crypto's certificate names -----------------------------------------------------------

def _asn1_names() -> dict:
    """WORKAROUND for docs/upstream/asn1crypto-name-comparison-speed.md: asn1crypto compares
    X.509 names after RFC 4518 string preparation (several regular expressions and a stringprep
    table walk per attribute), again for every freshly parsed certificate, and pyhanko compares
    and indexes names all the time. Everything here depends only on the names' encodings, so the
    results are cached by encoding; the answers are asn1crypto's. A certificate's untag() (pyhanko
    deep-copies every certificate it reads from a SignedData) returns the parse shared by
    encoding (desktop.verify.fastasn1.shared) instead of a copy that throws asn1crypto's caches
    away; nothing in Imza modifies a parsed certificate."""
    from asn1crypto import x509

    from desktop.verify.fastasn1 import shared

    original_prep = x509.NameTypeAndValue._ldap_string_prep
    original_hashable = x509.Name.hashable
    original_eq = x509.Name.__eq__
    original_untag = x509.Certificate.untag

    @lru_cache(maxsize=8192)
    def prepare(string: str) -> str:
        return original_prep(None, string)  # does not use self

    def _ldap_string_prep(self, string):
        return prepare(string)

    @lru_cache(maxsize=4096)
    def hashable(encoded: bytes) -> str:
        return original_hashable.fget(x509.Name.load(encoded))

    @lru_cache(maxsize=8192)
    def equal(a: bytes, b: bytes) -> bool:
        return original_eq(x509.Name.load(a), x509.Name.load(b))

    def _name_hashable(self) -> str:
        # .chosen is the RDNSequence, whatever tagging the Name has where it sits.
        return hashable(self.chosen.dump())

    def _name_eq(self, other) -> bool:
        if not isinstance(other, x509.Name):
            return False
        a, b = self.chosen.dump(), other.chosen.dump()
        return a == b or equal(a, b)

    def untag(self):
        if self.explicit is None and self.implicit is False and type(self) is x509.Certificate:
            return shared(x509.Certificate, self.dump())
        return original_untag(self)

    return _replace(
        {(x509.NameTypeAndValue, "_ldap_string_prep"): _ldap_string_prep,
         (x509.Name, "hashable"): property(_name_hashable, doc=original_hashable.__doc__),
         (x509.Name, "__eq__"): _name_eq,
         (x509.Certificate, "untag"): untag},
        {(x509.NameTypeAndValue, "_ldap_string_prep"): "_ldap_string_prep",
         (x509.Name, "hashable"): "hashable",
         (x509.Name, "__eq__"): "__eq__",
         (x509.Certificate, "untag"): "untag"})


def _rsa_negative_modulus() -> dict:
    """WORKAROUND for docs/upstream/asn1crypto-negative-rsa-modulus.md: an RSA key whose modulus
    is DER-encoded as a negative INTEGER (the leading zero byte left out, found on real national
    ID cards) makes asn1crypto fail with "math domain error" on the key size, and cryptography
    refuses the key. Other validators read the modulus as the unsigned number it was meant to
    be; so does a certificate's `public_key` here (`negative_modulus()` tells the report to
    warn). The certificate's own bytes, and so its issuer's signature, are untouched."""
    from asn1crypto import keys, x509

    original_public_key = x509.Certificate.public_key
    rsa_oid = "1.2.840.113549.1.1.1"

    def first_integer(der: bytes) -> int | None:
        """Where the content of the first INTEGER inside a DER SEQUENCE starts, or None."""
        if len(der) < 4 or der[0] != 0x30:
            return None
        at = 2 + (der[1] & 0x7F if der[1] & 0x80 else 0)
        if at + 2 > len(der) or der[at] != 0x02:
            return None
        first = der[at + 1]
        at += 2 + (first & 0x7F if first & 0x80 else 0)
        return at if at < len(der) else None

    def unsigned_modulus(spki):
        """`spki`, or a copy whose RSA modulus is the unsigned reading of a negative encoding."""
        if spki["algorithm"]["algorithm"].dotted != rsa_oid:
            return spki
        raw = spki["public_key"].contents[1:]  # the RSAPublicKey DER after the unused-bits byte
        at = first_integer(raw)
        if at is None or not raw[at] & 0x80:
            return spki
        rsa = keys.RSAPublicKey.load(raw)
        modulus = int.from_bytes(rsa["modulus"].contents, "big")
        fixed = keys.PublicKeyInfo({
            "algorithm": spki["algorithm"],
            "public_key": keys.RSAPublicKey({"modulus": modulus, "public_exponent": rsa["public_exponent"].native}),
        })
        fixed._imza_negative_modulus = True
        return fixed

    def public_key(self):
        spki = original_public_key.fget(self)
        key = spki.__dict__.get("_imza_key")
        if key is None:
            key = spki._imza_key = unsigned_modulus(spki)
        return key

    return _replace({(x509.Certificate, "public_key"): property(public_key, doc=original_public_key.__doc__)},
                    {(x509.Certificate, "public_key"): "public_key"})


def negative_modulus(cert) -> bool:
    """Whether `cert`'s RSA modulus is encoded as a negative number (and read as the positive one)."""
    return bool(getattr(cert.public_key, "_imza_negative_modulus", False))


PATCHES = (
    Patch("pdf-readers", "pyhanko", "pyhanko.pdf_utils.generic",
          UPSTREAM + "pyhanko-token-reader-speed.md", _pdf_readers),
    Patch("endless-comment", "pyhanko", "pyhanko.pdf_utils.generic",
          UPSTREAM + "pyhanko-endless-comment.md", _endless_comment_guard),
    Patch("asn1-names", "asn1crypto", "asn1crypto.x509",
          UPSTREAM + "asn1crypto-name-comparison-speed.md", _asn1_names),
    Patch("rsa-negative-modulus", "asn1crypto", "asn1crypto.x509",
          UPSTREAM + "asn1crypto-negative-rsa-modulus.md", _rsa_negative_modulus),
)


def _apply(patch: Patch) -> None:
    with _lock:
        if patch.name in _applied or patch.name in _skipped:
            return
        version = _library_version(patch.library)
        if version not in CHECKED[patch.library]:
            _skipped[patch.name] = f"{patch.library} {version} is not a checked version {CHECKED[patch.library]}"
        else:
            try:
                _applied[patch.name] = patch.apply()
            except (AttributeError, ValueError) as e:
                _skipped[patch.name] = f"{patch.library} {version} looks unexpected: {e}"
        if patch.name in _skipped:
            log.debug("patch %s not applied: %s", patch.name, _skipped[patch.name])


class _AfterImport(importlib.abc.MetaPathFinder):
    """Applies the waiting patches right after their module is imported."""

    def find_spec(self, fullname, path, target=None):
        waiting = [p for p in PATCHES if p.module == fullname and p.name not in _applied]
        if not waiting:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None:
            spec.loader = _PatchingLoader(spec.loader, waiting)
        return spec


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader, patches):
        self._loader, self._patches = loader, patches

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        module.__loader__ = module.__spec__.loader = self._loader
        for patch in self._patches:
            _apply(patch)

    def __getattr__(self, name):  # resources, get_data...: the real loader's
        return getattr(self._loader, name)


def install() -> None:
    """Apply the patches: now for the libraries already imported, at their import for the others.
    Called by the entry points; idempotent; does nothing when IMZA_NO_PATCHES is set."""
    global _requested
    if os.environ.get(DISABLE_VARIABLE):
        log.debug("library patches off (%s is set)", DISABLE_VARIABLE)
        return
    with _lock:
        if not _requested:
            _requested = True
            sys.meta_path.insert(0, _AfterImport())
        for patch in PATCHES:
            if patch.module in sys.modules:
                _apply(patch)


def applied() -> dict[str, str]:
    """{patch name: its upstream report} for the patches in force (the self-test and tests show it)."""
    return {p.name: p.upstream for p in PATCHES if p.name in _applied}


def skipped() -> dict[str, str]:
    """{patch name: why it was not applied}."""
    return dict(_skipped)


def original(owner: object, attribute: str):
    """What `owner.attribute` was before a patch replaced it (the attribute itself if unpatched)."""
    for originals in _applied.values():
        if (owner, attribute) in originals:
            return originals[(owner, attribute)]
    return getattr(owner, attribute)
