"""Text from documents, certificates and servers, made safe to print on a terminal.

A certificate name, a file or ASiC entry name or a portal's reason may hold terminal control
characters: ESC sequences that erase or rewrite lines (a forged "TOTAL-PASSED" under a real
"TOTAL-FAILED"), CR, BEL, the C1 controls (U+0080-U+009F, CSI among them), line separators and
Unicode bidi overrides that reorder what is shown. `printable` turns each into a visible escape;
everything else, any script included, is kept as it is.
"""

from __future__ import annotations

import re

# C0 controls, DEL and the C1 controls; Unicode's line and paragraph separators; the bidi marks,
# embeddings, overrides and isolates (Unicode UAX #9, "Explicit Directional Formatting Characters").
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: object) -> str:
    """`text` with every control character shown as an escape (ESC → \\x1b, U+202E → \\u202e)."""
    return UNSAFE.sub(_escape, str(text))


def json_printable(text: str) -> str:
    """JSON text (from json.dumps) with the same characters as JSON escapes (\\u009b, \\u202e):
    the same values for a program, nothing a terminal acts on for a person. json.dumps already
    escapes C0 inside strings; the line breaks of its indentation stay."""
    return UNSAFE.sub(lambda m: m.group() if m.group() < " " else f"\\u{ord(m.group()):04x}", text)
