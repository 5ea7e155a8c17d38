"""The window's icons, drawn with QPainter: sharp at any scale, no image plugin, no icon theme.

`icon(name)` for actions and buttons, `pixmap(name, size, dpr)` for labels. Verdict icons use the
verdict colours of desktop.ui.report_html (a shape and words always go with the colour).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

INK = "#2d4a6b"  # actions: one calm blue-grey
VERDICT = {"valid": "#1b6e35", "warnings": "#8a5a00", "invalid": "#b42318", "indeterminate": "#4a5568"}
SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128)  # QIcon picks the nearest for the size × scale


def _pen(colour: str, width: float) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _document(p: QPainter, colour: str, fold: bool = True) -> None:
    path = QPainterPath()
    path.moveTo(6, 2)
    path.lineTo(18, 2)
    path.lineTo(26, 10)
    path.lineTo(26, 30)
    path.lineTo(6, 30)
    path.closeSubpath()
    p.setPen(_pen(colour, 2))
    p.setBrush(QColor("white"))
    p.drawPath(path)
    if fold:
        p.drawPolyline(QPolygonF([QPointF(18, 2), QPointF(18, 10), QPointF(26, 10)]))


def _check(p: QPainter, colour: str, width: float = 3) -> None:
    p.setPen(_pen(colour, width))
    p.drawPolyline(QPolygonF([QPointF(9.5, 16.5), QPointF(14, 21), QPointF(23, 11)]))


def _draw(p: QPainter, name: str) -> None:
    """Draws `name` on a 32 × 32 canvas."""
    if name in VERDICT:
        colour = VERDICT[name]
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(colour))
        if name == "warnings":
            p.drawPolygon(QPolygonF([QPointF(16, 2), QPointF(30.5, 28), QPointF(1.5, 28)]))
        else:
            p.drawEllipse(QRectF(2, 2, 28, 28))
        white = _pen("white", 3.2)
        p.setPen(white)
        if name == "valid":
            _check(p, "white", 3.4)
        elif name == "invalid":
            p.drawLine(QPointF(11, 11), QPointF(21, 21))
            p.drawLine(QPointF(21, 11), QPointF(11, 21))
        elif name == "warnings":
            p.drawLine(QPointF(16, 11), QPointF(16, 19))
            p.drawPoint(QPointF(16, 24))
        else:
            path = QPainterPath()
            path.moveTo(12, 12.5)
            path.cubicTo(12, 7.5, 20.5, 7.5, 20.5, 12.5)
            path.cubicTo(20.5, 16, 16, 16, 16, 19.5)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            p.drawPoint(QPointF(16, 24.5))
        return
    if name == "open":
        p.setPen(_pen(INK, 2))
        p.setBrush(QColor("#f3d27a"))
        back = QPainterPath()
        back.moveTo(3, 26)
        back.lineTo(3, 6)
        back.lineTo(12, 6)
        back.lineTo(15, 9)
        back.lineTo(26, 9)
        back.lineTo(26, 13)
        p.drawPath(back)
        p.drawPolygon(QPolygonF([QPointF(3, 26), QPointF(8, 13), QPointF(30, 13), QPointF(25, 26)]))
    elif name == "sign":
        _document(p, INK)
        p.setPen(_pen(INK, 1.6))
        for y in (14, 18):
            p.drawLine(QPointF(10, y), QPointF(22, y))
        p.setPen(_pen("#1f5fa8", 2.2))
        signature = QPainterPath()
        signature.moveTo(9, 25)
        signature.cubicTo(11, 20, 13, 28, 15, 24)
        signature.cubicTo(17, 21, 18, 27, 23, 24)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(signature)
    elif name == "verify":
        shield = QPainterPath()
        shield.moveTo(16, 2)
        shield.lineTo(28, 6)
        shield.cubicTo(28, 18, 24, 25, 16, 30)
        shield.cubicTo(8, 25, 4, 18, 4, 6)
        shield.closeSubpath()
        p.setPen(_pen(INK, 2))
        p.setBrush(QColor("#e3edf7"))
        p.drawPath(shield)
        _check(p, VERDICT["valid"])
    elif name == "export":
        _document(p, INK)
        p.setPen(_pen(INK, 2.2))
        p.drawLine(QPointF(16, 13), QPointF(16, 25))
        p.drawPolyline(QPolygonF([QPointF(11.5, 20.5), QPointF(16, 25), QPointF(20.5, 20.5)]))
    elif name == "submit":
        p.setPen(_pen(INK, 2))
        p.setBrush(QColor("#e3edf7"))
        p.drawPolygon(QPolygonF([QPointF(2, 15), QPointF(30, 3), QPointF(23, 29), QPointF(15, 19)]))
        p.drawLine(QPointF(15, 19), QPointF(30, 3))
    elif name == "bulk":
        for dx in (6, 3, 0):
            p.save()
            p.translate(dx - 3, 3 - dx)
            p.scale(0.9, 0.9)
            _document(p, INK, fold=dx == 0)
            p.restore()
        _check(p, VERDICT["valid"], 2.6)
    elif name == "settings":
        p.setPen(_pen(INK, 2))
        p.setBrush(QColor("#e3edf7"))
        for i in range(8):
            p.save()
            p.translate(16, 16)
            p.rotate(i * 45)
            p.drawRect(QRectF(-2.5, -14, 5, 6))
            p.restore()
        p.drawEllipse(QRectF(6, 6, 20, 20))
        p.setBrush(QColor("white"))
        p.drawEllipse(QRectF(12, 12, 8, 8))
    elif name == "trust":
        _document(p, INK)
        p.setPen(_pen("#8a5a00", 1.8))
        p.setBrush(QColor("#f3d27a"))
        p.drawEllipse(QRectF(10, 14, 12, 12))
        p.drawPolyline(QPolygonF([QPointF(12.5, 24), QPointF(11, 30), QPointF(16, 27.5), QPointF(21, 30),
                                  QPointF(19.5, 24)]))
    elif name == "about":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(INK))
        p.drawEllipse(QRectF(2, 2, 28, 28))
        p.setPen(_pen("white", 3.2))
        p.drawLine(QPointF(16, 14.5), QPointF(16, 23))
        p.drawPoint(QPointF(16, 9))
    elif name in ("drop", "drop-active"):
        colour = "#1f5fa8" if name == "drop-active" else INK
        _document(p, colour)
        p.setPen(_pen(colour, 2.4))
        p.drawLine(QPointF(16, 12), QPointF(16, 25))
        p.drawPolyline(QPolygonF([QPointF(11, 20), QPointF(16, 25), QPointF(21, 20)]))
    else:
        raise KeyError(name)


def pixmap(name: str, size: int = 24, dpr: float = 1.0) -> QPixmap:
    """`name` drawn `size` logical pixels wide for a screen of device pixel ratio `dpr`."""
    device = max(1, round(size * dpr))
    pm = QPixmap(device, device)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(device / 32, device / 32)
    _draw(p, name)
    p.end()
    pm.setDevicePixelRatio(dpr)
    return pm


@cache
def icon(name: str) -> QIcon:
    """An icon with pixmaps for the usual sizes (device pixels; 2× screens take the larger ones)."""
    result = QIcon()
    for size in SIZES:
        result.addPixmap(pixmap(name, size))
    return result
