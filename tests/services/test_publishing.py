"""The publishing and review services below HTTP: If-Match, the version check that catches a race past it,
slugs, visibility rules."""

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.errors import InvalidParameters, NotFound, PreconditionFailed, PreconditionRequired
from app.http import IfMatch
from app.models import OrganisationKind, Resource, Scope
from app.schemas.publishing import DraftCreate, DraftData, ResourceCreate, ResourcePatch
from app.services import keys, principal, publishing, review
from app.services.principal import Principal
from app.taxonomy import Taxonomies
from tests.helpers import good_practice

RID = "cocoa-remediation.fr"


def key_for(session: Session, slug: str, *scopes: Scope) -> Principal:
    organisation = keys.create_organisation(session, slug, slug, OrganisationKind.ngo)
    created = keys.create_key(session, organisation, scopes=scopes)
    return principal.from_key(session, created.token, "203.0.113.1")


@pytest.mark.parametrize(
    ("header", "version", "matches"),
    [
        ('W/"3"', 3, True),
        ('"3"', 3, True),
        ('W/"2", W/"3"', 3, True),
        ("*", 7, True),
        ('W/"2"', 3, False),
        ('"31"', 3, False),
        ("3", 3, True),
    ],
)
def test_if_match(header: str, version: int, matches: bool) -> None:
    parsed = IfMatch.parse(header)
    assert parsed is not None and parsed.matches(version) is matches


def test_missing_if_match() -> None:
    assert IfMatch.parse(None) is None and IfMatch.parse("  ") is None
    with pytest.raises(PreconditionRequired):
        publishing.require_match(None, Resource(id="x.fr", version=1))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Côte d'Ivoire : cacao", "cote-d-ivoire-cacao"),
        ("Côte d’Ivoire : cacao", "cote-d-ivoire-cacao"),
        ("  Travail forcé — œuvre  ", "travail-force-oeuvre"),
        ("!!!", ""),
        ("a " * 100, ("a-" * 40).strip("-")),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert publishing.slugify(title) == slug


def test_a_race_past_if_match_is_still_a_412(session_factory: sessionmaker[Session], taxonomies: Taxonomies) -> None:
    """Two writers both pass the If-Match check on version 1; the version counter makes the second one fail."""
    with session_factory() as session:
        writer = key_for(session, "ong-a", Scope.resources_write)
        publishing.create(session, writer, ResourceCreate.model_validate(good_practice()), taxonomies)
        session.commit()
    first, second = session_factory(), session_factory()
    try:
        read = [session.get(Resource, RID) for session in (first, second)]  # both read version 1 (and keep it)
        assert [r.version for r in read if r is not None] == [1, 1]
        publishing.patch(first, writer, RID, ResourcePatch(title="Premier"), IfMatch.parse('W/"1"'), taxonomies)
        first.commit()
        with pytest.raises(PreconditionFailed):
            publishing.patch(second, writer, RID, ResourcePatch(title="Second"), IfMatch.parse("*"), taxonomies)
        second.rollback()
    finally:
        first.close()
        second.close()
    with session_factory() as session:
        resource = session.get(Resource, RID)
        assert resource is not None and resource.title == "Premier" and resource.version == 2


def test_visibility(session_factory: sessionmaker[Session], taxonomies: Taxonomies) -> None:
    with session_factory() as session:
        owner = key_for(session, "ong-a", Scope.resources_write)
        stranger = key_for(session, "ong-b", Scope.resources_write)
        reader = key_for(session, "ong-c", Scope.resources_review)
        publishing.create(session, owner, ResourceCreate.model_validate(good_practice()), taxonomies)
        session.flush()
        assert publishing.get_visible(session, RID, owner).id == RID
        for key in (None, stranger, reader):
            with pytest.raises(NotFound):
                publishing.get_visible(session, RID, key)
        with pytest.raises(NotFound):
            review.get_submission(session, RID)  # a draft is nobody's business but its owner's
        publishing.submit(session, owner, RID, IfMatch.parse("*"))
        assert review.get_submission(session, RID).id == RID
        assert [r.id for r in review.queue(session)[0]] == [RID]
        review.approve(session, reader, RID, IfMatch.parse("*"))
        for key in (None, stranger, reader, owner):
            assert publishing.get_visible(session, RID, key).status == "published"
        session.rollback()


def test_an_unfinished_draft_is_kept_and_cannot_be_submitted_until_complete(
    session_factory: sessionmaker[Session], taxonomies: Taxonomies
) -> None:
    """The portal saves a draft with a title alone (a person's work is never refused for what they have not written
    yet); submission, by the portal or the API, asks for the rest, every missing part at once."""
    unfinished = {"translation_key": "cocoa-remediation", "language": "fr", "type": "good_practice", "title": "Titre"}
    with session_factory() as session:
        owner = key_for(session, "ong-a", Scope.resources_write)
        # the write API's files are complete: every missing part is a problem there
        _, problems = publishing.data_problems(session, unfinished, taxonomies, owner.organisation_id, ResourceCreate)
        assert sorted(e.field for e in problems) == ["body", "licence", "sources", "summary"]
        draft = DraftCreate.model_validate(unfinished, context={"taxonomies": taxonomies})
        resource = publishing.create(session, owner, draft, taxonomies)
        assert (resource.summary, resource.licence, resource.body) == ("", "", "\n")
        # still held to what it says: a bad source or an unknown code is refused in a draft too
        for bad in ({"sources": [{"title": "x", "url": "pas une adresse"}]}, {"countries": ["ZZ"]}):
            _, problems = publishing.data_problems(
                session, unfinished | bad, taxonomies, resource.organisation_id, DraftCreate
            )
            assert problems, bad
        with pytest.raises(InvalidParameters) as refused:
            publishing.submit(session, owner, RID, IfMatch.parse("*"))
        assert sorted(e.field for e in refused.value.errors or []) == ["body", "licence", "sources", "summary"]
        [view] = publishing.to_managed(session, [resource], "https://centre.example", owner=owner)  # reads it
        assert view.title == "Titre" and view.summary == ""
        revision = publishing.revision(session, owner, RID, 1)
        assert publishing.revision_detail(revision, {}).data.licence == ""
        complete = {k: v for k, v in good_practice().items() if k not in ("translation_key", "language")}
        publishing.update(session, owner, RID, complete, IfMatch.parse("*"), taxonomies, DraftData)
        assert publishing.submit(session, owner, RID, IfMatch.parse("*")).status == "submitted"
        session.rollback()


def test_the_editor_compares_a_resubmission_with_the_one_sent_back_then_with_the_live_one(
    session_factory: sessionmaker[Session], taxonomies: Taxonomies
) -> None:
    with session_factory() as session:
        owner = key_for(session, "ong-a", Scope.resources_write)
        editor = key_for(session, "ong-c", Scope.resources_review)
        publishing.create(session, owner, ResourceCreate.model_validate(good_practice()), taxonomies)
        publishing.submit(session, owner, RID, IfMatch.parse("*"))
        review.reject(session, editor, RID, "Citez la source.", IfMatch.parse("*"))

        def resubmit(**changes: object) -> int:
            publishing.patch(session, owner, RID, ResourcePatch.model_validate(changes), IfMatch.parse("*"), taxonomies)
            return publishing.submit(session, owner, RID, IfMatch.parse("*")).version

        resubmit(countries=["GH"], summary="Nouveau résumé.")
        seen = publishing.revisions(session, editor, RID)  # the editor sees what was submitted: revisions 1 and 2
        base = review.baseline(seen, 2)
        assert base is not None and base.number == 1 and base.reason == "Citez la source."
        changes = publishing.compare(base.data, seen[-1].data, taxonomies, "fr")
        assert [(c.label, c.removed, c.added, c.after) for c in changes] == [
            ("Résumé", (), (), "Nouveau résumé."),
            ("Pays", ("Côte d’Ivoire",), ("Ghana",), ""),
        ]
        review.approve(session, editor, RID, IfMatch.parse("*"))
        resubmit(licence="CC0-1.0")
        resubmit(licence="CC-BY-SA-4.0")  # edited again before a decision: revision 4, still compared with the live
        seen = publishing.revisions(session, editor, RID)
        base = review.baseline(seen, seen[-1].number)
        assert base is not None and base.number == 2 and review.live(seen) == base
        [licence] = publishing.compare(base.data, seen[-1].data, taxonomies, "en")
        assert (licence.label, licence.before, licence.after) == (
            "Licence",
            "CC BY 4.0 — reuse allowed with credit",
            "CC BY-SA 4.0 — reuse with credit, under the same licence",
        )
        assert review.baseline(seen[:1], 1) is None  # a first submission: nothing to compare with
        session.rollback()


def test_after_several_submissions_the_baseline_is_the_last_one_sent_back_since_the_live_one(
    session_factory: sessionmaker[Session], taxonomies: Taxonomies
) -> None:
    with session_factory() as session:
        owner = key_for(session, "ong-a", Scope.resources_write)
        editor = key_for(session, "ong-c", Scope.resources_review)
        publishing.create(session, owner, ResourceCreate.model_validate(good_practice()), taxonomies)
        publishing.submit(session, owner, RID, IfMatch.parse("*"))

        def resubmit(**changes: object) -> int:
            publishing.patch(session, owner, RID, ResourcePatch.model_validate(changes), IfMatch.parse("*"), taxonomies)
            return publishing.submit(session, owner, RID, IfMatch.parse("*")).version

        review.reject(session, editor, RID, "Citez la source.", IfMatch.parse("*"))
        resubmit(countries=["GH"])  # revision 2
        resubmit(summary="Nouveau résumé.")  # revision 3, before a decision: 1 and 2 are superseded now
        seen = publishing.revisions(session, editor, RID)
        assert [r.number for r in seen] == [1, 2, 3]
        base = review.baseline(seen, 3)
        assert base is not None and base.number == 1 and base.reason == "Citez la source."  # not revision 2
        changes = publishing.compare(base.data, seen[-1].data, taxonomies, "fr")
        assert [c.label for c in changes] == ["Résumé", "Pays"]  # everything since the editor asked
        review.approve(session, editor, RID, IfMatch.parse("*"))  # revision 3 is live
        resubmit(licence="CC0-1.0")  # 4
        review.reject(session, editor, RID, "Pourquoi CC0 ?", IfMatch.parse("*"))
        resubmit(licence="CC-BY-SA-4.0")  # 5
        resubmit(summary="Encore un résumé.")  # 6
        seen = publishing.revisions(session, editor, RID)
        base = review.baseline(seen, 6)
        assert base is not None and base.number == 4 and base.reason == "Pourquoi CC0 ?"  # sent back since live 3
        assert review.baseline(seen, 4) == review.live(seen)  # a sent-back one before the live one is settled
        session.rollback()
