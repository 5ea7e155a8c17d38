"""Following the hardware: what tokens are present now, read again on every poll.

The GUI polls `TokenWatcher.poll()` from a worker twice a second. Three PKCS#11 facts shape it:

- Card middleware (OpenSC over PC/SC, vendor modules) reports readers and cards coming and going
  through C_GetSlotList itself (PKCS#11 v2.40 5.5: the slot list may change between calls), so a
  poll only lists the slots again. SoftHSM2 alone reads its token folder in C_Initialize only (a
  deleted token makes C_GetTokenInfo fail until then): that module is re-initialised at every
  poll (C_Finalize + C_Initialize). `needs_rescan` names such modules.
- A card no module can read still sets CKF_TOKEN_PRESENT on its slot, but OpenSC leaves it out
  of C_GetSlotList(tokenPresent=TRUE): slots are therefore listed whole (see session.list_tokens).
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
# Modules (by CK_INFO manufacturerID) that see new or deleted tokens only after C_Initialize.
RESCAN_MANUFACTURERS = ("SoftHSM",)


def needs_rescan(lib) -> bool:
    """Must this loaded module be re-initialised to see tokens that came or went?"""
    return lib.manufacturer_id.strip().startswith(RESCAN_MANUFACTURERS)


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
    readers: list[str] = field(default_factory=list)  # card readers seen, with or without a card

    @property
    def key(self) -> tuple:
        """Equal for two snapshots the user could not tell apart."""
        return (self.state, tuple(_token_key(t) + (t.pin_count_low, t.pin_final_try, t.pin_locked)
                                  for t in self.tokens), tuple(self.unreadable), tuple(self.readers))


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
        self.rescans: dict[str, int] = {}  # module path -> re-initialisations made by this watcher

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
        for candidate, lib in found:
            if lib is None:
                continue
            try:
                if needs_rescan(lib):
                    lib.reinitialize()
                    self.rescans[candidate.path] = self.rescans.get(candidate.path, 0) + 1
                any_slot = any_slot or bool(lib.get_slots())
            except p11e.PKCS11Error:
                if not needs_rescan(lib):
                    # A module whose slot list fails (its reader service restarted, say) is started
                    # afresh: the one case where middleware needs C_Finalize + C_Initialize.
                    with contextlib.suppress(p11e.PKCS11Error):
                        lib.reinitialize()
                        self.rescans[candidate.path] = self.rescans.get(candidate.path, 0) + 1
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
        return Snapshot(_state(tokens, libs, any_slot), tokens, modules, list(tokens.unreadable), list(tokens.readers))
