"""What the desk shows an editor before deciding: every fact the public page will show (audiences, regions, the
page's address, typos and all), the submission rendered as its public page under a « not published » banner,
the published resources most like it (a duplicate first), and a queue to triage: type, language in the page's
language, how long it waited, and whether it comes back after a send-back — unchanged or not.

The new sentences are checked on the English pages (their French is in the catalogs once merged)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from app.search.base import SearchDocument, SearchUnavailable
from app.services.desk_queue import waited
from app.services.similar import ranked
from tests.web.helpers import signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import ITEM, decide, resubmit

FR_ITEM = f"/fr/redaction/{RID}"
TYPO = "suivi-communautaire-burkina-fasso"


def test_the_desk_shows_every_fact_of_the_public_page_and_the_address_it_will_have(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, slug=TYPO, regions=["sub-saharan-africa"], audiences=["companies", "public-buyers"])
    page = editor.get(FR_ITEM).text
    assert "<dt>Régions</dt><dd>Afrique subsaharienne</dd>" in page
    assert "<dt>Destiné à</dt><dd>Entreprises, Acheteurs publics</dd>" in page
    assert f'<dd class="page-address"><code>/fr/ressources/{TYPO}</code></dd>' in page
    english = editor.get(ITEM).text
    assert "<dt>Regions</dt><dd>Sub-Saharan Africa</dd>" in english
    assert "<dt>Written for</dt><dd>Companies, Public buyers</dd>" in english
    assert f'<a href="{ITEM}/preview">See it as its public page</a>' in english


def test_the_preview_is_the_public_page_of_the_submission_not_published_and_not_indexed(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner, slug=TYPO, audiences=["companies"], type="tool")
    preview = editor.get(f"{ITEM}/preview")
    assert preview.status_code == 200
    assert preview.headers["X-Robots-Tag"] == "noindex" and "no-store" in preview.headers["Cache-Control"]
    html = preview.text
    # the public template, in the resource's language (French here, from an English desk page)
    assert '<html lang="fr">' in html and '<article class="narrow-article">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html and "application/ld+json" not in html  # no public page yet
    assert "<h1>Suivi communautaire des enfants dans les coopératives</h1>" in html
    assert re.search(r"<dt>Destiné à</dt><dd><a [^>]+>Entreprises</a></dd>", html)
    assert "Ong A" in html.split('<dd class="publisher">')[1].split("</dd>")[0]
    assert f"http://testserver/fr/ressources/{TYPO}" in html.split('class="preview-banner"')[1].split("</div>")[0]
    assert f'<a href="{FR_ITEM}">' in html  # back to the submission
    assert "/download?format=" not in html  # a tool's editable copies: made once it is published
    # nothing public: its address is still free, and the partner cannot see the desk's preview
    assert web.get(f"/fr/ressources/{TYPO}").status_code == 404
    assert partner.get(f"{ITEM}/preview", follow_redirects=False).status_code in (302, 303, 403)
    # decided since: the preview leads to the item's page, which says what became of it
    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    gone = editor.get(f"{ITEM}/preview", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == ITEM


def test_the_preview_of_an_update_keeps_its_publication_date_and_is_not_its_own_translation(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    assert decide(editor, editor.get(ITEM), "approve").status_code == 303
    live = web.get("/fr/ressources/suivi-communautaire-des-enfants-dans-les-cooperatives").text
    resubmit(partner, summary="Des agents visitent les ménages chaque mois.")
    html = editor.get(f"{FR_ITEM}/apercu").text
    assert '<p class="summary">Des agents visitent les ménages chaque mois.</p>' in html
    assert 'class="translations"' not in html  # its live version is no other language of it
    # the public page still shows the live version: the preview's text never took its place in a cache
    again = web.get("/fr/ressources/suivi-communautaire-des-enfants-dans-les-cooperatives").text
    assert "chaque mois" not in again and again.count("orientent les enfants") == live.count("orientent les enfants")


def _document(key: str, language: str) -> SearchDocument:
    return SearchDocument(
        id=f"{key}.{language}", translation_key=key, slug=key, type="tool", language=language, title=key,
        summary="", body="", countries=(), regions=(), sectors=(), risks=(), audiences=(), publisher="crv",
        published_at=datetime(2026, 1, 1, tzinfo=UTC).date(), updated_at=datetime(2026, 1, 1, tzinfo=UTC).date(),
    )  # fmt: skip


def test_similar_resources_leave_out_its_own_show_each_resource_once_its_language_first() -> None:
    found = [
        _document("own", "fr"),  # its own published version: no duplicate of itself
        _document("a", "en"),
        _document("b", "fr"),
        _document("a", "fr"),  # a's version in the submission's language, in a's place
        _document("c", "en"),
        _document("d", "fr"),
    ]
    assert [d.id for d in ranked(found, "own", "fr")] == ["a.fr", "b.fr", "d.fr", "c.en"]
    assert [d.id for d in ranked(found, "own", "fr", limit=2)] == ["a.fr", "b.fr"]


@pytest.mark.usefixtures("loaded")
def test_a_submission_duplicating_a_published_resource_lists_it_first(
    web: TestClient, session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    # the centre's methodology, submitted again by a partner under its own address (with Côte d'Ivoire's tags)
    submit_one(partner, title="Cartographier les risques par pays et par secteur", type="methodology")
    rid = "cartographier-les-risques-par-pays-et-par-secteur.fr"
    page = editor.get(f"/fr/redaction/{rid}").text
    alike = page.split('<ul class="alike" aria-labelledby="alike-title">')[1].split("</ul>")[0]
    first = re.findall(r"<li>(.*?)</li>", alike)[0]
    assert first == (
        '<a href="/fr/ressources/cartographie-des-risques" lang="fr">Cartographier les risques par pays et par '
        "secteur</a> · Méthodologie · Centre de ressources virtuel 8.7"
    )
    assert "target=" not in alike and alike.count("<li>") <= 5
    assert alike.count("/en/resources/risk-mapping") == 0  # its English version: the same resource, once

    def down(*_: object, **__: object) -> None:
        raise SearchUnavailable("down")

    monkeypatch.setattr(web.app.state.search, "search", down)
    english = editor.get(f"/en/editorial/{rid}")
    assert english.status_code == 200
    assert "The search engine did not answer: similar resources cannot be shown now." in english.text


def test_the_age_of_a_submission_is_said_in_the_pages_language() -> None:
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    assert waited(now - timedelta(days=3), now, "fr") == "il y a 3 jours"
    assert waited((now - timedelta(hours=5)).replace(tzinfo=None), now, "en") == "5 hours ago"  # naive is UTC


def _row(queue: str, title: str) -> str:
    return next(row for row in re.findall(r"<tr>.*?</tr>", queue, re.S) if title in row)


def test_the_queue_gives_type_language_age_and_says_a_resubmission_unchanged_or_not(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    submit_one(partner, title="Community monitoring in the cooperatives", language="en")
    french = editor.get("/fr/redaction").text
    row = _row(french, "Community monitoring")
    assert 'data-label="Langue\u00a0: ">Anglais</td>' in row  # the page's language, not « English »
    assert 'data-label="Type\u00a0: ">Bonne pratique</td>' in row
    assert re.search(r'</time> <span class="waited">\(il y a \d+ secondes?\)</span></td>', row)
    english = editor.get("/en/editorial").text
    assert 'data-label="Language: ">French</td>' in _row(english, "Suivi communautaire")
    assert 'class="state resubmitted' not in english  # neither row (the filter's options name it)

    assert decide(editor, editor.get(ITEM), "reject", reason="Citez le rapport de 2023.").status_code == 303
    resubmit(partner)  # sent again as it was
    row = _row(editor.get("/en/editorial").text, "Suivi communautaire")
    assert (
        '<span class="state">new</span> <span class="state resubmitted unchanged">resubmitted unchanged</span>' in row
    )
    assert "Nothing changed." in editor.get(ITEM).text  # what the item's page says of it

    assert decide(editor, editor.get(ITEM), "reject", reason="Toujours pas de rapport.").status_code == 303
    resubmit(partner, summary="Des agents visitent les ménages chaque mois (rapport 2023).")
    row = _row(editor.get("/en/editorial").text, "Suivi communautaire")
    assert '<span class="state resubmitted">resubmitted</span> <span class="muted sent-back-by">' in row
    assert "unchanged" not in row
