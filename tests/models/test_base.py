"""The shared column types: timestamps are aware UTC on every backend, enum columns hold their enum's values."""

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session, sessionmaker

from app.models import (
    ApiKey,
    KeyKind,
    Language,
    Organisation,
    OrganisationKind,
    Resource,
    ResourceOrigin,
    ResourceStatus,
    ResourceType,
    Role,
    TokenPurpose,
    User,
    UserToken,
)


@pytest.mark.usefixtures("loaded")
def test_enum_columns_read_back_as_members(session: Session) -> None:
    resource = session.get(Resource, "country-ci.fr")
    assert resource is not None
    assert resource.type is ResourceType.risk_sheet and resource.language is Language.fr
    assert resource.status is ResourceStatus.published and resource.origin is ResourceOrigin.content


@pytest.mark.usefixtures("loaded")
def test_a_value_outside_the_enum_never_reaches_the_database(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        resource = session.get(Resource, "country-ci.fr")
        assert resource is not None
        resource.status = "gone"  # type: ignore[assignment]
        with pytest.raises(StatementError):
            session.flush()


def test_the_people_s_enum_columns_read_back_as_members(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        organisation = Organisation(slug="ong-a", name="ONG A", kind=OrganisationKind.ngo)
        session.add(organisation)
        session.flush()
        user = User(organisation_id=organisation.id, email="a@ong-a.example", name="A", role="editor", language="en")
        session.add(user)
        session.flush()
        token = UserToken(token_hash="0" * 64, user_id=user.id, purpose="reset", expires_at=datetime.now(UTC))
        session.add(token)
        session.commit()
        session.expire_all()
        assert user.role is Role.editor and user.language is Language.en and token.purpose is TokenPurpose.reset
        user.role = "boss"  # type: ignore[assignment]
        with pytest.raises(StatementError):
            session.flush()


def test_timestamps_are_aware_utc(session: Session) -> None:
    organisation = Organisation(slug="ong-a", name="ONG A", kind=OrganisationKind.ngo)
    session.add(organisation)
    session.flush()
    naive = datetime(2026, 1, 2, 3, 4, 5)
    key = ApiKey(
        organisation=organisation,
        name="k",
        prefix="crv_sk_00000000",
        hash="0" * 64,
        scopes=[],
        kind=KeyKind.secret,
        created_at=naive,
    )
    session.add(key)
    session.commit()
    session.expire_all()
    assert key.created_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC) and key.created_at.tzinfo is not None
    assert organisation.created_at.tzinfo is not None


def test_every_timestamp_column_is_utc() -> None:
    """The one place that fixes SQLite's naive datetimes is UTCDateTime: no model may use a bare DateTime."""
    from sqlalchemy import DateTime

    from app.models import Base
    from app.models.base import UTCDateTime

    bare = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, DateTime)
    ]
    assert bare == []
    assert any(isinstance(c.type, UTCDateTime) for t in Base.metadata.tables.values() for c in t.columns)
