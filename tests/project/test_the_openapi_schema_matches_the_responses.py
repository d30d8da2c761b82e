"""The OpenAPI schema says what the API really answers: every operation declares its RFC 9457 problem
responses (400 when it takes input, 401, 403, 404, 429), and fields that can be null are declared nullable."""

import pytest
from drf_spectacular.generators import SchemaGenerator

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def test_every_operation_declares_its_problem_responses(schema):
    missing = {}
    for name, operation in _operations(schema):
        expected = {"401", "403", "404", "429"} | (
            {"400"} if operation.get("parameters") or operation.get("requestBody") else set()
        )
        absent = expected - set(operation["responses"])
        if absent:
            missing[name] = sorted(absent)
        for code in expected & set(operation["responses"]):
            content = operation["responses"][code].get("content", {})
            assert "application/problem+json" in content, f"{name} {code}"
    assert not missing


def _response_properties(schema, path, method="get", code="200"):
    body = schema["paths"][path][method]["responses"][code]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[-1]
    component = schema["components"]["schemas"][name]
    if "results" in component.get("properties", {}):
        component = schema["components"]["schemas"][
            component["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[-1]
        ]
    return component["properties"]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/me/licenses/", "valid_until"),
        ("/api/v1/licenses/", "valid_until"),
        ("/api/v1/me/consents/", "revoked_at"),
        ("/api/v1/verify/{identifier}", "valid"),
        ("/api/v1/verify/{identifier}", "valid_until"),
        ("/api/v1/catalog/regions/", "parent"),
        ("/api/v1/catalog/service-items/", "issues_license_type"),
    ],
)
def test_fields_that_can_be_null_are_declared_nullable(schema, path, field):
    assert _response_properties(schema, path)[field].get("nullable") is True


def test_list_responses_describe_their_rows(schema):
    for path in (
        "/api/v1/me/licenses/",
        "/api/v1/me/consents/",
        "/api/v1/me/access-log/",
        "/api/v1/consents/",
    ):
        assert _response_properties(schema, path), path
