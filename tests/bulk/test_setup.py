"""Starting and resuming a bulk run is one engine use case (desktop/bulk/setup.py): `imza bulk`
and the window's bulk view refuse the same things, before any PIN, with the same words."""

from __future__ import annotations

import pytest

from desktop.bulk import setup
from desktop.bulk.journal import Journal
from desktop.core.errors import ImzaError
from desktop.core.model import SignatureLevel
from desktop.ui import bulk_tasks


def _refusal_line(proc) -> str:
    return proc.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_cli_and_window_refuse_an_unfinished_run_in_the_same_words(imza, letters, tmp_path, monkeypatch, lang):
    src, out = letters(2), tmp_path / "out"
    out.mkdir()
    setup.create_journal(setup.journal_path(out), {"level": "B-B"}, []).close()
    monkeypatch.setenv("IMZA_LANG", lang)
    with pytest.raises(ImzaError) as refused:
        bulk_tasks.plan([src], out)
    proc = imza("bulk", src, "--out-dir", out, env={"IMZA_LANG": lang})
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert str(refused.value) in _refusal_line(proc)


def test_cli_and_window_refuse_to_overwrite_signed_letters_in_the_same_words(imza, letters, tmp_path):
    src, out = letters(2), tmp_path / "out"
    out.mkdir()
    (out / "letter-001.signed.pdf").write_bytes(b"%PDF-1.7\n")
    with pytest.raises(ImzaError) as refused:
        bulk_tasks.plan([src], out)
    proc = imza("bulk", src, "--out-dir", out)
    assert str(refused.value) in _refusal_line(proc)
    assert "1 signed file(s) already exist" in refused.value.message
    assert len(setup.plan_run([src], out, force=True)) == 2  # imza bulk --force replaces them


def test_an_out_dir_that_is_a_file_is_refused(letters, tmp_path):
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(ImzaError, match="is not a folder"):
        setup.plan_run([letters(1)], tmp_path / "out")


def test_a_resume_signs_with_the_options_the_run_recorded(tmp_path):
    path = tmp_path / "journal.sqlite"
    recorded = setup.RunOptions(SignatureLevel.B_T, "Approval", "Baku", True, "http://tsa.example/")
    Journal.create(path, recorded.to_journal(), []).close()
    assert setup.resumed_options(path, tsa_url="http://other.example/") == recorded
    Journal.delete(path)
    Journal.create(path, {**recorded.to_journal(), "tsa_url": None}, []).close()
    assert setup.resumed_options(path, tsa_url="http://other.example/").tsa_url == "http://other.example/"
