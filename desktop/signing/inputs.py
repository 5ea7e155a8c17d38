"""Checking what is to be signed and naming what signing writes, before any PIN is asked."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import InputError, OutputExistsError
from desktop.core.files import check_readable, file_looks_like_pdf
from desktop.core.model import SignatureFormat, SignatureLevel, SignRequest, VisibleSignature


def preflight_pdf(source: Path) -> None:
    """Parse the PDF now, so a damaged, encrypted or locked one is refused before the PIN is asked."""
    from desktop.signing.pades import open_pdf, refuse_if_locked

    writer = open_pdf(source.read_bytes(), str(source))
    refuse_if_locked(writer, str(source))


def check_signable(source: Path, fmt: SignatureFormat | None = None) -> SignatureFormat:
    """Whether `source` can be signed, and in which format: `fmt`, or the default for its name (a
    .pdf is signed inside the PDF, anything else as a detached .p7s). Raises InputError saying why
    not (missing, empty, not a PDF, damaged, encrypted, certified "no changes"). `imza sign` and
    the window both ask this, before any PIN."""
    check_readable(source)
    f = fmt or default_format(source)
    if f is SignatureFormat.PADES:
        if not file_looks_like_pdf(source):
            raise InputError("{path} is not a PDF file.",
                             "Sign it as a detached CAdES signature with --format cades, or convert it to PDF first.", path=source)
        preflight_pdf(source)
    return f


def default_format(path: Path) -> SignatureFormat:
    """PAdES for a name ending in .pdf (any case), detached CAdES for anything else; the content is checked later."""
    return SignatureFormat.PADES if path.suffix.lower() == ".pdf" else SignatureFormat.CADES


def default_output(source: Path, fmt: SignatureFormat, out_dir: Path | None = None) -> Path:
    """Where signing `source` in `fmt` writes: NAME.signed.pdf, NAME.asice or NAME.EXT.p7s.

    In `out_dir` when given, else beside the source; never the source itself.
    """
    if fmt is SignatureFormat.PADES:
        name = f"{source.stem}.signed.pdf"
    elif fmt is SignatureFormat.ASICE:
        name = f"{source.stem}.asice"
    else:
        name = f"{source.name}.p7s"
    return (out_dir or source.parent) / name


def plan(files: list[Path], *, fmt: SignatureFormat | None, level: SignatureLevel,
         output: Path | None = None, out_dir: Path | None = None, force: bool = False,
         reason: str | None = None, location: str | None = None,
         visible: VisibleSignature | None = None) -> list[SignRequest]:
    """One SignRequest per file (ASiC-E with -o: one container holding all the files).
    Fails on the first unusable input, before any token work."""
    if fmt is SignatureFormat.ASICE and output and len(files) > 1:
        return [container_request(files, output, level, force)]
    if output and len(files) > 1:
        raise InputError("-o names one output file, but several files were given.", "Use --out-dir DIR instead.")
    if out_dir and not out_dir.is_dir():
        raise InputError("The output folder {out_dir} does not exist.", "Create it first or choose another.", out_dir=out_dir)
    requests: list[SignRequest] = []
    seen: set[Path] = set()
    for source in files:
        source = Path(source)
        f = check_signable(source, fmt)
        out = Path(output) if output else default_output(source, f, out_dir)
        if out.resolve() == source.resolve():
            raise InputError("The output {path} would replace the original.", "Choose another output name.", path=out)
        if out.resolve() in seen:
            raise InputError("Two inputs would both be written to {path}.", "Sign them into different folders.", path=out)
        seen.add(out.resolve())
        if out.exists() and not force:
            raise OutputExistsError("{path} already exists.", "Use --force to replace it, or choose another output name.", path=out)
        if visible and f is not SignatureFormat.PADES:
            raise InputError("A visible signature needs a PDF; {path} is signed as a detached .p7s.",
                             "Drop --visible for non-PDF files.", path=source)
        requests.append(SignRequest(source, out, f, level, reason, location, force, visible,
                                    container_files=(source,) if f is SignatureFormat.ASICE else ()))
    return requests


def container_request(files: list[Path], output: Path, level: SignatureLevel, force: bool) -> SignRequest:
    """Several files into one ASiC-E container."""
    from desktop.signing.asice import member_names

    files = [Path(f) for f in files]
    for source in files:
        check_readable(source)
    member_names(files)
    output = Path(output)
    if any(output.resolve() == f.resolve() for f in files):
        raise InputError("The output {path} would replace one of the files.", "Choose another output name.", path=output)
    if output.exists() and not force:
        raise OutputExistsError("{path} already exists.", "Use --force to replace it, or choose another output name.", path=output)
    return SignRequest(files[0], output, SignatureFormat.ASICE, level, force=force, container_files=tuple(files))
