"""Readers and cards on a real PC/SC stack: pcscd, vsmartcard's virtual reader and OpenSC's module.

The card is tests/support/vcard.py: inserted when it connects to the virtual reader, removed when
it disconnects. It answers no application, so OpenSC reports CKR_TOKEN_NOT_RECOGNIZED for it: the
case of a card in the reader that no installed card software can read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.conftest import REPO, run_imza
from tests.support.vcard import VirtualCard

OPENSC = "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so"
VPCD = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
PCSCD_SOCKET = "/run/pcscd/pcscd.comm"


def _readers() -> str:
    return subprocess.run(["opensc-tool", "-l"], capture_output=True, text=True, timeout=30).stdout


class Pcscd:
    """pcscd with the virtual reader: the one running, or `pcscd -f -a` started (and stopped) here."""

    def __init__(self, log_dir):
        self.log_dir = log_dir
        self.proc: subprocess.Popen | None = None
        self.owned = False

    def start(self) -> None:
        log = (self.log_dir / "pcscd.log").open("a")
        self.proc = subprocess.Popen(["pcscd", "-f", "-a"], stdout=log, stderr=subprocess.STDOUT)
        self.owned = True
        deadline = time.monotonic() + 30
        while "Virtual PCD" not in _readers():  # pcscd has no readiness line at this log level
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                pytest.fail(f"pcscd did not show the virtual reader: {log.name}")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
            self.proc = None


@pytest.fixture(scope="session")
def pcsc(tmp_path_factory):
    missing = [what for what, there in (("pcscd", shutil.which("pcscd")), ("vsmartcard-vpcd", os.path.exists(VPCD)),
                                        ("opensc", os.path.exists(OPENSC))) if not there]
    if missing:
        pytest.skip(f"the PC/SC tests need the Debian packages {', '.join(missing)} "
                    "(scripts/system-deps.sh installs them when run as root)")
    daemon = Pcscd(tmp_path_factory.mktemp("pcscd"))
    if "Virtual PCD" not in _readers():
        if os.path.exists(PCSCD_SOCKET):
            pytest.skip("a pcscd without vsmartcard's virtual reader is running; restart it to load the driver")
        daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture
def opensc_env(pcsc, tmp_path):
    """`imza` with OpenSC's module set and SoftHSM2 pointed at an empty token folder."""
    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(f'pkcs11_module = "{OPENSC}"\n')
    env = {k: v for k, v in os.environ.items() if k != "IMZA_PKCS11_MODULE"}
    return {**env, "IMZA_HOME": str(home), "SOFTHSM2_CONF": str(conf), "PYTHONPATH": str(REPO)}


def test_imza_tokens_lists_a_reader_that_appears(pcsc, opensc_env):
    """Readers come from pcscd: stopped, there are none; started, `imza tokens` lists them."""
    if not pcsc.owned:
        pytest.skip("pcscd was started outside the tests: they will not stop it to plug the reader in")
    pcsc.stop()
    try:
        assert "Virtual PCD" not in run_imza(["tokens"], opensc_env).stdout
    finally:
        pcsc.start()
    proc = run_imza(["tokens"], opensc_env)
    assert "Card readers: Virtual PCD 00 00, Virtual PCD 00 01" in proc.stdout
    assert "No card or token found" in proc.stdout


def test_imza_tokens_names_a_card_it_cannot_read_and_sees_it_go(opensc_env):
    with VirtualCard() as card:
        started = time.monotonic()
        proc = run_imza(["tokens"], opensc_env)
        took = time.monotonic() - started
        assert proc.returncode == 0, proc.stderr
        assert "A card is in the reader Virtual PCD 00 00, but no installed card software can read it." in proc.stdout
        assert "apt install opensc" in proc.stdout or "card issuer's package" in proc.stdout
        assert card.apdus > 0  # OpenSC really talked to it
        print(f"imza tokens with an unreadable card: {took:.2f} s")  # measured, not asserted
    proc = run_imza(["tokens"], opensc_env)
    assert "No card or token found" in proc.stdout and "A card is in the reader" not in proc.stdout


def test_signing_with_the_unreadable_card_says_what_to_install(opensc_env, tmp_path):
    letter = tmp_path / "letter.pdf"
    from desktop.demo.documents import letter_pdf

    letter.write_bytes(letter_pdf("Letter"))
    with VirtualCard():
        proc = run_imza(["sign", letter, "--pin-stdin", "--level", "B-B"], opensc_env, input="1234\n")
    assert proc.returncode == 6
    assert "no installed card software can read it" in proc.stderr and "Traceback" not in proc.stderr


def test_the_watcher_follows_the_card_without_reinitialising_opensc(pcsc, qtbot):
    """OpenSC sees readers and cards come and go through C_GetSlotList alone (no C_Finalize)."""
    from desktop.tokens.watch import TokenWatcher

    watcher = TokenWatcher(OPENSC)
    snapshots = []

    def seen(unreadable: bool) -> bool:
        snap = watcher.poll()
        snapshots.append(snap)
        return snap is not None and bool(snap.unreadable) == unreadable

    qtbot.waitUntil(lambda: seen(False), timeout=10000)
    with VirtualCard():
        qtbot.waitUntil(lambda: seen(True), timeout=10000)
        readers = {u.reader for u in snapshots[-1].unreadable}
        assert readers == {"Virtual PCD 00 00"}
    qtbot.waitUntil(lambda: seen(False), timeout=10000)
    assert watcher.rescans.get(OPENSC, 0) == 0  # SoftHSM2 alone needs C_Finalize + C_Initialize


def test_the_window_shows_the_card_come_and_go(pcsc, qtbot):
    from desktop.ui.token_panel import TokenPanel

    panel = TokenPanel(OPENSC)
    qtbot.addWidget(panel)
    panel.start()
    try:
        qtbot.waitUntil(lambda: panel.snapshot is not None and not panel.snapshot.unreadable, timeout=10000)
        with VirtualCard():
            inserted = time.monotonic()
            qtbot.waitUntil(lambda: "no installed card software can read it" in panel.status.text(), timeout=10000)
            assert "Card readers: Virtual PCD 00 00" in panel.readers.text()
            print(f"window: unreadable card shown {time.monotonic() - inserted:.2f} s after insertion")
        removed = time.monotonic()
        qtbot.waitUntil(lambda: "no installed card software" not in panel.status.text(), timeout=10000)
        print(f"window: card gone {time.monotonic() - removed:.2f} s after removal")
    finally:
        panel.stop()
