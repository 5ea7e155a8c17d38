"""Certificate names, remembered: the asn1crypto hot spot of verifying many letters.

asn1crypto compares X.509 names after RFC 4518 string preparation (several regular
expressions and a stringprep table walk per attribute), again for every freshly parsed
certificate; pyhanko and pyhanko-certvalidator compare and index names all the time (finding
the signer's certificate, the issuers, registering every certificate a file carries), and in a
batch the same few names recur in every file. Everything here depends only on the names'
encodings, so the results are cached by encoding; nothing else changes. (Name.hashable and
Name.__eq__ remembered: B-LT verification about 15% less CPU.)

Parsed certificates, OCSP responses and CRLs are shared by encoding too (`shared`, within a
thread): the letters of a batch carry the same few certificates and, when they were signed in
one session, the same OCSP response, and asn1crypto caches what it works out about a value
(issuer and serial, key identifier, extensions, public key) on the parsed object. pyhanko takes
a deep copy of every certificate it reads from a SignedData (untag()), which throws that away,
so an untagged certificate's untag() returns the shared parsed certificate instead of a copy.
Nothing in verification modifies a parsed certificate. (B-LT letters: about 8% less CPU.)

RSA keys whose modulus is DER-encoded as a negative INTEGER (the leading zero byte left out,
found on real national ID cards): asn1crypto then fails with "math domain error" on the key
size and cryptography refuses the key. Other validators read the modulus as the unsigned
number it was meant to be; so does a certificate's `public_key` here (`negative_modulus` tells
the report to warn). The certificate's own bytes, and so its issuer's signature, are untouched.

Tried and dropped: a cheaper untag() for signed attributes (the re-parse it causes costs more
than the deep copy it saves); remembering extract_certificate_info per SignedData (few repeats).
"""

from __future__ import annotations

import threading
from functools import lru_cache, partial

from asn1crypto import core, keys, x509

_original_prep = x509.NameTypeAndValue._ldap_string_prep
_original_hashable = x509.Name.hashable
_original_eq = x509.Name.__eq__
_original_untag = x509.Certificate.untag
_original_public_key = x509.Certificate.public_key
_RSA = "1.2.840.113549.1.1.1"
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


def _certificate_untag(self):
    if self.explicit is None and self.implicit is False and type(self) is x509.Certificate:
        return shared(x509.Certificate, self.dump())
    return _original_untag(self)


def _certificate_public_key(self) -> keys.PublicKeyInfo:
    spki = _original_public_key.fget(self)
    key = spki.__dict__.get("_imza_key")
    if key is None:
        key = spki._imza_key = _unsigned_modulus(spki)
    return key


def _unsigned_modulus(spki: keys.PublicKeyInfo) -> keys.PublicKeyInfo:
    """`spki`, or a copy whose RSA modulus is the unsigned reading of a negative encoding."""
    if spki["algorithm"]["algorithm"].dotted != _RSA:
        return spki
    raw = spki["public_key"].contents[1:]  # the RSAPublicKey DER after the unused-bits byte
    at = _first_integer(raw)
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


def _first_integer(der: bytes) -> int | None:
    """Where the content of the first INTEGER inside a DER SEQUENCE starts, or None."""
    if len(der) < 4 or der[0] != 0x30:
        return None
    at = 2 + (der[1] & 0x7F if der[1] & 0x80 else 0)
    if at + 2 > len(der) or der[at] != 0x02:
        return None
    first = der[at + 1]
    at += 2 + (first & 0x7F if first & 0x80 else 0)
    return at if at < len(der) else None


def negative_modulus(cert: x509.Certificate) -> bool:
    """Whether `cert`'s RSA modulus is encoded as a negative number (and read as the positive one)."""
    return bool(getattr(cert.public_key, "_imza_negative_modulus", False))


@lru_cache(maxsize=8192)
def _prepare(string: str) -> str:
    return _original_prep(None, string)  # does not use self


def _ldap_string_prep(self, string):
    return _prepare(string)


@lru_cache(maxsize=4096)
def _hashable(encoded: bytes) -> str:
    return _original_hashable.fget(x509.Name.load(encoded))


@lru_cache(maxsize=8192)
def _equal(a: bytes, b: bytes) -> bool:
    return _original_eq(x509.Name.load(a), x509.Name.load(b))


def _name_hashable(self) -> str:
    # .chosen is the RDNSequence, whatever tagging the Name has where it sits.
    return _hashable(self.chosen.dump())


def _name_eq(self, other) -> bool:
    if not isinstance(other, x509.Name):
        return False
    a, b = self.chosen.dump(), other.chosen.dump()
    return a == b or _equal(a, b)


def install() -> None:
    """Idempotent."""
    x509.NameTypeAndValue._ldap_string_prep = _ldap_string_prep
    x509.Name.hashable = property(_name_hashable, doc=_original_hashable.__doc__)
    x509.Name.__eq__ = _name_eq
    x509.Certificate.untag = _certificate_untag
    x509.Certificate.public_key = property(_certificate_public_key, doc=_original_public_key.__doc__)
