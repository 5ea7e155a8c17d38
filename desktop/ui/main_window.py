"""The main window: open documents, see them, see their signatures, sign them.

Layout: documents and tokens on the left, the page in the middle, signatures on the right. Every
engine call runs in a worker (desktop.ui.operations); foreground work shows in the status bar
with a Cancel button. Signing and token care live in desktop.ui.signing_flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QColor, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings, config_dir
from desktop.core.errors import ImzaError, InputError
from desktop.core.files import check_readable, file_looks_like_pdf
from desktop.core.i18n import current_language
from desktop.core.model import Indication
from desktop.ui import geometry, icons, keyboard, operations, report_html
from desktop.ui.errors import ErrorReporter
from desktop.ui.plain import plain, tooltip
from desktop.ui.preview import PreviewPane
from desktop.ui.token_panel import TokenPanel
from desktop.ui.trust_setup import TrustNotice, TrustSetup
from desktop.ui.verify_view import VerificationView
from desktop.ui.welcome import WelcomePage
from desktop.ui.workers import Jobs
from desktop.verify.reports import words


@dataclass
class Document:
    path: Path
    kind: str  # "pdf" | "p7s" | "container" | "file"
    shown: Path  # what the preview shows: the file itself, or the data file of a .p7s
    data_file: Path | None = None  # for a .p7s: the signed data; for a data file: None
    signature: Path | None = None  # the file verified: itself, or the .p7s beside a data file
    report: object | None = None
    verifying: bool = False
    offline: bool = True  # how `report` was made: only with the data in the file, or online
    language: str = ""  # the language the engine wrote `report`'s messages in


def _describe(path: Path) -> Document:
    if path.suffix.lower() in (".asice", ".sce"):  # a signed container: verified as a whole
        return Document(path, "container", path, signature=path)
    if path.suffix.lower() == ".p7m":  # enveloping CAdES: the signed content is inside the signature
        return Document(path, "p7m", path, signature=path)
    if path.suffix.lower() == ".p7s":
        data = path.with_suffix("")
        shown = data if data.is_file() else path
        return Document(path, "p7s", shown, data if data.is_file() else None, path)
    if file_looks_like_pdf(path) or path.suffix.lower() == ".pdf":  # a damaged .pdf is still a PDF, not a file
        return Document(path, "pdf", path, signature=path)
    return Document(path, "file", path, signature=operations.signature_file_for(path))


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else Settings()
        self.errors = ErrorReporter(self)
        self.jobs = Jobs(self)  # foreground work: verification, signing (progress + Cancel)
        self.background = Jobs(self)  # page rendering, file facts: quick, never cancelled
        self.documents: dict[Path, Document] = {}
        self.closing = False
        self.setAcceptDrops(True)

        self.doc_heading = QLabel()
        self.doc_heading.setObjectName("panelHeading")
        self.doc_list = QListWidget()
        docs = QWidget()
        docs_layout = QVBoxLayout(docs)
        docs_layout.setContentsMargins(0, 0, 0, 0)
        docs_layout.addWidget(self.doc_heading)
        docs_layout.addWidget(self.doc_list)
        self.tokens = TokenPanel(self.settings.get("pkcs11_module"))
        self.left = left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(docs)
        left.setStretchFactor(0, 1)
        self.preview = PreviewPane(self.background)
        self.banner = QLabel()  # over the page: "Changed after signing — do not rely on it"
        self.banner.setObjectName("tamperBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(f"QLabel#tamperBanner {{ background: {words.COLOURS['invalid']}; color: white;"
                                  " font-weight: bold; padding: 8px; border-radius: 4px; }")
        self.banner.hide()
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.banner)
        middle_layout.addWidget(self.preview, 1)
        self.verification = VerificationView()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for w in (left, middle, self.verification):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(1, 1)
        em = self.fontMetrics().averageCharWidth()
        self.splitter.setSizes([em * 46, em * 80, em * 56])
        self.verification.setMinimumWidth(em * 34)  # a verdict card stays readable; the page gives way first
        self.splitter.setChildrenCollapsible(False)
        # The first screen (a drop zone, the cards below it) until a document is opened.
        self.welcome = WelcomePage()
        self.welcome.trust_notice = TrustNotice()
        self.welcome.lend(self.welcome.trust_notice)
        self.welcome.lend(self.tokens, 2)
        self.welcome.drop_zone.chooseRequested.connect(self.choose_files)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)
        for w in (left, middle, self.verification):
            w.setContentsMargins(6, 6, 6, 6)

        self.busy_label = QLabel()
        plain(self.busy_label)  # names the document
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(em * 30)
        self.cancel_button = QPushButton()
        for w in (self.busy_label, self.progress, self.cancel_button):
            self.statusBar().addPermanentWidget(w)
        self.cancel_button.clicked.connect(self.jobs.cancel_all)
        self.jobs.changed.connect(self._update_busy)

        self._flow = None  # desktop.ui.signing_flow.SigningFlow, made on first use (see `flow`)
        self.bulk_view = None  # desktop.ui.bulk_view.BulkView, made when first opened
        self._portal = None  # desktop.ui.portal_views.PortalController, made on first use (see `portal`)
        self._make_actions()
        self.doc_list.currentItemChanged.connect(lambda item, _: self.show_document(item.data(Qt.ItemDataRole.UserRole))
                                                 if item else None)
        self.verification.exportRequested.connect(self.export_report)
        self.verification.dataFileRequested.connect(self.choose_data_file)
        self.verification.openMemberRequested.connect(self.open_member)
        self.verification.saveMemberRequested.connect(self.save_member)
        self.tokens.changePinRequested.connect(lambda t: self.flow.pin_care(t, unblock=False))
        self.tokens.unblockRequested.connect(lambda t: self.flow.pin_care(t, unblock=True))
        self.preview.view.boxChanged.connect(self._update_actions)
        self.tokens.changed.connect(lambda _: QTimer.singleShot(0, self._tab_order))  # new cards, new buttons
        self.retranslate()
        self._update_busy()
        self._update_actions()
        geometry.place(self, self._qsettings(), "geometry", QSize(em * 190, self.fontMetrics().lineSpacing() * 46))
        splitters = self._qsettings().value("splitter")
        if splitters is not None:
            self.splitter.restoreState(splitters)
        self.trust_setup = TrustSetup(self)
        self.trust_setup.changed.connect(self._trust_changed)
        self.trust_setup.added.connect(self._trust_added)
        for notice in (self.welcome.trust_notice, self.verification.trust_notice):
            notice.addRequested.connect(self.trust_setup.add)
        QTimer.singleShot(0, self.trust_setup.check)  # after the window is up: it reads the trust folders
        # Copies opened for viewing by an Imza that did not close normally (killed, crashed).
        self.background.start(lambda task: operations.remove_stale_opened(), failed=lambda e: None)
        self.tokens.start()

    # Signing and the portal are imported on first use: the first screen needs neither (start-up time).
    @property
    def flow(self):
        if self._flow is None:
            from desktop.ui.signing_flow import SigningFlow

            self._flow = SigningFlow(self)
        return self._flow

    @property
    def portal(self):
        if self._portal is None:
            from desktop.ui.portal_views import PortalController

            self._portal = PortalController(self)
        return self._portal

    # actions and menus
    def _make_actions(self) -> None:
        def action(slot, shortcut=None, checkable=False) -> QAction:
            a = QAction(self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.setCheckable(checkable)
            a.triggered.connect(slot)
            return a

        self.open_action = action(self.choose_files, QKeySequence.StandardKey.Open)
        self.close_doc_action = action(self.close_document, QKeySequence.StandardKey.Close)
        self.sign_action = action(self.sign_current, "Ctrl+S")
        self.verify_action = action(self.verify_current, "Ctrl+Shift+V")
        # Offline by default, as `imza verify`: online is a deliberate choice, and re-checks the document.
        self.online_action = action(lambda _on: self.verify_current(), checkable=True)
        self.place_action = action(lambda on: self.preview.place_button.setChecked(on), "Ctrl+Shift+P", True)
        self.preview.place_button.toggled.connect(self.place_action.setChecked)
        self.export_action = action(self.export_report, "Ctrl+E")
        self.save_content_action = action(self.save_signed_content)
        self.settings_action = action(self.open_settings, "Ctrl+,")
        self.quit_action = action(self.close, QKeySequence.StandardKey.Quit)
        self.change_pin_action = action(lambda: self.flow.pin_care(None, unblock=False))
        self.unblock_action = action(lambda: self.flow.pin_care(None, unblock=True))
        self.about_action = action(self.about)
        self.bulk_action = action(self.open_bulk, "Ctrl+B")
        self.portal_login_action = action(lambda: self.portal.login(), "Ctrl+Shift+L")
        self.portal_logout_action = action(lambda: self.portal.logout())
        self.submit_action = action(self.submit_current, "Ctrl+Shift+U")
        self.outbox_action = action(lambda: self.portal.show_outbox(), "Ctrl+Shift+O")
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.open_action, self.close_doc_action, self.export_action, self.save_content_action, self.bulk_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.settings_action, self.quit_action])
        self.doc_menu = bar.addMenu("")
        self.doc_menu.addActions([self.sign_action, self.place_action, self.verify_action, self.online_action])
        self.token_menu = bar.addMenu("")
        self.token_menu.addActions([self.change_pin_action, self.unblock_action])
        self.portal_menu = bar.addMenu("")
        self.portal_menu.addActions([self.submit_action, self.outbox_action])
        self.portal_menu.addSeparator()
        self.portal_menu.addActions([self.portal_login_action, self.portal_logout_action])
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)
        self.toolbar = self.addToolBar("main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a, name in ((self.open_action, "open"), (self.sign_action, "sign"), (self.verify_action, "verify"),
                        (self.export_action, "export"), (self.submit_action, "submit"), (self.bulk_action, "bulk"),
                        (self.settings_action, "settings"), (self.about_action, "about")):
            a.setIcon(icons.icon(name))
        self.toolbar.addActions([self.open_action, self.sign_action, self.verify_action, self.export_action,
                                 self.submit_action])

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Imza — sign and verify documents"))
        self.file_menu.setTitle(self.tr("&File"))
        self.doc_menu.setTitle(self.tr("&Document"))
        self.token_menu.setTitle(self.tr("&Token"))
        self.portal_menu.setTitle(self.tr("&Portal"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        texts = {
            self.open_action: self.tr("&Open…"), self.close_doc_action: self.tr("&Close document"),
            self.sign_action: self.tr("&Sign…"),
            self.verify_action: self.tr("&Verify"), self.online_action: self.tr("Check &online (fetch missing revocation data)"),
            self.place_action: self.tr("&Place visible signature"), self.export_action: self.tr("&Export report…"),
            self.save_content_action: self.tr("Save signed &content…"),
            self.settings_action: self.tr("S&ettings…"), self.quit_action: self.tr("&Quit"),
            self.change_pin_action: self.tr("&Change PIN…"), self.unblock_action: self.tr("&Unblock PIN…"),
            self.about_action: self.tr("&About Imza"), self.bulk_action: self.tr("&Bulk signing…"),
            self.submit_action: self.tr("&Submit to the portal…"), self.outbox_action: self.tr("&Outbox"),
            self.portal_login_action: self.tr("&Log in with the card…"), self.portal_logout_action: self.tr("Log &out"),
        }
        for a, text in texts.items():
            a.setText(text)
            shortcut = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            a.setToolTip(f"{text.replace('&', '')} ({shortcut})" if shortcut else text.replace("&", ""))
        self.doc_heading.setText(self.tr("<b>Documents</b>"))
        self.doc_list.setAccessibleName(self.tr("Open documents"))
        self.doc_list.setAccessibleDescription(self.tr("The selected document is shown in the middle, "
                                                       "its signatures on the right."))
        self.cancel_button.setText(self.tr("Cancel"))
        self.busy_label.setText(self.tr("Working…"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._relanguage_documents()
        super().changeEvent(event)

    def _relanguage_documents(self) -> None:
        """A report's verdicts, warnings and checks are the engine's sentences, written in the language
        of the moment: after a switch the shown document is verified again (as it was, offline or
        online), the others when they are next shown; a verification running now redoes itself."""
        now = current_language()
        for doc in self.documents.values():
            if doc.report is not None and doc.language != now:
                self._mark(doc)
                if self.current() is doc and not doc.verifying:
                    self.verify(doc, offline=doc.offline)

    def _update_actions(self) -> None:
        doc = self.current()
        self.close_doc_action.setEnabled(doc is not None)
        self.sign_action.setEnabled(doc is not None and doc.kind in ("pdf", "file"))
        self.verify_action.setEnabled(doc is not None and doc.signature is not None)
        self.export_action.setEnabled(bool(doc and doc.report and doc.report.signatures))
        self.save_content_action.setEnabled(bool(doc and doc.report and any(
            s.coverage == "attached-data" for s in doc.report.signatures)))
        self.place_action.setEnabled(doc is not None and doc.kind == "pdf")
        self.submit_action.setEnabled(bool(doc and doc.report and doc.report.signatures))

    def _update_busy(self) -> None:
        busy = bool(self.jobs.active)
        for w in (self.busy_label, self.progress, self.cancel_button):
            w.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    def show_progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if text:
            self.busy_label.setText(text)

    # documents
    def current(self) -> Document | None:
        item = self.doc_list.currentItem()
        return self.documents.get(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def open_filters(self) -> str:
        """File → Open's filters: everything Imza reads first, then each kind, then any file to sign."""
        return ";;".join([
            self.tr("All supported (*.pdf *.p7s *.p7m *.asice *.sce)"),
            self.tr("PDF documents (*.pdf)"),
            self.tr("Detached or enveloping signatures (*.p7s *.p7m)"),
            self.tr("Signed containers, ASiC-E (*.asice *.sce)"),
            self.tr("Any file to sign (*)"),
        ])

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Open documents"), "", self.open_filters())
        self.open_files(files)

    def _mark(self, doc: Document) -> None:
        """The document list marks a document whose signatures are not valid (icon, words, colour)."""
        item = next((self.doc_list.item(i) for i in range(self.doc_list.count())
                     if self.doc_list.item(i).data(Qt.ItemDataRole.UserRole) == doc.path), None)
        if item is None:
            return
        report = doc.report
        kind = words.file_kind(report) if report is not None and report.signatures else None
        if kind in ("invalid", "indeterminate"):
            item.setText(f"{words.ICONS[kind]} {doc.path.name}")
            item.setForeground(QColor(words.COLOURS[kind]))
            verdict = words.headline(report)
            item.setToolTip(tooltip(f"{doc.path}\n{verdict}"))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{doc.path.name}: {verdict}")
        else:
            item.setText(doc.path.name)
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
            item.setToolTip(tooltip(str(doc.path)))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, doc.path.name)

    def _show_banner(self, doc: Document) -> None:
        """One banner over the page when a signature of this document is not valid."""
        report = doc.report
        bad = report is not None and report.worst is Indication.TOTAL_FAILED
        self.banner.setVisible(bad)
        if bad:
            self.banner.setText(words.headline(report))

    def open_files(self, paths) -> None:
        last = None
        for raw in paths:
            path = Path(raw).expanduser().resolve()
            try:
                check_readable(path)  # the engine's answer, as signing and verifying give it
            except InputError as e:
                self.errors.show(e)
                continue
            if path not in self.documents:
                self.documents[path] = _describe(path)
                item = QListWidgetItem(path.name, self.doc_list)
                item.setData(Qt.ItemDataRole.UserRole, path)
                item.setToolTip(tooltip(str(path)))
            else:
                self.documents[path].report = None  # reopened (e.g. signed again): verify afresh
            last = path
        if last is not None:
            row = list(self.documents).index(last)
            if self.doc_list.currentRow() == row:
                self.show_document(last)
            else:
                self.doc_list.setCurrentRow(row)

    def show_document(self, path: Path) -> None:
        doc = self.documents[path]
        self._leave_welcome()
        self.setWindowTitle(self.tr("%1 — Imza").replace("%1", path.name))
        self.preview.place_button.setChecked(False)
        if file_looks_like_pdf(doc.shown):
            self.preview.show_pdf(doc.shown)
        else:
            shown, kind = doc.shown, doc.kind if doc.kind in ("container", "p7m", "p7s") else "file"
            signed = doc.data_file.name if doc.kind == "p7s" and doc.data_file is not None else None
            self.background.start(lambda task: operations.file_facts(shown),
                                  done=lambda facts: self.preview.show_facts(shown, facts, kind, signed),
                                  failed=self.errors.show)
        self._show_banner(doc)
        if doc.report is not None and doc.language != current_language() and not doc.verifying:
            self.verify(doc, offline=doc.offline)  # made in another language (_relanguage_documents)
        elif doc.report is not None:
            self.verification.show_report(doc.report, offline=doc.offline)
            self._list_members(doc)
        elif doc.verifying:
            self.verification.show_busy(path.name)
        elif doc.signature is not None:
            self.verify(doc)
        else:
            self.verification.show_unsigned_file()
        self._update_actions()

    def close_document(self) -> None:
        """Take the current document off the list; copies of its files opened for viewing are removed."""
        doc = self.current()
        if doc is None:
            return
        row = self.doc_list.currentRow()
        del self.documents[doc.path]
        self.doc_list.takeItem(row)  # selects the next document, which is then shown
        if doc.kind == "container":
            operations.forget_opened(doc.path)
        if not self.documents:
            self.setWindowTitle(self.tr("Imza — sign and verify documents"))
            self.preview.show_nothing()
            self.verification.clear()
            self.banner.hide()
        self._update_actions()

    def verify_current(self) -> None:
        doc = self.current()
        if doc is not None and doc.signature is not None:
            doc.report = None
            self.verify(doc)

    def verify(self, doc: Document, offline: bool | None = None) -> None:
        """Verify `doc` off the UI thread; `offline` None: as Document → Check online says."""
        doc.verifying = True
        self.verification.show_busy(doc.path.name)
        settings = self.settings
        offline = not self.online_action.isChecked() if offline is None else offline
        language = current_language()
        target, data = doc.signature, doc.data_file if doc.kind == "p7s" else (
            doc.path if doc.kind == "file" else None)

        def finished(report=None):
            doc.verifying = False
            doc.report, doc.offline, doc.language = report, offline, language
            if report is not None and language != current_language() and self.current() is doc:
                self.verify(doc, offline=offline)  # the language changed while it ran
                return
            self._mark(doc)
            if self.current() is doc:
                if report is None:
                    self.verification.show_cancelled()
                else:
                    self.verification.show_report(report, offline=offline)
                    self._list_members(doc)
                self._show_banner(doc)
                self._update_actions()

        def failed(error):
            finished(None)
            self.errors.show(error)

        self.busy_label.setText(self.tr("Verifying %1…").replace("%1", doc.path.name))
        self.jobs.start(lambda task: operations.verify(target, settings, offline=offline, data_file=data),
                        done=finished, failed=failed, cancelled=finished, progress=self.show_progress)

    def _list_members(self, doc: Document) -> None:
        """A container's files, listed beside its signatures once both are known."""
        if doc.kind != "container" or doc.report is None or not doc.report.signatures:
            return
        path, report = doc.path, doc.report

        def show(members):
            if self.current() is doc and self.verification.report is report:
                self.verification.show_members(members)

        self.background.start(lambda task: operations.container_members(path), done=show,
                              failed=lambda e: None)  # the verdict already says why the container is unreadable

    def choose_data_file(self) -> None:
        """A detached signature whose signed file is not beside it: the user points at it."""
        doc = self.current()
        if doc is None or doc.kind != "p7s":
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the file that %1 signs").replace(
            "%1", doc.path.name), str(doc.path.parent), self.tr("All files (*)"))
        if not path:
            return
        doc.data_file = doc.shown = Path(path).resolve()
        doc.report = None
        self.show_document(doc.path)

    def open_member(self, name: str) -> None:
        doc = self.current()
        if doc is None or doc.kind != "container":
            return
        path = doc.path
        self.jobs.start(lambda task: operations.open_member(path, name, task),
                        done=lambda copy: QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))),
                        failed=self.errors.show)

    def save_member(self, name: str) -> None:
        doc = self.current()
        if doc is None or doc.kind != "container":
            return
        from desktop.verify.container_files import safe_name

        path = doc.path
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Save %1").replace("%1", safe_name(name)),
                                             str(path.parent / safe_name(name)))
        if not out:
            return
        self.jobs.start(lambda task: operations.save_member(path, name, Path(out), task),
                        done=lambda saved: self.statusBar().showMessage(
                            self.tr("Saved %1").replace("%1", str(saved)), 8000),
                        failed=self.errors.show)

    def _trust_changed(self, text) -> None:
        self.welcome.trust_notice.set_text(text)
        self.verification.set_nothing_trusted(text)

    def _trust_added(self, entry) -> None:
        """A root was added: every verdict so far was made without it, so verify again."""
        self.statusBar().showMessage(self.tr("%1 is now trusted.").replace("%1", entry.subject or entry.path.name),
                                     8000)
        for doc in self.documents.values():
            doc.report = None
        doc = self.current()
        if doc is not None:
            self.show_document(doc.path)

    def sign_current(self) -> None:
        doc = self.current()
        if doc is None:
            self.errors.message(self.tr("Sign"), self.tr("Open the document to sign first (Ctrl+O)."))
            return
        if doc.verifying:
            self.errors.message(self.tr("Sign"), self.tr("%1 is still being checked. Sign it when the check "
                                                         "has finished.").replace("%1", doc.path.name))
            return
        self.flow.start(doc.path, visible=self.preview.visible_signature() if doc.kind == "pdf" else None,
                        report=doc.report)

    def submit_current(self) -> None:
        doc = self.current()
        if doc is not None and doc.signature is not None:
            self.portal.submit([doc.signature])

    def open_bulk(self) -> None:
        from desktop.ui.bulk_view import BulkView

        if self.bulk_view is None:
            self.bulk_view = BulkView(self)
        self.bulk_view.show()
        self.bulk_view.raise_()
        self.bulk_view.activateWindow()

    # reports, settings, about
    def export_report(self) -> None:
        doc = self.current()
        if doc is None or doc.report is None:
            return
        suggested = str(doc.path.with_name(doc.path.name + ".report.html"))
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export verification report"), suggested,
                                                   self.tr("HTML (*.html);;PDF (*.pdf)"))
        if path:
            self.export_to(doc.report, Path(path))

    def save_signed_content(self) -> None:
        """Save the document an enveloping signature (.p7m) carries, e.g. to open it elsewhere."""
        doc = self.current()
        if doc is None or doc.report is None:
            return
        suggested = doc.path.with_suffix("") if doc.path.suffix.lower() == ".p7m" else doc.path.with_name(
            doc.path.name + ".content")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the signed content"), str(suggested))
        if path:
            self.save_content_to(doc, Path(path))

    def save_content_to(self, doc: Document, path: Path) -> None:
        # Imported here for start-up time: the verification engine loads pyhanko.
        from desktop.verify.cades import extract_content

        try:
            extract_content(doc.path, path, force=True)  # the save dialog asked before replacing a file
        except ImzaError as e:
            self.errors.show(e)
            return
        except OSError as e:
            self.errors.message(self.tr("Save"), self.tr("The signed content could not be saved: %1").replace(
                "%1", e.strerror or str(e)))
            return
        self.statusBar().showMessage(self.tr("Signed content saved to %1").replace("%1", str(path)), 8000)

    def export_to(self, report, path: Path) -> None:
        try:
            report_html.export(report, path)
        except OSError as e:
            self.errors.message(self.tr("Export"), self.tr("The report could not be saved: %1").replace(
                "%1", e.strerror or str(e)))
            return
        self.statusBar().showMessage(self.tr("Report saved to %1").replace("%1", str(path)), 8000)

    def open_settings(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.background, self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog))
        dialog.finished.connect(lambda _: self.trust_setup.check())  # the Trust page may have added a root
        dialog.open()
        self.settings_dialog = dialog

    def apply_settings(self, dialog) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop.ui import i18n

        try:
            self.settings = dialog.apply()
        except Exception as e:  # noqa: BLE001 - an unwritable config folder is shown, not raised
            self.errors.show(e)
            return
        self.tokens.set_module(self.settings.get("pkcs11_module"))
        self.trust_setup.check()
        if self._portal is not None:
            self._portal.settings_changed()
        i18n.install(QApplication.instance(), self.settings.get("language"))

    def about(self) -> None:
        from desktop.ui.about import AboutDialog

        self.about_dialog = AboutDialog(self)
        self.about_dialog.open()

    def _leave_welcome(self) -> None:
        """The first document is open: the cards go back under the document list."""
        if self.pages.currentWidget() is self.welcome:
            self.left.addWidget(self.tokens)
            self.left.setStretchFactor(1, 3)
            self.pages.setCurrentWidget(self.splitter)
            self.doc_list.setFocus()
            QTimer.singleShot(0, self._tab_order)

    def _tab_order(self) -> None:
        """Tab goes through the panels as they are laid out: left, middle, right, then the status bar."""
        if self.pages.currentWidget() is self.welcome:
            keyboard.chain(self.welcome)
        else:
            keyboard.chain(self.doc_list, self.tokens, self.preview, self.verification, [self.cancel_button])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.pages.currentWidget() is self.welcome:
            self.welcome.drop_zone.choose_button.setFocus()
        QTimer.singleShot(0, self._tab_order)

    # drag and drop, closing
    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
            self._show_drop(True)

    def dragLeaveEvent(self, event) -> None:
        self._show_drop(False)

    def _show_drop(self, on: bool) -> None:
        """Files are dragged over the window: light up where they will land."""
        self.welcome.drop_zone.set_dragging(on)
        self.doc_list.setProperty("dropTarget", on)
        self.doc_list.setStyleSheet("QListWidget { border: 3px solid palette(highlight); }" if on else "")

    def dropEvent(self, event) -> None:
        self._show_drop(False)
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_files(files)

    @staticmethod
    def _qsettings() -> QSettings:
        # Window geometry only; documents' settings are in config.toml, and no PIN is stored anywhere.
        return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def closeEvent(self, event) -> None:
        self.closing = True  # work scheduled for later (the trust check) is not started any more
        geometry.remember(self, self._qsettings(), "geometry")
        self._qsettings().setValue("splitter", self.splitter.saveState())
        if self.bulk_view is not None:
            self.bulk_view.shutdown()  # a running batch pauses; its journal resumes it next time
        if self._portal is not None:
            self._portal.shutdown()
        self.tokens.stop()
        self.jobs.cancel_all()
        self.jobs.wait(15000)
        self.background.wait(15000)
        self.jobs.close()  # results still queued for the window are dropped: its widgets are going away
        self.background.close()
        operations.remove_opened()  # copies of container files opened for viewing
        super().closeEvent(event)
