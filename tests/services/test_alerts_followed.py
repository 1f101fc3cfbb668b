"""The subjects of the readers' confirmed email alerts, counted for the editors: each filter value and each search's
words once per alert, per language of the alerts, labelled in the page's language; shown only from
``alerts_min_shown`` distinct readers; alerts never confirmed, the ``lang`` filter and personal-looking words
never counted."""

from typing import Any

from sqlalchemy.orm import Session

from app.models import AlertFrequency, Language, SearchAlert
from app.models.base import utcnow
from app.services import alerts_followed
from app.taxonomy import Taxonomies


def alert(session: Session, email: str, language: str, selection: dict[str, Any], *, confirmed: bool = True) -> None:
    session.add(
        SearchAlert(
            email=email,
            language=Language(language),
            selection=selection,
            frequency=AlertFrequency.weekly,
            created_at=utcnow(),
            confirmed_at=utcnow() if confirmed else None,
        )
    )
    session.flush()


def of(q: str = "", **filters: list[str]) -> dict[str, Any]:
    return {"q": q, "filters": filters}


def seed(session: Session) -> None:
    alert(session, "awa@example.org", "fr", of("Cacao", country=["CI"], lang=["fr"]))
    alert(session, "binta@example.org", "fr", of("cacao ", country=["CI", "GH"], lang=["fr"]))
    alert(session, "chloe@example.org", "fr", of(risk=["child-labour"], lang=["fr"]))
    alert(session, "dan@example.org", "fr", of(risk=["child-labour"], lang=["fr"]))
    alert(session, "dan@example.org", "fr", of(country=["GH"], sector=["cocoa"], lang=["fr"]))
    alert(session, "eve@example.org", "en", of(risk=["child-labour"], lang=["en"]))
    alert(session, "fay@example.org", "en", of(risk=["child-labour"], type=["tool"], lang=["en"]))
    # never confirmed: the sector would otherwise reach two readers, the words three
    alert(session, "gus@example.org", "fr", of("cacao", sector=["cocoa"], lang=["fr"]), confirmed=False)
    # one reader's three alerts on one sector: three alerts, one reader
    for q in ("mines", "or", "mica"):
        alert(session, "hal@example.org", "en", of(q, sector=["mining"], lang=["en"]))
    # an address typed as words, by two readers: never counted
    alert(session, "ian@example.org", "fr", of("jean.dupont@example.org"))
    alert(session, "jo@example.org", "fr", of("jean.dupont@example.org"))


def rows(found: alerts_followed.Followed) -> list[tuple[str, str, str, str, int]]:
    return [(s.language, s.kind_label, s.label, s.search_path(), s.alerts) for s in found.subjects]


def test_each_filter_value_and_words_counted_per_language_from_two_readers(
    session: Session, taxonomies: Taxonomies
) -> None:
    seed(session)
    found = alerts_followed.followed(session, taxonomies, lang="en", language=None, min_readers=2)
    assert found.alerts == 12  # every confirmed alert, its subjects shown or not
    assert rows(found) == [
        ("fr", "Words searched", "“cacao”", "/fr/recherche?q=cacao", 2),  # folded: « Cacao » and « cacao  » alike
        ("en", "Risk", "Child labour", "/en/search?risk=child-labour", 2),  # per language of the alerts
        ("fr", "Risk", "Child labour", "/fr/recherche?risk=child-labour", 2),
        ("fr", "Country", "Côte d'Ivoire", "/fr/recherche?country=CI", 2),
        ("fr", "Country", "Ghana", "/fr/recherche?country=GH", 2),  # two readers, whatever else they follow
    ]
    # not shown: a sector one reader follows (hers, or unconfirmed), one reader's three alerts on mining, a type,
    # the ``lang`` filter, an address typed as words
    assert {s.code for s in found.subjects}.isdisjoint({"cocoa", "mining", "tool", "fr", "en"})


def test_labels_in_the_page_language_and_one_language_only(session: Session, taxonomies: Taxonomies) -> None:
    seed(session)
    french = alerts_followed.followed(session, taxonomies, lang="fr", language="fr", min_readers=2)
    assert [(s.kind_label, s.label) for s in french.subjects] == [
        ("Mots cherchés", "«\u00a0cacao\u00a0»"),
        ("Pays", "Côte d’Ivoire"),
        ("Pays", "Ghana"),
        ("Risque", "Travail des enfants"),
    ]
    assert french.alerts == 7


def test_the_threshold_counts_readers_not_alerts(session: Session, taxonomies: Taxonomies) -> None:
    seed(session)
    everyone = alerts_followed.followed(session, taxonomies, lang="en", language="en", min_readers=1)
    assert [(s.label, s.alerts) for s in everyone.subjects] == [
        ("Mining and quarrying", 3),  # one reader's three alerts: hidden from two readers on
        ("Child labour", 2),
        ("“mica”", 1),
        ("“mines”", 1),
        ("“or”", 1),
        ("Tool", 1),
    ]
    assert alerts_followed.followed(session, taxonomies, lang="en", language="en", min_readers=3).subjects == []
