"""The publisher's name in the search documents: a partner's is indexed (the centre's is not), and adding,
renaming or deleting a partner organisation queues its published resources for the index, nothing else."""

from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Organisation, OrganisationKind, OutboxEvent, Resource, ResourceStatus
from app.services import keys
from app.services.sync import published_documents
from app.taxonomy import Taxonomies
from tests.helpers import resource_row

CACAO = "enfance-cacao"


def queued(session_factory: sessionmaker[Session]) -> list[str]:
    with session_factory() as session:
        return sorted(session.scalars(select(OutboxEvent.resource_id)))


def change(session_factory: sessionmaker[Session], slug: str, **values: Any) -> None:
    """``values`` set on the organisation ``slug``, the outbox emptied before."""
    with session_factory() as session:
        session.execute(delete(OutboxEvent))
        organisation = keys.get_organisation(session, slug)
        for name, value in values.items():
            setattr(organisation, name, value)
        session.commit()


@pytest.fixture
def resources(session_factory: sessionmaker[Session]) -> None:
    """The centre and Enfance & Cacao, each with a published resource; the partner also with a draft."""
    with session_factory() as session:
        keys.ensure_centre(session)
        keys.create_organisation(session, CACAO, "Enfance & Cacao", OrganisationKind.ngo)
        session.add_all(
            [
                Resource(**resource_row("centre-sheet")),
                Resource(**resource_row("passerelles", publisher=CACAO)),
                Resource(**resource_row("draft", publisher=CACAO, status=ResourceStatus.draft)),
            ]
        )
        session.commit()


@pytest.mark.usefixtures("resources")
def test_a_partner_s_name_is_indexed_the_centre_s_is_not(
    session_factory: sessionmaker[Session], taxonomies: Taxonomies
) -> None:
    with session_factory() as session:
        names = {d.id: d.publisher_name for d in published_documents(session, taxonomies)}
        assert names == {"centre-sheet.fr": "", "passerelles.fr": "Enfance & Cacao"}
        # one batch's documents, read by id like the drain's
        assert [d.publisher_name for d in published_documents(session, taxonomies, ["passerelles.fr"])] == [
            "Enfance & Cacao"
        ]


def test_an_unknown_publisher_has_no_name(session_factory: sessionmaker[Session], taxonomies: Taxonomies) -> None:
    with session_factory() as session:
        session.add(Resource(**resource_row("orphan", publisher="ong-gone")))
        session.commit()
        (document,) = published_documents(session, taxonomies)
    assert document.publisher == "ong-gone" and document.publisher_name == ""


@pytest.mark.usefixtures("resources")
def test_renaming_a_partner_queues_its_published_resources(session_factory: sessionmaker[Session]) -> None:
    change(session_factory, CACAO, name="Enfance & Cacao – Agir ensemble")
    assert queued(session_factory) == ["passerelles.fr"]  # not its draft, not the centre's


@pytest.mark.usefixtures("resources")
def test_what_the_index_does_not_hold_queues_nothing(session_factory: sessionmaker[Session]) -> None:
    change(session_factory, CACAO, website="https://enfance-cacao.example")
    assert queued(session_factory) == []
    change(session_factory, "crv", name="Centre de ressources virtuel 8.7 (nouveau nom)")
    assert queued(session_factory) == []  # the centre's name is not indexed


def test_a_partner_added_after_its_resources_or_deleted_queues_them(session_factory: sessionmaker[Session]) -> None:
    """content/ may name a publisher before its organisation exists."""
    with session_factory() as session:
        session.add(Resource(**resource_row("passerelles", publisher=CACAO)))
        session.commit()
        session.execute(delete(OutboxEvent))
        keys.create_organisation(session, CACAO, "Enfance & Cacao", OrganisationKind.ngo)
        session.commit()
    assert queued(session_factory) == ["passerelles.fr"]
    with session_factory() as session:
        session.execute(delete(OutboxEvent))
        session.delete(session.scalars(select(Organisation).where(Organisation.slug == CACAO)).one())
        session.commit()
    assert queued(session_factory) == ["passerelles.fr"]
