"""A card with two PINs (two tokens, as OpenSC shows an eID card) is one card with two certificates.

Signing asks for the signing PIN and uses the PIN2 token; portal login uses the authentication PIN
(PIN1); `imza pin` offers both.
"""

from __future__ import annotations

import json

from desktop.config import load_and_apply
from tests.bulk.conftest import signatures
from tests.portal.conftest import MemoryKeyring, portal_config
from tests.tokens.conftest import NATIONAL_AUTH, NATIONAL_SIGN, context_logins


def _tokens():
    """What the window's watcher sees now (it rescans SoftHSM2, whose tokens other tests add and delete)."""
    from desktop.tokens.watch import TokenWatcher

    return TokenWatcher(load_and_apply().get("pkcs11_module")).poll().tokens


def test_the_two_tokens_are_one_card_each_named_by_its_pin(demo):
    from desktop.tokens.cards import card_members, pin_prompt
    from desktop.tokens.session import choose_token

    found = _tokens()
    signing = choose_token(found, "National ID")
    login = choose_token(found, "National ID", purpose="login")
    assert (signing.label, login.label) == (NATIONAL_SIGN[0], NATIONAL_AUTH[0])
    assert (signing.pin_role, login.pin_role) == ("signing", "authentication")
    assert card_members(found, login) == [signing, login]
    assert pin_prompt(signing) == "Signing PIN for National ID"
    assert pin_prompt(login) == "Authentication PIN for National ID"
    citizen = choose_token(found, "Citizen ID")
    assert citizen.card_label == "Citizen ID" and citizen.pin_role == "" and card_members(found, citizen) == [citizen]
    assert pin_prompt(citizen) == "PIN for Citizen ID"


def test_imza_tokens_shows_one_card_with_both_certificates(imza):
    proc = imza("tokens")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("National ID  (one card, 2 PINs: signing PIN, authentication PIN)") == 1
    assert "  signing PIN: National ID (PIN2)" in proc.stdout
    assert "  authentication PIN: National ID (PIN1)" in proc.stdout
    listed = json.loads(imza("tokens", "--json").stdout)["tokens"]
    national = {t["pin"]: t for t in listed if t["card"] == "National ID"}
    assert set(national) == {"signing", "authentication"}


def test_signing_by_the_card_name_asks_for_the_signing_pin(imza, shim, letter):
    env, count_file = shim
    args = ("sign", letter, "--token", "National ID", "--pin-stdin", "--level", "B-B")
    wrong = imza(*args, input=NATIONAL_AUTH[1] + "\n", env=env)  # the authentication PIN opens the other token
    assert wrong.returncode == 6 and "Wrong signing PIN for National ID." in wrong.stderr
    proc = imza(*args, input=NATIONAL_SIGN[1] + "\n", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Kamran Huseynov" in proc.stderr
    assert (signatures(count_file), context_logins(count_file)) == (1, 1)


def test_portal_login_by_the_card_name_uses_the_authentication_pin(portal):
    from desktop.portal.client import PortalClient
    from desktop.portal.credentials import CredentialStore
    from desktop.portal.login import login_with_card
    from desktop.tokens.auth import choose_authentication_certificate
    from desktop.tokens.session import TokenSession, choose_token

    info = choose_token(_tokens(), "National ID", purpose="login")
    cert = choose_authentication_certificate(info)
    config = portal_config(portal)
    with PortalClient(config, CredentialStore(config.origin, MemoryKeyring())) as client, TokenSession(info) as s:
        s.login(NATIONAL_AUTH[1])
        subject = login_with_card(client, s, cert)
    assert subject.name == "Kamran Huseynov" and subject.serial_number == "PNOAZ-7RT4Q2M"
    assert cert.cka_id == "01" and "client_auth" in cert.extended_key_usage
    assert len(portal.events("login")) == 1


def test_pin_change_offers_both_pins_and_asks_which(imza, tmp_path):
    proc = imza("pin", "change", "--token", "National ID", "--pin-stdin", input="x\ny\n")
    assert proc.returncode == 6
    assert "two PINs" in proc.stderr and "--which signing or --which authentication" in proc.stderr
    # change the authentication PIN and back: the signing PIN is untouched
    for old, new in ((NATIONAL_AUTH[1], "4321"), ("4321", NATIONAL_AUTH[1])):
        proc = imza("pin", "change", "--token", "National ID", "--which", "authentication", "--pin-stdin",
                    input=f"{old}\n{new}\n")
        assert proc.returncode == 0, proc.stderr
        assert "National ID — authentication PIN" in proc.stdout
