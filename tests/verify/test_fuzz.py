"""Fuzzing the verifier with mutated signed files (hypothesis): no crash, no hang, always a verdict.

A short deterministic run is part of `make test`; `make fuzz` runs the same targets with many
random examples (IMZA_FUZZ_EXAMPLES). Mutations: bit flips, truncation, insertion, deletion,
overwrites with PDF/DER tokens, and splices of the file into itself.
"""

from __future__ import annotations

import asyncio
import os
import shutil

import pkcs11
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.model import SignatureFormat, SignatureLevel
from desktop.signing.inputs import plan
from desktop.signing.session import SigningSession
from desktop.tokens.session import TokenSession, choose_certificate, choose_token, list_tokens
from desktop.verify.engine import verify_file
from desktop.verify.trust import TrustStore
from tests.support.fuzz_targets import TIME_LIMIT, apply, asic_s, check, mutations, time_limit
from tests.support.xades_samples import xades_container

LONG = int(os.environ.get("IMZA_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=LONG or 25, deadline=None, derandomize=not LONG, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

SEEDS = {
    "pdf": ["rsa-B-LT.pdf", "ec-B-LTA.pdf", "two-signatures.pdf", "timestamp-only.pdf"],
    "cms": ["rsa-B-LT.txt.p7s", "ec-B-LT.txt.p7s"],
}


def _signed_containers(demo, services, d) -> dict[str, bytes]:
    """An ASiC-E with CAdES (Imza's own) and one with XAdES (DigiDoc style), both B-LT."""
    (d / "a.txt").write_bytes(b"first file\n")
    (d / "b.txt").write_bytes(b"second file\n")
    module = demo.state["pkcs11_module"]
    pkcs11.lib(module).reinitialize()
    tokens, _ = list_tokens(module)
    info = choose_token(tokens, "Citizen ID")
    cert = choose_certificate(info, None)
    trust = TrustStore.from_dir(demo.trust_dir)
    with TokenSession(info) as session:
        session.login("12345")
        signing = SigningSession(session, cert, tsa_url=services["tsa"], trust=trust)
        (result,) = signing.sign_all(plan([d / "a.txt", d / "b.txt"], fmt=SignatureFormat.ASICE,
                                          level=SignatureLevel.B_LT, output=d / "cades.asice"))
        assert result.error is None, result.error
        xades = asyncio.run(xades_container({"a.txt": b"first file\n"}, session.signer(cert), cert.certificate,
                                            tsa_url=services["tsa"], trust_roots=trust.anchors,
                                            ca_certs=[c.certificate for c in info.certificates if c.is_ca]))
    return {"cades.asice": (d / "cades.asice").read_bytes(), "xades.asice": xades}


@pytest.fixture(scope="module")
def corpus(samples, demo, services, tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzz")
    seeds = {name: samples[name].read_bytes() for names in SEEDS.values() for name in names}
    seeds["asic-s.asics"] = asic_s("rsa-B-LT.txt", samples["rsa-B-LT.txt"].read_bytes(),
                                   samples["rsa-B-LT.txt.p7s"].read_bytes())
    seeds.update(_signed_containers(demo, services, d))
    shutil.copy(samples["rsa-B-LT.txt"], d / "mutant.txt")  # the data file beside mutant.txt.p7s
    return d, seeds


def _run(corpus, trust, seed: str, data: st.DataObject) -> None:
    folder, seeds = corpus
    original = seeds[seed]
    edits = data.draw(mutations(len(original)), label="edits")
    suffix = ".txt.p7s" if seed.endswith(".p7s") else "." + seed.rsplit(".", 1)[-1]
    path = folder / f"mutant{suffix}"
    path.write_bytes(apply(original, edits))
    with time_limit(TIME_LIMIT):
        report = verify_file(path, trust, offline=True)
    check(report)


@FUZZ
@given(seed=st.sampled_from(SEEDS["pdf"]), data=st.data())
def test_mutated_pdfs(corpus, trust, seed, data):
    _run(corpus, trust, seed, data)


@FUZZ
@given(seed=st.sampled_from(SEEDS["cms"]), data=st.data())
def test_mutated_cms(corpus, trust, seed, data):
    _run(corpus, trust, seed, data)


@FUZZ
@given(seed=st.sampled_from(["asic-s.asics", "cades.asice", "xades.asice"]), data=st.data())
def test_mutated_containers(corpus, trust, seed, data):
    _run(corpus, trust, seed, data)


def test_unmutated_seeds_still_pass(corpus, trust):
    """The seeds themselves are valid: the fuzzer starts from files the verifier accepts."""
    folder, seeds = corpus
    for name in ("rsa-B-LT.pdf", "asic-s.asics", "cades.asice", "xades.asice"):
        path = folder / f"seed-{name}"
        path.write_bytes(seeds[name])
        if ".asic" in name:
            report = verify_file(path, trust, offline=True)
            assert report.worst is not None and report.worst.value == "TOTAL-PASSED", report
        else:
            check(verify_file(path, trust, offline=True))
