"""The bulk view: many letters, one PIN, a queue with each letter's status, pause and resume.

States: idle → running → done, or → paused (Pause, a refused PIN, a TSA outage) or → waiting
(the token stopped answering: a probe watches for it, and when it is back the PIN is asked once
and the run continues from its journal). Opening an out-dir that holds a journal offers to resume.
The engine runs in a worker (desktop.ui.bulk_tasks); letters arrive through `letterDone`.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ImzaError, PinError, TokenError
from desktop.core.i18n import tr as engine_tr
from desktop.core.model import SignatureLevel
from desktop.ui import bulk_tasks, geometry, icons, operations
from desktop.ui.bulk_widgets import LetterQueue, SourceList
from desktop.ui.errors import engine_message
from desktop.ui.pin_dialog import PinDialog
from desktop.ui.plain import plain
from desktop.ui.token_panel import AMBER, GREEN, RED
from desktop.ui.workers import Jobs

PROBE_MS = 1000


class BulkView(QWidget):
    letterDone = Signal(object, object)  # LetterResult, BulkSummary (from the worker)
    runStarted = Signal(object)  # the letters of the journal (from the worker)
    pinNotice = Signal(str)  # the card asks for the PIN at every signature (from the worker, before letter 1)
    stateChanged = Signal(str)

    def __init__(self, window):
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName("bulkView")
        self.window_ = window
        self.jobs = Jobs(self)
        self.probe_pool = QThreadPool(self)
        self.probe_pool.setMaxThreadCount(1)
        self.probe_jobs = Jobs(self, self.probe_pool)
        self.state = "idle"
        self.workers: int | None = None  # preparation processes (None: the engine's default)
        self.report_path: Path | None = None
        self.dialog = None  # the PIN dialog or question shown now (tests look here)
        self._cancel = threading.Event()
        self._discard = False
        self._choice = None
        self._pool = None  # preparation processes, started while the PIN is typed
        self._probe = None
        self._started_at = 0.0
        self._signed_now = 0

        self.sources = SourceList()
        self.add_files_button, self.add_folder_button, self.remove_button = QPushButton(), QPushButton(), QPushButton()
        self.out_edit = QLineEdit()
        self.out_button = QPushButton()
        self.cert_combo = QComboBox()
        self.level_combo = QComboBox()
        for lvl in SignatureLevel:
            self.level_combo.addItem(lvl.value, lvl)
        self.level_combo.setCurrentIndex(list(SignatureLevel).index(operations.default_level(window.settings)))
        self.queue = LetterQueue()
        self.progress = QProgressBar()
        self.eta = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.start_button, self.pause_button, self.resume_button = QPushButton(), QPushButton(), QPushButton()
        self.cancel_button, self.report_button = QPushButton(), QPushButton()

        self.labels = {key: QLabel() for key in ("sources", "out", "cert", "level", "queue")}
        plain(self.eta, *self.labels.values())  # folders, file and certificate names
        self.labels["sources"].setBuddy(self.sources)
        self.labels["queue"].setBuddy(self.queue)
        source_buttons = QHBoxLayout()
        for b in (self.add_files_button, self.add_folder_button, self.remove_button):
            source_buttons.addWidget(b)
        source_buttons.addStretch()
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.out_button)
        form = QFormLayout()
        form.addRow(self.labels["out"], out_row)
        form.addRow(self.labels["cert"], self.cert_combo)
        form.addRow(self.labels["level"], self.level_combo)
        self.labels["out"].setBuddy(self.out_edit)
        self.labels["cert"].setBuddy(self.cert_combo)
        self.labels["level"].setBuddy(self.level_combo)
        run_buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.resume_button, self.cancel_button):
            run_buttons.addWidget(b)
        run_buttons.addStretch()
        run_buttons.addWidget(self.report_button)
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress, 1)
        status_row.addWidget(self.eta)
        layout = QVBoxLayout(self)
        layout.addWidget(self.labels["sources"])
        layout.addWidget(self.sources, 1)
        layout.addLayout(source_buttons)
        layout.addLayout(form)
        layout.addLayout(run_buttons)
        layout.addLayout(status_row)
        layout.addWidget(self.message)
        layout.addWidget(self.labels["queue"])
        layout.addWidget(self.queue, 3)

        self.sources.dropped.connect(self.add_sources)
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.out_button.clicked.connect(self.choose_out_dir)
        self.out_edit.editingFinished.connect(lambda: self.set_out_dir(self.out_edit.text()))
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.cancel_button.clicked.connect(self.cancel)
        self.report_button.clicked.connect(self.open_report)
        self.letterDone.connect(self._letter_done)
        self.runStarted.connect(self._fill_queue)
        self.pinNotice.connect(lambda text: self.message.setText("\n".join([self.message.text(), text])))
        window.tokens.changed.connect(lambda _: self.refresh_certificates())
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_MS)
        self.probe_timer.timeout.connect(self._probe_once)
        for button, name in ((self.add_files_button, "open"), (self.add_folder_button, "open"),
                             (self.start_button, "sign"), (self.report_button, "export")):
            button.setIcon(icons.icon(name))
        self.refresh_certificates()
        self.retranslate()
        self._set_state("idle")
        em = self.fontMetrics().averageCharWidth()
        geometry.place(self, window._qsettings(), "bulk/geometry", QSize(em * 120, self.fontMetrics().lineSpacing() * 40),
                       near=window)
        QTimer.singleShot(0, self._offer_last_run)

    # --- inputs -------------------------------------------------------------------------------
    def add_sources(self, paths) -> None:
        present = {self.sources.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.sources.count())}
        for raw in paths:
            path = str(Path(raw).expanduser().resolve())
            if path not in present:
                present.add(path)
                item = self._source_item(Path(path))
                self.sources.addItem(item)
        self.preview_queue()

    def remove_selected(self) -> None:
        for item in self.sources.selectedItems():
            self.sources.takeItem(self.sources.row(item))
        self.preview_queue()

    def preview_queue(self) -> None:
        """Before a run the queue lists the letters it would sign (folders expanded), all waiting."""
        if self.state not in ("idle", "done"):
            return
        self._preview_id = generation = getattr(self, "_preview_id", 0) + 1
        sources, out = self.source_paths(), self.out_dir()

        def shown(letters) -> None:
            if generation == self._preview_id and self.state in ("idle", "done"):
                self._fill_queue(letters)
                self._colour("palette(text)")
                self.message.setText(self.tr("%n letters will be signed.", "", len(letters))
                                     if letters else self._idle_text())

        def failed(error) -> None:
            if generation == self._preview_id and self.state in ("idle", "done"):
                self._fill_queue([])
                self._colour(RED)
                self.message.setText(engine_message(error).replace("\n\n", " ") if isinstance(error, ImzaError)
                                     else str(error))

        self.jobs.start(lambda task: bulk_tasks.preview(sources, out), done=shown, failed=failed)

    def _source_item(self, path: Path):
        from PySide6.QtWidgets import QListWidgetItem

        item = QListWidgetItem((self.tr("Folder: %1") if path.is_dir() else "%1").replace("%1", str(path)))
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        return item

    def source_paths(self) -> list[Path]:
        return [Path(self.sources.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.sources.count())]

    def choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Letters to sign"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.add_sources)
        self._open(dialog)

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("A folder of letters to sign"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.fileSelected.connect(lambda folder: self.add_sources([folder]))
        self._open(dialog)

    def choose_out_dir(self, then=None) -> None:
        """Asks for the folder of the signed letters (a dialog of our own, so keyboard tests reach it)."""
        dialog = QFileDialog(self, self.tr("Folder for the signed letters"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.fileSelected.connect(lambda folder: (self.set_out_dir(folder), then() if then else None))
        self._open(dialog)

    def out_dir(self) -> Path | None:
        text = self.out_edit.text().strip()
        return Path(text).expanduser().resolve() if text else None

    def set_out_dir(self, folder) -> None:
        """Choose the out-dir; a journal there means a run was interrupted: offer to resume it."""
        self.out_edit.setText(str(folder))
        out = self.out_dir()
        if out is None or self.state in ("running", "waiting"):
            return
        self.jobs.start(lambda task: bulk_tasks.unfinished(out), done=lambda found: self._found_unfinished(out, found),
                        failed=self.window_.errors.show)

    def _offer_last_run(self) -> None:
        """After a crash or a closed window: the last run's folder, if its journal is still there."""
        last = self.window_._qsettings().value("bulk/last_out_dir")
        if last and not self.out_edit.text() and bulk_tasks.journal_path(Path(last)).exists():
            self.set_out_dir(last)

    def _found_unfinished(self, out: Path, found) -> None:
        if found is None or out != self.out_dir() or self.state not in ("idle", "done"):
            return
        self._fill_queue(found.letters)
        level = SignatureLevel(found.options["level"])
        self.level_combo.setCurrentIndex(list(SignatureLevel).index(level))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Resume bulk signing?"),
                          self.tr("An unfinished run was found in this folder: %1 of %n letters are signed.\n\n"
                                  "Resume it? Letters already signed are not signed again.", "", len(found.letters))
                          .replace("%1", str(found.done)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.buttonClicked.connect(lambda b: self.resume()
                                  if box.standardButton(b) == QMessageBox.StandardButton.Yes
                                  else self._set_state("paused"))
        self._open(box)

    def refresh_certificates(self) -> None:
        if self.state in ("running",):
            return
        current = self.choice()
        self.choices = [(t, c) for t in self.window_.tokens.tokens() for c in t.certificates
                        if c.fit_for_signing and not t.pin_locked]
        self.cert_combo.clear()
        for token, cert in self.choices:
            name = next((p[3:] for p in cert.subject.split(", ") if p.startswith("CN=")), cert.subject)
            self.cert_combo.addItem(f"{name} — {token.label}")
            if current and (token.label, cert.sha256) == (current[0].label, current[1].sha256):
                self.cert_combo.setCurrentIndex(self.cert_combo.count() - 1)

    def choice(self):
        i = self.cert_combo.currentIndex()
        choices = getattr(self, "choices", [])
        return choices[i] if 0 <= i < len(choices) else None

    def select_token(self, label: str) -> None:
        rows = [i for i, (t, _) in enumerate(self.choices) if t.label == label]
        if rows:
            self.cert_combo.setCurrentIndex(rows[0])

    # --- running ------------------------------------------------------------------------------
    def start(self) -> None:
        sources, out, choice = self.source_paths(), self.out_dir(), self.choice()
        if not sources:
            self._explain(self.tr("Add the letters to sign first: Add files, Add folder, or drop them on the list."),
                          self.add_files_button)
            return
        if choice is None:
            self._explain(self.tr("No signing certificate: insert your ID card or plug in your token."),
                          self.cert_combo)
            return
        if out is None:
            self.message.setText(self.tr("Choose the folder for the signed letters."))
            self.choose_out_dir(then=self.start)
            return
        level = SignatureLevel(self.level_combo.currentData())
        self.jobs.start(lambda task: bulk_tasks.plan(sources, out), failed=self._plan_failed,
                        done=lambda jobs: self._ask_pin(choice, lambda pin: self._run(jobs, choice, pin, level),
                                                        count=len(jobs)))
        self._set_state("checking")

    def _explain(self, text: str, widget) -> None:
        """What is missing before a run, said next to the buttons; focus goes where to fix it."""
        self._colour(AMBER)
        self.message.setText(text)
        widget.setFocus()

    def _plan_failed(self, error) -> None:
        self._set_state("idle")
        self.window_.errors.show(error)

    def _ask_pin(self, choice, then, intro: str | None = None, count: int | None = None) -> None:
        dialog = PinDialog(choice[0], self, action=self.tr("&Sign all"), certificate=choice[1],
                           what=self.tr("%n letters", "", count) if count else None)
        if intro:
            dialog.intro.setText(intro + "<br>" + dialog.intro.text())
        dialog.accepted.connect(lambda: then(dialog.pin()))
        dialog.rejected.connect(self._pin_cancelled)
        self._warm_workers(choice[1])
        self._open(dialog)

    def _pin_cancelled(self) -> None:
        self._close_pool()
        self._set_state("paused" if self._journal_exists() else "idle")

    def _warm_workers(self, cert) -> None:
        """The preparation processes take a second to start: let them start while the PIN is typed."""
        from desktop.bulk.runner import PreparationPool

        self._close_pool()
        self._pool = PreparationPool(cert.certificate.dump(), self.workers)

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def resume(self) -> None:
        choice = self.choice()
        if choice is None or self.out_dir() is None:
            self.window_.errors.message(self.tr("Bulk signing"), self.tr("Insert the token and choose a certificate."))
            return
        self._ask_pin(choice, lambda pin: self._run(None, choice, pin, None))

    def _run(self, jobs, choice, pin, level) -> None:
        out, settings, workers = self.out_dir(), self.window_.settings, self.workers
        self._cancel = cancel = threading.Event()
        self._choice, self._discard = choice, False
        self._started_at, self._signed_now = time.monotonic(), 0
        self.report_path = None
        token, cert = choice
        self.window_._qsettings().setValue("bulk/last_out_dir", str(out))
        self._set_state("running")
        self.message.setText(self.tr("Signing…"))
        self.jobs.start(lambda task: bulk_tasks.run(out, jobs, token, cert, pin, settings, level=level, cancel=cancel,
                                                    on_result=self.letterDone.emit, on_started=self.runStarted.emit,
                                                    workers=workers, pool=self._pool, on_notice=self.pinNotice.emit),
                        done=self._ran, failed=self._run_failed)

    def pause(self) -> None:
        if self.state == "running":
            self._cancel.set()
            self.message.setText(self.tr("Pausing after the letters being signed…"))

    def cancel(self) -> None:
        if self.state == "running":
            self._discard = True
            self._cancel.set()
            self.message.setText(self.tr("Stopping…"))
        elif self.state in ("paused", "waiting") and self.out_dir() is not None:
            self._discard_now()

    def _discard_now(self) -> None:
        self.probe_timer.stop()
        out = self.out_dir()

        def discarded(report) -> None:
            self.report_path = report
            self._set_state("done")
            self.message.setText(self.tr("Cancelled. The letters not signed are listed in the report."))

        self.jobs.start(lambda task: bulk_tasks.discard(out), done=discarded, failed=self.window_.errors.show)

    def _ran(self, outcome) -> None:
        self._close_pool()
        s = outcome.summary
        self.report_path = outcome.report
        # failures first: they are what the user has to act on
        self._fill_queue(sorted(outcome.letters, key=lambda letter: letter.state != "failed"))
        self.eta.setText(self.tr("%1 of %2").replace("%1", str(s.total - s.remaining)).replace("%2", str(s.total)))
        counts = self.tr("%1 signed, %2 failed, %3 left.").replace("%1", str(s.signed + s.already_done)) \
            .replace("%2", str(s.failed)).replace("%3", str(s.remaining))
        if self._discard:
            self._discard_now()
        elif isinstance(s.stopped, TokenError):
            self._wait_for_token(counts)
        elif s.stopped is not None or (self._cancel.is_set() and not outcome.finished and s.remaining):
            self._set_state("paused")
            self._colour(AMBER)
            why = f"{engine_tr(s.stopped.message)} " if s.stopped is not None else ""
            self.message.setText(self.tr("Paused. %1 Resume continues with the rest.").replace("%1", why + counts))
        else:
            self._set_state("done")
            self._colour(GREEN if not s.failed else AMBER)
            self.message.setText(self.tr("Finished. %1").replace("%1", counts))
        if s.warnings:
            self.message.setText("\n".join([self.message.text(), *s.warnings]))

    def _wait_for_token(self, counts: str = "") -> None:
        self._set_state("waiting")
        self._colour(RED)
        self.message.setText(self.tr("The token stopped answering (was it pulled out?). %1\n"
                                     "Insert it again: signing continues when it is back, after you enter the PIN.")
                             .replace("%1", counts).replace(" \n", "\n"))
        self.window_.statusBar().showMessage(self.message.text().splitlines()[0])  # seen from the main window too
        self._probe = bulk_tasks.TokenProbe(self.window_.settings.get("pkcs11_module"))
        self.probe_timer.start()

    def _run_failed(self, error) -> None:
        self._close_pool()
        if isinstance(error, PinError):
            self.window_.errors.show(error, self.tr("PIN not accepted"))  # never retried: Resume is the user's
        elif isinstance(error, TokenError) and self._journal_exists() and self._choice is not None:
            self._wait_for_token()  # gone again while logging in to continue: wait for it once more
            return
        else:
            self.window_.errors.show(error)
        self._set_state("paused" if self._journal_exists() else "idle")

    def _journal_exists(self) -> bool:
        out = self.out_dir()
        return out is not None and bulk_tasks.journal_path(out).exists()

    def _probe_once(self) -> None:
        if self.probe_jobs.active or self._probe is None or self._choice is None:
            return
        probe, (token, _) = self._probe, self._choice
        self.probe_jobs.start(lambda task: probe.find(token.label, token.serial), done=self._probed)

    def _probed(self, token) -> None:
        if token is None or self.state != "waiting":
            return
        self.probe_timer.stop()
        cert = next((c for c in token.certificates if c.sha256 == self._choice[1].sha256), self._choice[1])
        choice = (token, cert)
        self.message.setText(self.tr("The token is back."))
        self._ask_pin(choice, lambda pin: self._run(None, choice, pin, None),
                      intro=self.tr("The token is back: enter its PIN once to continue."))

    def open_report(self) -> None:
        if self.report_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report_path)))

    # --- the queue ----------------------------------------------------------------------------
    def _fill_queue(self, letters) -> None:
        self.queue.fill(letters)
        self.progress.setRange(0, max(1, len(letters)))
        self.progress.setValue(sum(1 for x in letters if x.state != "pending"))

    def statuses(self) -> dict[str, str]:
        return self.queue.statuses()

    def _letter_done(self, result, summary) -> None:
        self.queue.set_status(result.job.source, result.status, result.error)
        finished = summary.signed + summary.failed + summary.already_done
        self.progress.setRange(0, max(1, summary.total))
        self.progress.setValue(finished)
        if result.status == "signed":
            self._signed_now += 1
        elapsed = time.monotonic() - self._started_at
        if self._signed_now and elapsed > 0:
            rate = self._signed_now / elapsed
            left = (summary.total - finished) / rate
            self.eta.setText(self.tr("%1 of %2 · %3 letters/s · about %4 s left").replace("%1", str(finished))
                             .replace("%2", str(summary.total)).replace("%3", f"{rate:.1f}")
                             .replace("%4", f"{left:.0f}"))

    # --- state, language, closing -------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self.state = state
        idle = state in ("idle", "done")
        self.start_button.setEnabled(idle)
        self.pause_button.setEnabled(state == "running")
        self.resume_button.setEnabled(state == "paused")
        self.cancel_button.setEnabled(state in ("running", "paused", "waiting"))
        self.report_button.setEnabled(self.report_path is not None)
        for w in (self.sources, self.add_files_button, self.add_folder_button, self.remove_button,
                  self.out_edit, self.out_button, self.level_combo):
            w.setEnabled(idle)
        self.cert_combo.setEnabled(state in ("idle", "done", "paused"))
        if state != "waiting":
            self.probe_timer.stop()
        if state == "running":
            self._colour("palette(text)")
        self.stateChanged.emit(state)

    def _colour(self, colour: str) -> None:
        self.message.setStyleSheet(f"color: {colour}")

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Bulk signing — Imza"))
        texts = {"sources": self.tr("&Letters and folders to sign (drop them here):"),
                 "out": self.tr("Signed letters &go to:"), "cert": self.tr("&Certificate:"),
                 "level": self.tr("Le&vel:"), "queue": self.tr("&Queue:")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.add_files_button.setText(self.tr("Add &files…"))
        self.add_folder_button.setText(self.tr("Add f&older…"))
        self.remove_button.setText(self.tr("&Remove"))
        self.out_button.setText(self.tr("C&hoose…"))
        self.start_button.setText(self.tr("&Sign all…"))
        self.pause_button.setText(self.tr("&Pause"))
        self.resume_button.setText(self.tr("Res&ume…"))
        self.cancel_button.setText(self.tr("Ca&ncel run"))
        self.report_button.setText(self.tr("Open repor&t"))
        self.sources.setAccessibleName(self.tr("Letters and folders to sign"))
        self.sources.setAccessibleDescription(self.tr("Files and folders added with the buttons below or dropped "
                                                      "here; folders are signed with everything in them."))
        if self.state == "idle" and not self.queue.rowCount():
            self.message.setText(self._idle_text())

    def _idle_text(self) -> str:
        return self.tr("One PIN entry signs every letter. PDFs get PAdES signatures, other files a detached .p7s.")

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def hideEvent(self, event) -> None:
        geometry.remember(self, self.window_._qsettings(), "bulk/geometry")
        super().hideEvent(event)

    def shutdown(self) -> None:
        """The window closes: pause a run (its journal resumes it next time) and wait for the workers."""
        self.probe_timer.stop()
        self._cancel.set()
        self.jobs.wait(60000)
        self._close_pool()
        self.probe_pool.waitForDone(10000)
