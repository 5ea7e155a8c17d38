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


def test_reports_are_small_when_they_cross_to_the_parent(samples, trust):
    """A batch pickles every report back from its worker: a report holding a pyhanko PDF object
    (a field name is one) drags the whole document and reader along, 60 kB and 5 ms a letter."""
    import pickle

    for name in ("rsa-B-LT.pdf", "two-signatures.pdf", "rsa-B-LT.txt.p7s", "ec-B-LTA.pdf"):
        report = verify_files([samples[name]], trust, offline=True)[0]
        assert report.signatures, name
        size = len(pickle.dumps(report))
        assert size < 8 * 1024 * len(report.signatures), (name, size)
