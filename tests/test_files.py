"""The two questions every part asks of a file before opening it: can it be read, is it a PDF.

They are answered once (desktop/core/files.py); signing, verification, the portal's checks and
the reference portal ask the same function, so they give the same answer in the same words.
"""

from __future__ import annotations

import pytest

from desktop.core.errors import InputError
from desktop.core.files import PDF_SNIFF_BYTES, file_looks_like_pdf, looks_like_pdf
from desktop.signing.inputs import check_signable
from desktop.verify.engine import sniff, verify_file
from desktop.verify.trust import TrustStore


def _unreadable(tmp_path, kind):
    path = tmp_path / f"{kind}.pdf"
    if kind == "folder":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    return path


@pytest.mark.parametrize("lang", ["en", "az", "ru"])
@pytest.mark.parametrize("kind", ["missing", "folder", "empty"])
def test_signing_and_verifying_say_the_same_about_a_file_they_cannot_read(tmp_path, monkeypatch, kind, lang):
    monkeypatch.setenv("IMZA_LANG", lang)
    path = _unreadable(tmp_path, kind)
    with pytest.raises(InputError) as refused:
        check_signable(path)
    (tmp_path / "trust").mkdir()
    report = verify_file(path, TrustStore.from_dir(tmp_path / "trust"), offline=True)
    assert report.error == str(refused.value)
    assert str(path) in report.error
    if lang != "en":  # the signing side was English-only f-strings before
        assert refused.value.message != refused.value.template.format(path=path)


def test_a_pdf_header_counts_within_the_first_1024_bytes_only(tmp_path):
    """ISO 32000-2 7.5.2 wants the header first; readers accept it within the first 1024 bytes
    (PDF Reference 1.7, Appendix H, implementation note 13), and so does every part of Imza."""
    late = b"\0" * (PDF_SNIFF_BYTES - 8) + b"%PDF-1.7\n"
    too_late = b"\0" * PDF_SNIFF_BYTES + b"%PDF-1.7\n"
    cut = b"\0" * (PDF_SNIFF_BYTES - 3) + b"%PDF-1.7\n"
    assert looks_like_pdf(b"%PDF-1.7\n") and looks_like_pdf(late) and looks_like_pdf(b"junk\n%PDF-2.0\n")
    assert not looks_like_pdf(too_late) and not looks_like_pdf(cut)
    assert sniff(late) == "pdf" and sniff(cut) is None  # the verifier decides the same
    (tmp_path / "notes.pdf").write_bytes(too_late)
    (tmp_path / "letter.bin").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    assert not file_looks_like_pdf(tmp_path / "notes.pdf")  # by content, never by name
    assert file_looks_like_pdf(tmp_path / "letter.bin")
    assert not file_looks_like_pdf(tmp_path / "missing.pdf")
