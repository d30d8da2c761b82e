"""Driving the case API in tests as its users would (a logged-in client per person)."""

from rest_framework.test import APIClient

from tests.workflows.conftest import File


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def start(client, code: str, answers: dict):
    response = client.post("/api/v1/cases/", {"service_code": code, "answers": answers}, format="json")
    assert response.status_code == 201, response.content.decode()
    return response.json()


def upload_missing(client, case_id: int, content: bytes | None = None) -> None:
    status = client.get(f"/api/v1/cases/{case_id}/status/").json()
    for material in status["awaited"].get("missing_uploads", []):
        file = File() if content is None else File(content)
        response = client.post(
            f"/api/v1/cases/{case_id}/uploads/",
            {"material": material["key"], "file": file},
            format="multipart",
        )
        assert response.status_code == 201, response.content.decode()


def post(client, path: str, body: dict | None = None, *, expect: int = 200):
    response = client.post(path, body or {}, format="json")
    assert response.status_code == expect, response.content.decode()
    return response.json() if response.content else None


def detail(client, case_id: int) -> dict:
    response = client.get(f"/api/v1/cases/{case_id}/")
    assert response.status_code == 200, response.content.decode()
    return response.json()
