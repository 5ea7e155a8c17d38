"""What every entry point does first, before it imports a library: the CLI, the window,
`python -m desktop`, the bundle and bulk signing's worker processes."""

from __future__ import annotations

import importlib

from desktop import patches
from desktop.core.logs import quiet_library_warnings


def prepare_process() -> None:
    """Library warnings off the user's screen, and the library patches (desktop/patches.py) in
    force when their libraries are imported. Idempotent."""
    quiet_library_warnings()
    patches.install()


def worker_initializer(target: str, *args) -> None:
    """A process pool's initializer: `prepare_process()`, then `target` ("module:function")
    called with `args`. A spawned worker starts with Python's defaults, and unpickling a
    function imports its module (and its libraries) first, so the function goes by name."""
    prepare_process()
    module, _, attr = target.partition(":")
    getattr(importlib.import_module(module), attr)(*args)
