"""Schemathesis fuzzes every endpoint against the generated schema on the live test server.

No request it makes, valid or not, may get a server error, an undocumented status code or
content type, or a response that breaks the schema.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import archive as archive_fixture  # noqa: F401 - used by api_schema

# Per operation; the suite runs on two busy cores. Raise it locally to fuzz harder.
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(reference_data, live_server, request, settings):
    settings.API_ANONYMOUS_RATE = "100000/minute"  # the fuzzer is one client
    settings.SITE_URL = live_server.url
    request.getfixturevalue("archive")
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")


def test_no_request_breaks_the_api_or_its_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 11  # every list, detail and export

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def fuzz(case):
            case.call_and_validate(checks=CHECKS)

        fuzz()
