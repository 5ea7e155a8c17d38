"""Checking a portal receipt: the portal's CMS signature over what it received.

A receipt is verified when (1) its CMS signature is intact and valid, (2) it was made with
the portal's receipt certificate (`portal_receipt_cert`, the one trust anchor here, so a
certificate merely chaining to the same CA is not enough), and (3) what it says matches the
submission: its id, our Idempotency-Key, and the SHA-256 of every file we sent.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from asn1crypto import cms, pem, x509
from pyhanko.sign.validation.generic_cms import async_validate_cms_signature
from pyhanko_certvalidator import ValidationContext

from desktop.core.i18n import tr
from desktop.core.logs import quiet_pyhanko
from desktop.portal.model import ReceiptCheck
from desktop.tokens.certs import describe_name

quiet_pyhanko()


def load_certificate(path: Path) -> x509.Certificate:
    """An X.509 certificate from a PEM or DER file."""
    data = Path(path).read_bytes()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def receipt_content(receipt: bytes) -> dict | None:
    """What the receipt says (its encapsulated JSON), unverified; None if unreadable."""
    try:
        signed = cms.ContentInfo.load(receipt)["content"]
        return json.loads(signed["encap_content_info"]["content"].native)
    except (ValueError, TypeError, KeyError):
        return None


def verify_receipt(receipt: bytes, *, receipt_cert: Path | None, submission_id: str,
                   idempotency_key: str, file_hashes: list[str]) -> ReceiptCheck:
    """Check a portal receipt (the module docstring says what makes one verified).

    `receipt_cert`: the pinned portal receipt certificate (None: not configured, never verified).
    `file_hashes`: the SHA-256 of the files sent, in the order sent. Never raises: a damaged or
    foreign receipt comes back as a ReceiptCheck with `verified` False and the reason.
    """
    if not receipt:
        return ReceiptCheck(False, tr("the portal sent no receipt"))
    try:
        info = cms.ContentInfo.load(receipt)
        signed = info["content"]
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        content = json.loads(signed["encap_content_info"]["content"].native)
    except (ValueError, TypeError, KeyError):
        return ReceiptCheck(False, tr("the receipt is not a signed receipt Imza can read"))
    facts = {"submission_id": content.get("submission_id"), "received_at": content.get("received_at"),
             "files": list(content.get("files") or [])}
    if receipt_cert is None or not Path(receipt_cert).is_file():
        return ReceiptCheck(False, tr("no portal receipt certificate is set (portal_receipt_cert)"), **facts)
    pinned = load_certificate(receipt_cert)
    try:
        status = asyncio.run(_validate(signed, pinned))
    except Exception as e:  # noqa: BLE001 - a damaged receipt must become a verdict, not a crash
        return ReceiptCheck(False, tr("the receipt's signature could not be checked ({error})",
                                      error=type(e).__name__), **facts)
    signer = describe_name(status.signing_cert.subject) if status.signing_cert else None
    signed_at = _signing_time(signed)
    if not (status.intact and status.valid):
        return ReceiptCheck(False, tr("the receipt's signature is not valid"), signer, signed_at, **facts)
    if status.signing_cert.dump() != pinned.dump() or not status.trusted:
        return ReceiptCheck(False, tr("the receipt was not signed with the portal's receipt certificate"),
                            signer, signed_at, **facts)
    if content.get("submission_id") != submission_id or content.get("idempotency_key") != idempotency_key:
        return ReceiptCheck(False, tr("the receipt is for another submission"), signer, signed_at, **facts)
    if [f.get("sha256") for f in facts["files"]] != list(file_hashes):
        return ReceiptCheck(False, tr("the receipt does not list the files that were sent"), signer, signed_at, **facts)
    return ReceiptCheck(True, None, signer, signed_at, **facts)


async def _validate(signed: cms.SignedData, pinned: x509.Certificate):
    vc = ValidationContext(trust_roots=[pinned], allow_fetching=False, revocation_mode="soft-fail")
    return await async_validate_cms_signature(signed, validation_context=vc)


def _signing_time(signed: cms.SignedData):
    try:
        for attr in signed["signer_infos"][0]["signed_attrs"]:
            if attr["type"].native == "signing_time":
                return attr["values"][0].native
    except (KeyError, IndexError, ValueError):
        pass
    return None
