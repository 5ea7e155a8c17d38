"""`imza demo init`: real SoftHSM2 tokens whose keys were generated on the token."""

from __future__ import annotations

import pkcs11
import pytest
from asn1crypto import x509
from pkcs11 import Attribute, KeyType, ObjectClass

from desktop.demo import environment

SOFTHSM = environment.find_softhsm_module()


def _objects(label: str, pin: str):
    lib = pkcs11.lib(SOFTHSM)
    lib.reinitialize()
    with lib.get_token(token_label=label).open(user_pin=pin) as s:
        keys = [(k[Attribute.ID], k[Attribute.KEY_TYPE], k[Attribute.SENSITIVE], k[Attribute.EXTRACTABLE],
                 k[Attribute.LOCAL])
                for k in s.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})]
        certs = [(c[Attribute.ID], x509.Certificate.load(c[Attribute.VALUE]))
                 for c in s.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})]
        pubs = {p[Attribute.ID]: p for p in s.get_objects({Attribute.CLASS: ObjectClass.PUBLIC_KEY})}
        pub_bits = {i: (p[Attribute.MODULUS_BITS] if p[Attribute.KEY_TYPE] == KeyType.RSA else None)
                    for i, p in pubs.items()}
    return keys, certs, pub_bits


def test_citizen_token_has_rsa2048_keys_generated_on_token(demo):
    keys, certs, bits = _objects("Citizen ID", "12345")
    assert sorted(k[0] for k in keys) == [b"\x01", b"\x02"]
    for _id, key_type, sensitive, extractable, local in keys:
        assert key_type == KeyType.RSA and bits[_id] == 2048
        assert sensitive and not extractable and local  # CKA_LOCAL: generated on the token
    by_id = dict(certs)
    assert by_id[b"\x01"].subject.native["common_name"] == "Aysel Mammadova"
    assert "non_repudiation" in by_id[b"\x01"].key_usage_value.native
    assert "non_repudiation" not in by_id[b"\x02"].key_usage_value.native
    assert by_id[b"\xca"].ca  # the issuing CA travels on the card, like a real ID card


def test_agency_token_has_ec_p256_key_and_organisation_in_subject(demo):
    keys, certs, _ = _objects("Agency token", "246810")
    assert [(k[0], k[1], k[4]) for k in keys] == [(b"\x01", KeyType.EC, True)]
    cert = dict(certs)[b"\x01"]
    assert cert.public_key.algorithm == "ec" and cert.public_key.curve[1] == "secp256r1"
    assert cert.subject.native["organization_name"] == "Ministry of Digital Development (Demo)"


def test_certificates_match_the_keys_on_the_token(demo):
    lib = pkcs11.lib(SOFTHSM)
    with lib.get_token(token_label="Citizen ID").open(user_pin="12345") as s:
        (pub,) = s.get_objects({Attribute.CLASS: ObjectClass.PUBLIC_KEY, Attribute.ID: b"\x01"})
        (cert,) = s.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.ID: b"\x01"})
        modulus = int.from_bytes(pub[Attribute.MODULUS], "big")
        cert_der = cert[Attribute.VALUE]
    assert x509.Certificate.load(cert_der).public_key.native["public_key"]["modulus"] == modulus


def test_trust_store_holds_the_demo_root_and_its_signed_trusted_list(demo):
    files = sorted(f.name for f in demo.trust_dir.iterdir())
    assert files == ["imza-demo-root.pem", "imza-demo-tl.xml", "tl-signers"]
    assert b"BEGIN CERTIFICATE" in (demo.trust_dir / "imza-demo-root.pem").read_bytes()
    assert [f.name for f in (demo.trust_dir / "tl-signers").iterdir()] == ["imza-demo-tl-signer.pem"]


def test_init_is_idempotent(demo, imza):
    before = (demo.dir / "demo.json").read_bytes()
    tokens_before = sorted(p.name for p in (demo.dir / "tokens").iterdir())
    proc = imza("demo", "init", "--dir", demo.dir)
    assert proc.returncode == 0, proc.stderr
    assert "already present" in proc.stdout
    assert (demo.dir / "demo.json").read_bytes() == before
    assert sorted(p.name for p in (demo.dir / "tokens").iterdir()) == tokens_before


def test_init_points_settings_at_the_demo(demo, imza):
    proc = imza("config", "show")
    assert proc.returncode == 0
    assert demo.tsa_url in proc.stdout
    assert str(demo.trust_dir) in proc.stdout


def test_services_answer_crl_requests(services):
    import urllib.request

    from asn1crypto import crl

    with urllib.request.urlopen(services["crl (issuing CA)"], timeout=10) as resp:
        cl = crl.CertificateList.load(resp.read())
    assert cl.issuer.native["common_name"] == "Imza Demo Qualified Issuing CA"


def test_national_id_is_two_tokens_with_their_own_pins_and_real_card_key_usages(demo):
    """Like an eID card under OpenSC: PIN1 guards authentication, PIN2 the qualified signature key,
    which carries CKA_ALWAYS_AUTHENTICATE (PKCS#11 v2.40, 4.9)."""
    auth_keys, auth_certs, _ = _objects("National ID (PIN1)", "1234")
    sign_keys, sign_certs, _ = _objects("National ID (PIN2)", "54321")
    lib = pkcs11.lib(SOFTHSM)
    with pytest.raises(pkcs11.exceptions.PinIncorrect):  # each token has its own PIN
        lib.get_token(token_label="National ID (PIN2)").open(user_pin="1234")
    assert [k[1] for k in auth_keys + sign_keys] == [KeyType.EC, KeyType.EC]
    auth, sign = dict(auth_certs)[b"\x01"], dict(sign_certs)[b"\x02"]
    assert set(auth.key_usage_value.native) == {"digital_signature", "key_agreement"}
    assert set(auth.extended_key_usage_value.native) == {"client_auth", "email_protection"}
    assert set(sign.key_usage_value.native) == {"non_repudiation"}
    assert auth.subject.native["serial_number"] == sign.subject.native["serial_number"] == "PNOAZ-7RT4Q2M"
    with lib.get_token(token_label="National ID (PIN2)").open(user_pin="54321") as s:
        (key,) = s.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
        assert key[Attribute.ALWAYS_AUTHENTICATE]
    with lib.get_token(token_label="National ID (PIN1)").open(user_pin="1234") as s:
        (key,) = s.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
        assert not key[Attribute.ALWAYS_AUTHENTICATE]
