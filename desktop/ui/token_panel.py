"""The token panel: the cards and tokens present now, following the hardware live.

A timer asks `desktop.tokens.watch.TokenWatcher.poll()` for a snapshot twice a second, in a
worker of the panel's own one-thread pool (so a slow module never holds up the rest). The panel
redraws only when the snapshot differs from what it shows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.plain import plain
from desktop.ui.workers import Jobs

POLL_MS = 500  # a card inserted or pulled out is shown within about a second
RED, AMBER, GREEN = "#b42318", "#8a5a00", "#1b6e35"


def holder_name(token) -> str:
    """The person the token belongs to: the CN of its signing (else first personal) certificate."""
    personal = [c for c in token.certificates if not c.is_ca]
    chosen = next((c for c in personal if c.fit_for_signing), personal[0] if personal else None)
    if chosen is None:
        return ""
    for part in chosen.subject.split(", "):
        if part.startswith("CN="):
            return part[3:]
    return chosen.subject


class TokenCard(QFrame):
    """One card: label, holder, certificates with their validity, PIN state in words.

    A card with two PINs (two tokens, desktop.tokens.cards) is one TokenCard: `members` are its
    tokens, each certificate and PIN state named by the PIN that guards it.
    """

    def __init__(self, token, panel: TokenPanel, members: list | None = None):
        super().__init__()
        self.token = token
        self.members = members or [token]
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("tokenCard")
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.holder = QLabel()
        plain(self.holder)  # the certificate's name
        self.holder.setWordWrap(True)
        self.certs = QLabel()
        self.certs.setWordWrap(True)
        self.certs.setTextFormat(Qt.TextFormat.RichText)
        self.pin_state = QLabel()
        self.pin_state.setWordWrap(True)
        self.pin_state.setTextFormat(Qt.TextFormat.RichText)
        buttons = QHBoxLayout()
        self.change_button = QPushButton()
        self.unblock_button = QPushButton()
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.unblock_button)
        buttons.addStretch()
        for w in (self.title, self.holder, self.certs, self.pin_state):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.change_button.clicked.connect(lambda: panel.changePinRequested.emit(self.token))
        self.unblock_button.clicked.connect(lambda: panel.unblockRequested.emit(self.token))
        self.retranslate()

    def retranslate(self) -> None:
        from desktop.tokens.cards import pin_name

        t = self.token
        several = len(self.members) > 1
        self.title.setText(f"<b>{_esc(t.card_label or t.label)}</b>")
        name = holder_name(t)
        self.holder.setText(self.tr("Holder: %1").replace("%1", name) if name else self.tr("No personal certificate"))
        self.holder.setVisible(True)
        lines, states = [], []
        for m in self.members:
            personal = sorted((c for c in m.certificates if not c.is_ca), key=lambda c: not c.fit_for_signing)
            suffix = f" ({_esc(pin_name(m))})" if several else ""
            lines += [self._cert_line(c) + suffix for c in personal]
            text, colour = self.pin_words(m)
            prefix = f"{_esc(pin_name(m))}: " if several else ""
            states.append(f'{prefix}<span style="color:{colour}">{_esc(text)}</span>')
        self.certs.setText("<br>".join(lines) or self.tr("No certificates on this token."))
        self.pin_state.setText("<br>".join(states))
        self.change_button.setText(self.tr("Change PIN…"))
        self.unblock_button.setText(self.tr("Unblock PIN…"))
        self.change_button.setAccessibleName(self.tr("Change the PIN of %1").replace("%1", t.label))
        self.unblock_button.setAccessibleName(self.tr("Unblock the PIN of %1").replace("%1", t.label))
        self.unblock_button.setEnabled(any(not m.pin_pad for m in self.members))
        self.change_button.setEnabled(any(not m.pin_pad and not m.pin_locked for m in self.members))
        self.setAccessibleName(self.tr("Card or token %1").replace("%1", t.card_label or t.label))
        self.setAccessibleDescription(" ".join(
            [self.holder.text() + ".",
             *(self._cert_words(c) + "." for m in self.members for c in m.certificates if not c.is_ca),
             *(self.pin_words(m)[0] for m in self.members)]))

    def _cert_words(self, c) -> str:
        """The certificate line in plain words (for a screen reader)."""
        purpose, validity, _ = self._cert_parts(c)
        return f"{purpose}: {validity}"

    def _cert_line(self, c) -> str:
        purpose, validity, colour = self._cert_parts(c)
        return f'{_esc(purpose)}: <span style="color:{colour}">{_esc(validity)}</span>'

    def _cert_parts(self, c) -> tuple[str, str, str]:
        purpose = self.tr("Signing certificate") if c.fit_for_signing else self.tr("Certificate not for signing")
        now = datetime.now(UTC)
        if c.not_after and c.not_after < now:
            validity = self.tr("expired on %1").replace("%1", f"{c.not_after:%Y-%m-%d}")
            colour = RED
        elif c.not_before and c.not_before > now:
            validity = self.tr("valid from %1").replace("%1", f"{c.not_before:%Y-%m-%d}")
            colour = AMBER
        else:
            validity = self.tr("valid until %1").replace("%1", f"{c.not_after:%Y-%m-%d}")
            colour = GREEN if c.fit_for_signing else "palette(text)"
        return purpose, validity, colour

    def pin_words(self, token=None) -> tuple[str, str]:
        t = token or self.token
        if t.pin_locked:
            return self.tr("PIN blocked: unblock it with the PUK."), RED
        if t.pin_final_try:
            return self.tr("Final PIN try: one more wrong PIN blocks it."), RED
        if t.pin_count_low:
            return self.tr("A wrong PIN was entered: few tries may be left."), AMBER
        if t.pin_pad:
            return self.tr("PIN is typed on the reader's PIN pad."), "palette(text)"
        return self.tr("PIN ready."), GREEN


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class TokenPanel(QWidget):
    """Lists the present tokens; emits `changed(snapshot)` whenever what is present changes."""

    changed = Signal(object)
    changePinRequested = Signal(object)
    unblockRequested = Signal(object)

    def __init__(self, module_setting: str = "", parent=None):
        super().__init__(parent)
        self.module_setting = module_setting
        self.snapshot = None
        self._watcher = None
        self._polling = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.jobs = Jobs(self, self.pool)

        self.heading = QLabel()
        self.heading.setObjectName("panelHeading")
        self.status = QLabel()
        plain(self.status)
        self.status.setWordWrap(True)
        self.readers = QLabel()  # the card readers seen: one plugged in shows here at the next poll
        self.readers.setWordWrap(True)
        self.readers.hide()
        self.cards = QWidget()
        self.cards_layout = QVBoxLayout(self.cards)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.addStretch()
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.cards)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the cards' buttons; the area follows them
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.readers)
        layout.addWidget(scroll, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.retranslate()

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.poll)

    def stop(self) -> None:
        self.timer.stop()
        self.pool.waitForDone(10000)

    def set_module(self, module_setting: str) -> None:
        self.module_setting = module_setting
        self._watcher = None

    def poll(self) -> None:
        if self._polling:
            return  # the last poll is still running (a slow module): never pile them up
        self._polling = True
        module = self.module_setting

        def read(task):
            from desktop.tokens.watch import TokenWatcher

            if self._watcher is None or self._watcher.module_setting != module:
                self._watcher = TokenWatcher(module)
            return self._watcher.poll()

        self.jobs.start(read, done=self._polled, failed=self._poll_failed)

    def _polled(self, snapshot) -> None:
        self._polling = False
        if snapshot is None:
            return  # the token is busy (signing) or changed mid-read: keep what is shown
        if self.snapshot is not None and snapshot.key == self.snapshot.key:
            self.snapshot = snapshot  # same tokens; keep the fresh objects
            return
        self.snapshot = snapshot
        self._rebuild()
        self.changed.emit(snapshot)

    def _poll_failed(self, error) -> None:
        self._polling = False
        self.status.setText(self.tr("Reading the tokens failed: %1").replace("%1", str(error)))

    def tokens(self) -> list:
        return list(self.snapshot.tokens) if self.snapshot else []

    def token_labels(self) -> list[str]:
        """What the cards shown are called (a two-PIN card by its card name, not per token)."""
        return [card.token.card_label or card.token.label for card in self.findChildren(TokenCard)]

    def _rebuild(self) -> None:
        for card in self.findChildren(TokenCard):
            self.cards_layout.removeWidget(card)
            card.deleteLater()
            card.setParent(None)
        from desktop.tokens.cards import card_members

        tokens, shown = self.tokens(), set()
        for token in sorted(tokens, key=lambda t: (t.card_label or t.label).casefold()):
            if id(token) in shown:
                continue
            members = card_members(tokens, token)
            shown.update(id(m) for m in members)
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, TokenCard(members[0], self, members))
        self._status_text()
        self._fit_width()

    def _fit_width(self) -> None:
        """Never narrower than a card's buttons: the splitter then shrinks the page, not the cards."""
        cards = self.findChildren(TokenCard)
        if cards:
            needed = max(card.minimumSizeHint().width() for card in cards)
            self.scroll.setMinimumWidth(needed + self.scroll.verticalScrollBar().sizeHint().width())

    def _status_text(self) -> None:
        if self.snapshot is None:
            self.status.setText(self.tr("Looking for cards and tokens…"))
            return
        # pkcs11 and asn1crypto: not imported before the first poll (start-up time)
        from desktop.tokens.session import TokenState

        texts = {
            TokenState.NO_MODULE: self.tr("No PKCS#11 module could be loaded. Install your card's software, "
                                          "or choose its module in Settings."),
            TokenState.NO_READER: self.tr("No card reader found. Connect the reader."),
            TokenState.NO_TOKEN: self.tr("No card or token. Insert your ID card or plug in your token."),
            TokenState.CARD_UNREADABLE: self.tr("A card is in the reader, but no installed card software can "
                                                "read it. Install the card's software (for most ID cards "
                                                "OpenSC) or choose its module in Settings."),
            TokenState.PIN_LOCKED: self.tr("The PIN is blocked on every token present."),
            TokenState.PRESENT: "",
        }
        readers = self.snapshot.readers
        self.readers.setText(self.tr("Card readers: %1").replace("%1", ", ".join(readers)) if readers else "")
        self.readers.setVisible(bool(readers))
        text = texts.get(self.snapshot.state, "")
        if self.snapshot.unreadable and self.snapshot.state != TokenState.CARD_UNREADABLE:
            text = texts[TokenState.CARD_UNREADABLE]  # beside readable tokens, a card nothing can read
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("<b>Cards and tokens</b>"))
        self.setAccessibleName(self.tr("Cards and tokens"))
        self.setAccessibleDescription(self.tr("The ID cards and tokens present now, with their certificates "
                                              "and PIN state."))
        self._status_text()
        for card in self.findChildren(TokenCard):
            card.retranslate()
        self._fit_width()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
