"""Schemathesis over the API's OpenAPI document (issue 18): no generated request, valid or not,
makes the server fail.

Every operation in ``/api/v1/openapi.json`` is called with path, query and body values that
schemathesis generates from the document (positive and negative cases: ids past 64 bits,
wrong types, missing fields, odd Unicode), with an admin's Bearer token, against the web tests'
workspace. A bounded run: ``FUZZ_EXAMPLES`` cases per operation (``TAWTHIQ_FUZZ_EXAMPLES`` raises
it for a longer run by hand). The assertion is the one that matters to a user: never a 5xx, and
every error in the one error shape.
"""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is a test dependency (pyproject [test])"
)

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402

from .conftest import PASSWORD, add_user  # noqa: E402

FUZZ_EXAMPLES = int(os.environ.get("TAWTHIQ_FUZZ_EXAMPLES", "15"))


@pytest.fixture
def api_app(built):
    from tawthiq.store import tokens
    from tawthiq.web import WebSettings, create_app

    add_user(built.ws, "fuzz-admin", "admin")
    add_user(built.ws, "fuzz-viewer", "viewer")
    with built.ws.session() as s:
        token = tokens.create_token(s, "fuzz-admin", "schemathesis")
    assert PASSWORD  # the users above have the tests' password; the fuzzer never logs in
    return create_app(built.ws, WebSettings()), token


def _operations(app):
    """Every operation of the app's OpenAPI document, loaded by schemathesis."""
    loaded = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    return [result.ok() for result in loaded.get_all_operations()]


def _fuzz(operation, mode: str, token: str, failures: list[str], seen: dict[str, int]) -> None:
    """One hypothesis run over schemathesis's cases for ``operation``: 5xx answers are collected."""
    label = f"{operation.method.upper()} {operation.path}"

    @given(case=operation.as_strategy(GenerationMode(mode)))
    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same cases on every run: a failure is reproducible, not luck
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        seen[label] = seen.get(label, 0) + 1
        response = case.call(headers={"authorization": f"Bearer {token}"})
        if response.status_code >= 500:
            failures.append(
                f"{label}: {response.status_code} for {case.formatted_path} {case.query} {case.body}"
            )
            return
        content_type = "".join(response.headers.get("content-type", []))  # schemathesis: name -> values
        if response.status_code >= 400 and content_type.startswith("application/json"):
            error = response.json()["error"]
            assert error["status"] == response.status_code and error["code"], response.text

    try:
        call()
    except Unsatisfiable:
        # an operation with nothing to break (no parameters, no body) has no negative case
        assert mode == "negative", label


# Not ``schemathesis.pytest.from_fixture``: under pytest 9 it reads a private attribute of the
# test node (``_nodeid``) that is gone. The operations are walked here, each with its own
# hypothesis run over schemathesis's strategy for it.
@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_no_generated_request_makes_the_api_fail(api_app, mode):
    app, token = api_app
    operations = _operations(app)
    assert len(operations) >= 20  # the document lists the API: an empty walk proves nothing
    failures: list[str] = []
    seen: dict[str, int] = {}
    for operation in operations:
        _fuzz(operation, mode, token, failures, seen)
    assert not failures, "\n".join(failures[:20])
    if mode == "positive":
        assert len(seen) == len(operations)  # every operation was called at least once
    else:
        assert len(seen) >= len(operations) // 2  # most have something to break
