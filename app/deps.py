"""FastAPI dependencies, as ``Annotated`` aliases so routes read like prose."""

from collections.abc import Callable, Iterable, Iterator
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import session_scope
from app.errors import Forbidden, Unauthorized
from app.i18n import N_
from app.models import Role, Scope
from app.policy import policy_for
from app.search.base import SearchEngine
from app.services.accounts import Person
from app.services.principal import MEMBER_KINDS, Principal, PrincipalKind
from app.taxonomy import Taxonomies


# The dependencies that only read what the app or the middleware set are `async`: FastAPI runs a `def` dependency
# in its thread pool, a hop that costs more than the read.
async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns and before the response is sent (the
    dependency has ``scope="function"``), rolled back when it raises. A failed commit is an error answer, never a
    2xx for a write that did not happen, and a client that reads right after a write sees it."""
    with session_scope(request.app.state.session_factory) as session:
        yield session


async def get_search_engine(request: Request) -> SearchEngine:
    engine: SearchEngine = request.app.state.search
    return engine


async def get_taxonomies(request: Request) -> Taxonomies:
    taxonomies: Taxonomies = request.app.state.taxonomies
    return taxonomies


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
SearchDep = Annotated[SearchEngine, Depends(get_search_engine)]
TaxonomiesDep = Annotated[Taxonomies, Depends(get_taxonomies)]


# The caller: resolved once per request by the access middleware (app.middleware.access), read here.
# The scheme object only documents `Authorization: Bearer` in OpenAPI; the middleware reads the header.
bearer_scheme = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer crv_sk_…`")


def principal_of(request: Request) -> Principal:
    """The :class:`~app.services.principal.Principal` the access middleware resolved for this request."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:  # fail closed: without the middleware no key restriction would apply
        raise RuntimeError("AccessMiddleware is not installed: no principal for this request")
    return principal


async def get_principal(request: Request) -> Principal:
    return principal_of(request)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


class Authenticator:
    """Dependency, in the manner of polar's ``Authenticator``: the request's principal, which must be of one of
    ``kinds`` (default: those acting for an organisation) and hold every one of ``required_scopes``. 401 without a
    credential, 403 with the wrong kind or a missing scope."""

    def __init__(self, *, required_scopes: Iterable[Scope] = (), kinds: Iterable[PrincipalKind] = MEMBER_KINDS) -> None:
        self.required_scopes = tuple(required_scopes)
        self.kinds = frozenset(kinds)

    def __call__(
        self,
        principal: PrincipalDep,
        _credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
    ) -> Principal:
        if principal.kind == PrincipalKind.anonymous:
            raise Unauthorized("This route needs an API key: `Authorization: Bearer <key>`.", headers=BEARER)
        if principal.kind not in self.kinds:
            raise Forbidden(f"A {principal.kind} key cannot use this route; use a secret key (crv_sk_…).")
        missing = [s for s in self.required_scopes if not principal.has(s)]
        if missing:
            raise Forbidden(
                f"The key {principal.prefix} lacks the scope {', '.join(missing)}.",
                headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{" ".join(missing)}"'},
            )
        return principal


BEARER = {"WWW-Authenticate": "Bearer"}
CurrentKey = Annotated[Principal, Depends(Authenticator())]
WriterKey = Annotated[Principal, Depends(Authenticator(required_scopes=[Scope.resources_write]))]
ReviewerKey = Annotated[Principal, Depends(Authenticator(required_scopes=[Scope.resources_review]))]
AdminKey = Annotated[Principal, Depends(Authenticator(required_scopes=[Scope.admin]))]
MetricsKey = Annotated[Principal, Depends(Authenticator(required_scopes=[Scope.metrics]))]


class SignInRequired(Exception):
    """Nobody is signed in on a page that needs somebody: :func:`app.web.sessions.sign_in_redirect` answers with
    the sign-in page, which comes back to ``next_path``."""

    def __init__(self, next_path: str) -> None:
        super().__init__("sign in")
        self.next_path = next_path


# What a page's role needs of the signed-in person, and the refusal otherwise (the editor's desk is the centre's).
ROLES: dict[Role, tuple[Callable[[Person], bool], str]] = {
    Role.contributor: (lambda person: True, ""),
    Role.editor: (lambda person: person.is_editor, N_("The editor's desk is for the centre's editors.")),
    Role.admin: (lambda person: person.is_admin, N_("Only an administrator of the organisation manages its people.")),
}


def _signed_in_person(request: Request, principal: Principal) -> Person | None:
    if not policy_for(request.scope).people:  # without it the middleware never reads the session cookie
        raise RuntimeError(f"{request.url.path} reads the signed-in person but does not declare page(people=True)")
    return principal.person


class SignedIn:
    """Dependency of the portal's and the desk's pages (routes declaring ``page(people=True)``): the person the
    request's principal is, who must hold ``role`` (an editor: of the centre). Nobody signed in: the sign-in page;
    another role: 403."""

    def __init__(self, *, role: Role = Role.contributor) -> None:
        self.holds, self.refusal = ROLES[role]

    def __call__(self, request: Request, principal: PrincipalDep) -> Person:
        person = _signed_in_person(request, principal)
        if person is None:
            raise SignInRequired(request.url.path)
        if not self.holds(person):
            raise Forbidden(self.refusal)
        return person


def optional_person(request: Request, principal: PrincipalDep) -> Person | None:
    return _signed_in_person(request, principal)


OptionalPerson = Annotated[Person | None, Depends(optional_person)]
CurrentPerson = Annotated[Person, Depends(SignedIn())]
CurrentEditor = Annotated[Person, Depends(SignedIn(role=Role.editor))]
CurrentAdmin = Annotated[Person, Depends(SignedIn(role=Role.admin))]
