"""Faster readers for PDF tokens, the hot spots of opening a signed PDF.

A signature's /Contents is a hex string of 16-40 kB; pyhanko reads it one character at a time
through Python generators (~15 ms per signature, a third of verifying a B-LT letter). This
reads the same string with one find() and binascii, and falls back to pyhanko's own reader
for anything unusual (comments inside the string, characters that are not hex digits, a string
that does not end), so results and error messages stay exactly pyhanko's.

Names, keywords and object numbers are read up to the next delimiter or whitespace byte, which
pyhanko does one byte at a time through a generator (a tenth of reading a letter's objects):
`_read_until_class` does it with one regular expression search per 64 bytes, with the same
result and the stream left at the same place. A name's bytes are then decoded one at a time
(for # escapes); `_decode_name` turns a plain name into text in one step and hands anything
with an escape or an odd byte to pyhanko. `read_non_whitespace`, called before every token,
finds the next token with one regular expression search instead of a byte-at-a-time loop.

One guard as well: pyhanko's read_object skips a comment by reading until an end of line, and
never stops when the data ends first (a comment at the end of an object stream, say), so a
crafted PDF would hang verification for good. `read_object` checks that such a comment ends
and raises pyhanko's own "stream ended" error when it does not.
"""

from __future__ import annotations

import binascii
import re

from pyhanko.pdf_utils import content_stream_parser, generic, misc

_original = generic.read_hex_string_from_stream
_original_until_class = misc._read_until_class
_original_decode_name = generic._decode_name
_original_read_object = generic.read_object
_original_non_whitespace = misc.read_non_whitespace
_NON_WHITESPACE = re.compile(b"[^" + re.escape(misc.PDF_WHITESPACE) + b"]")
_END_OF_LINE = re.compile(rb"[\r\n]")
_PLAIN_NAME = re.compile(b"[" + re.escape(bytes(b for b in range(0x21, 0x7F)
                                                if b not in misc.PDF_DELIMITERS and b != 0x23)) + b"]*")
_CLASS_PATTERNS: dict[bytes, re.Pattern] = {}
_BLOCK = 1 << 16


def read_hex_string_from_stream(stream):
    start = stream.tell()
    stream.read(1)  # the "<"
    parts = []
    while True:
        block = stream.read(_BLOCK)
        end = block.find(b">")
        if end >= 0:
            parts.append(block[:end])
            break
        if len(block) < _BLOCK:  # no closing ">": let pyhanko raise its error
            stream.seek(start)
            return _original(stream)
        parts.append(block)
    body = b"".join(parts)
    digits = body.translate(None, misc.PDF_WHITESPACE)
    if len(digits) % 2:
        digits += b"0"
    try:
        value = binascii.unhexlify(digits)
    except binascii.Error:  # comments or junk (anything but hex digits): pyhanko decides
        stream.seek(start)
        return _original(stream)
    stream.seek(start + 1 + len(body) + 1)
    return generic.pdf_string(value)


def _read_until_class(class_chars: bytes, stream, maxchars=None):
    """(bytes before the first byte of `class_chars`, whether the stream ended first); that byte is consumed."""
    if maxchars is not None:
        return _original_until_class(class_chars, stream, maxchars)
    pattern = _CLASS_PATTERNS.get(class_chars)
    if pattern is None:
        pattern = _CLASS_PATTERNS[class_chars] = re.compile(b"[" + re.escape(class_chars) + b"]")
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


def _decode_name(name_bytes: bytes) -> generic.NameObject:
    """The name object for the bytes after its "/": pyhanko's answer, in one step for a plain name.

    A new object each time: pyhanko sets `container_ref` on every object it reads."""
    if _PLAIN_NAME.fullmatch(name_bytes):
        return generic.NameObject("/" + name_bytes.decode("ascii"))
    return _original_decode_name(name_bytes)


def read_object(stream, container_ref, as_metadata_stream: bool = False,
                in_content_stream=generic.ContentOpReading.NO):
    start = stream.tell()
    if stream.read(1) == b"%":
        while not _END_OF_LINE.search(block := stream.read(256)):
            if len(block) < 256:
                raise misc.PdfStreamError("Stream ended inside a comment")
    stream.seek(start)
    return _original_read_object(stream, container_ref, as_metadata_stream, in_content_stream)


def read_non_whitespace(stream, seek_back=False, allow_eof=False):
    """pyhanko's: the next byte that is neither white space nor in a comment (consumed unless seek_back)."""
    start = stream.tell()
    block = stream.read(32)
    found = _NON_WHITESPACE.search(block)
    if found is None or block[found.start()] == 0x25:  # 32 blanks, the end, or a comment: pyhanko's loop
        stream.seek(start)
        return _original_non_whitespace(stream, seek_back, allow_eof)
    at = found.start()
    stream.seek(start + at + (0 if seek_back else 1))
    return block[at:at + 1]


def install() -> None:
    """Idempotent; pyhanko's object reader looks the functions up at each call."""
    generic.read_hex_string_from_stream = read_hex_string_from_stream
    misc._read_until_class = _read_until_class
    generic._decode_name = _decode_name
    generic.read_object = content_stream_parser.read_object = read_object
    misc.read_non_whitespace = generic.read_non_whitespace = read_non_whitespace
