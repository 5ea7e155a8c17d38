"""The outbox names documents and recipients: 0600 files in a 0700 folder (issue 14, item 9)."""

from __future__ import annotations

import os
import stat

from desktop.portal.outbox import Outbox


def test_outbox_is_private(tmp_path):
    old = os.umask(0o022)
    try:
        with Outbox(tmp_path / "data" / "portal" / "outbox.sqlite") as outbox:
            outbox.save_catalogue("https://portal", "services", [])
            folder = tmp_path / "data" / "portal"
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert modes["outbox.sqlite"] == 0o600
        assert modes["outbox.sqlite-wal"] == 0o600
        assert modes["outbox-files"] == 0o700
    finally:
        os.umask(old)
