"""desktop/patches.py replaces pyhanko and asn1crypto internals for speed: the replacements must
give exactly the originals' answers, on any input. (tests/conftest.py installs the patches for
the test process, as the entry points do for the product.)"""

from __future__ import annotations

from io import BytesIO

from asn1crypto import x509
from hypothesis import given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils import generic, misc

from desktop import patches
from desktop.verify import fastasn1

ORIGINAL = patches.original


def setup_module():
    assert {"pdf-readers", "endless-comment", "asn1-names", "rsa-negative-modulus"} <= set(patches.applied()), patches.skipped()


TOKEN_BYTES = st.binary(max_size=300) | st.lists(
    st.sampled_from([b"/Name", b" ", b"\n", b"12", b"0 R", b"<<", b">>", b"[", b"]", b"(x)", b"%c\r", b"\x00",
                     b"obj", b"a" * 70, b"/A#20B", b"/\xc3\xa9", b"#", b" " * 40]), max_size=30).map(b"".join)
CLASSES = st.sampled_from([misc.PDF_WHITESPACE, misc.PDF_WHITESPACE + misc.PDF_DELIMITERS])


@settings(max_examples=400, deadline=None)
@given(data=TOKEN_BYTES, start=st.integers(min_value=0, max_value=80), classes=CLASSES)
def test_read_until_class_matches_pyhanko(data, start, classes):
    start = min(start, len(data))
    ours, theirs = BytesIO(data), BytesIO(data)
    ours.seek(start)
    theirs.seek(start)
    assert misc._read_until_class(classes, ours) == ORIGINAL(misc, "_read_until_class")(classes, theirs)
    assert ours.tell() == theirs.tell()


@settings(max_examples=400, deadline=None)
@given(data=TOKEN_BYTES, start=st.integers(min_value=0, max_value=80), seek_back=st.booleans(),
       allow_eof=st.booleans())
def test_read_non_whitespace_matches_pyhanko(data, start, seek_back, allow_eof):
    def outcome(read):
        stream = BytesIO(data)
        stream.seek(min(start, len(data)))
        try:
            return read(stream, seek_back=seek_back, allow_eof=allow_eof), stream.tell()
        except Exception as e:  # noqa: BLE001 - the same error either way is what is checked
            return type(e).__name__, stream.tell()

    assert outcome(misc.read_non_whitespace) == outcome(ORIGINAL(misc, "read_non_whitespace"))


@settings(max_examples=400, deadline=None)
@given(body=st.lists(st.sampled_from([b"0", b"7", b"a", b"F", b" ", b"\n", b"\x00", b"g", b"%", b"<"]),
                     max_size=40).map(b"".join), closed=st.booleans())
def test_hex_strings_read_as_pyhanko_reads_them(body, closed):
    data = b"<" + body + (b"> 1" if closed else b"")

    def outcome(read):
        stream = BytesIO(data)
        try:
            return repr(read(stream)), stream.tell()
        except Exception as e:  # noqa: BLE001 - the same error either way is what is checked
            return type(e).__name__, stream.tell()

    assert outcome(generic.read_hex_string_from_stream) == outcome(ORIGINAL(generic, "read_hex_string_from_stream"))


@settings(max_examples=400, deadline=None)
@given(name=st.binary(max_size=40) | st.text("ABCabc#0129/-_.+é", max_size=20).map(str.encode))
def test_decode_name_matches_pyhanko(name):
    def outcome(decode):
        try:
            value = decode(name)
            return type(value), value
        except Exception as e:  # noqa: BLE001 - the same error either way is what is checked
            return type(e), str(e)

    assert outcome(generic._decode_name) == outcome(ORIGINAL(generic, "_decode_name"))


@settings(max_examples=200, deadline=None)
@given(data=TOKEN_BYTES)
def test_objects_read_the_same_with_the_fast_readers(data):
    """Whole objects, through pyhanko's own read_object, with and without the fast readers."""
    def read(fast: bool):
        saved = (misc._read_until_class, generic.read_hex_string_from_stream, generic._decode_name,
                 generic.read_non_whitespace)
        if not fast:
            (misc._read_until_class, generic.read_hex_string_from_stream, generic._decode_name,
             generic.read_non_whitespace) = (ORIGINAL(misc, "_read_until_class"),
                                             ORIGINAL(generic, "read_hex_string_from_stream"),
                                             ORIGINAL(generic, "_decode_name"),
                                             ORIGINAL(generic, "read_non_whitespace"))
        stream = BytesIO(data)
        try:
            return repr(generic.read_object(stream, generic.Reference(1, 0))), stream.tell()
        except Exception as e:  # noqa: BLE001 - the same error either way is what is checked
            return type(e).__name__, stream.tell()
        finally:
            (misc._read_until_class, generic.read_hex_string_from_stream, generic._decode_name,
             generic.read_non_whitespace) = saved

    assert read(fast=True) == read(fast=False)


def test_an_untagged_certificate_copy_is_the_shared_parse(samples):
    from asn1crypto import cms

    from desktop.verify.pades import open_reader

    reader = open_reader(samples["rsa-B-LT.pdf"], samples["rsa-B-LT.pdf"].read_bytes())
    (sig,) = reader.embedded_signatures
    cert = next(c.chosen for c in sig.signed_data["certificates"] if c.name == "certificate")
    copy = cert.untag()
    assert copy is cert.untag() is fastasn1.shared(x509.Certificate, cert.dump())
    assert copy.dump() == cert.dump() and copy.issuer_serial == cert.issuer_serial
    tagged = cms.CertificateChoices({"certificate": cert}).chosen.retag("explicit", 1)
    assert tagged.untag() is not copy and tagged.untag().dump() == cert.dump()


def test_threads_do_not_share_parsed_values(samples):
    """asn1crypto parses on first access, which two threads must not do to one value (serve-verify)."""
    import threading

    der = samples["rsa-B-LT.txt.p7s"].read_bytes()
    from asn1crypto import cms

    mine = fastasn1.shared(cms.ContentInfo, der)
    theirs = []
    worker = threading.Thread(target=lambda: theirs.append(fastasn1.shared(cms.ContentInfo, der)))
    worker.start()
    worker.join()
    assert mine is fastasn1.shared(cms.ContentInfo, der)
    assert theirs[0] is not mine and theirs[0].dump() == mine.dump()


def _certificate_with_key(rsa_public_key_der: bytes) -> x509.Certificate:
    """A certificate (only its key filled in) whose SubjectPublicKeyInfo is parsed from DER."""
    from asn1crypto import core, keys

    algorithm = keys.PublicKeyAlgorithm({"algorithm": "rsa", "parameters": core.Null()}).dump()
    bits = b"\x03" + _der_length(len(rsa_public_key_der) + 1) + b"\x00" + rsa_public_key_der
    spki = keys.PublicKeyInfo.load(b"\x30" + _der_length(len(algorithm) + len(bits)) + algorithm + bits)
    return x509.Certificate({"tbs_certificate": x509.TbsCertificate({"subject_public_key_info": spki})})


@settings(max_examples=300, deadline=None)
@given(modulus=st.integers(min_value=1, max_value=2 ** 4096), exponent=st.sampled_from([3, 65537]))
def test_a_well_encoded_rsa_key_is_the_original(modulus, exponent):
    """The rsa-negative-modulus patch's public_key changes nothing for a correctly encoded modulus (X.690 8.3)."""
    from asn1crypto import keys

    cert = _certificate_with_key(keys.RSAPublicKey({"modulus": modulus, "public_exponent": exponent}).dump())
    assert cert.public_key is cert["tbs_certificate"]["subject_public_key_info"]
    assert not patches.negative_modulus(cert)


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(min_size=1, max_size=512).filter(lambda b: b[0] & 0x80))
def test_a_negatively_encoded_modulus_reads_as_its_unsigned_value(raw):
    """A modulus whose first content byte has its top bit set is negative by X.690 8.3.3; it is read
    as the unsigned number of the same bytes, and the exponent is kept."""
    from asn1crypto import core

    body = b"\x02" + _der_length(len(raw)) + raw + core.Integer(65537).dump()
    cert = _certificate_with_key(b"\x30" + _der_length(len(body)) + body)
    key = cert.public_key["public_key"].parsed
    assert key["modulus"].native == int.from_bytes(raw, "big") and key["public_exponent"].native == 65537
    assert patches.negative_modulus(cert)


def _der_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw
