"""Certificate name comparison, remembered: an asn1crypto hot spot of verifying many letters.

asn1crypto compares X.509 names after RFC 4518 string preparation (several regular
expressions and a stringprep table walk per attribute), again for every freshly parsed
certificate; pyhanko and pyhanko-certvalidator compare names often (finding the signer's and
issuers' certificates), and in a batch the same few names recur in every file. The
preparation depends only on the string, so its result is cached; nothing else changes.
(Tried and dropped: a cheaper untag() for signed attributes; the re-parse it causes costs
more than the deep copy it saves.)
"""

from __future__ import annotations

from functools import lru_cache

from asn1crypto import x509

_original_prep = x509.NameTypeAndValue._ldap_string_prep


@lru_cache(maxsize=8192)
def _prepare(string: str) -> str:
    return _original_prep(None, string)  # does not use self


def _ldap_string_prep(self, string):
    return _prepare(string)


def install() -> None:
    """Idempotent."""
    x509.NameTypeAndValue._ldap_string_prep = _ldap_string_prep
