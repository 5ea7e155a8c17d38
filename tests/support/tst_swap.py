"""Replace a signature's time-stamp token by a genuine one over other bytes (tests of time-stamp verdicts).

The token comes from the demo TSA, so it is well-formed and its own signature verifies; it is
spliced into the signer's unsigned attributes with asn1crypto. The signed bytes and the
signature value are untouched: only the time-stamp no longer belongs to the signature.
"""

from __future__ import annotations

import asyncio
import binascii
import hashlib
import re

from asn1crypto import cms
from pyhanko.sign.timestamps import HTTPTimeStamper


def foreign_token(tsa_url: str) -> cms.ContentInfo:
    """A real token from the TSA at `tsa_url`, over the hash of bytes that are no signature's value."""
    digest = hashlib.sha256(b"not the signature value of anything").digest()
    return asyncio.run(HTTPTimeStamper(tsa_url).async_timestamp(digest, "sha256"))


def with_token(der: bytes, token: cms.ContentInfo) -> bytes:
    """The CMS ContentInfo `der` with its first signer's signature time-stamp replaced by `token`."""
    info = cms.ContentInfo.load(der)
    signer_info = info["content"]["signer_infos"][0]
    old = list(signer_info["unsigned_attrs"])
    assert any(a["type"].native == "signature_time_stamp_token" for a in old), "no signature time-stamp to replace"
    signer_info["unsigned_attrs"] = cms.CMSAttributes([
        cms.CMSAttribute({"type": "signature_time_stamp_token", "values": [token]})
        if a["type"].native == "signature_time_stamp_token" else a for a in old])
    return info.dump(force=True)


def pdf_with_token(pdf: bytes, token: cms.ContentInfo) -> bytes:
    """The first signature's /Contents rewritten in place (same length, zero padded), so its
    /ByteRange and the signed bytes stay exactly as they were."""
    m = next(re.finditer(rb"/Contents\s*<([0-9a-fA-F]{200,})>", pdf))
    der = binascii.unhexlify(m.group(1))
    der = der[:len(cms.ContentInfo.load(der).dump())]  # without the zero padding
    new = binascii.hexlify(with_token(der, token)).upper()
    room = m.end(1) - m.start(1)
    assert len(new) <= room, "the new token does not fit in the space reserved for /Contents"
    return pdf[:m.start(1)] + new + b"0" * (room - len(new)) + pdf[m.end(1):]
