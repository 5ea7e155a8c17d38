"""build.spec and the installer scripts, checked without building (Windows and macOS cannot build here).

Every file an installer script names must exist: in the repository, or in the bundle layout
build.spec produces (dist/imza/ when it was built; otherwise the layout read from build.spec).
"""

from __future__ import annotations

import ast
import configparser
import plistlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
SPEC = (REPO / "build.spec").read_text(encoding="utf-8")
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
LINUX = REPO / "installers" / "linux"
WINDOWS = REPO / "installers" / "windows"
MACOS = REPO / "installers" / "macos"


def spec_datas() -> list[tuple[str, str]]:
    """The (source folder, folder in the bundle) pairs build.spec adds from resources/."""
    return re.findall(r'\(str\(ROOT / "resources" / "(\w+)"\), "(resources/\w+)"\)', SPEC)


def bundle_layout() -> set[str]:
    """Paths inside the bundle folder (dist/imza/), '/'-separated, as build.spec lays them out.

    Executables are named without .exe; on Windows and macOS the windowed imza-gui is there too.
    """
    layout = {"imza", "imza-gui", "_internal"}
    for source, dest in spec_datas():
        for path in (REPO / "resources" / source).rglob("*"):
            if path.is_file() and path.suffix != ".ts":
                layout.add(f"_internal/{dest}/{path.relative_to(REPO / 'resources' / source).as_posix()}")
    return layout


def in_bundle(rel: str) -> bool:
    """Whether `rel` (a file, or a folder with a trailing /* pattern stripped) is in the bundle."""
    rel = rel.removesuffix(".exe")
    layout = bundle_layout()
    return rel in layout or any(p.startswith(rel + "/") for p in layout)


def test_spec_bundles_every_resource_folder():
    bundled = {source for source, _ in spec_datas()}
    folders = {p.name for p in (REPO / "resources").iterdir() if p.is_dir()}
    assert folders <= bundled, f"resources/ folders build.spec leaves out: {folders - bundled}"
    for source, dest in spec_datas():
        assert dest == f"resources/{source}"  # desktop/resources.py looks for _MEIPASS/resources/<name>


def test_spec_is_python_and_names_files_that_exist():
    ast.parse(SPEC)
    for rel in re.findall(r'ROOT / "([\w./-]+)"(?: / "([\w./-]+)")?(?: / "([\w./-]+)")?', SPEC):
        path = REPO.joinpath(*[p for p in rel if p])
        if path.suffix != ".qm":  # built by `make i18n`
            assert path.exists(), f"build.spec names {path.relative_to(REPO)}, which does not exist"
    for needed in re.search(r"for needed in \(([^)]*)\)", SPEC).group(1).split(","):
        rel = needed.strip().strip('"')
        assert rel.endswith(".qm") or (REPO / rel).is_file(), rel


def test_spec_keeps_only_the_qt_parts_the_app_uses():
    ns: dict = {"Path": Path}
    exec(compile(SPEC[SPEC.index("QT_PLUGIN_DIRS"):SPEC.index("datas = [")], "build.spec", "exec"), ns)
    keep = ns["keep"]
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert keep("PySide6/Qt/plugins/platforms/libqoffscreen.so")
    assert keep("PySide6/plugins/platforms/qwindows.dll")
    assert keep("PySide6/Qt/plugins/platforms/libqcocoa.dylib")
    assert keep("PySide6/Qt/plugins/imageformats/libqjpeg.so")
    assert keep("PySide6/Qt/translations/qtbase_ru.qm")
    assert keep("PySide6/Qt/lib/libQt6Widgets.so.6")
    assert keep("pypdfium2_raw/libpdfium.so")
    assert not keep("libQt6Network.so.6")  # the symlink PyInstaller puts at the top
    for dropped in ("PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
                    "PySide6/Qt/plugins/imageformats/libqsvg.so", "PySide6/Qt/plugins/tls/libqopensslbackend.so",
                    "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/Qt/lib/libQt6Network.so.6",
                    "PySide6/Qt/lib/libQt6WaylandClient.so.6", "PySide6/Qt/translations/qtbase_de.qm",
                    "PySide6/Qt/translations/qtdeclarative_ru.qm"):
        assert not keep(dropped), dropped
    for module in ("tkinter", "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtWebEngineCore", "PySide6.Qt3DCore",
                   "PySide6.QtMultimedia"):
        assert f'"{module}"' in SPEC, f"build.spec should exclude {module}"


def test_spec_leaves_the_portal_test_controls_out_of_the_bundle():
    """Excluded, and not named as a hidden import either (collect_submodules would add it back)."""
    ns: dict = {}
    exec(compile(SPEC[SPEC.index("EXCLUDES = ["):SPEC.index("# Qt plugin folders")], "build.spec", "exec"), ns)
    assert "desktop.portal_server.faults" in ns["TEST_HARNESSES"]
    assert set(ns["TEST_HARNESSES"]) <= set(ns["EXCLUDES"])
    assert re.search(r'collect_submodules\("desktop", filter=lambda name: name not in TEST_HARNESSES\)', SPEC)


PORTAL_WITHOUT_FAULTS = """
import sys
sys.modules["desktop.portal_server.faults"] = None  # as in the bundle: the module is not there
from pathlib import Path
from desktop.demo import services
from desktop.portal_server.app import PortalConfig, build_app
config = PortalConfig(origins=(), db_path=Path(sys.argv[1]), identity=None, receipts=None, catalogue=None)
print(sorted({r.resource.canonical for r in build_app(config).router.routes()}))
config.test_controls = True
try:
    build_app(config)
except ImportError:
    print("no test controls")
"""


def test_the_portal_runs_without_its_test_controls(tmp_path):
    """What the bundle has (the portal, the demo services) imports and builds without faults.py."""
    proc = subprocess.run([sys.executable, "-c", PORTAL_WITHOUT_FAULTS, str(tmp_path / "portal.sqlite")],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    routes, refused = proc.stdout.splitlines()
    assert "/v1/submissions" in routes and "/_test/" not in routes
    assert refused == "no test controls"


def test_spec_names_the_lazily_loaded_parts():
    assert 'collect_submodules("desktop",' in SPEC  # desktop/cli/main.py COMMANDS imports by name
    assert '"pkcs11._pkcs11"' in SPEC  # python-pkcs11's native part, imported inside pkcs11.lib()
    assert 'copy_metadata("imza")' in SPEC  # the version in the bundle


# --- Linux -------------------------------------------------------------------------------------

def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(LINUX / "imza.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_pdf_p7s_and_asice():
    entry = desktop_entry()
    assert entry["Exec"] == "imza gui %F" and entry["Icon"] == "imza" and entry["Type"] == "Application"
    assert set(entry["MimeType"].strip(";").split(";")) == {
        "application/pdf", "application/pkcs7-signature", "application/vnd.etsi.asic-e+zip"}


def test_mime_file_declares_the_types_it_claims():
    tree = etree.parse(str(LINUX / "imza-mime.xml"))
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    globs = {t.get("type"): {g.get("pattern") for g in t.findall("m:glob", ns)} for t in tree.findall("m:mime-type", ns)}
    assert globs["application/vnd.etsi.asic-e+zip"] >= {"*.asice"}
    assert globs["application/pkcs7-signature"] == {"*.p7s"}
    # Every type the .desktop entry opens is either declared here or standard (PDF).
    assert set(desktop_entry()["MimeType"].strip(";").split(";")) - set(globs) == {"application/pdf"}


def test_deb_script_names_files_that_exist():
    script = (LINUX / "build-deb.sh").read_text(encoding="utf-8")
    for rel in re.findall(r'"(\$HERE/[\w.-]+|resources/[\w/.$-]+)"', script):
        if "$size" in rel:
            for size in re.search(r"for size in ([\d ]+); do", script).group(1).split():
                assert (REPO / rel.replace("$size", size)).is_file(), rel
        else:
            assert (REPO / rel.replace("$HERE", "installers/linux")).is_file(), rel
    assert 'depends="pcscd, opensc | p11-kit"' in script


# --- Windows -----------------------------------------------------------------------------------

def iss_defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', text, re.M))


def iss_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if m := re.fullmatch(r"\[(\w+)\]", line):
            current = sections.setdefault(m.group(1), [])
        elif current is not None:
            current.append(line)
    return sections


def iss_entry(line: str) -> dict[str, str]:
    """One line of an Inno Setup section, e.g. `Source: "a\\b"; Flags: x y`, as a dict; "" in quotes is a quote."""
    entry = {}
    for m in re.finditer(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line):
        value = m.group(2).strip()
        entry[m.group(1)] = value[1:-1].replace('""', '"') if value.startswith('"') else value
    return entry


@pytest.fixture(scope="module")
def iss():
    text = (WINDOWS / "imza.iss").read_text(encoding="utf-8")
    defines = iss_defines(text)

    def expand(value: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), value)

    sections = {name: [iss_entry(expand(line)) for line in lines] for name, lines in iss_sections(text).items()}
    setup = dict(line.split("=", 1) for line in iss_sections(expand(text))["Setup"])
    return defines, sections, setup


def test_inno_setup_installs_per_user_with_uninstaller_and_version_from_the_build(iss):
    defines, _, setup = iss
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["Uninstallable"] == "yes" and setup["ChangesAssociations"] == "yes"
    assert "AppVersion" not in defines  # passed by build.cmd from imza.exe --version: one source
    assert setup["AppVersion"] == "{#AppVersion}" and setup["VersionInfoVersion"] == "{#AppVersion}"
    assert "--version" in (WINDOWS / "build.cmd").read_text()


def test_inno_setup_names_only_files_that_exist(iss):
    defines, sections, setup = iss
    for key in ("SetupIconFile",):
        assert (WINDOWS / setup[key].replace("\\", "/")).resolve().is_file(), setup[key]
    bundle = (WINDOWS / defines["Bundle"].replace("\\", "/")).resolve()
    assert bundle == REPO / "dist" / "imza"
    for f in sections["Files"]:
        source = (WINDOWS / f["Source"].replace("\\", "/")).resolve()
        rel = source.relative_to(bundle).as_posix().removesuffix("/*")
        assert in_bundle(rel), f"imza.iss installs {rel}, which the bundle does not have"
    installed = {"{app}\\" + f["Source"].split(defines["Bundle"] + "\\", 1)[1].removesuffix("\\*") for f in sections["Files"]}
    for section in ("Icons", "Run"):
        for entry in sections[section]:
            assert entry["Filename"] in installed, f"[{section}] starts {entry['Filename']}, which is not installed"


def test_inno_setup_has_start_menu_entry_and_associations(iss):
    _, sections, _ = iss
    assert any(e["Name"].startswith("{autoprograms}") for e in sections["Icons"])
    keys = {e["Subkey"] for e in sections["Registry"]}
    for ext in (".pdf", ".p7s", ".asice"):
        assert f"Software\\Classes\\{ext}\\OpenWithProgids" in keys
    assert all(e["Root"] == "HKA" for e in sections["Registry"])  # HKCU in a per-user install
    # Inno Setup ignores a [Run] program's exit status, so the self-test runs in build.cmd instead.
    assert "imza.exe --self-test || exit /b 1" in (WINDOWS / "build.cmd").read_text()


# --- macOS -------------------------------------------------------------------------------------

def test_macos_entitlements_allow_loading_a_card_vendors_pkcs11_module():
    entitlements = plistlib.loads((MACOS / "entitlements.plist").read_bytes())
    assert entitlements["com.apple.security.cs.disable-library-validation"] is True
    assert "com.apple.security.app-sandbox" not in entitlements


def test_macos_script_names_files_that_exist():
    script = (MACOS / "build-dmg.sh").read_text(encoding="utf-8")
    assert "--options runtime" in script and "notarytool submit" in script and "stapler staple" in script
    for rel in re.findall(r"(installers/[\w/.-]+|resources/[\w/.-]+)", script):
        assert (REPO / rel).exists(), rel
    # Inside Imza.app, PyInstaller puts the executables in Contents/MacOS: both must be ones build.spec makes.
    for exe in re.findall(r'\$APP/Contents/MacOS/([\w-]+)', script):
        assert in_bundle(exe), exe
    assert re.search(r'BUNDLE\(\s*coll,\s*name="Imza.app"', SPEC)
    assert "CFBundleShortVersionString\": VERSION" in SPEC and "argv_emulation=sys.platform == \"darwin\"" in SPEC


def test_the_bundle_layout_has_what_the_self_test_needs():
    for rel in ("samples/letter-B-LT.pdf", "samples/anchor.pem", "icons/imza.png", "i18n/az.json", "trust/README.md"):
        assert in_bundle(f"_internal/resources/{rel}"), rel


def test_version_is_declared_once():
    init = (REPO / "desktop" / "__init__.py").read_text()
    assert VERSION not in init and "pyproject.toml" in init
    assert re.search(r'info_plist=\{\s*"CFBundleShortVersionString": VERSION', SPEC)
