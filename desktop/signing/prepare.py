"""Preparing documents for signing without the token: runs in worker processes.

A prepared PDF is the original plus an incremental update holding the signature dictionary
with an empty /Contents placeholder; only the CMS is missing. A prepared file for CAdES is
just its digest. Both are plain picklable values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from asn1crypto import x509
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest

from desktop.core.errors import ImzaError, InputError
from desktop.core.model import SignatureFormat
from desktop.signing import pades


@dataclass
class Prepared:
    """A letter a worker prepared: the digest to sign, and for PAdES the PDF with its placeholder; or `error`."""

    job_id: int
    source_sha256: str
    digest: bytes  # what goes into the message-digest attribute
    pdf: bytes | None = None  # PAdES: the document with its placeholder
    placeholder: PreparedByteRangeDigest | None = None
    error: ImzaError | None = None


def _pdf_signer(cert: x509.Certificate, field_name: str, reason, location):
    # The external signer is never asked to sign: bytes_reserved is given, so no dry run.
    ext = signers.ExternalSigner(signing_cert=cert, cert_registry=None, signature_value=b"")
    meta = signers.PdfSignatureMetadata(field_name=field_name, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES,
                                        reason=reason, location=location)
    return signers.PdfSigner(meta, signer=ext)


def warm_up(cert_der: bytes) -> None:
    """Run once in each worker before its first job: the first preparation in a process pays
    for imports and first-use set-up; paid here, on a one-page PDF made on the spot, it does not
    stall the token. `cert_der`: the signer's certificate, as the real jobs will use it."""
    from pyhanko.pdf_utils import generic, writer

    w = writer.PdfFileWriter()
    w.insert_page(writer.PageObject(w.add_object(generic.StreamObject(stream_data=b"BT ET")), (0, 0, 595, 842)))
    buf = BytesIO()
    w.write(buf)
    result = prepare_data(-1, buf.getvalue(), "warm-up.pdf", SignatureFormat.PADES.value, cert_der, 16384)
    if result.error:
        raise result.error


def ready() -> bool:
    """A no-op job: it completes once a worker has finished warm_up."""
    return True


def prepare(job_id: int, source: str, fmt: str, cert_der: bytes, bytes_reserved: int,
            reason: str | None = None, location: str | None = None) -> Prepared:
    """`prepare_data` of the file at `source`, read in the worker; an unreadable file comes back as
    `Prepared.error` (never raised: one letter's problem must not stop a run).
    """
    try:
        data = Path(source).read_bytes()
    except OSError as e:
        return Prepared(job_id, "", b"", error=InputError("{path} cannot be read ({error}).",
                                                          "Check the file and run again.", path=source, error=e.strerror))
    return prepare_data(job_id, data, source, fmt, cert_der, bytes_reserved, reason, location)


def prepare_data(job_id: int, data: bytes, source: str, fmt: str, cert_der: bytes, bytes_reserved: int,
                 reason: str | None = None, location: str | None = None) -> Prepared:
    """What a bulk worker does for one letter before the token is asked: the digest to sign.

    CAdES (`fmt` "cades"): the document's SHA-256. PAdES: the PDF with a signature placeholder of
    `bytes_reserved` bytes and the digest of its byte range, for `cert_der`'s signer. Problems come
    back as `Prepared.error`, never raised.
    """
    src_hash = hashlib.sha256(data).hexdigest()
    if fmt == SignatureFormat.CADES.value:
        return Prepared(job_id, src_hash, bytes.fromhex(src_hash))
    try:
        writer = pades.open_pdf(data, source)
        pades.refuse_if_locked(writer, source)
        pdf_signer = _pdf_signer(x509.Certificate.load(cert_der), pades.next_field_name(writer), reason, location)
        placeholder, _tbs, out = _run(pdf_signer.async_digest_doc_for_signing(writer, bytes_reserved=bytes_reserved))
    except ImzaError as e:
        return Prepared(job_id, src_hash, b"", error=e)
    except Exception as e:  # a PDF pyhanko cannot update: reported for this letter only
        return Prepared(job_id, src_hash, b"", error=InputError(
            "{path} cannot be prepared for signing ({error}: {detail}).",
            "Open and re-save it in a PDF editor, then sign it again.", path=source, error=type(e).__name__, detail=str(e)[:160]))
    return Prepared(job_id, src_hash, placeholder.document_digest, out.getvalue(), placeholder)


def _run(coro):
    # Nothing in the preparation awaits I/O; drive the coroutine without an event loop so that
    # this also works on a thread of a process whose loop is already running.
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError("PDF preparation unexpectedly awaited I/O")


def finish_pdf(prepared: Prepared, cms_der: bytes) -> bytes:
    """The prepared PDF with `cms_der` written into its placeholder: the signed document's bytes."""
    out = BytesIO(prepared.pdf)
    prepared.placeholder.fill_with_cms(out, cms_der)
    return out.getvalue()
