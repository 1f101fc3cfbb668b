"""FastAPI dependencies, as ``Annotated`` aliases so routes read like prose."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import session_scope
from app.errors import Unauthorized
from app.models import Scope
from app.search.base import SearchEngine
from app.services import keys
from app.services.keys import AuthenticatedKey
from app.taxonomy import Taxonomies


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns and before the response is sent (the
    dependency has ``scope="function"``), rolled back when it raises. A failed commit is an error answer, never a
    2xx for a write that did not happen, and a client that reads right after a write sees it."""
    with session_scope(request.app.state.session_factory) as session:
        yield session


def get_search_engine(request: Request) -> SearchEngine:
    engine: SearchEngine = request.app.state.search
    return engine


def get_taxonomies(request: Request) -> Taxonomies:
    taxonomies: Taxonomies = request.app.state.taxonomies
    return taxonomies


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SearchDep = Annotated[SearchEngine, Depends(get_search_engine)]
TaxonomiesDep = Annotated[Taxonomies, Depends(get_taxonomies)]


# API keys: `Authorization: Bearer crv_sk_…`. The scheme object only documents it in OpenAPI; the header is read
# here so that a malformed one is a 401 rather than silently anonymous.
bearer_scheme = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer crv_sk_…`")


def get_optional_key(
    request: Request,
    session: SessionDep,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
) -> AuthenticatedKey | None:
    """The request's key, or None without one; a bad, revoked or expired key is a 401 problem."""
    return keys.authenticate_header(session, request.headers.get("authorization"))


OptionalKey = Annotated[AuthenticatedKey | None, Depends(get_optional_key)]


def get_current_key(key: OptionalKey) -> AuthenticatedKey:
    if key is None:
        raise Unauthorized("This route needs an API key: `Authorization: Bearer <key>`.", headers=keys.BEARER)
    return key


CurrentKey = Annotated[AuthenticatedKey, Depends(get_current_key)]


class KeyWithScopes:
    """Dependency: the current key, which must hold every one of ``scopes`` (else 403)."""

    def __init__(self, *scopes: Scope) -> None:
        self.scopes = scopes

    def __call__(self, key: CurrentKey) -> AuthenticatedKey:
        return keys.require_scopes(key, *self.scopes)


WriterKey = Annotated[AuthenticatedKey, Depends(KeyWithScopes(Scope.resources_write))]
ReviewerKey = Annotated[AuthenticatedKey, Depends(KeyWithScopes(Scope.resources_review))]
AdminKey = Annotated[AuthenticatedKey, Depends(KeyWithScopes(Scope.admin))]
