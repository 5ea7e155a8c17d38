"""Token tests sign through the counting PKCS#11 shim, as the bulk tests do."""

from tests.bulk.conftest import letters, shim, shim_module  # noqa: F401 - fixtures shared with tests/bulk

NATIONAL_AUTH = ("National ID (PIN1)", "1234")
NATIONAL_SIGN = ("National ID (PIN2)", "54321")


def context_logins(count_file) -> int:
    """C_Login(CKU_CONTEXT_SPECIFIC) calls the shim saw succeed."""
    return count_file.read_text().count("C_Login(CONTEXT_SPECIFIC)") if count_file.exists() else 0

from tests.portal.conftest import portal, portal_server  # noqa: E402, F401 - the reference portal, for card logins
