"""The validation service with a verifier that never returns for files named *hang*: the service
test's stand-in for a file that exhausts the verifier (run as `python -m tests.support.serve_hanging`).

Usage: python -m tests.support.serve_hanging TRUST_DIR SECONDS WORKERS
"""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

from desktop.core.model import FileReport, Indication, SignatureReport


def hang_if_named(path: Path, **options) -> FileReport:
    if "hang" in Path(path).name:
        threading.Event().wait()  # never set: only the budget ends this
    return FileReport(Path(path), "pdf", [SignatureReport(Indication.TOTAL_PASSED, None, "stand-in verdict")])


def main() -> None:
    from desktop.verify.sandbox import Budget
    from desktop.verify.service import POOL, make_app, serve
    from desktop.verify.trust import TrustStore

    trust_dir, seconds, workers = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    app = make_app(TrustStore.from_dir(trust_dir), workers=workers, budget=Budget(seconds=seconds))
    app[POOL].job = hang_if_named

    def ready(port: int) -> None:
        print(f"ready: http://127.0.0.1:{port}/verify", flush=True)

    asyncio.run(serve(app, 0, ready))


if __name__ == "__main__":
    main()
