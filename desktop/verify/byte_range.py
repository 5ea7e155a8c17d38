"""Is a PDF signature's /ByteRange the honest one? Checked on the raw bytes.

A signature digests the bytes its /ByteRange names. An honest range starts at 0 and skips
exactly the hex string of its own /Contents, inside its own signature dictionary, which itself
lies in the signed bytes. Universal signature forgery (missing, empty or absurd values) and
signature wrapping (a range that skips more than the signature value, or a dictionary rewritten
after signing) break one of these rules; each broken rule is one sentence here.
"""

from __future__ import annotations

import re

from pyhanko.pdf_utils import generic

from desktop.core.i18n import tr

HEX_STRING = re.compile(rb"<[0-9A-Fa-f\s]*>")
EOF_MARKER = b"%%EOF"


def signature_value_problems(sig_obj) -> list[str]:
    """What is wrong with /Contents itself (missing, not a string, empty, all zeros)."""
    if not isinstance(sig_obj, generic.DictionaryObject):
        return [tr("the signature field's value is not a signature dictionary")]
    if "/Contents" not in sig_obj:
        return [tr("the signature has no signature value (/Contents is missing)")]
    contents = sig_obj.raw_get("/Contents")
    if isinstance(contents, generic.IndirectObject):
        return [tr("the signature value (/Contents) is an indirect object, so the signed bytes cannot exclude it")]
    if not isinstance(contents, generic.ByteStringObject | generic.TextStringObject):
        return [tr("the signature value (/Contents) is not a string")]
    raw = contents.original_bytes if hasattr(contents, "original_bytes") else bytes(contents)
    if not raw.strip(b"\x00"):
        return [tr("the signature value (/Contents) is empty")]
    return []


def _byte_range(sig_obj) -> list[int] | str:
    if "/ByteRange" not in sig_obj:
        return tr("the signature has no /ByteRange, so nothing says which bytes are signed")
    value = sig_obj.raw_get("/ByteRange")
    if isinstance(value, generic.IndirectObject):
        value = value.get_object()
    if not isinstance(value, generic.ArrayObject) or len(value) != 4 \
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return tr("the /ByteRange is malformed (it must be four whole numbers)")
    numbers = [int(v) for v in value]
    if any(v < 0 for v in numbers):
        return tr("the /ByteRange holds negative numbers")
    return numbers


def byte_range_problems(data: bytes, reader, sig_ref, sig_obj) -> list[str]:
    """Every rule the signature's /ByteRange breaks, in words (empty: an honest range)."""
    br = _byte_range(sig_obj)
    if isinstance(br, str):
        return [br]
    start1, len1, start2, len2 = br
    problems: list[str] = []
    if len1 == 0 and len2 == 0:
        return [tr("the /ByteRange [{br}] covers no bytes at all", br=" ".join(map(str, br)))]
    if start1 != 0:
        problems.append(tr("the /ByteRange does not start at the beginning of the file"))
    if start2 < start1 + len1:
        problems.append(tr("the two parts of the /ByteRange overlap or are out of order"))
        return problems
    if start2 + len2 > len(data):
        problems.append(tr("the /ByteRange points beyond the end of the file"))
        return problems
    gap = data[start1 + len1:start2]
    if not HEX_STRING.fullmatch(gap):
        problems.append(tr("the unsigned gap in the /ByteRange ({size} bytes) holds more than the signature "
                           "value: bytes a viewer shows are not signed (signature wrapping)", size=len(gap)))
    where = _object_span(data, reader, sig_ref)
    if isinstance(where, str):
        problems.append(where)
    elif where is not None:
        obj_start, obj_end = where
        if not (obj_start < start1 + len1 and start2 <= obj_end):
            problems.append(tr("the unsigned gap is not the /Contents of this signature's own dictionary "
                               "(signature wrapping)"))
        if obj_end > start2 + len2:
            problems.append(tr("the signature dictionary lies outside the signed bytes: it was written or "
                               "rewritten after signing"))
    return problems


def _object_span(data: bytes, reader, sig_ref) -> tuple[int, int] | str | None:
    """Where the signature dictionary's object is in the file, as the newest xref says."""
    if sig_ref is None:
        return None
    location = reader.xrefs[sig_ref]
    if location is None:
        return None
    if not isinstance(location, int):
        return tr("the signature dictionary is inside a compressed object stream, where its /Contents "
                  "cannot be left out of the signed bytes")
    end = data.find(b"endobj", location)
    return location, (end if end >= 0 else len(data))


def trailing_bytes(data: bytes) -> int:
    """How many bytes other than white space follow the last %%EOF (0 for a proper file)."""
    at = data.rfind(EOF_MARKER)
    if at < 0:
        return 0
    return len(data[at + len(EOF_MARKER):].strip(b" \t\r\n\x00\x0c"))
