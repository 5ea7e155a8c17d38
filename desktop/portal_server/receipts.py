"""Receipts: CMS SignedData by the portal's receipt key over the submission's facts (JSON)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import cms
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes


def receipt_content(*, portal: str, submission, sender: dict) -> bytes:
    """The JSON a receipt encapsulates (ReceiptContent in docs/portal-openapi.yaml)."""
    content = {
        "version": 1,
        "portal": portal,
        "submission_id": submission.id,
        "idempotency_key": submission.idempotency_key,
        "received_at": submission.created_at,
        "sender": sender,
        "service_id": submission.metadata.get("service_id"),
        "organization_id": submission.metadata.get("organization_id"),
        "subject": submission.metadata["subject"],
        "reference": submission.metadata.get("reference"),
        "files": submission.files,
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


class ReceiptSigner:
    def __init__(self, key_file: Path, cert_file: Path, ca_chain_files: tuple[Path, ...] = ()):
        self._signer = signers.SimpleSigner.load(str(key_file), str(cert_file),
                                                 ca_chain_files=tuple(str(p) for p in ca_chain_files))

    async def sign(self, content: bytes) -> bytes:
        info = cms.ContentInfo({"content_type": "data", "content": content})
        signed = await self._signer.async_sign_general_data(
            info, "sha256", detached=False, signed_attr_settings=PdfCMSSignedAttributes(signing_time=datetime.now(UTC)))
        return signed.dump()
