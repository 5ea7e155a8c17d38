"""The pyhanko Signer every signature format uses: pyhanko's PKCS11Signer, adapted to real cards.

Two things it adds: a key with CKA_ALWAYS_AUTHENTICATE gets the PIN with each C_Sign
(python-pkcs11's `key.sign(..., pin=...)` calls C_Login(CKU_CONTEXT_SPECIFIC) after C_SignInit,
PKCS#11 v2.40 5.5.1), and a PKCS#11 failure comes out as the TokenError desktop.tokens.errors
words for it, so that signing and bulk signing never see a pkcs11 exception.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pyhanko.sign.pkcs11 import PKCS11Signer

from desktop.tokens.errors import PKCS11Error, token_error


class CardSigner(PKCS11Signer):
    """PKCS11Signer with the card's label (for messages) and an optional per-signature PIN source."""

    def __init__(self, pkcs11_session, *, label: str, context_pin: Callable[[], str] | None = None, **kwargs):
        super().__init__(pkcs11_session, **kwargs)
        self.label = label
        self._context_pin = context_pin

    @property
    def pin_per_signature(self) -> bool:
        """Whether the key asks for the PIN at every signature (CKA_ALWAYS_AUTHENTICATE): a context login each time."""
        return self._context_pin is not None

    def sign_kwargs(self, data_to_sign: bytes) -> dict[str, Any]:
        """pyhanko's keyword arguments for key.sign(), plus `pin` for a context-specific login when the key needs one."""
        kwargs = dict(super().sign_kwargs(data_to_sign))
        if self._context_pin is not None:
            kwargs["pin"] = self._context_pin()
        return kwargs

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
        """pyhanko's raw signature, with PKCS#11 failures turned into Imza's TokenError (desktop/tokens/errors.py)."""
        try:
            return await super().async_sign_raw(data, digest_algorithm, dry_run=dry_run)
        except PKCS11Error as e:
            raise token_error(e, self.label) from None
