"""Tab order that follows the layout: panel by panel, each in the order its layout reads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QLayout,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)


def focusables(container: QWidget) -> list[QWidget]:
    """The widgets Tab can reach in `container` (itself included), in layout order."""
    found: list[QWidget] = []

    def visit(w: QWidget | None) -> None:
        if w is None:
            return
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None:
            found.append(w)
        if isinstance(w, (QAbstractItemView, QAbstractSpinBox)):
            return  # the rows (and a spin box's own line edit) are reached with the arrow keys
        if isinstance(w, QScrollArea):
            visit(w.widget())
        elif isinstance(w, QSplitter):
            for i in range(w.count()):
                visit(w.widget(i))
        elif isinstance(w, QStackedWidget):
            visit(w.currentWidget())
        elif w.layout() is not None:
            visit_layout(w.layout())
        else:
            for child in w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                visit(child)

    def visit_layout(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item.widget() is not None:
                visit(item.widget())
            elif item.layout() is not None:
                visit_layout(item.layout())

    visit(container)
    return found


def chain(*groups) -> list[QWidget]:
    """Set the Tab order: each group is a widget (its focusable parts, in layout order) or a list."""
    order: list[QWidget] = []
    for group in groups:
        for w in (group if isinstance(group, list) else focusables(group)):
            if w not in order:
                order.append(w)
    for a, b in zip(order, order[1:], strict=False):
        QWidget.setTabOrder(a, b)
    return order
