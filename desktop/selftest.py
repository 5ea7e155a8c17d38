"""`imza --self-test`: does this installation work? Headless, offline, no user settings touched.

Checks, each one line: Qt starts on the offscreen platform and shows the main window (with our
translations and a PDF page rendered by pdfium), python-pkcs11's native part loads (and the
PKCS#11 module the system offers, if any, answers), pyhanko and the bundled trust store load,
and the signed sample in resources/samples/ verifies TOTAL-PASSED at level B-LT against its own
anchor. The sample was made once by scripts/make_sample.py with certificates and a CRL valid until
2126, so the expected verdict does not change with the clock.

Meant for installers and CI (the PyInstaller bundle runs it in `make dist-test`) and for a user
asked "does Imza work on your machine?". Nothing here imports Qt until the Qt check runs.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.text import printable
from desktop.resources import resource_path

SAMPLE = ("samples", "letter-B-LT.pdf")
SAMPLE_ANCHOR = ("samples", "anchor.pem")
EXPECTED = ("TOTAL-PASSED", "B-LT")


class Failed(Exception):
    """A check that did not pass, with what was seen."""


def check_resources() -> str:
    from desktop import __version__

    missing = [p for p in (SAMPLE, SAMPLE_ANCHOR, ("i18n", "imza_az.qm"), ("i18n", "imza_ru.qm"),
                           ("i18n", "az.json"), ("icons", "imza.png"))
               if not resource_path(*p).is_file()]
    if missing:
        raise Failed("missing from resources/: " + ", ".join("/".join(p) for p in missing))
    return f"Imza {__version__}, resources in {resource_path()}"


def check_trust_store() -> str:
    from desktop.verify.trust import TrustStore

    store = TrustStore.bundled()
    return f"bundled trust store loads ({len(store.anchors)} anchors)"


def check_sample() -> str:
    from pyhanko.version import __version__ as pyhanko_version

    from desktop.verify.engine import verify_file
    from desktop.verify.trust import TrustStore, load_certificates

    trust = TrustStore(None, load_certificates(resource_path(*SAMPLE_ANCHOR).read_bytes()))
    report = verify_file(resource_path(*SAMPLE), trust, offline=True)
    seen = [(s.indication.value, s.level) for s in report.signatures]
    if report.error or seen != [EXPECTED]:
        raise Failed(f"the sample verified as {seen or report.error}, expected {[EXPECTED]}: "
                     + "; ".join(s.message for s in report.signatures))
    return f"pyhanko {pyhanko_version}: sample verifies {EXPECTED[0]} at level {EXPECTED[1]} offline"


def check_pkcs11() -> str:
    from pkcs11 import _pkcs11  # noqa: F401 - the Cython extension: the part a bundle can lose

    from desktop.tokens import discovery

    # IMZA_PKCS11_MODULE, p11-kit's list, the well-known paths: the first module that exists.
    candidates = [c for c in discovery.candidate_modules() if c.exists]
    if not candidates:
        return "python-pkcs11 native part loads (no PKCS#11 module installed to try)"
    candidate = candidates[0]
    lib = discovery.load(candidate)
    if lib is None:
        # A broken vendor module is the system's problem, not this installation's: say so, pass.
        return f"python-pkcs11 native part loads; {candidate.path} does not ({candidate.error})"
    return (f"python-pkcs11 loads {Path(candidate.path).name} ({candidate.description}; "
            f"{len(lib.get_slots())} slots)")


def check_qt() -> str:
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication

    from desktop.config import Settings
    from desktop.ui.app import create_window
    from desktop.ui.pdf_render import render_page

    app = QApplication.instance() or QApplication(sys.argv[:1])
    for lang in ("az", "ru"):
        if not QTranslator().load(str(resource_path("i18n", f"imza_{lang}.qm"))):
            raise Failed(f"Qt cannot load resources/i18n/imza_{lang}.qm")
    qt_ru = QTranslator().load("qtbase_ru", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    # The window saves its geometry when it closes: into a throw-away home, not the user's.
    saved_home = os.environ.get("IMZA_HOME")
    with tempfile.TemporaryDirectory(prefix="imza-selftest-") as home:
        os.environ["IMZA_HOME"] = home
        try:
            window = create_window(settings=Settings())
            window.show()
            app.processEvents()
            shown = window.isVisible()
            window.close()
        finally:
            if saved_home is None:
                os.environ.pop("IMZA_HOME", None)
            else:
                os.environ["IMZA_HOME"] = saved_home
    if not shown:
        raise Failed("the main window did not show")
    page = render_page(resource_path(*SAMPLE), 0, 0.5)
    if page.image.isNull() or page.image.width() < 100:
        raise Failed("pdfium rendered an empty page")
    platform = app.platformName()
    return (f"Qt {pyside_version} ({platform}): window shown, page rendered "
            f"{page.image.width()}x{page.image.height()}, translations load"
            + ("" if qt_ru else " (no qtbase_ru)"))


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("resources", check_resources),
    ("trust store", check_trust_store),
    ("pyhanko + sample", check_sample),
    ("PKCS#11", check_pkcs11),
    ("Qt", check_qt),
]


def run(out=None) -> int:
    """Run every check, print one line each; 0 if all passed, 1 otherwise."""
    out = out or sys.stdout
    failures = 0
    for name, check in CHECKS:
        start = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as e:  # noqa: BLE001 - every failure is reported, then the next check runs
            detail, ok = f"{type(e).__name__}: {e}" if not isinstance(e, Failed) else str(e), False
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name:<17} {printable(detail)} [{time.perf_counter() - start:.2f} s]",
              file=out, flush=True)
    print("self-test passed" if not failures else f"self-test FAILED ({failures} checks)", file=out)
    return 1 if failures else 0
