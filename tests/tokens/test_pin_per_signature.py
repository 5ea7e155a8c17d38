"""Keys with CKA_ALWAYS_AUTHENTICATE: the PIN is given to the card again for every signature.

PKCS#11 v2.40, 4.9 (CKA_ALWAYS_AUTHENTICATE) and 5.5.1 (C_Login with CKU_CONTEXT_SPECIFIC right
after C_SignInit): such a key signs once per context login. The demo's national ID card has one
on its signing token ("National ID (PIN2)"); the counting shim sees every C_Sign and context login.
"""

from __future__ import annotations

import zipfile

import pkcs11
import pytest
from pkcs11 import Attribute, Mechanism, ObjectClass

from desktop.config import load_and_apply
from desktop.demo.environment import find_softhsm_module
from tests.bulk.conftest import signatures
from tests.tokens.conftest import NATIONAL_SIGN, context_logins

SIGN = ["--token", NATIONAL_SIGN[0], "--pin-stdin", "--level", "B-B"]
PIN = NATIONAL_SIGN[1] + "\n"


def test_the_demo_signing_key_refuses_a_signature_without_a_context_login(demo):
    """What broke Imza before: after C_Login(USER) alone, C_Sign is refused (CKR_USER_NOT_LOGGED_IN)."""
    lib = pkcs11.lib(find_softhsm_module())
    lib.reinitialize()
    with lib.get_token(token_label=NATIONAL_SIGN[0]).open(user_pin=NATIONAL_SIGN[1]) as s:
        (key,) = s.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
        assert key[Attribute.ALWAYS_AUTHENTICATE]
        with pytest.raises(pkcs11.exceptions.UserNotLoggedIn):
            key.sign(b"\x00" * 32, mechanism=Mechanism.ECDSA)
        assert len(key.sign(b"\x00" * 32, mechanism=Mechanism.ECDSA, pin=NATIONAL_SIGN[1])) == 64


def test_pades_cades_and_asice_each_make_one_signature_with_one_context_login(imza, shim, letter, tmp_path):
    env, count_file = shim
    data = tmp_path / "contract.txt"
    data.write_text("terms")
    runs = [
        ([letter], tmp_path / "letter.signed.pdf"),
        ([data], tmp_path / "contract.txt.p7s"),
        (["--format", "asice", letter, data, "-o", tmp_path / "both.asice"], tmp_path / "both.asice"),
    ]
    for n, (args, output) in enumerate(runs, start=1):
        proc = imza("sign", *args, *SIGN, input=PIN, env=env)
        assert proc.returncode == 0, proc.stderr
        assert output.is_file()
        assert (signatures(count_file), context_logins(count_file)) == (n, n)
    with zipfile.ZipFile(tmp_path / "both.asice") as z:
        assert "META-INF/signature.p7s" in z.namelist() or any(n.endswith(".p7s") for n in z.namelist())
    proc = imza("verify", tmp_path / "letter.signed.pdf", "--json", env=env)
    assert "Kamran Huseynov" in proc.stdout


def test_bulk_says_so_first_and_gives_the_pin_to_each_of_120_signatures(imza, shim, letters, tmp_path):
    env, count_file = shim
    src = letters(120)
    out = tmp_path / "out"
    proc = imza("bulk", src, "--out-dir", out, *SIGN, "--workers", "1", input=PIN, env=env)
    assert proc.returncode == 0, proc.stderr
    notice = proc.stderr.index("asks for the PIN at every signature")
    assert notice < proc.stderr.index("120 signed")
    assert len(list(out.glob("*.signed.pdf"))) == 120
    assert signatures(count_file) == 120  # exactly one token signature per letter
    assert context_logins(count_file) == 120  # and one context-specific login for each


def test_the_pin_kept_for_the_run_is_overwritten_when_the_session_ends(demo):
    from desktop.tokens.session import TokenSession, choose_token, list_tokens

    found, _ = list_tokens(load_and_apply().get("pkcs11_module"))
    info = choose_token(found, NATIONAL_SIGN[0])
    cert = info.signing_certificates[0]
    with TokenSession(info) as session:
        session.login(NATIONAL_SIGN[1])
        assert session.pin_per_signature(cert)
        held = session._held_pin
        assert held is not None and NATIONAL_SIGN[1] not in repr(held)
        assert len(session.sign_data(cert, b"\x01" * 32, Mechanism.ECDSA)) == 64
    assert session._held_pin is None
    assert held._buf == bytearray()  # zeroed, then emptied


def test_a_key_without_the_attribute_keeps_no_pin(demo):
    from desktop.tokens.session import TokenSession, choose_token, list_tokens

    found, _ = list_tokens(load_and_apply().get("pkcs11_module"))
    info = choose_token(found, "Citizen ID")
    with TokenSession(info) as session:
        session.login("12345")
        assert session._held_pin is None
        assert not session.pin_per_signature(info.signing_certificates[0])
