"""`make screenshots`: PNGs of the window's main screens, from the real app on the demo tokens.

Run under a display (make runs it in xvfb-run). It builds a private demo (PKI, SoftHSM2 tokens,
TSA/OCSP/CRL services) in a temp folder, signs sample letters through the CLI, then drives the
window and saves each screen. With --scaled it only saves the main window at 200% (make runs
that in a second process, because the scale factor is fixed when Qt starts).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1500, 920


def imza(*args, env, input=None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], env=env, input=input,
                          capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise SystemExit(f"imza {' '.join(map(str, args))} failed:\n{proc.stderr}")
    return proc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(base: Path) -> tuple[dict, subprocess.Popen, dict[str, Path]]:
    """A demo environment, its services running, and the documents to show."""
    env = {**os.environ, "IMZA_HOME": str(base / "home"), "PYTHONPATH": str(REPO)}
    env.pop("SOFTHSM2_CONF", None)
    imza("demo", "init", "--dir", base / "demo", "--port", free_port(), env=env)
    state = json.loads((base / "demo" / "demo.json").read_text())
    serve = subprocess.Popen([sys.executable, "-m", "desktop", "demo", "serve", "--dir", str(base / "demo")],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO)
    if "ready" not in serve.stdout.readline():
        raise SystemExit("the demo services did not start")
    sys.path.insert(0, str(REPO))
    from desktop.demo.documents import letter_pdf

    docs = base / "docs"
    docs.mkdir()
    letter = docs / "letter.pdf"
    letter.write_bytes(letter_pdf("Letter to the Ministry of Digital Development"))
    signed_src = docs / "contract.pdf"
    signed_src.write_bytes(letter_pdf("Service contract No. 2026/114"))
    imza("sign", signed_src, "--token", "Citizen ID", "--level", "B-LT", "--visible", "1:330,60,560,130",
         "--reason", "Agreed", "--location", "Baku", "--pin-stdin", env=env, input="12345\n")
    signed = docs / "contract.signed.pdf"
    imza("sign", signed, "--token", "Agency token", "--level", "B-LTA", "-o", docs / "contract.countersigned.pdf",
         "--pin-stdin", env=env, input="246810\n")
    tampered = docs / "tampered.pdf"
    tampered.write_bytes(signed.read_bytes().replace(b"Dear colleagues", b"Dear Colleagues", 1))
    other = docs / "minutes.docx"
    other.write_bytes(b"PK\x03\x04" + b"minutes of the meeting " * 400)
    # an ASiC-E container of two files, and a third slipped in after signing
    application, annex = docs / "application.pdf", docs / "annex.txt"
    application.write_bytes(letter_pdf("Application for the e-service"))
    annex.write_text("Annex 1: list of documents attached.\n")
    container = docs / "bundle.asice"
    imza("sign", "--format", "asice", application, annex, "-o", container, "--token", "Citizen ID", "--level", "B-LT",
         "--pin-stdin", env=env, input="12345\n")
    import zipfile

    with zipfile.ZipFile(container, "a") as z:
        z.writestr("later.txt", "added after signing")
    # a detached signature that arrived without the file it signs
    inbox = docs / "inbox"
    inbox.mkdir()
    report = docs / "report.odt"
    report.write_bytes(b"PK\x03\x04" + b"quarterly report " * 300)
    imza("sign", report, "--token", "Agency token", "--level", "B-LT", "-o", inbox / "report.odt.p7s", "--pin-stdin",
         env=env, input="246810\n")
    os.environ.update(IMZA_HOME=env["IMZA_HOME"], SOFTHSM2_CONF=state["softhsm2_conf"])
    # the portal's login goes to a password store: a file one in the temp folder stands in for the system's
    os.environ.update(PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
                      XDG_DATA_HOME=str(base / "keyring"), XDG_CONFIG_HOME=str(base / "keyring"))
    return state, serve, {"letter": letter, "signed": docs / "contract.countersigned.pdf", "citizen": signed,
                          "tampered": tampered, "other": other, "container": container,
                          "lonely_p7s": inbox / "report.odt.p7s"}


class Shooter:
    def __init__(self, out: Path):
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.out = out
        out.mkdir(parents=True, exist_ok=True)

    def wait(self, condition, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("timed out waiting for the window")
            self.app.processEvents()
            time.sleep(0.02)
        for _ in range(5):
            self.app.processEvents()
            time.sleep(0.02)

    def save(self, widget, name: str) -> None:
        self.wait(lambda: True)
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    def window(self, language: str = "en", size=(WIDTH, HEIGHT), trust_dir: str | None = None):
        from desktop.config import Settings, load_and_apply
        from desktop.ui.app import create_window

        # The last window's language is left in IMZA_LANG (for child processes), which would
        # outrank this window's setting.
        os.environ.pop("IMZA_LANG", None)
        settings = load_and_apply()
        settings.set("language", language)
        if trust_dir is not None:  # a private copy: the demo's own settings keep their trust folder
            settings = Settings({s.name: v for s, v in settings.items()}, None)
            settings.set("trust_dir", trust_dir)
        w = create_window(settings=settings)
        w.resize(*size)
        w.show()
        self.wait(lambda: w.tokens.snapshot is not None)
        return w

    def open(self, w, path: Path) -> None:
        w.open_files([path])
        self.wait(lambda: w.current().report is not None or (w.current().kind == "file" and w.current().signature is None))
        self.wait(lambda: w.preview.view.page is not None or w.current().kind != "pdf")


def first_screens(shots: Shooter, docs: dict[str, Path], base: Path) -> None:
    """The empty window (drop zone, cards), a drag over it, and a first run that trusts nothing yet."""
    from desktop.ui.trust_setup import AddRootDialog

    w = shots.window()
    shots.wait(lambda: bool(w.tokens.token_labels()))
    shots.save(w, "00-first-screen")
    w.welcome.drop_zone.set_dragging(True)
    shots.save(w, "00b-first-screen-dragging")
    w.welcome.drop_zone.set_dragging(False)
    w.about()
    shots.wait(lambda: w.about_dialog.isVisible())
    shots.save(w.about_dialog, "24-about")
    w.about_dialog.reject()
    w.close()

    empty = base / "empty-trust"
    empty.mkdir()
    w = shots.window(trust_dir=str(empty))
    shots.wait(lambda: w.welcome.trust_notice.isVisible())
    shots.save(w, "20-first-run-nothing-trusted")
    shots.open(w, docs["citizen"])
    shots.wait(lambda: w.verification.trust_notice.isVisible())
    shots.save(w, "21-verdict-nothing-trusted")
    w.trust_setup.inspect(state_root(base))
    shots.wait(lambda: isinstance(w.trust_setup.dialog, AddRootDialog) and w.trust_setup.dialog.isVisible())
    shots.save(w.trust_setup.dialog, "22-add-root-fingerprint")
    w.trust_setup.dialog.reject()
    w.close()


def state_root(base: Path) -> Path:
    return base / "demo" / "trust" / "imza-demo-root.pem"


def main_screens(shots: Shooter, docs: dict[str, Path]) -> None:
    from desktop.ui.pin_dialog import PinChangeDialog, PinDialog

    w = shots.window()
    shots.open(w, docs["signed"])
    shots.save(w, "01-verified-two-signatures")
    w.verification.list.setCurrentRow(1)
    shots.save(w.verification, "02-signature-details")

    shots.open(w, docs["tampered"])
    shots.save(w, "03-tampered-invalid")

    shots.open(w, docs["letter"])
    w.preview.place_button.setChecked(True)
    from desktop.core.model import VisibleSignature

    w.preview.view.set_box(VisibleSignature(0, (330.0, 60.0, 560.0, 130.0)))
    w.preview.scroll.verticalScrollBar().setValue(w.preview.scroll.verticalScrollBar().maximum())
    shots.save(w, "04-unsigned-with-signature-box")
    w.sign_current()
    shots.wait(lambda: w.flow.dialog is not None and w.flow.dialog.isVisible())
    shots.save(w.flow.dialog, "05-sign-dialog")
    w.flow.dialog.reject()

    citizen = next(t for t in w.tokens.tokens() if t.label == "Citizen ID")
    for name, token in (("06-pin-dialog", citizen), ("07-pin-final-try", replace(citizen, pin_final_try=True)),
                        ("08-pin-pad", replace(citizen, pin_pad=True))):
        dialog = PinDialog(token, w)
        dialog.show()
        shots.save(dialog, name)
        dialog.close()

    dialog = PinChangeDialog(w.tokens.tokens(), citizen, parent=w)
    dialog.set_rules(None)
    dialog.show()
    shots.save(dialog, "09-change-pin")
    dialog.close()

    w.open_settings()
    shots.wait(lambda: "Looking" not in w.settings_dialog.modules_found.toPlainText())
    shots.save(w.settings_dialog, "10-settings")
    trust = w.settings_dialog.trust_page
    w.settings_dialog.tabs.setCurrentWidget(trust)
    shots.wait(lambda: trust.overview is not None and not trust.jobs.active)
    trust.tree.expandAll()
    shots.save(w.settings_dialog, "19-settings-trust")
    w.settings_dialog.reject()

    shots.open(w, docs["other"])
    shots.save(w, "11-other-file")
    w.resize(1280, 720)
    shots.open(w, docs["tampered"])
    shots.save(w, "13c-1280x720")
    w.close()

    for lang in ("ru", "az"):
        w = shots.window(lang)
        shots.open(w, docs["signed"])
        shots.save(w, f"12-verified-{lang}")
        w.close()


def verdict_screens(shots: Shooter, docs: dict[str, Path]) -> None:
    """Safe signing and plain verdicts (issue 17 items 1-7)."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop.ui.pin_dialog import PinDialog
    from desktop.ui.sign_dialog import SignDialog

    w = shots.window()
    # 1: signing a tampered document asks first; "Don't sign" is the default
    shots.open(w, docs["tampered"])
    w.sign_current()
    shots.wait(lambda: isinstance(w.flow.dialog, QMessageBox) and w.flow.dialog.isVisible())
    shots.save(w.flow.dialog, "30-sign-not-valid-asks-first")
    w.flow.dialog.reject()

    # 2, 3: a wrong PIN brings the prompt back, naming the document and the holder, choices kept
    shots.open(w, docs["letter"])
    w.sign_current()
    shots.wait(lambda: isinstance(w.flow.dialog, SignDialog) and w.flow.dialog.isVisible())
    dialog = w.flow.dialog
    rows = [i for i, (t, _) in enumerate(dialog.choices) if t.label == "Citizen ID"]
    dialog.cert_combo.setCurrentIndex(rows[0])
    dialog.reason_edit.setText("Approved")
    dialog.location_edit.setText("Baku")
    dialog.accept()
    shots.wait(lambda: isinstance(w.flow.dialog, PinDialog) and w.flow.dialog.isVisible())
    first = w.flow.dialog
    shots.save(first, "31-pin-names-document-and-holder")
    first.pin_edit.setText("00000")
    first.accept()
    shots.wait(lambda: w.flow.dialog is not first and isinstance(w.flow.dialog, PinDialog)
               and w.flow.dialog.isVisible())
    again = w.flow.dialog
    shots.wait(lambda: "few tries" in again.tries.text(), timeout=15)
    shots.save(again, "32-pin-again-after-wrong-pin")
    again.pin_edit.setText("12345")  # the right PIN clears the token's warning
    again.accept()
    shots.wait(lambda: w.current().path.name == "letter.signed.pdf" and w.current().report is not None)

    # 5: the tampered document: one banner over the page, a mark in the list, plain words
    shots.open(w, docs["tampered"])
    w.verification.list.setCurrentRow(0)
    shots.save(w, "33-tampered-banner-and-mark")
    shots.save(w.verification, "34-tampered-details")

    # 6: a container's files and who signed each; a .p7s without its file
    shots.open(w, docs["container"])
    shots.wait(lambda: w.verification.files_panel.isVisible())
    shots.save(w, "35-container-files")
    shots.open(w, docs["lonely_p7s"])
    shots.save(w, "36-p7s-choose-signed-file")

    # 7: File → Open, every supported type, "All supported" first (Qt's own dialog, to show the filters)
    box = QFileDialog(w, w.tr("Open documents"), str(docs["letter"].parent), w.open_filters())
    box.setOption(QFileDialog.Option.DontUseNativeDialog)
    box.resize(900, 520)
    box.show()
    shots.save(box, "37-open-all-supported")
    box.close()
    w.close()


def bulk_and_portal_screens(shots: Shooter, docs: dict[str, Path]) -> None:
    """The bulk view (paused, then finished with a bad letter) and the portal's dialogs and outbox."""
    from desktop.demo.documents import letter_pdf
    from desktop.ui.pin_dialog import PinDialog
    from desktop.ui.portal_dialogs import LoginDialog, SubmitDialog

    letters = docs["letter"].parent / "letters"
    letters.mkdir()
    for i in range(40):
        (letters / f"letter-{i:03d}.pdf").write_bytes(letter_pdf(f"Letter {i}", [f"Reference 2026/{i:04d}"]))
    (letters / "damaged.pdf").write_bytes((letters / "letter-000.pdf").read_bytes()[:400])
    (letters / "minutes.txt").write_text("Minutes of the meeting: signed as a detached CAdES file.\n")
    w = shots.window()
    w.open_bulk()
    view = w.bulk_view
    view.resize(1100, 760)
    view.add_sources([letters])
    view.out_edit.setText(str(docs["letter"].parent / "signed-letters"))
    view.select_token("Citizen ID")
    view.level_combo.setCurrentIndex(view.level_combo.findText("B-B"))
    shots.wait(lambda: view.queue.rowCount() == 42)
    shots.save(view, "14a-bulk-queue-before-run")

    def type_pin():
        shots.wait(lambda: isinstance(view.dialog, PinDialog) and view.dialog.isVisible())
        view.dialog.pin_edit.setText("12345")
        view.dialog.accept()

    pause_at = [10]
    view.letterDone.connect(lambda result, summary: view.pause() if summary.signed >= pause_at[0] else None)
    view.start()
    type_pin()
    shots.wait(lambda: view.state == "paused")
    shots.save(view, "14-bulk-paused")
    pause_at[0] = 10**6
    view.resume()
    type_pin()
    shots.wait(lambda: view.state == "done", timeout=120)
    view.queue.scrollToTop()  # the failed letters are listed first
    shots.save(view, "15-bulk-finished")
    view.close()

    w.portal.login()
    shots.wait(lambda: isinstance(w.portal.dialog, LoginDialog) and w.portal.dialog.isVisible())
    dialog = w.portal.dialog
    dialog.select("Citizen ID")
    dialog.pin_edit.setText("12345")
    shots.save(dialog, "16-portal-login")
    dialog.accept()
    shots.wait(lambda: bool(w.portal.who) or w.errors.last_text is not None)
    shots.open(w, docs["citizen"])
    w.submit_current()
    shots.wait(lambda: isinstance(w.portal.dialog, SubmitDialog) and bool(w.portal.dialog.recipients))
    submit = w.portal.dialog
    submit.search_edit.setText("appeal")
    submit.reference_edit.setText("2026/114")
    shots.save(submit, "17-portal-submit")
    submit.accept()
    shots.wait(lambda: w.portal.outbox_view is not None and bool(w.portal.outbox_view.items))
    shots.wait(lambda: "receipt" in w.portal.outbox_view.items[0].summary)
    w.portal.outbox_view.resize(1100, 360)
    shots.save(w.portal.outbox_view, "18-outbox")
    w.close()


def scaled_screen(shots: Shooter, docs: dict[str, Path]) -> None:
    # 200% on a 1600×1000 screen leaves 800×500 logical pixels: the window must still work there.
    w = shots.window(size=(800, 500))
    shots.open(w, docs["signed"])
    shots.save(w, "13-verified-200-percent")
    w.open_bulk()
    shots.wait(lambda: w.bulk_view.isVisible())
    shots.save(w.bulk_view, "13b-bulk-200-percent")
    w.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=REPO / "screenshots")
    parser.add_argument("--scaled", help=argparse.SUPPRESS)  # internal: docs JSON for the 200% run
    args = parser.parse_args()
    out = args.out.resolve()
    if args.scaled:
        docs = {k: Path(v) for k, v in json.loads(args.scaled).items()}
        scaled_screen(Shooter(out), docs)
        return
    with tempfile.TemporaryDirectory(prefix="imza-shots-") as tmp:
        _, serve, docs = prepare(Path(tmp))
        try:
            first_screens(Shooter(out), docs, Path(tmp))
            main_screens(Shooter(out), docs)
            verdict_screens(Shooter(out), docs)
            bulk_and_portal_screens(Shooter(out), docs)
            env = {**os.environ, "QT_SCALE_FACTOR": "2", "PYTHONPATH": str(REPO)}
            subprocess.run([sys.executable, __file__, str(out), "--scaled",
                            json.dumps({k: str(v) for k, v in docs.items()})], env=env, check=True)
        finally:
            serve.terminate()
            serve.wait(timeout=30)


if __name__ == "__main__":
    main()
