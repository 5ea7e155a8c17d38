"""Nothing the CLI prints from a document, a certificate or a server can drive the terminal
(issue 14, item 5): ESC sequences, CR, BEL, the C1 controls and bidi overrides are escaped."""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil

import pytest

from desktop.core.text import printable

# Erase the line, go up one, rewrite it: what a forged "TOTAL-PASSED" line needs. Then BEL,
# CSI as one C1 character (U+009B), a right-to-left override and a line break.
FORGED = "Eve\x1b[2K\x1b[1A\r\x07\x9b2KTOTAL-PASSED\u202edecnalab\nTOTAL-PASSED"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # what must never come out


def test_printable_escapes_every_control_and_keeps_every_script():
    assert printable(FORGED) == ("Eve\\x1b[2K\\x1b[1A\\r\\x07\\x9b2KTOTAL-PASSED\\u202edecnalab\\nTOTAL-PASSED")
    assert printable("Məmmədova Айсель — ok") == "Məmmədova Айсель — ok"
    assert printable(printable(FORGED)) == printable(FORGED)  # escaping twice changes nothing more


@pytest.fixture(scope="module")
def forged_pdf(tmp_path_factory):
    """A PDF really signed (pyhanko, a software key) by a certificate whose name holds FORGED,
    saved under a file name holding an ESC sequence too."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from desktop.demo.documents import letter_pdf

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, FORGED)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore())
    out = io.BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(letter_pdf("Forged"))),
                     signers.PdfSignatureMetadata(field_name="Sig1"), signer=signer, output=out)
    folder = tmp_path_factory.mktemp("forged")
    path = folder / "letter\x1b[31m\u202e.pdf"
    path.write_bytes(out.getvalue())
    return path


def _clean(text: str) -> None:
    assert not RAW.search(text), RAW.search(text)
    assert "\nTOTAL-PASSED" not in text


def test_verify_escapes_the_certificate_name_and_the_file_name(imza, forged_pdf):
    proc = imza("verify", forged_pdf)
    assert proc.returncode in (1, 2), proc.stderr  # not trusted: never TOTAL-PASSED
    _clean(proc.stdout + proc.stderr)
    assert "Eve\\x1b[2K\\x1b[1A\\r\\x07\\x9b2KTOTAL-PASSED\\u202edecnalab\\nTOTAL-PASSED" in proc.stdout
    assert "letter\\x1b[31m\\u202e.pdf" in proc.stdout


def test_the_verify_table_is_escaped_and_aligned(imza, forged_pdf, letter):
    shutil.copy(letter, forged_pdf.parent / "plain.pdf")
    proc = imza("verify", forged_pdf.parent, "--recursive")
    _clean(proc.stdout + proc.stderr)
    header, rule, *rows = proc.stdout.splitlines()
    assert "letter\\x1b[31m\\u202e.pdf" in proc.stdout and "Eve\\x1b" in proc.stdout
    result_column = header.index(header.split()[1])
    assert all(len(row) > result_column for row in rows[:2])


def test_json_carries_the_same_text_as_json_escapes(imza, forged_pdf):
    proc = imza("verify", forged_pdf, "--json")
    _clean(proc.stdout)
    (report,) = json.loads(proc.stdout)["files"]
    assert report["path"] == str(forged_pdf)
    assert report["signatures"][0]["signer"].startswith("Eve\x1b[2K")  # the value itself is unchanged


def test_error_lines_are_escaped(imza, tmp_path):
    missing = tmp_path / "gone\x1b]0;owned\x07\r.pdf"
    proc = imza("sign", missing, "--token", "Citizen ID", "--pin-stdin", input="12345\n")
    assert proc.returncode != 0
    assert proc.stderr.startswith("imza: ")
    _clean(proc.stderr)
    assert "gone\\x1b]0;owned\\x07\\r.pdf" in proc.stderr
