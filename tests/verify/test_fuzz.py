"""Fuzzing the verifier with mutated signed files (hypothesis): no crash, no hang, always a verdict.

A short deterministic run is part of `make test`; `make fuzz` runs the same targets with many
random examples (IMZA_FUZZ_EXAMPLES). Mutations: bit flips, truncation, insertion, deletion,
overwrites with PDF/DER tokens, and splices of the file into itself.
"""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.verify.engine import verify_file
from tests.verify.fuzz_targets import TIME_LIMIT, apply, asic_s, check, mutations, time_limit

LONG = int(os.environ.get("IMZA_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=LONG or 25, deadline=None, derandomize=not LONG, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

SEEDS = {
    "pdf": ["rsa-B-LT.pdf", "ec-B-LTA.pdf", "two-signatures.pdf", "timestamp-only.pdf"],
    "cms": ["rsa-B-LT.txt.p7s", "ec-B-LT.txt.p7s"],
}


@pytest.fixture(scope="module")
def corpus(samples, tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzz")
    seeds = {name: samples[name].read_bytes() for names in SEEDS.values() for name in names}
    seeds["asic-s.asics"] = asic_s("rsa-B-LT.txt", samples["rsa-B-LT.txt"].read_bytes(),
                                   samples["rsa-B-LT.txt.p7s"].read_bytes())
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
@given(data=st.data())
def test_mutated_containers(corpus, trust, data):
    _run(corpus, trust, "asic-s.asics", data)


def test_unmutated_seeds_still_pass(corpus, trust):
    """The seeds themselves are valid: the fuzzer starts from files the verifier accepts."""
    folder, seeds = corpus
    for name in ("rsa-B-LT.pdf", "asic-s.asics"):
        path = folder / f"seed-{name}"
        path.write_bytes(seeds[name])
        if name.endswith(".asics"):
            report = verify_file(path, trust, offline=True)
            assert report.worst is not None and report.worst.value == "TOTAL-PASSED", report
        else:
            check(verify_file(path, trust, offline=True))
