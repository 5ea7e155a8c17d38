"""The reference portal and docs/portal-openapi.yaml agree (schemathesis against the real server).

Every check runs except "schema-valid data must be accepted": the portal rightly refuses
schema-valid requests it cannot act on (a base64 string that is no certificate, files that are
not signed documents), with the documented 4xx problems.
"""

from __future__ import annotations

import json

import schemathesis
from hypothesis import HealthCheck, settings

from desktop.portal.credentials import SERVICE_NAME
from desktop.portal.tls import clear_openssl_errors
from tests.conftest import REPO

schema = schemathesis.openapi.from_path(REPO / "docs" / "portal-openapi.yaml")


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_portal_answers_as_its_openapi_file_says(case, portal_server, citizen_login, memory_keyring):
    refresh = json.loads(memory_keyring.secrets[(SERVICE_NAME, portal_server.url)])["refresh_token"]
    access = portal_server.http.post("/v1/auth/refresh", json={"refresh_token": refresh}).json()["access_token"]
    clear_openssl_errors()  # requests shares OpenSSL with SoftHSM2 here (see desktop/portal/tls.py)
    case.call_and_validate(base_url=portal_server.url, headers={"Authorization": f"Bearer {access}"},
                           verify=str(portal_server.ca), excluded_checks=[schemathesis.checks.positive_data_acceptance])
