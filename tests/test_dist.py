"""The built app: dist/imza/ (PyInstaller), the .deb and the tarball that `make dist` makes.

Skipped when they have not been built; `make test` builds them first, so CI always runs these.
The .deb is unpacked into a scratch root (dpkg-deb -x) and the installed program is started
from there; `make deb-install-test` (root) installs it for real with apt and removes it again.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DIST = REPO / "dist"
BUNDLE = DIST / "imza"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]

pytestmark = [
    pytest.mark.dist,
    pytest.mark.skipif(not (BUNDLE / "imza").is_file(), reason="dist/imza not built (make dist)"),
]


def run(argv, tmp_path, **env):
    """Run like a user would: no venv, no PYTHONPATH, a fresh home, no display."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("PYTHONPATH", "VIRTUAL_ENV", "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    clean.update(HOME=str(tmp_path / "home"), IMZA_HOME=str(tmp_path / "imza-home"), **env)
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=180, env=clean,
                          cwd=tmp_path)


def test_bundle_reports_the_pyproject_version(tmp_path):
    proc = run([BUNDLE / "imza", "--version"], tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == f"imza, version {VERSION}", proc.stderr


def test_bundle_self_test_passes_headless(tmp_path):
    proc = run([BUNDLE / "imza", "--self-test"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Qt 6" in proc.stdout and "(offscreen)" in proc.stdout
    assert "TOTAL-PASSED at level B-LT" in proc.stdout
    assert f"resources in {BUNDLE / '_internal' / 'resources'}" in proc.stdout  # not the checkout's


def test_bundle_cli_verifies_offline(tmp_path):
    sample = BUNDLE / "_internal" / "resources" / "samples"
    trust = tmp_path / "trust"
    trust.mkdir()
    (trust / "anchor.pem").write_bytes((sample / "anchor.pem").read_bytes())
    proc = run([BUNDLE / "imza", "verify", "--offline", "--trust", trust, sample / "letter-B-LT.pdf",
                "--report", tmp_path / "report.pdf"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "TOTAL-PASSED" in proc.stdout
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")  # reportlab works in the bundle


def test_bundle_carries_the_xml_schemas_xades_needs():
    assert sorted((BUNDLE / "_internal" / "signxml").rglob("*.xsd")), "signxml's schemas (XAdES in ASiC-E)"


def test_bundle_leaves_out_what_the_app_does_not_use():
    internal = BUNDLE / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for absent in ("libQt6Network.so.6", "libQt6Qml.so.6", "libQt6Quick.so.6", "libqwayland.so", "libqsvg.so",
                   "libQt6WebEngineCore.so.6", "_tkinter.cpython-311-x86_64-linux-gnu.so", "libqgtk3.so"):
        assert absent not in names, absent
    for present in ("libqxcb.so", "libqoffscreen.so", "libqjpeg.so", "libpdfium.so", "qtbase_ru.qm"):
        assert present in names, present
    assert any(n.startswith("_pkcs11.") for n in names)
    assert any(n.startswith("imza-") and n.endswith(".dist-info") for n in names)


def bundled_modules(executable: Path) -> set[str]:
    """The Python modules in an executable's embedded PYZ archive (what the program can import)."""
    from PyInstaller.archive.readers import PKG_ITEM_PYZ, CArchiveReader

    pkg = CArchiveReader(str(executable))
    names: set[str] = set()
    for name, entry in pkg.toc.items():
        if entry[-1] == PKG_ITEM_PYZ:
            names |= set(pkg.open_embedded_archive(name).toc)
    return names


def test_bundle_has_the_demo_portal_without_its_test_controls():
    """The reference portal's fault injection (/_test/ routes) is a test harness, not the product."""
    modules = bundled_modules(BUNDLE / "imza")
    assert {"desktop.portal_server.app", "desktop.portal_server.server", "desktop.portal_server.events"} <= modules
    assert "desktop.portal_server.faults" not in modules
    assert not any(p.name.startswith("faults.") for p in (BUNDLE / "_internal").rglob("portal_server/*"))


def deb() -> Path:
    debs = sorted(DIST.glob(f"imza_{VERSION}_*.deb"))
    assert debs, "make dist builds the .deb next to the bundle"
    return debs[-1]


def test_deb_metadata_version_and_dependencies():
    fields = dict(line.split(": ", 1) for line in subprocess.run(
        ["dpkg-deb", "-f", deb()], capture_output=True, text=True, check=True).stdout.splitlines()
        if ": " in line and not line.startswith(" "))
    assert fields["Package"] == "imza" and fields["Version"] == VERSION
    depends = [d.strip() for d in fields["Depends"].split(",")]
    assert "pcscd" in depends and "opensc | p11-kit" in depends
    assert "libxcb-cursor0" in depends  # Qt's xcb platform needs it and does not carry it


def test_deb_installs_menu_entry_icons_mime_types_and_a_working_program(tmp_path):
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", deb(), root], check=True)
    contents = subprocess.run(["dpkg-deb", "-c", deb()], capture_output=True, text=True, check=True).stdout
    assert "./usr/bin/imza -> ../lib/imza/imza" in contents
    assert (root / "usr/share/applications/imza.desktop").is_file()
    assert (root / "usr/share/mime/packages/imza.xml").is_file()
    for size in (16, 48, 256):
        assert (root / f"usr/share/icons/hicolor/{size}x{size}/apps/imza.png").is_file()
    desktop = (root / "usr/share/applications/imza.desktop").read_text()
    assert "MimeType=application/pdf;application/pkcs7-signature;application/vnd.etsi.asic-e+zip;" in desktop
    proc = run([root / "usr/bin/imza", "--self-test"], tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"resources in {root / 'usr/lib/imza/_internal/resources'}" in proc.stdout


def test_tarball_runs_from_where_it_is_unpacked(tmp_path):
    (tarball,) = DIST.glob(f"imza-{VERSION}-linux-*.tar.gz")
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path, filter="tar")
    top = tmp_path / f"imza-{VERSION}"
    assert (top / "share/applications/imza.desktop").is_file() and (top / "INSTALL.txt").is_file()
    proc = run([top / "bin" / "imza", "--version"], tmp_path)
    assert proc.returncode == 0 and VERSION in proc.stdout, proc.stderr


def test_every_library_the_bundle_links_to_is_in_it_or_on_the_system():
    """Nothing was pruned that a kept binary needs (build.spec drops plugins and their libraries)."""
    internal = BUNDLE / "_internal"
    bundled = {p.name for p in internal.rglob("*.so*")}
    system = set(subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout.split())
    missing = {}
    for path in internal.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        dynamic = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
        for lib in (line.split("[", 1)[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line):
            if lib not in bundled and lib not in system:
                missing.setdefault(lib, []).append(path.relative_to(internal).as_posix())
    assert not missing, missing


def test_every_command_loads_in_the_bundle(tmp_path):
    """The CLI imports its commands by name: a module the bundle lacks shows up only when one runs."""
    from desktop.cli.main import COMMANDS

    for name in [*COMMANDS, "gui"]:
        proc = run([BUNDLE / "imza", name, "--help"], tmp_path)
        assert proc.returncode == 0 and "Usage:" in proc.stdout, f"imza {name} --help: {proc.stderr[-1500:]}"


def test_bundle_bulk_signs_through_its_worker_processes(tmp_path, demo):
    """Bulk preparation runs in spawned processes that start as the frozen executable itself:
    without multiprocessing.freeze_support() each would start a second CLI instead."""
    from desktop.demo.documents import letter_pdf

    letters = tmp_path / "letters"
    letters.mkdir()
    data = letter_pdf("Letter to the Ministry")
    for i in range(200):  # enough to outlast the workers' start-up (~1 s), so they are used
        (letters / f"letter-{i:03}.pdf").write_bytes(data)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "DISPLAY")}
    env.update(HOME=str(tmp_path / "home"), IMZA_HOME=str(demo.home), SOFTHSM2_CONF=demo.state["softhsm2_conf"])
    proc = subprocess.run([str(BUNDLE / "imza"), "bulk", str(letters), "--out-dir", str(tmp_path / "out"),
                           "--token", "Citizen ID", "--pin-stdin", "--level", "B-B", "--workers", "2"],
                          input="12345\n", capture_output=True, text=True, timeout=180, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "200 signed, 0 failed" in proc.stderr
    assert "warning" not in proc.stderr and "Usage:" not in proc.stderr  # the workers did the preparing
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 200
