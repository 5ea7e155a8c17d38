"""`imza demo init`: SoftHSM2 tokens with keys generated ON the token, certified by the demo PKI.

Idempotent: a finished demo dir has demo.json and is left alone; a half-made one is rebuilt.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pkcs11
from asn1crypto import core, keys
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass
from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters
from pkcs11.util.rsa import encode_rsa_public_key

from desktop.core.errors import ImzaError
from desktop.demo import pki
from desktop.fsio import write_atomic

DEFAULT_PORT = 8710
SOFTHSM_MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib64/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


@dataclass(frozen=True)
class DemoKey:
    cert_label: str  # certomancer cert label (= keyset key name)
    cka_id: bytes
    key_label: str
    key_type: str  # "rsa2048" | "p256"
    always_authenticate: bool = False  # CKA_ALWAYS_AUTHENTICATE: the PIN again at every signature


@dataclass(frozen=True)
class DemoToken:
    label: str
    pin: str  # demo PINs are public: they are printed in the README
    so_pin: str
    keys: tuple[DemoKey, ...]
    person: str


TOKENS = (
    DemoToken("Citizen ID", "12345", "12345678", (
        DemoKey("citizen-sign", b"\x01", "Signature key", "rsa2048"),
        DemoKey("citizen-auth", b"\x02", "Authentication key", "rsa2048"),
    ), "Aysel Mammadova, a citizen (signing + authentication certificates)"),
    DemoToken("Agency token", "246810", "87654321", (
        DemoKey("official-sign", b"\x01", "Official signature key", "p256"),
    ), "Rashad Aliyev, Ministry of Digital Development (Demo)"),
    DemoToken("Expired ID", "11111", "11111111", (
        DemoKey("expired-sign", b"\x01", "Signature key", "rsa2048"),
    ), "Leyla Hasanova, whose certificate has expired (to see that error)"),
    # A national ID card as OpenSC shows one: one token per PIN, "(PIN1)" authentication and
    # "(PIN2)" qualified signature, whose key asks for the PIN at every signature.
    DemoToken("National ID (PIN1)", "1234", "12345678", (
        DemoKey("national-auth", b"\x01", "Authentication key", "p256"),
    ), "Kamran Huseynov, national ID card: authentication PIN (PIN1)"),
    DemoToken("National ID (PIN2)", "54321", "12345678", (
        DemoKey("national-sign", b"\x02", "Signature key", "p256", always_authenticate=True),
    ), "Kamran Huseynov, national ID card: signing PIN (PIN2), asked at every signature"),
)
CA_CKA_ID = b"\xca"


def find_softhsm_module() -> str:
    env = os.environ.get("IMZA_SOFTHSM_MODULE")
    for path in ((env,) if env else ()) + SOFTHSM_MODULE_CANDIDATES:
        if path and os.path.isfile(path):
            return path
    raise ImzaError("SoftHSM2 is not installed, so the demo tokens cannot be created.",
                    "Install it (`sudo apt install softhsm2`) or run `make demo`, which does.")


def softhsm_env(demo_dir: Path) -> dict[str, str]:
    return {**os.environ, "SOFTHSM2_CONF": str(demo_dir / "softhsm2.conf")}


def _write_softhsm_conf(demo_dir: Path) -> None:
    tokendir = demo_dir / "tokens"
    tokendir.mkdir(parents=True, exist_ok=True)
    (demo_dir / "softhsm2.conf").write_text(
        f"directories.tokendir = {tokendir}\nobjectstore.backend = file\nlog.level = ERROR\n",
        encoding="utf-8")


def _init_token(demo_dir: Path, token: DemoToken) -> None:
    util = shutil.which("softhsm2-util")
    if not util:
        raise ImzaError("softhsm2-util was not found.", "Install SoftHSM2 (`sudo apt install softhsm2`).")
    # softhsm2-util only takes PINs as arguments; these are the public demo PINs, never a user's.
    subprocess.run([util, "--init-token", "--free", "--label", token.label,
                    "--pin", token.pin, "--so-pin", token.so_pin],
                   env=softhsm_env(demo_dir), check=True, capture_output=True)


def _public_key_info(pub, key_type: str) -> keys.PublicKeyInfo:
    if key_type == "rsa2048":
        rsa_pub = keys.RSAPublicKey.load(encode_rsa_public_key(pub))
        return keys.PublicKeyInfo({"algorithm": {"algorithm": "rsa"}, "public_key": rsa_pub})
    return keys.PublicKeyInfo.load(encode_ec_public_key(pub))


def _generate_key(session, key: DemoKey):
    common = {Attribute.TOKEN: True, Attribute.ID: key.cka_id, Attribute.LABEL: key.key_label}
    private = {**common, Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False,
               Attribute.SIGN: True, Attribute.PRIVATE: True}
    if key.always_authenticate:
        private[Attribute.ALWAYS_AUTHENTICATE] = True
    public = {**common, Attribute.VERIFY: True}
    if key.key_type == "rsa2048":
        pub, _ = session.generate_keypair(KeyType.RSA, 2048, store=True,
                                          public_template=public, private_template=private)
    else:
        params = session.create_domain_parameters(
            KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters("1.2.840.10045.3.1.7")},
            local=True)
        pub, _ = params.generate_keypair(store=True, public_template=public, private_template=private)
    return pub


def store_certificate(session, cert, cka_id: bytes, label: str) -> None:
    # SoftHSM2 refuses a certificate object without SUBJECT, ISSUER and SERIAL_NUMBER.
    session.create_object({
        Attribute.CLASS: ObjectClass.CERTIFICATE,
        Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
        Attribute.TOKEN: True,
        Attribute.PRIVATE: False,
        Attribute.ID: cka_id,
        Attribute.LABEL: label,
        Attribute.SUBJECT: cert.subject.dump(),
        Attribute.ISSUER: cert.issuer.dump(),
        Attribute.SERIAL_NUMBER: core.Integer(cert.serial_number).dump(),
        Attribute.VALUE: cert.dump(),
    })


def is_initialised(demo_dir: Path) -> bool:
    return (demo_dir / "demo.json").is_file()


def read_state(demo_dir: Path) -> dict:
    try:
        return json.loads((demo_dir / "demo.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ImzaError("No demo environment in {demo_dir}.", "Create it with `imza demo init`.", demo_dir=demo_dir) from None


def init(demo_dir: Path, port: int = DEFAULT_PORT, *, force: bool = False) -> dict:
    """Create the demo environment in demo_dir (once). Returns its state (demo.json)."""
    demo_dir = demo_dir.resolve()
    if is_initialised(demo_dir) and not force:
        return read_state(demo_dir)
    if demo_dir.exists():
        # A half-made or forced demo is rebuilt from scratch: tokens and certs must match.
        for sub in ("tokens", "keys", "trust", "certs"):
            shutil.rmtree(demo_dir / sub, ignore_errors=True)
        for f in ("pki.yml", "demo.json", "softhsm2.conf"):
            (demo_dir / f).unlink(missing_ok=True)
    demo_dir.mkdir(parents=True, exist_ok=True)
    module = find_softhsm_module()
    _write_softhsm_conf(demo_dir)
    os.environ["SOFTHSM2_CONF"] = str(demo_dir / "softhsm2.conf")

    for token in TOKENS:
        _init_token(demo_dir, token)
    lib = pkcs11.lib(module)
    lib.reinitialize()  # see the tokens softhsm2-util just made

    key_dir = demo_dir / "keys"
    pki.generate_file_keys(key_dir)
    for token in TOKENS:
        with lib.get_token(token_label=token.label).open(rw=True, user_pin=token.pin) as s:
            for key in token.keys:
                pub = _generate_key(s, key)
                info = _public_key_info(pub, key.key_type)
                pem = b"-----BEGIN PUBLIC KEY-----\n" + _b64(info.dump()) + b"-----END PUBLIC KEY-----\n"
                (key_dir / f"{key.cert_label}.pub.pem").write_bytes(pem)

    url_prefix = f"http://127.0.0.1:{port}"
    (demo_dir / "pki.yml").write_text(pki.render(pki.template(), url_prefix), encoding="utf-8")
    config = pki.load(demo_dir)
    issuing = pki.cert(config, "issuing")
    for token in TOKENS:
        with lib.get_token(token_label=token.label).open(rw=True, user_pin=token.pin) as s:
            for key in token.keys:
                store_certificate(s, pki.cert(config, key.cert_label), key.cka_id, key.key_label)
            store_certificate(s, issuing, CA_CKA_ID, "Imza Demo Qualified Issuing CA")

    certs_dir = demo_dir / "certs"
    certs_dir.mkdir(exist_ok=True)
    for label in ("root", "issuing", "tsa", "ocsp", "portal-tls", "portal-receipt") + tuple(k.cert_label for t in TOKENS for k in t.keys):
        (certs_dir / f"{label}.cert.pem").write_bytes(_pem(pki.cert(config, label).dump()))
    trust_dir = demo_dir / "trust"
    trust_dir.mkdir(exist_ok=True)
    (trust_dir / "imza-demo-root.pem").write_bytes(_pem(pki.cert(config, "root").dump()))
    _write_trust_list(demo_dir, config, trust_dir)

    state = {
        "port": port,
        "url_prefix": url_prefix,
        # The reference portal (desktop/portal_server) serves HTTPS on the next port.
        "services": {**pki.service_urls(url_prefix), "portal": f"https://127.0.0.1:{port + 1}"},
        "portal_port": port + 1,
        "pkcs11_module": module,
        "softhsm2_conf": str(demo_dir / "softhsm2.conf"),
        "trust_dir": str(trust_dir),
        "tokens": [{"label": t.label, "person": t.person} for t in TOKENS],
    }
    write_atomic(demo_dir / "demo.json", json.dumps(state, indent=2).encode())
    return state


def _write_trust_list(demo_dir: Path, config, trust_dir: Path) -> None:
    """The demo trusted list (issuing CA as CA/QC, TSA as TSA/QTST) and the certificate it is signed with."""
    from desktop.demo import trust_list

    issuing, tsa, signer = (pki.cert(config, label) for label in ("issuing", "tsa", "tl-signer"))
    services = [
        trust_list.Service(trust_list.CA_QC, "Imza Demo Qualified Issuing CA", issuing.dump(), issuing.not_valid_before),
        trust_list.Service(trust_list.TSA_QTST, "Imza Demo Qualified Time-Stamping", tsa.dump(), tsa.not_valid_before),
    ]
    tl = trust_list.build(services, operator="Imza Demo Supervisory Body", territory="AZ",
                          provider="Imza Demo Trust Services")
    key = (demo_dir / "keys" / "tl-signer.key.pem").read_bytes()
    (trust_dir / "imza-demo-tl.xml").write_bytes(trust_list.sign(tl, key, _pem(signer.dump())))
    (trust_dir / "tl-signers").mkdir(exist_ok=True)
    (trust_dir / "tl-signers" / "imza-demo-tl-signer.pem").write_bytes(_pem(signer.dump()))


def _b64(der: bytes) -> bytes:
    import base64
    text = base64.b64encode(der)
    return b"".join(text[i:i + 64] + b"\n" for i in range(0, len(text), 64))


def _pem(der: bytes) -> bytes:
    return b"-----BEGIN CERTIFICATE-----\n" + _b64(der) + b"-----END CERTIFICATE-----\n"
