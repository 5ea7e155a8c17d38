"""Following the hardware: what tokens are present now, read again on every poll.

The GUI polls `TokenWatcher.poll()` from a worker about once a second. Two PKCS#11 facts shape it:

- A module only sees tokens that appeared after C_Initialize if it rescans: SoftHSM2 reads its
  token directory in C_Initialize only, and a deleted token makes C_GetTokenInfo fail until then.
  So every poll re-initialises each loaded module (C_Finalize + C_Initialize, ~1 ms).
- python-pkcs11 calls C_Initialize without locking callbacks, so a module may assume one thread at
  a time, and C_Finalize invalidates every open session. All token work of one process therefore
  runs under `exclusive()`; a poll that finds it held is skipped, never waits.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pkcs11.exceptions as p11e

from desktop.tokens import discovery
from desktop.tokens.cards import group_cards
from desktop.tokens.discovery import ModuleCandidate
from desktop.tokens.session import TokenInfo, TokenState, UnreadableCard, list_tokens

_LOCK = threading.RLock()


@contextlib.contextmanager
def exclusive() -> Iterator[None]:
    """Hold while using a token (login, signing, PIN change): polls skip their rescan meanwhile."""
    with _LOCK:
        yield


@dataclass
class Snapshot:
    """The tokens present at one moment, and the state the UI shows for them."""

    state: TokenState
    tokens: list[TokenInfo] = field(default_factory=list)
    modules: list[ModuleCandidate] = field(default_factory=list)
    unreadable: list[UnreadableCard] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        """Equal for two snapshots the user could not tell apart."""
        return (self.state, tuple(_token_key(t) + (t.pin_count_low, t.pin_final_try, t.pin_locked)
                                  for t in self.tokens), tuple(self.unreadable))


def _token_key(t: TokenInfo) -> tuple:
    return (t.module, t.slot_id, t.label, t.serial)


def _state(tokens: list[TokenInfo], libs: list, any_slot: bool) -> TokenState:
    if not libs:
        return TokenState.NO_MODULE
    if not any_slot:
        return TokenState.NO_READER
    if not tokens and getattr(tokens, "unreadable", None):
        return TokenState.CARD_UNREADABLE
    if not tokens:
        return TokenState.NO_TOKEN
    if all(t.pin_locked for t in tokens):
        return TokenState.PIN_LOCKED
    return TokenState.PRESENT


class TokenWatcher:
    """Polls the modules; certificates are read once per token insertion, not on every poll."""

    def __init__(self, module_setting: str = ""):
        self.module_setting = module_setting
        self._certs: dict[tuple, list] = {}

    def poll(self) -> Snapshot | None:
        """What is present now, or None when the tokens are busy or changed mid-read (try later)."""
        if not _LOCK.acquire(blocking=False):
            return None
        try:
            return self._poll()
        finally:
            _LOCK.release()

    def _poll(self) -> Snapshot | None:
        found = discovery.discover(self.module_setting)
        libs = [lib for _, lib in found if lib is not None]
        any_slot = False
        for lib in libs:
            try:
                lib.reinitialize()
                any_slot = any_slot or bool(lib.get_slots())
            except p11e.PKCS11Error:
                return None  # the module is mid-change (reader unplugged); the next poll sees it
        tokens, modules = list_tokens(self.module_setting, with_certs=False)
        if any(c.error and c.error.startswith("listing slots failed") for c in modules):
            return None  # a token vanished between two calls: keep what the UI shows for now
        keys = {_token_key(t) for t in tokens}
        if not keys <= set(self._certs):
            full, _ = list_tokens(self.module_setting, with_certs=True)
            self._certs = {_token_key(t): t.certificates for t in full}
        else:
            self._certs = {k: v for k, v in self._certs.items() if k in keys}
        for t in tokens:
            t.certificates = self._certs.get(_token_key(t), [])
        group_cards(tokens)  # again, now that the certificates can tell a card's PINs apart too
        return Snapshot(_state(tokens, libs, any_slot), tokens, modules, list(tokens.unreadable))
