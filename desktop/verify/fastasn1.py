"""Parsed certificates, OCSP responses and CRLs, shared by encoding within a thread.

The letters of a batch carry the same few certificates and, when they were signed in one
session, the same OCSP response; asn1crypto caches what it works out about a value (issuer and
serial, key identifier, extensions, public key) on the parsed object, so parsing each encoding
once lets every letter reuse that work. (desktop/patches.py makes pyhanko's untag() copies of
certificates answer with these shared values too.)
"""

from __future__ import annotations

import threading
from functools import lru_cache, partial

from asn1crypto import core

_per_thread = threading.local()


def shared(cls: type[core.Asn1Value], encoded: bytes) -> core.Asn1Value:
    """The one parsed `cls` value for this encoding in this thread. Do not modify it.

    One per thread: asn1crypto parses parts of a value on first access, which is not safe
    when two threads read the same value (serve-verify verifies in worker threads). Its dump()
    answers from the encoding it was parsed from: asn1crypto's would first walk every parsed
    part to see whether anything was modified (pyhanko dumps certificates and revocation data
    over and over to identify them)."""
    load = getattr(_per_thread, "load", None)
    if load is None:
        load = _per_thread.load = lru_cache(maxsize=2048)(_load)
    return load(cls, encoded)


def _load(cls: type[core.Asn1Value], encoded: bytes) -> core.Asn1Value:
    value = cls.load(encoded)
    value.dump = partial(_pinned_dump, value, value.dump())
    return value


def _pinned_dump(value: core.Asn1Value, encoding: bytes, force: bool = False) -> bytes:
    return type(value).dump(value, force=True) if force else encoding
