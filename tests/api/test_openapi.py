"""The OpenAPI description is public, so clients can be generated before anyone has a token."""

from django.test import Client


def test_the_openapi_description_is_served_without_a_token(db: None) -> None:
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json()["info"]["version"] == "1"


def test_the_openapi_description_lists_the_endpoints(db: None) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert {"/api/v1/me", "/api/v1/organization", "/api/v1/organization/units/{unit_id}"} <= set(
        paths
    )


def test_the_openapi_description_declares_bearer_authentication(db: None) -> None:
    schemes = Client().get("/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert [scheme["scheme"] for scheme in schemes.values()] == ["bearer"]
