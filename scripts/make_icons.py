"""Draw Imza's icon into resources/icons/: PNGs (Linux, the window), imza.ico (Windows), imza.icns (macOS).

    QT_QPA_PLATFORM=offscreen python scripts/make_icons.py     # outputs are committed

A blue rounded square with a white "İ" and a gold signature stroke. ICO and ICNS files hold
PNG images, which every supported Windows (Vista+) and macOS (10.7+) reads.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 32, 48, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def draw(size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f4e9c"))
    p.drawRoundedRect(QRectF(2 * s, 2 * s, 60 * s, 60 * s), 12 * s, 12 * s)
    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(max(1, round(34 * s)))
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRectF(0, 4 * s, 64 * s, 44 * s), Qt.AlignmentFlag.AlignCenter, "İ")
    stroke = QPainterPath(QPointF(12 * s, 52 * s))
    stroke.cubicTo(QPointF(22 * s, 42 * s), QPointF(28 * s, 58 * s), QPointF(36 * s, 49 * s))
    stroke.cubicTo(QPointF(42 * s, 43 * s), QPointF(46 * s, 54 * s), QPointF(53 * s, 47 * s))
    p.setPen(QPen(QColor("#f2b705"), max(1.0, 3.2 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(stroke)
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        dim = 0 if s >= 256 else s
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(pngs[s]), offset + len(blobs))
        blobs += pngs[s]
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for s, kind in ICNS_TYPES.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> None:
    _app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = {s: draw(s) for s in PNG_SIZES}
    for s, data in pngs.items():
        (OUT / f"imza-{s}.png").write_bytes(data)
    (OUT / "imza.png").write_bytes(pngs[256])
    (OUT / "imza.ico").write_bytes(ico(pngs))
    (OUT / "imza.icns").write_bytes(icns(pngs))
    print(f"wrote {len(pngs) + 3} files to {OUT}")


if __name__ == "__main__":
    main()
