"""Fixtures of the service tests."""

import pytest
from sqlalchemy.orm import Session

from app.models import Organisation, OrganisationKind
from app.services import keys


@pytest.fixture
def org(session: Session) -> Organisation:
    """A partner NGO, ong-a, committed."""
    organisation = keys.create_organisation(session, "ong-a", "ONG A", OrganisationKind.ngo)
    session.commit()
    return organisation
