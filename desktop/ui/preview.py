"""The document pane: a PDF page (navigation, zoom, the visible-signature box) or a file's facts.

Pages are rendered by `pdf_render` in a worker; the widget only paints the finished image. The
signature box is drawn with the mouse, or with the keyboard: in placing mode Enter puts a box on
the page, arrows move it and Shift+arrows resize it (10 points a step).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import VisibleSignature
from desktop.ui import pdf_render
from desktop.ui.flow_layout import FlowLayout, group
from desktop.ui.i18n import plural_count
from desktop.ui.plain import plain
from desktop.ui.workers import Jobs

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
DEFAULT_BOX = (200.0, 60.0)  # width, height in points of a box placed from the keyboard
STEP = 10.0


class PageView(QWidget):
    """One rendered page; in placing mode a dragged rectangle becomes the signature box."""

    boxChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.page: pdf_render.PageImage | None = None
        self.zoom = 1.0
        self.pixmap: QPixmap | None = None
        self.placing = False
        self.box: VisibleSignature | None = None
        self._drag_from: QPointF | None = None
        self._drag_to: QPointF | None = None

    def set_page(self, page: pdf_render.PageImage, zoom: float) -> None:
        self.page, self.zoom = page, zoom
        pixmap = QPixmap.fromImage(page.image)
        pixmap.setDevicePixelRatio(page.scale / zoom)
        self.pixmap = pixmap
        self.setFixedSize(int(page.width_pt * zoom), int(page.height_pt * zoom))
        self.update()

    # coordinates: widget pixels (origin top-left) <-> PDF points (origin bottom-left)
    def to_points(self, p: QPointF) -> tuple[float, float]:
        x = min(max(p.x(), 0.0), self.width()) / self.zoom
        y = self.page.height_pt - min(max(p.y(), 0.0), self.height()) / self.zoom
        return x, y

    def to_widget(self, box: tuple[float, float, float, float]) -> QRectF:
        x1, y1, x2, y2 = box
        h = self.page.height_pt
        return QRectF(QPointF(min(x1, x2) * self.zoom, (h - max(y1, y2)) * self.zoom),
                      QPointF(max(x1, x2) * self.zoom, (h - min(y1, y2)) * self.zoom))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self.pixmap is not None:
            painter.drawPixmap(0, 0, self.pixmap)
        rect = None
        if self._drag_from is not None and self._drag_to is not None:
            rect = QRectF(self._drag_from, self._drag_to).normalized()
        elif self.box is not None and self.page is not None and self.box.page == self.page.index:
            rect = self.to_widget(self.box.box)
        if rect is not None:
            painter.setPen(QPen(QColor("#1f5fbf"), 2, Qt.PenStyle.DashLine))
            painter.fillRect(rect, QColor(31, 95, 191, 40))
            painter.drawRect(rect)
            painter.drawText(rect.adjusted(6, 4, -6, -4), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                             self.tr("Signature"))
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))

    def mousePressEvent(self, event) -> None:
        if self.placing and self.page is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = self._drag_to = event.position()
            self.update()

    def mouseMoveEvent(self, event) -> None:
        if self._drag_from is not None:
            self._drag_to = event.position()
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if self._drag_from is None:
            return
        (x1, y1), (x2, y2) = self.to_points(self._drag_from), self.to_points(event.position())
        self._drag_from = self._drag_to = None
        if abs(x2 - x1) >= 20 and abs(y2 - y1) >= 10:  # the engine's minimum; smaller is a stray click
            self.set_box(VisibleSignature(self.page.index, (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))))
        self.update()

    def set_box(self, box: VisibleSignature | None) -> None:
        self.box = box
        self.boxChanged.emit()
        self.update()

    def keyPressEvent(self, event) -> None:
        if not self.placing or self.page is None:
            return super().keyPressEvent(event)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.box is None:
            w, h = DEFAULT_BOX
            x1 = max(self.page.width_pt - w - 40, 0)
            self.set_box(VisibleSignature(self.page.index, (x1, 40.0, x1 + w, 40.0 + h)))
            return
        moves = {Qt.Key.Key_Left: (-STEP, 0), Qt.Key.Key_Right: (STEP, 0),
                 Qt.Key.Key_Up: (0, STEP), Qt.Key.Key_Down: (0, -STEP)}
        if key in moves and self.box is not None:
            dx, dy = moves[key]
            x1, y1, x2, y2 = self.box.box
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                x2, y1 = max(x2 + dx, x1 + 20), min(y1 - dy, y2 - 10)
            else:
                x1, x2, y1, y2 = x1 + dx, x2 + dx, y1 + dy, y2 + dy
            self.set_box(VisibleSignature(self.box.page, (x1, y1, x2, y2)))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)


class FileFactsView(QWidget):
    """Name, size, type and SHA-256 of a file that is not a PDF."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.form = QFormLayout(self)
        self.form.addRow(self.caption)
        self.name, self.size, self.mime, self.sha256 = (QLabel() for _ in range(4))
        plain(self.caption, self.name, self.size, self.mime, self.sha256)  # the file's own name and type
        self.sha256.setWordWrap(True)
        for label in (self.name, self.size, self.mime, self.sha256):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.labels = [QLabel() for _ in range(4)]
        for caption, value in zip(self.labels, (self.name, self.size, self.mime, self.sha256), strict=True):
            self.form.addRow(caption, value)
        self.retranslate()

    def caption_text(self) -> str:
        """What is signed, in the terms of what is shown: the file's bytes, a container's listed files,
        or the data file a detached signature names (its own bytes are not what was signed)."""
        kind, signed = getattr(self, "kind", "file"), getattr(self, "signed_name", None)
        if kind == "container":
            return self.tr("This is a signed container, so it cannot be shown here. What is signed is the "
                           "files inside it, listed beside the verdict: open or save each one there.")
        if kind == "p7m":
            return self.tr("This is a signature with the signed file inside it. What is signed is that file: "
                           "save it with File → Save signed content to open it.")
        if kind == "p7s" and signed:
            return self.tr("This is a signature kept apart from the file it signs. What is signed is "
                           "%1, exactly these bytes:").replace("%1", signed)
        if kind == "p7s":
            return self.tr("This is a signature kept apart from the file it signs, and that file is not "
                           "beside it. What is signed is that file: choose it beside the verdict to check it. "
                           "These are the signature's own bytes:")
        return self.tr("This file is not a PDF, so it cannot be shown here. What is signed is exactly these bytes:")

    def retranslate(self) -> None:
        self.caption.setText(self.caption_text())
        for label, text in zip(self.labels, (self.tr("Name:"), self.tr("Size:"), self.tr("Type:"),
                                             self.tr("SHA-256:")), strict=True):
            label.setText(text)
        if getattr(self, "facts", None) is not None:
            self.show_facts(self.facts, self.kind, self.signed_name)

    def show_facts(self, facts, kind: str = "file", signed_name: str | None = None) -> None:
        """`kind` is the document's (file, container, p7m, p7s); for a .p7s, `signed_name` is the data
        file's name when it was found (the facts are then that file's)."""
        self.facts, self.kind, self.signed_name = facts, kind, signed_name
        self.caption.setText(self.caption_text())
        self.name.setText(facts.name)
        self.size.setText(self.tr("%1 bytes", "", plural_count(facts.size)).replace(
            "%1", f"{facts.size:,}".replace(",", " ")))
        self.mime.setText(facts.mime)
        self.sha256.setText(facts.sha256)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PreviewPane(QWidget):
    """Page navigation and zoom over a PageView, or the facts of a non-PDF file."""

    def __init__(self, jobs: Jobs, parent=None):
        super().__init__(parent)
        self.jobs = jobs
        self.path: Path | None = None
        self.index = 0
        self.count = 0
        self.zoom = 1.0
        self._generation = 0
        self.error: str | None = None

        bar = FlowLayout()  # wraps instead of widening the window (small or 200 %-scaled screens)
        self.prev_button, self.next_button = QToolButton(), QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.of_label = QLabel()
        self.zoom_out, self.zoom_in = QToolButton(), QToolButton()
        self.zoom_out.setText("−")
        self.zoom_in.setText("+")
        self.zoom_label = QLabel()
        self.place_button = QToolButton()
        self.place_button.setCheckable(True)
        self.clear_button = QToolButton()
        for widgets in ((self.prev_button, self.next_button, self.page_spin, self.of_label),
                        (self.zoom_out, self.zoom_label, self.zoom_in), (self.place_button, self.clear_button)):
            bar.addWidget(group(*widgets))

        self.view = PageView()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.view)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setBackgroundRole(self.palette().ColorRole.Dark)
        self.facts = FileFactsView()
        self.message = QLabel()
        plain(self.message)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        for w in (self.message, self.scroll, self.facts):
            self.stack.addWidget(w)
        self.bar = QWidget()
        self.bar.setLayout(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)

        self.prev_button.clicked.connect(lambda: self.go_to(self.index - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.index + 1))
        self.page_spin.valueChanged.connect(lambda v: self.go_to(v - 1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(+1))
        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.place_button.toggled.connect(self.set_placing)
        self.clear_button.clicked.connect(lambda: self.view.set_box(None))
        self.view.boxChanged.connect(self._update_controls)
        self.prev_button.setShortcut(QKeySequence(QKeySequence.StandardKey.MoveToPreviousPage))
        self.next_button.setShortcut(QKeySequence(QKeySequence.StandardKey.MoveToNextPage))
        self.zoom_in.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        self.zoom_out.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.retranslate()
        self.show_nothing()

    def retranslate(self) -> None:
        self.prev_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.next_button.setToolTip(self.tr("Next page (Page Down)"))
        self.prev_button.setAccessibleName(self.tr("Previous page"))
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.page_spin.setAccessibleName(self.tr("Page"))
        self.zoom_in.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.zoom_out.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in.setAccessibleName(self.tr("Zoom in"))
        self.zoom_out.setAccessibleName(self.tr("Zoom out"))
        self.place_button.setText(self.tr("Place signature"))
        self.place_button.setToolTip(self.tr("Drag a rectangle on the page where the visible signature goes "
                                             "(keyboard: Enter, then arrows; Shift+arrows resize)"))
        self.clear_button.setText(self.tr("Remove box"))
        self.view.setAccessibleName(self.tr("Page preview"))
        self._update_controls()
        if self.path is None:
            self.message.setText(self.tr("Open a document (Ctrl+O) or drop it on this window.\n"
                                         "Signed documents are verified as soon as they open."))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_controls(self) -> None:
        pdf = self.stack.currentWidget() is self.scroll
        self.bar.setEnabled(pdf)
        self.of_label.setText(self.tr("of %1").replace("%1", str(self.count)) if pdf else "")
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")
        self.prev_button.setEnabled(pdf and self.index > 0)
        self.next_button.setEnabled(pdf and self.index < self.count - 1)
        self.clear_button.setEnabled(self.view.box is not None)

    # what is shown
    def show_nothing(self) -> None:
        self.path = None
        self.view.set_box(None)
        self.stack.setCurrentWidget(self.message)
        self.retranslate()

    def show_pdf(self, path: Path) -> None:
        if path != self.path:
            self.view.set_box(None)
            self.index = 0
        self.path = path
        self.stack.setCurrentWidget(self.scroll)
        self.render()

    def show_facts(self, path: Path, facts, kind: str = "file", signed_name: str | None = None) -> None:
        self.path = path
        self.view.set_box(None)
        self.place_button.setChecked(False)
        self.facts.show_facts(facts, kind, signed_name)
        self.stack.setCurrentWidget(self.facts)
        self._update_controls()

    def show_message(self, text: str) -> None:
        self.stack.setCurrentWidget(self.message)
        self.message.setText(text)
        self._update_controls()

    # navigation
    def go_to(self, index: int) -> None:
        if self.path is None or index == self.index or not 0 <= index < max(self.count, 1):
            return
        self.index = index
        self.render()

    def step_zoom(self, direction: int) -> None:
        smaller = [z for z in ZOOMS if z < self.zoom - 1e-6]
        larger = [z for z in ZOOMS if z > self.zoom + 1e-6]
        target = (larger[0] if larger else self.zoom) if direction > 0 else (smaller[-1] if smaller else self.zoom)
        if target != self.zoom:
            self.zoom = target
            self.render()

    def set_placing(self, on: bool) -> None:
        self.view.placing = on
        self.view.setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)
        if on:
            self.view.setFocus()

    def visible_signature(self) -> VisibleSignature | None:
        return self.view.box

    def render(self) -> None:
        path, index, zoom = self.path, self.index, self.zoom
        scale = zoom * self.devicePixelRatioF()
        self._generation += 1
        generation = self._generation
        self.jobs.start(lambda task: pdf_render.render_page(path, index, scale),
                        done=lambda page: self._rendered(generation, page),
                        failed=lambda e: self._render_failed(generation, e))

    def _rendered(self, generation: int, page: pdf_render.PageImage) -> None:
        if generation != self._generation:
            return  # a newer page or zoom was asked for meanwhile
        self.index, self.count = page.index, page.count
        self.view.set_page(page, self.zoom)
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(page.count, 1))
        self.page_spin.setValue(page.index + 1)
        self.page_spin.blockSignals(False)
        self._update_controls()

    def _render_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.show_message(str(error))
