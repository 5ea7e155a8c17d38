"""The verification view: one badge per signature, the facts beside it, and a details pane.

Badges say Valid / Valid with warnings / Invalid / Indeterminate in words (colour is never the
only signal), with the engine's one-line message under them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import FileReport
from desktop.ui import icons
from desktop.ui.i18n import plural_count
from desktop.ui.plain import plain, tooltip
from desktop.ui.report_html import COLOURS, ICONS, badge_kind, details_html
from desktop.ui.trust_setup import TrustNotice
from desktop.verify.reports import words


class Badge(QLabel):
    def __init__(self, kind: str, text: str, parent=None):
        super().__init__(f"{ICONS[kind]} {text}", parent)
        self.kind = kind
        self.setObjectName("badge")
        self.setStyleSheet(f"QLabel#badge {{ background: {COLOURS[kind]}; color: white; font-weight: bold;"
                           " border-radius: 4px; padding: 2px 8px; }")
        # A long verdict ("Действительна с предупреждениями") wraps inside the badge when the panel is
        # narrow; on one line it ran past the card's edge and was cut off mid-word.
        self.setWordWrap(True)


class SignatureCard(QWidget):
    """Badge, who signed, what the verdict means (and the warning, if any), when, level, coverage."""

    def __init__(self, report: FileReport, index: int, parent=None):
        super().__init__(parent)
        sig = report.signatures[index]
        self.kind = badge_kind(sig)
        self.badge = Badge(self.kind, words.badge_text(self.kind))
        top = QHBoxLayout()
        self.icon = QLabel()  # the verdict's shape goes with its colour and words
        self.icon.setPixmap(icons.pixmap(self.kind, 22, self.devicePixelRatioF()))
        top.addWidget(self.icon)
        top.addWidget(self.badge)
        top.addStretch()
        who = QLabel(f"<b>{_e(words.title(sig))}</b>")
        who.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(who)
        message = QLabel(sig.message)
        message.setWordWrap(True)
        message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(message)
        # "Valid with warnings" says what the warning is, on the card itself.
        self.warnings: list[QLabel] = []
        for text in sig.warnings:
            line = QLabel(f"{ICONS['warnings']} {text}")
            line.setObjectName("warning")
            line.setWordWrap(True)
            line.setTextFormat(Qt.TextFormat.PlainText)
            line.setStyleSheet(f"QLabel#warning {{ color: {COLOURS['warnings']}; }}")
            layout.addWidget(line)
            self.warnings.append(line)
        self.facts = facts = QLabel("<br>".join(_e(line) for line in words.fact_lines(report, sig)))
        facts.setWordWrap(True)
        layout.addWidget(facts)
        # One line per signature time-stamp, in its own verdict's colour (and words: colour is never alone).
        # On a card that is not valid, a valid time-stamp is a plain fact: no green "Valid" beside a red verdict.
        self.stamps: list[QLabel] = []
        for stamp in sig.timestamps:
            kind, text = words.stamp_heading(sig, stamp)
            if kind == "plain":
                line, style = QLabel(text), ""
            else:
                line = QLabel(f"{ICONS[kind]} {text}")
                style = f"color: {COLOURS[kind]}; font-weight: bold;"
            line.setObjectName("timestamp")
            line.setWordWrap(True)
            line.setTextFormat(Qt.TextFormat.PlainText)
            line.setToolTip(tooltip(stamp.message))
            line.setStyleSheet(f"QLabel#timestamp {{ {style} }}")
            line.kind = kind
            layout.addWidget(line)
            self.stamps.append(line)
        self.message = message
        self.setAccessibleName(words.verdict_title(sig))
        self.setAccessibleDescription(" ".join([sig.message, *(f"{w}." for w in sig.warnings),
                                                *(f"{line}." for line in words.fact_lines(report, sig)),
                                                *(f"{line.text()}." for line in self.stamps)]))
        self.badge.setAccessibleName(words.badge_text(self.kind))


class VerificationView(QWidget):
    """Shows the FileReport of the current document, or why there is none."""

    exportRequested = Signal()
    openMemberRequested = Signal(str)  # a data file of the container, by its name inside it
    saveMemberRequested = Signal(str)
    dataFileRequested = Signal()  # a detached signature whose signed file is missing: let the user pick it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report: FileReport | None = None
        self.heading = QLabel()
        self.heading.setObjectName("panelHeading")
        self.summary = QLabel()
        self.summary.setObjectName("verdictHeadline")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tally = QLabel()
        self.how = QLabel()  # offline or online: which check made this report
        plain(self.tally, self.how)
        self.how.setObjectName("checkedHow")
        self.how.setWordWrap(True)
        self.trust_notice = TrustNotice()  # nothing is trusted yet: why the verdicts are indeterminate
        self._nothing_trusted: str | None = None
        self.list = QListWidget()
        self.list.setSpacing(2)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The card keeps its own colours; selection is a frame around it, not a fill behind it.
        self.list.setStyleSheet("QListWidget::item:selected { background: transparent;"
                                " border: 2px solid palette(highlight); border-radius: 4px; }")
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.export_button = QPushButton()
        self.export_button.setEnabled(False)
        self.data_button = QPushButton()  # "Choose the signed file…" for a .p7s without its file
        self.data_button.hide()
        self.data_button.clicked.connect(self.dataFileRequested)
        # ASiC-E: the files inside, which signature covers each, open or save one.
        self.files_panel = QWidget()
        self.files_heading = QLabel()
        self.files = QTreeWidget()
        self.files.setColumnCount(2)
        self.files.setRootIsDecorated(False)
        self.files.setUniformRowHeights(True)
        self.files.header().setStretchLastSection(True)
        self.open_file_button, self.save_file_button = QPushButton(), QPushButton()
        for button in (self.open_file_button, self.save_file_button):
            button.setEnabled(False)
        self.open_file_button.clicked.connect(lambda: self._member_action(self.openMemberRequested))
        self.save_file_button.clicked.connect(lambda: self._member_action(self.saveMemberRequested))
        self.files.itemActivated.connect(lambda *_: self._member_action(self.openMemberRequested))
        self.files.currentItemChanged.connect(lambda item, _: [b.setEnabled(item is not None) for b in
                                                                (self.open_file_button, self.save_file_button)])
        self.files_heading.setBuddy(self.files)
        files_layout = QVBoxLayout(self.files_panel)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(self.files_heading)
        files_layout.addWidget(self.files, 1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.open_file_button)
        files_row.addWidget(self.save_file_button)
        files_row.addStretch()
        files_layout.addLayout(files_row)
        self.files_panel.hide()
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.files_panel)
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tally)
        layout.addWidget(self.how)
        layout.addWidget(self.data_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.trust_notice)
        layout.addWidget(splitter, 1)
        self.filler = QWidget()  # takes the space while there are no cards, so the text stays on top
        layout.addWidget(self.filler, 1)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.list.currentRowChanged.connect(self._show_details)
        self.export_button.clicked.connect(self.exportRequested)
        self._state = ("empty", None)
        self.retranslate()

    # states
    def clear(self) -> None:
        self._set_state("empty", None)

    def show_busy(self, name: str) -> None:
        self._set_state("busy", name)

    def show_cancelled(self) -> None:
        self._set_state("cancelled", None)

    def show_unsigned_file(self) -> None:
        self._set_state("not-signable", None)

    def show_report(self, report: FileReport, *, offline: bool = True) -> None:
        """`offline`: the report was made only with the data in the file (the default, as `imza verify`)."""
        self.offline = offline
        self._set_state("report", report)

    def set_nothing_trusted(self, text: str | None) -> None:
        self._nothing_trusted = text
        self._show_trust_notice()

    def _show_trust_notice(self) -> None:
        unanchored = self.report is not None and any(s.sub_indication == "NO_CERTIFICATE_CHAIN_FOUND"
                                                     for s in self.report.signatures)
        self.trust_notice.set_text(self._nothing_trusted if unanchored else None)

    def _set_state(self, state: str, value) -> None:
        self._state = (state, value)
        self.report = value if state == "report" else None
        self._show_trust_notice()
        self.summary.setStyleSheet("")
        self.list.clear()
        self.details.clear()
        self.files.clear()
        self.files_panel.hide()
        self.export_button.setEnabled(state == "report" and bool(self.report and self.report.signatures))
        texts = {
            "empty": self.tr("Open a signed document to see its signatures."),
            "busy": self.tr("Verifying %1…").replace("%1", str(value)),
            "cancelled": self.tr("Verification cancelled. Press Verify (Ctrl+Shift+V) to run it again."),
            "not-signable": self.tr("This file holds no signatures. Sign it to make a detached .p7s signature "
                                    "beside it; open that .p7s to verify it."),
        }
        self.splitter.setVisible(state == "report" and bool(value.signatures))
        self.filler.setVisible(self.splitter.isHidden())
        self.tally.setVisible(state == "report" and bool(value.signatures))
        self.how.setVisible(state == "report" and bool(value.signatures))  # nothing checked, nothing to say how
        if state != "report":
            self.summary.setText(texts[state])
            return
        self.summary.setText(words.headline(value) if value.signatures or value.error else self.tr(
            "This document is not signed. Press Sign (Ctrl+S) to sign it."))
        kind = words.file_kind(value) if value.signatures or value.error else None
        if kind == "valid" and any(badge_kind(sig) == "warnings" for sig in value.signatures):
            kind = "warnings"  # the headline names the warning: it is not plain green
        if kind is not None:
            self.summary.setStyleSheet(f"color: {COLOURS[kind]}; font-weight: bold;")
        self.tally.setText(words.tally(value))
        self.how.setText(words.checked_how(getattr(self, "offline", True)))
        missing = self.missing_data_file()
        self.data_button.setVisible(missing is not None)
        if missing is not None:  # the engine's line says "--data": in the window there is a button instead
            self.summary.setText(self.tr("The file this signature signs, %1, is not beside it. Choose it to "
                                         "check the signature.").replace("%1", missing.name))
            self.summary.setStyleSheet(f"color: {COLOURS['warnings']}; font-weight: bold;")
        members = getattr(self, "_members", (None, []))
        if members[0] is value:  # redrawn (a language switch): the files listed stay
            self.show_members(members[1])
        for i in range(len(value.signatures)):
            card = SignatureCard(value, i)
            item = QListWidgetItem(self.list)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, card.accessibleName())
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, card.accessibleDescription())
            item.setSizeHint(card.sizeHint())
            self.list.setItemWidget(item, card)
        self._fit_cards()
        if value.signatures:
            self.list.setCurrentRow(0)

    def missing_data_file(self):
        """For a detached signature whose signed file could not be found: the name that was looked for."""
        r = self.report
        if r is None or r.kind != "cms" or r.signatures or not r.error or r.data_file is None:
            return None
        return r.data_file

    def show_members(self, members: list) -> None:
        """The data files of the container shown, each with the signatures that cover it."""
        self.files.clear()
        report = self.report
        self._members = (report, members)
        if report is None or report.kind != "asice" or not members:
            self.files_panel.hide()
            return
        for member in members:
            covering = [s for s in report.signatures if member.name in s.covered_files]
            if covering:
                text = "; ".join(words.verdict_title(s) for s in covering)
            else:
                text = self.tr("not covered by any signature")
            item = QTreeWidgetItem(self.files, [member.name, text])
            item.setToolTip(1, text)
            item.setData(0, Qt.ItemDataRole.UserRole, member.name)
            item.setToolTip(0, self.tr("%1 bytes", "", plural_count(member.size)).replace(
                "%1", f"{member.size:,}".replace(",", " ")))
            if not covering or any(badge_kind(s) not in ("valid", "warnings") for s in covering):
                item.setForeground(1, QColor(COLOURS["invalid"] if not covering else COLOURS[badge_kind(covering[0])]))
        self.files.resizeColumnToContents(0)
        self.files.setCurrentItem(self.files.topLevelItem(0))
        self.files_panel.show()
        sizes = self.splitter.sizes()
        wanted = self.files_panel.minimumSizeHint().height() + self.files.sizeHintForRow(0) * min(len(members), 4)
        if sizes[0] < wanted:  # shown after being hidden: give it room for the buttons and a few files
            self.splitter.setSizes([wanted, max(sum(sizes) - wanted, 0) * 3 // 5, max(sum(sizes) - wanted, 0) * 2 // 5])

    def member_names(self) -> list[str]:
        return [self.files.topLevelItem(i).text(0) for i in range(self.files.topLevelItemCount())]

    def member_signers(self, name: str) -> str:
        item = next(self.files.topLevelItem(i) for i in range(self.files.topLevelItemCount())
                    if self.files.topLevelItem(i).text(0) == name)
        return item.text(1)

    def _member_action(self, signal) -> None:
        item = self.files.currentItem()
        if item is not None:
            signal.emit(item.data(0, Qt.ItemDataRole.UserRole))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_cards()

    def _fit_cards(self) -> None:
        """Word-wrapped cards need their height for the list's current width."""
        width = max(self.list.viewport().width() - 2 * self.list.spacing(), 120)
        for i in range(self.list.count()):
            item = self.list.item(i)
            layout = self.list.itemWidget(item).layout()
            height = layout.heightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
            item.setSizeHint(QSize(width, height))

    def _show_details(self, row: int) -> None:
        if self.report is None or not 0 <= row < len(self.report.signatures):
            self.details.clear()
            return
        self.details.setHtml(details_html(self.report, self.report.signatures[row]))

    def badges(self) -> list[str]:
        """The badge words shown, top to bottom (what a test or a screen reader reads)."""
        return [self.list.itemWidget(self.list.item(i)).badge.text().split(" ", 1)[1]
                for i in range(self.list.count())]

    def retranslate(self) -> None:
        self.heading.setText(self.tr("<b>Signatures</b>"))
        self.export_button.setText(self.tr("&Export report…"))
        self.data_button.setText(self.tr("&Choose the signed file…"))
        self.files_heading.setText(self.tr("&Files in this container"))
        self.files.setHeaderLabels([self.tr("File"), self.tr("Signed by")])
        self.files.setAccessibleName(self.tr("Files in this container"))
        self.open_file_button.setText(self.tr("&Open"))
        self.open_file_button.setToolTip(self.tr("Open a copy of this file with the system's viewer"))
        self.save_file_button.setText(self.tr("Sa&ve…"))
        self.save_file_button.setToolTip(self.tr("Save a copy of this file"))
        self.export_button.setToolTip(self.tr("Save this verification report as HTML or PDF"))
        self.list.setAccessibleName(self.tr("Signatures and their verdicts"))
        self.list.setAccessibleDescription(self.tr("One row per signature: the verdict, who signed and when. "
                                                   "The details of the selected one are shown below."))
        self.details.setAccessibleName(self.tr("Details of the selected signature"))
        self.details.setAccessibleDescription(self.tr("The checks made, the certificate chain and the time-stamps."))
        self.summary.setAccessibleName(self.tr("Verification summary"))
        self._set_state(*self._state)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _e(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
