"""The Trust page of the settings: what verification trusts, from which folder, and changing it.

Everything in the bundled trust folder and in the user's is listed with its source; a trusted list
whose signature does not verify, or a damaged file, shows why it is not used. Adding copies a file
into the user's folder and removing deletes it from there (desktop.verify.trust_folder, the same
code as `imza trust`); the bundled folder is only ever read. Listing checks every trusted list's
XML signature, so it and every change run in a worker.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ImzaError
from desktop.ui.errors import ErrorReporter, engine_message
from desktop.ui.plain import plain, tooltip
from desktop.ui.token_panel import AMBER, GREEN, RED
from desktop.ui.workers import Jobs

ENTRY = Qt.ItemDataRole.UserRole
NAME, STATUS, KIND, UNTIL, SOURCE, FILE = range(6)


def _engine():
    from desktop.verify import trust_folder

    return trust_folder


def _folders(setting: str, bundled: Path | None):
    folders = _engine().TrustFolders.from_setting(setting or None)
    return folders if bundled is None else replace(folders, bundled=bundled)


class TrustPage(QWidget):
    """`folder_edit` holds the trust_dir setting (saved by the dialog); the list follows it."""

    loaded = Signal()  # a listing is shown (after opening, a change of folder, an add or a remove)

    def __init__(self, trust_dir: str, jobs: Jobs, parent=None):
        super().__init__(parent)
        self.jobs = jobs
        self.errors = ErrorReporter(self)
        self.overview = None  # desktop.verify.trust_folder.TrustOverview
        self.bundled_dir: Path | None = None  # None: the folder bundled with Imza (tests use another)
        self.confirm: QMessageBox | None = None
        self._generation = 0
        self._busy = False

        self.folder_edit = QLineEdit(trust_dir)
        self.folder_edit.setPlaceholderText(self.tr("Default folder"))
        self.browse_button = QPushButton(self.tr("B&rowse…"))
        folder_label = QLabel(self.tr("Your trust &folder:"))
        folder_label.setBuddy(self.folder_edit)
        self.folder_note = QLabel()
        self.folder_note.setWordWrap(True)
        self.folder_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Status"), self.tr("Kind"), self.tr("Valid until"),
                                   self.tr("Source"), self.tr("File")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Interactive)
        for column in (STATUS, KIND, UNTIL, SOURCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setColumnWidth(NAME, self.fontMetrics().averageCharWidth() * 40)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        plain(self.folder_note, self.detail, self.message)  # names and words from the trust files
        self.message.setWordWrap(True)

        self.add_button = QPushButton(self.tr("&Add certificate or trusted list…"))
        self.add_signer_button = QPushButton(self.tr("Add trusted-list &signer…"))
        self.add_signer_button.setToolTip(self.tr(
            "The certificate a trusted list is signed with. A trusted list is only used when its signature "
            "verifies with one of these."))
        self.remove_button = QPushButton(self.tr("Re&move"))

        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.add_signer_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addWidget(self.folder_note)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.browse_button.clicked.connect(self._browse_folder)
        self.folder_edit.editingFinished.connect(self._folder_edited)
        self.add_button.clicked.connect(lambda: self._choose_file(tl_signer=False))
        self.add_signer_button.clicked.connect(lambda: self._choose_file(tl_signer=True))
        self.remove_button.clicked.connect(self.remove_selected)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selection())
        self._listed_setting: str | None = None
        self._update_buttons()

    # the folder
    def setting(self) -> str:
        """The trust_dir setting as typed (empty: the default folder)."""
        return self.folder_edit.text().strip()

    def _browse_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Your trust folder"), self.setting())
        if path:
            self.folder_edit.setText(path)
            self._folder_edited()

    def _folder_edited(self) -> None:
        if self.setting() != self._listed_setting:
            self.reload()

    def showEvent(self, event) -> None:
        if self._listed_setting is None:
            self.reload()  # first shown: the listing checks signatures, so it waits until it is wanted
        super().showEvent(event)

    # background work
    def _run(self, work, done) -> None:
        """Run `work(folders)` then list the folders again, in the worker; `done(result)` in the UI thread."""
        setting, bundled = self.setting(), self.bundled_dir
        self._listed_setting = setting
        self._generation += 1
        generation = self._generation
        self._busy = True
        self._update_buttons()

        def job(task):
            folders = _folders(setting, bundled)
            result = work(folders) if work else None
            return result, _engine().list_trust(folders)

        def finished(outcome) -> None:
            if generation == self._generation:
                result, overview = outcome
                self._busy = False
                self._say("", None)
                self._show(overview)
                if done:
                    done(result)
                if overview.refused and not self.message.text():
                    self._say(self.tr("Some files are not used; select one to see why."), AMBER)
                self.loaded.emit()

        def failed(error) -> None:
            if generation == self._generation:
                self._busy = False
                self._update_buttons()
                self._say(engine_message(error) if isinstance(error, ImzaError) else str(error), RED)
                if not isinstance(error, ImzaError):
                    self.errors.unexpected(error)
                self.loaded.emit()

        self.jobs.start(job, done=finished, failed=failed)

    def reload(self) -> None:
        self._say(self.tr("Checking the trusted lists…"), None)
        self._run(None, None)

    def add_file(self, path: str | Path, *, tl_signer: bool = False) -> None:
        """Copy `path` into the trust folder (what the Add buttons do once a file is chosen)."""
        path = Path(path)
        self._say(self.tr("Adding %1…").replace("%1", path.name), None)
        self._run(lambda folders: _engine().add_to_trust(path, folders, tl_signer=tl_signer), self._added)

    def remove_entry(self, entry) -> None:
        """Delete `entry`'s file from the trust folder (after the user confirmed it)."""
        self._say(self.tr("Removing %1…").replace("%1", entry.name), None)
        self._run(lambda folders: _engine().remove_from_trust(entry.name, folders),
                  lambda _: self._say(self.tr("Removed %1: it is no longer trusted.").replace("%1", entry.name),
                                      GREEN))

    def _added(self, entry) -> None:
        if entry.accepted:
            self._say(self.tr("Added %1 to %2.").replace("%1", entry.path.name).replace("%2", str(entry.path.parent)),
                      GREEN)
        else:
            self._say(self.tr("Added %1, but it is not used: %2.").replace("%1", entry.path.name)
                      .replace("%2", entry.problem or ""), AMBER)
        self._select(entry.path)

    # the user's actions
    def _choose_file(self, *, tl_signer: bool) -> None:
        if tl_signer:
            title = self.tr("Add trusted-list signer")
            filters = self.tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)")
        else:
            title = self.tr("Add certificate or trusted list")
            filters = self.tr("Certificates and trusted lists (*.pem *.crt *.cer *.der *.xml);;All files (*)")
        path, _ = QFileDialog.getOpenFileName(self, title, "", filters)
        if path:
            self.add_file(path, tl_signer=tl_signer)

    def selected_entry(self):
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, ENTRY) if item is not None else None

    def remove_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.removable or self._busy:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove from trust"),
                          self.tr("Stop trusting %1? The file is deleted from your trust folder %2.")
                          .replace("%1", entry.name).replace("%2", str(entry.path.parent)),
                          QMessageBox.StandardButton.NoButton, self)
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _: box.clickedButton() is remove and self.remove_entry(entry))
        self.confirm = box
        box.open()

    # showing the listing
    def _show(self, overview) -> None:
        self.overview = overview
        folders = overview.folders
        if folders.user.is_dir():
            note, colour = self.tr("Files you add are copied to %1.").replace("%1", str(folders.user)), None
        elif self.setting():
            note, colour = self.tr("%1 does not exist: verification stops with an error until it does. Adding a "
                                   "file creates it.").replace("%1", str(folders.user)), AMBER
        else:
            note, colour = self.tr("Files you add are copied to %1 (created when you add the first one).").replace(
                "%1", str(folders.user)), None
        self.folder_note.setText(note)
        self.folder_note.setStyleSheet(f"color: {colour}" if colour else "")
        selected = self.selected_entry()
        self.tree.clear()
        for entry in overview.entries:
            self.tree.addTopLevelItem(self._item(entry))
        if not overview.entries:
            empty = QTreeWidgetItem([self.tr("Nothing is trusted yet: add a root certificate or a trusted list.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(empty)
            self.tree.setFirstColumnSpanned(0, self.tree.rootIndex(), True)
        if selected is not None:
            self._select(selected.path)
        self._show_selection()

    def _item(self, entry) -> QTreeWidgetItem:
        engine = _engine()
        kinds = {engine.ROOT: self.tr("Root certificate"), engine.TRUSTED_LIST: self.tr("Trusted list"),
                 engine.TL_SIGNER: self.tr("Trusted-list signer")}
        if entry.kind == engine.TRUSTED_LIST and (entry.territory or entry.operator):
            name = f"{entry.territory or '?'} — {entry.operator or '?'}"
        else:
            name = entry.subject or entry.path.name
        if entry.valid_until is not None:
            until = f"{entry.valid_until:%Y-%m-%d}"
        elif entry.next_update:
            until = self.tr("next update %1").replace("%1", entry.next_update[:10])
        else:
            until = ""
        source = self.tr("Bundled with Imza") if entry.bundled else self.tr("Your folder")
        if not entry.accepted:
            status, colour = self.tr("Not used"), RED
        elif entry.expired:
            status, colour = self.tr("Expired"), AMBER
        else:
            status, colour = self.tr("Trusted"), GREEN
        item = QTreeWidgetItem([name, status, kinds.get(entry.kind, entry.kind), until, source, entry.name])
        item.setData(0, ENTRY, entry)
        item.setToolTip(NAME, tooltip(name))
        item.setToolTip(FILE, tooltip(str(entry.path)))
        item.setToolTip(STATUS, self.tr("Not used: %1.").replace("%1", entry.problem or "") if not entry.accepted
                        else status)
        item.setForeground(STATUS, QColor(colour))
        if entry.bundled:
            item.setToolTip(SOURCE, self.tr("Comes with Imza; it cannot be removed here."))
        for service in entry.services:
            child = QTreeWidgetItem([f"{service.kind}: {service.name}", "", self.tr("Listed service")])
            child.setToolTip(NAME, tooltip(service.name))
            item.addChild(child)
        return item

    def _select(self, path: Path) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            entry = item.data(0, ENTRY)
            if entry is not None and entry.path == path:
                self.tree.setCurrentItem(item)
                return

    def _show_selection(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.detail.setText("")
        else:
            text = str(entry.path)
            if not entry.accepted:
                text += "\n" + self.tr("Not used: %1.").replace("%1", entry.problem or "")
            self.detail.setText(text)
            self.detail.setStyleSheet("" if entry.accepted else f"color: {RED}")
        self._update_buttons()

    def _say(self, text: str, colour: str | None) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {colour}" if colour else "")

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        for button in (self.add_button, self.add_signer_button, self.browse_button):
            button.setEnabled(not self._busy)
        self.remove_button.setEnabled(not self._busy and entry is not None and entry.removable)
        self.remove_button.setToolTip(self.tr("Files that come with Imza cannot be removed.")
                                      if entry is not None and not entry.removable else "")
