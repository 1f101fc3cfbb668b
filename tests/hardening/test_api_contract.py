"""Item 9: the OpenAPI document tells the truth, and an admin key cannot lock the centre out of its API."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.helpers import ADMIN, Parties, bearer, make_key

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def test_openapi_documents_errors_as_problems(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    checked = 0
    for path, operations in schema["paths"].items():
        if not path.startswith("/v1/"):
            continue  # the HTML pages answer HTML
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith("4") or (status.startswith("5") and path != "/readyz"):
                    assert response["content"] == PROBLEM, (method, path, status)
                    checked += 1
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in operation["responses"], (method, path)
    assert checked > 50
    assert schema["paths"]["/readyz"]["get"]["responses"]["503"]["content"]["application/json"]


def test_an_admin_key_cannot_revoke_itself_nor_the_last_admin_key(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    own_prefix = "_".join(parties.admin.split("_")[:3])
    response = client.delete(f"/v1/admin/keys/{own_prefix}", headers=bearer(parties.admin))
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == "application/problem+json"

    second = make_key(session_factory, "crv-editors", ADMIN)
    second_prefix = "_".join(second.split("_")[:3])
    # Two admin keys: one may revoke the other…
    assert client.delete(f"/v1/admin/keys/{second_prefix}", headers=bearer(parties.admin)).status_code == 204
    # …and a third, created and then given the job, cannot revoke the last remaining one.
    third = make_key(session_factory, "crv-editors", ADMIN)
    assert client.delete(f"/v1/admin/keys/{own_prefix}", headers=bearer(third)).status_code == 204
    third_prefix = "_".join(third.split("_")[:3])
    assert client.delete(f"/v1/admin/keys/{third_prefix}", headers=bearer(third)).status_code == 409
    assert client.get("/v1/admin/keys", headers=bearer(third)).status_code == 200
