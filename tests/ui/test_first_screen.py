"""The first screen: a drop zone that invites a document, the cards below it, a highlight while dragging."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.ui.token_panel import TokenCard


def _mime(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_empty_window_shows_the_drop_zone_with_the_cards_below(qtbot, window):
    assert window.pages.currentWidget() is window.welcome
    zone = window.welcome.drop_zone
    assert zone.isVisible() and zone.text.text() == "Drop a document here to sign or check it, or choose a file"
    # the cards present are on the first screen, under the zone
    qtbot.waitUntil(lambda: "Citizen ID" in window.tokens.token_labels(), timeout=15000)
    cards = [c for c in window.tokens.findChildren(TokenCard) if c.isVisible()]
    assert cards and all(window.welcome.isAncestorOf(c) for c in cards)
    assert window.tokens.mapTo(window, QPoint(0, 0)).y() > zone.mapTo(window, QPoint(0, 0)).y() + zone.height() - 1
    # the zone is most of the screen: a large target
    assert zone.height() * 2 > window.welcome.height() * 0.5


@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")
def test_drag_lights_up_the_zone_and_a_drop_opens_the_document(qtbot, window, letter):
    zone = window.welcome.drop_zone
    assert not zone.dragging
    mime = _mime(letter)
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted() and zone.dragging
    QApplication.sendEvent(window, QDragLeaveEvent())
    assert not zone.dragging

    QApplication.sendEvent(window, enter)
    assert zone.dragging
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert not zone.dragging
    assert window.current().path == letter.resolve()
    # the document view replaces the first screen; the cards move under the document list
    assert window.pages.currentWidget() is window.splitter
    assert window.left.isAncestorOf(window.tokens)

