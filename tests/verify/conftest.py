"""Signed samples for the verification tests, made once per run with the real engine.

Signing goes through the demo SoftHSM2 tokens and the running demo services (TSA, OCSP, CRL),
exactly as `imza sign` does; tampered variants are derived from those files byte by byte or
with pyhanko's incremental writer. Nothing here mocks pyhanko or PKCS#11.
"""

from __future__ import annotations

import base64
import binascii
import re
import shutil
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pkcs11
import pytest
from asn1crypto import cms
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps import HTTPTimeStamper

from desktop.core.model import SignatureLevel
from desktop.demo.documents import letter_pdf
from desktop.signing.inputs import plan
from desktop.signing.session import SigningSession
from desktop.tokens.session import TokenSession, choose_certificate, choose_token, list_tokens
from desktop.verify.trust import TrustStore

CITIZEN = ("Citizen ID", "12345")  # RSA-2048
AGENCY = ("Agency token", "246810")  # EC P-256

DATA = b"The contract between the Ministry and the citizen, version 3.\n"


@dataclass
class Samples:
    dir: Path

    def __getitem__(self, name: str) -> Path:
        path = self.dir / name
        assert path.exists(), f"sample {name} was not made"
        return path


def _sign(demo, services, token: tuple[str, str], jobs: list[tuple[Path, SignatureLevel, Path]]) -> None:
    module = demo.state["pkcs11_module"]
    pkcs11.lib(module).reinitialize()  # see the demo tokens even if the library was loaded before
    tokens, _ = list_tokens(module)
    info = choose_token(tokens, token[0])
    cert = choose_certificate(info, None)
    with TokenSession(info) as session:
        session.login(token[1])
        signing = SigningSession(session, cert, tsa_url=services["tsa"], trust=TrustStore.from_dir(demo.trust_dir))
        requests = [r for source, level, out in jobs for r in plan([source], fmt=None, level=level, output=out)]
        for result in signing.sign_all(requests):
            assert result.error is None, f"{result.request.output}: {result.error}"


def _signature_contents(pdf: bytes) -> re.Match:
    """The last /Contents <hex> of a signature dictionary in the file."""
    matches = list(re.finditer(rb"/Contents\s*<([0-9a-fA-F]{200,})>", pdf))
    assert matches, "no signature /Contents found"
    return matches[-1]


def zero_contents(pdf: bytes) -> bytes:
    m = _signature_contents(pdf)
    return pdf[:m.start(1)] + b"0" * (m.end(1) - m.start(1)) + pdf[m.end(1):]


def zero_signature_value_in_pdf(pdf: bytes) -> bytes:
    """Zero the SignerInfo signature bytes inside the CMS, keeping every length and offset."""
    m = _signature_contents(pdf)
    der = binascii.unhexlify(m.group(1))
    patched = binascii.hexlify(zero_signature_value(der)).upper()
    return pdf[:m.start(1)] + patched + pdf[m.start(1) + len(patched):]


def zero_signature_value(der: bytes) -> bytes:
    value = cms.ContentInfo.load(der)["content"]["signer_infos"][0]["signature"].native
    at = der.index(value)
    return der[:at] + b"\x00" * len(value) + der[at + len(value):]


def rewrite_page(pdf: bytes) -> bytes:
    """A later incremental revision that replaces the page's content stream."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page = w.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = w.add_object(generic.StreamObject(
        stream_data=b"BT /F1 18 Tf 72 770 Td (Pay 1,000,000 EUR to Mallory) Tj ET"))
    w.update_container(page)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def encrypt(pdf: bytes, user_password: str) -> bytes:
    w = copy_into_new_writer(PdfFileReader(BytesIO(pdf)))
    w.encrypt("owner-secret", user_password)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


@pytest.fixture(scope="session")
def trust(demo, tmp_path_factory) -> TrustStore:
    """The demo root certificate alone: chains run signer → issuing CA → root."""
    roots = tmp_path_factory.mktemp("demo-root")
    shutil.copy(demo.trust_dir / "imza-demo-root.pem", roots)
    return TrustStore.from_dir(roots)


@pytest.fixture(scope="session")
def demo_trust(demo) -> TrustStore:
    """The demo trust folder as `imza demo init` makes it: the root plus the demo trusted list,
    which lists the issuing CA and the TSA as trust anchors of their own."""
    return TrustStore.from_dir(demo.trust_dir)


@pytest.fixture(scope="session")
def empty_trust(tmp_path_factory) -> TrustStore:
    return TrustStore.from_dir(tmp_path_factory.mktemp("no-anchors"))


@pytest.fixture(scope="session")
def samples(demo, services, tmp_path_factory) -> Samples:
    d = tmp_path_factory.mktemp("verify-samples")
    (d / "letter.pdf").write_bytes(letter_pdf("Letter to the Ministry"))
    (d / "contract.txt").write_bytes(DATA)

    L = SignatureLevel
    _sign(demo, services, CITIZEN, [
        (d / "letter.pdf", L.B_B, d / "rsa-B-B.pdf"),
        (d / "letter.pdf", L.B_T, d / "rsa-B-T.pdf"),
        (d / "letter.pdf", L.B_LT, d / "rsa-B-LT.pdf"),
        (d / "letter.pdf", L.B_LTA, d / "rsa-B-LTA.pdf"),
        (d / "contract.txt", L.B_B, d / "rsa-B-B.txt.p7s"),
        (d / "contract.txt", L.B_T, d / "rsa-B-T.txt.p7s"),
        (d / "contract.txt", L.B_LT, d / "rsa-B-LT.txt.p7s"),
    ])
    _sign(demo, services, AGENCY, [
        (d / "letter.pdf", L.B_LT, d / "ec-B-LT.pdf"),
        (d / "letter.pdf", L.B_LTA, d / "ec-B-LTA.pdf"),
        (d / "rsa-B-T.pdf", L.B_T, d / "two-signatures.pdf"),  # a second signer on the signed letter
        (d / "contract.txt", L.B_LT, d / "ec-B-LT.txt.p7s"),
    ])
    writer = IncrementalPdfFileWriter(BytesIO((d / "letter.pdf").read_bytes()))
    stamped = PdfTimeStamper(HTTPTimeStamper(services["tsa"])).timestamp_pdf(writer, "sha256")
    (d / "timestamp-only.pdf").write_bytes(stamped.getvalue())
    for name in ("rsa-B-B", "rsa-B-T", "rsa-B-LT", "ec-B-LT"):
        shutil.copy(d / "contract.txt", d / f"{name}.txt")

    # Tampered PDFs
    signed = (d / "rsa-B-T.pdf").read_bytes()
    at = signed.index(b"Dear colleagues")
    (d / "content-byte-changed.pdf").write_bytes(signed[:at] + b"N" + signed[at + 1:])
    (d / "page-rewritten.pdf").write_bytes(rewrite_page(signed))
    (d / "contents-zeroed.pdf").write_bytes(zero_contents(signed))
    (d / "rsa-signature-value-zeroed.pdf").write_bytes(zero_signature_value_in_pdf(signed))
    (d / "ec-signature-value-zeroed.pdf").write_bytes(
        zero_signature_value_in_pdf((d / "ec-B-LT.pdf").read_bytes()))

    # Tampered / moved CMS
    p7s = (d / "rsa-B-T.txt.p7s").read_bytes()
    (d / "zeroed.txt.p7s").write_bytes(zero_signature_value(p7s))
    shutil.copy(d / "contract.txt", d / "zeroed.txt")
    (d / "other-data.txt.p7s").write_bytes(p7s)
    (d / "other-data.txt").write_bytes(DATA.replace(b"version 3", b"version 4"))
    (d / "pem.txt.p7s").write_text("-----BEGIN PKCS7-----\n"
                                   + base64.encodebytes((d / "rsa-B-LT.txt.p7s").read_bytes()).decode()
                                   + "-----END PKCS7-----\n")
    shutil.copy(d / "contract.txt", d / "pem.txt")
    (d / "signature.bin").write_bytes(p7s)  # a CMS signature with a name that says nothing
    (d / "orphan.txt.p7s").write_bytes(p7s)  # its data file is missing

    # Unreadable inputs
    (d / "empty.pdf").write_bytes(b"")
    (d / "notes.pdf").write_text("These are plain-text notes, not a PDF.\n")
    (d / "truncated.pdf").write_bytes(signed[: len(signed) // 2])
    (d / "encrypted.pdf").write_bytes(encrypt((d / "letter.pdf").read_bytes(), "user-secret"))
    (d / "garbage.p7s").write_bytes(b"\x30\x82\x01\x00" + bytes(range(40)))
    (d / "folder").mkdir()
    shutil.copy(d / "rsa-B-T.pdf", d / "really-a-pdf.p7s")  # content decides, not the extension
    return Samples(d)
