"""Route policy is declared on every route, and the middlewares read it (not paths)."""

from collections.abc import Iterator

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app.config import Settings
from app.deps import SignedIn, optional_person
from app.main import create_app
from app.policy import UNMATCHED, Audience, RoutePolicy, declared, policy_for, public, routes


def undeclared(app: FastAPI) -> list[str]:
    return [
        f"{sorted(route.methods or [])} {route.path}"
        for route in routes(app)
        if isinstance(route.original_route, APIRoute) and declared(route) is None
    ]


def test_every_route_declares_its_policy(settings: Settings) -> None:
    app = create_app(settings)
    assert list(routes(app)), "no routes found"
    assert undeclared(app) == []


def test_a_route_without_a_policy_is_caught() -> None:
    app = FastAPI()
    declared_router = APIRouter(dependencies=[public()])
    declared_router.add_api_route("/fine", lambda: None)
    app.include_router(declared_router)
    app.add_api_route("/forgotten", lambda: None)
    assert undeclared(app) == ["['GET'] /forgotten"]


def calls(dependant: Dependant) -> Iterator[object]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from calls(sub)


def test_the_pages_of_signed_in_people_read_people_and_only_they(settings: Settings) -> None:
    """A route that asks who is signed in declares ``page(people=True)``, or the middleware never reads the cookie;
    no other route reads it (the API never takes a cookie as a credential)."""
    app = create_app(settings)
    asking, reading = set(), set()
    for route in routes(app):
        if not isinstance(route.original_route, APIRoute):
            continue
        name = f"{sorted(route.methods or [])} {route.path}"
        if any(isinstance(c, SignedIn) or c is optional_person for c in calls(route.original_route.dependant)):
            asking.add(name)
        policy = declared(route)
        if policy is not None and policy.people:
            reading.add(name)
    assert "['GET'] /fr/redaction" in asking and "['POST'] /en/partner/new-resource" in asking
    assert asking <= reading
    assert all("/v1/" not in name for name in reading)


def test_the_policies_of_the_public_surface(settings: Settings) -> None:
    """What the public surface promises: changing one of these is a decision, not an accident."""
    app = create_app(settings)
    policies = {(route.path, m): declared(route) for route in routes(app) for m in route.methods or []}
    expected = {
        ("/v1/search", "GET"): RoutePolicy(Audience.public, 60, True, True, "search"),
        ("/v1/resources/{resource_id}", "GET"): RoutePolicy(Audience.public, 60, True, True),
        ("/v1/taxonomies/{name}", "GET"): RoutePolicy(Audience.public, 3600, True, True),
        ("/embed/v1/widget.js", "GET"): RoutePolicy(Audience.page, 3600, False, True),
        ("/embed/demo", "GET"): RoutePolicy(Audience.page, 300, False, True),
        ("/fr/ressources/{slug}", "GET"): RoutePolicy(Audience.page, 300, False, False),
        ("/en/resources/{slug}", "GET"): RoutePolicy(Audience.page, 300, False, False),
        ("/healthz", "GET"): RoutePolicy(Audience.page, None, False, False),
        ("/v1/resources", "POST"): RoutePolicy(Audience.keyed, None, True, False),
        ("/v1/admin/keys", "GET"): RoutePolicy(Audience.keyed, None, True, False),
    }
    assert {k: policies[k] for k in expected} == expected


def test_unknown_paths_are_counted_and_read_no_key(client: TestClient) -> None:
    response = client.get("/v1/nope", params={"key": "not-a-key"})
    assert response.status_code == 404 and "ratelimit-limit" in response.headers


def test_the_policy_of_a_path_is_remembered_until_the_routes_change() -> None:
    app = FastAPI()
    app.add_api_route("/fine", lambda: None, dependencies=[public(cache_seconds=5)])

    def policy(path: str, method: str = "GET") -> RoutePolicy:
        return policy_for({"type": "http", "method": method, "path": path, "root_path": "", "app": app})

    assert policy("/fine").cache_seconds == 5 and policy("/later") == UNMATCHED
    assert policy("/fine", "POST").cache_seconds == 5  # the path exists for another method (a preflight, a 405)
    app.add_api_route("/later", lambda: None, dependencies=[public(cache_seconds=7)])
    assert policy("/later").cache_seconds == 7 and policy("/fine").cache_seconds == 5
