"""Library logging that must not reach the user's terminal unasked."""

from __future__ import annotations

import logging


def quiet_pyhanko() -> None:
    """pyhanko logs every problem it meets (a damaged PDF, a failed validation) as a WARNING,
    often with a traceback; without a handler of its own, Python's last-resort handler would
    print those to stderr beside Imza's one clear line. Imza's errors and verdicts carry the
    facts; an application that wants the logs configures logging itself. Idempotent."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


DEBUG_VARIABLE = "IMZA_DEBUG"


def quiet_library_warnings() -> None:
    """Keep the warnings of third-party libraries (a DeprecationWarning pyhanko triggers in
    cryptography at import, say) off the user's terminal and window: each entry point calls
    this once, before it imports a library. Warnings attributed to Imza's own modules still show
    (the test suite turns those into errors). With IMZA_DEBUG=1 nothing is filtered."""
    import os
    import warnings

    if os.environ.get(DEBUG_VARIABLE):
        return
    warnings.simplefilter("ignore")
    warnings.filterwarnings("default", module=r"desktop(\.|$)")

