"""CMS SignedData for many documents from one template: the per-letter work is byte splicing.

pyhanko builds every CMS object through asn1crypto, in Python, for every letter (the cost is
in benchmarks/). Everything but the document digest, the signing time, the
signature value and the time-stamp token is the same for every letter of a batch, so the
template is built ONCE by pyhanko itself (same attributes, same order) and the varying parts
are spliced in as DER. Outputs are checked against pyhanko's validator in the tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import cms, core
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

_DIGEST_MARKER = bytes.fromhex("a5" * 32)
# A signing time nobody will use (UTCTime 491231235959Z): replaced per letter.
_TIME_MARKER = datetime(2049, 12, 31, 23, 59, 59, tzinfo=UTC)
_TIME_MARKER_DER = b"491231235959Z"


def der_len(n: int) -> bytes:
    """The DER length octets for `n` content bytes (short form below 128, else long form)."""
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag: int, content: bytes) -> bytes:
    """A DER element: one-byte `tag`, length, `content` (already encoded)."""
    return bytes([tag]) + der_len(len(content)) + content


@dataclass
class CMSTemplate:
    """A batch's SignedData, built once by pyhanko, cut where the per-letter parts go."""

    attrs_prefix: bytes
    attrs_suffix: bytes
    has_signing_time: bool
    signer_info_head: bytes  # version, sid, digestAlgorithm
    signature_algorithm: bytes
    signed_data_head: bytes  # version, digestAlgorithms, encapContentInfo, certificates
    content_type_oid: bytes

    def signed_attributes(self, digest: bytes, when: datetime | None = None) -> bytes:
        """DER of the signed attributes (SET tag): what the token signs."""
        der = self.attrs_prefix + digest + self.attrs_suffix
        if self.has_signing_time:
            stamp = (when or datetime.now(UTC)).astimezone(UTC).strftime("%y%m%d%H%M%SZ").encode()
            der = der.replace(_TIME_MARKER_DER, stamp, 1)
        return der

    def content_info(self, signed_attrs: bytes, signature: bytes, timestamp_token: bytes | None = None) -> bytes:
        """The DER ContentInfo for one letter: the template with `signed_attrs` (from `signed_attributes`),
        the token's `signature` and, for B-T, the `timestamp_token` as unsigned attribute.
        """
        unsigned = b""
        if timestamp_token is not None:
            attr = tlv(0x30, core.ObjectIdentifier("1.2.840.113549.1.9.16.2.14").dump()
                       + tlv(0x31, timestamp_token))
            unsigned = tlv(0xA1, attr)
        # signedAttrs are [0] IMPLICIT in SignerInfo: same content, context tag instead of SET.
        signer_info = tlv(0x30, self.signer_info_head + b"\xa0" + signed_attrs[1:]
                          + self.signature_algorithm + tlv(0x04, signature) + unsigned)
        signed_data = tlv(0x30, self.signed_data_head + tlv(0x31, signer_info))
        return tlv(0x30, self.content_type_oid + tlv(0xA0, signed_data))


async def build_template(signer, *, pades: bool) -> CMSTemplate:
    """Ask pyhanko for exactly the attributes it would sign, with markers in the varying places."""
    settings = PdfCMSSignedAttributes(signing_time=None if pades else _TIME_MARKER)
    attrs = await signer.signed_attrs(_DIGEST_MARKER, "sha256", attr_settings=settings,
                                      use_pades=pades, is_pdf_sig=pades)
    der = attrs.dump()
    if der.count(_DIGEST_MARKER) != 1:
        raise RuntimeError("signed attribute template is ambiguous")
    prefix, suffix = der.split(_DIGEST_MARKER)
    has_time = _TIME_MARKER_DER in der
    dummy_sig = b"\x00" * 64
    si = signer.signer_info("sha256", attrs, dummy_sig)
    certs = [signer.signing_cert] + [c for c in signer.cert_registry if c.dump() != signer.signing_cert.dump()]
    sd = cms.SignedData({
        "version": "v1",
        "digest_algorithms": [si["digest_algorithm"]],
        "encap_content_info": {"content_type": "data"},
        "certificates": certs,
        "signer_infos": [],
    })
    sd_content = sd.contents
    assert sd_content.endswith(b"\x31\x00")
    return CMSTemplate(
        attrs_prefix=prefix,
        attrs_suffix=suffix,
        has_signing_time=has_time,
        signer_info_head=si["version"].dump() + si["sid"].dump() + si["digest_algorithm"].dump(),
        signature_algorithm=si["signature_algorithm"].dump(),
        signed_data_head=sd_content[:-2],
        content_type_oid=core.ObjectIdentifier("1.2.840.113549.1.7.2").dump(),
    )


def signature_digest(signature: bytes) -> bytes:
    """What a signature time-stamp covers: the hash of the signature value."""
    return hashlib.sha256(signature).digest()
