"""verify_many: a batch over worker processes gives the same reports, in order, as one process."""

from __future__ import annotations

import shutil

from desktop.verify.batch import verify_many
from desktop.verify.engine import verify_files


def test_parallel_batch_matches_one_process(samples, trust, tmp_path):
    names = ["rsa-B-LT.pdf", "notes.pdf", "ec-B-LT.pdf", "rsa-B-T.pdf", "content-byte-changed.pdf", "truncated.pdf"]
    paths = []
    for i in range(3):
        for name in names:
            paths.append(tmp_path / f"{i}-{name}")
            shutil.copy(samples[name], paths[-1])
    parallel = verify_many(paths, trust, offline=True, workers=2)
    serial = verify_files(paths, trust, offline=True)
    assert [r.path for r in parallel] == paths
    assert [(r.worst, r.error) for r in parallel] == [(r.worst, r.error) for r in serial]
    assert [[(s.indication, s.sub_indication) for s in r.signatures] for r in parallel] == \
           [[(s.indication, s.sub_indication) for s in r.signatures] for r in serial]
