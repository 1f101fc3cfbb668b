"""The principal of a request, built from a key, and the route dependency that checks its kind and scopes."""

import pytest
from sqlalchemy.orm import Session

from app.deps import Authenticator
from app.errors import Forbidden, Unauthorized
from app.models import KeyKind, Organisation, Scope
from app.services import keys, principal
from app.services.principal import PrincipalKind


def test_principal_of_a_secret_key(session: Session, org: Organisation) -> None:
    created = keys.create_key(session, org, scopes=[Scope.resources_write, Scope.resources_review])
    found = principal.from_key(session, created.token, "203.0.113.9")
    assert found.kind == PrincipalKind.secret and found.acts_for_organisation
    assert found.organisation_slug == "ong-a" and found.organisation_id == org.id
    assert found.scopes == {"resources:write", "resources:review"} and found.prefix == created.key.prefix
    assert found.client == "203.0.113.9" and not found.fixed_filters


def test_authenticator_checks_kind_and_scopes(session: Session, org: Organisation) -> None:
    created = keys.create_key(session, org, scopes=[Scope.resources_write])
    found = principal.from_key(session, created.token, "unknown")
    assert Authenticator(required_scopes=[Scope.resources_write])(found, None) is found
    with pytest.raises(Forbidden) as raised:
        Authenticator(required_scopes=[Scope.resources_write, Scope.resources_review])(found, None)
    assert 'scope="resources:review"' in raised.value.headers["WWW-Authenticate"]
    with pytest.raises(Unauthorized):
        Authenticator()(principal.anonymous(), None)
    widget = keys.create_key(
        session, org, kind=KeyKind.publishable, scopes=[Scope.search], allowed_origins=["https://a.org"]
    )
    with pytest.raises(Forbidden, match="publishable"):
        Authenticator()(principal.from_key(session, widget.token, "unknown"), None)
