"""Text from a file, a certificate, a token or a server, shown in the window as text, never as HTML.

A QLabel (and a tooltip) guesses whether its text is rich text (Qt::mightBeRichText): a file
name or an ASiC manifest entry such as `<font color=green size=7>VALID` would be drawn as a big
green word on an invalid verdict. Labels that show such data are made PlainText here; rich
views (the details pane, the exported report) escape what they insert (report_html._e).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain(*labels: QLabel) -> None:
    """Show these labels' text as it is: no tags interpreted, whatever the text holds."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def tooltip(text: str) -> str:
    """A tooltip that reads as `text` itself (tooltips guess rich text too, and have no PlainText)."""
    return "<qt>" + html.escape(str(text), quote=False).replace("\n", "<br>") + "</qt>"
