"""Fixtures of the service tests."""

import pytest
from sqlalchemy.orm import Session

from app.models import Organisation, OrganisationKind
from app.services import keys
from app.services.findings import FindingsCatalogue, load_catalogue
from tests.helpers import CONTENT, ILAB_DATA


@pytest.fixture
def org(session: Session) -> Organisation:
    """A partner NGO, ong-a, committed."""
    organisation = keys.create_organisation(session, "ong-a", "ONG A", OrganisationKind.ngo)
    session.commit()
    return organisation


@pytest.fixture(scope="module")
def catalogue() -> FindingsCatalogue:
    """The findings catalogue of the real ILAB data and content."""
    return load_catalogue(ILAB_DATA, CONTENT, "http://crv.test")
