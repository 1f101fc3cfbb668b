"""Readers' email alerts for a search: asked from a form with the search's filters in its address (CSRF-protected,
problems next to their field), confirmed by the link of a first mail (double opt-in), then a digest of what the
search's feed gives since the last one — nothing when nothing is new, a refused mail tried again — each mail with
its unsubscribe link and RFC 8058 headers; unsubscribing from the page or by a mail client's one-click POST deletes
the alert; the confirmation mails are throttled without telling an address's alerts apart; an alert never confirmed
is deleted by the retention rules; the personal data page says all this. A country's, a sector's or a product's sheet
and a risk's « where to start » lead to the alert of their subject; a link with an unknown filter value is refused in
the page's words; an alert of words only lists what the engine finds for them."""

import re
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli, cli_alerts, mail
from app.config import Settings
from app.models import AlertFrequency, Resource, SearchAlert
from app.models.base import utcnow
from app.search.base import SearchEngine
from app.services import alert_digests, alert_management, retention
from app.services.alert_digests import DigestReport
from app.services.retention import PurgeReport
from app.services.sync import chores, rebuild_index
from app.taxonomy import Taxonomies
from tests.helpers import resource_row
from tests.web.helpers import Mailbox, csrf_of, post_form

FORM = "/fr/alertes?country=CI&lang=fr"
ADDRESS = "awa@example.org"
LINKS = re.compile(r"https?://[^/\s]+(/\S+)")


def links(mailbox: Mailbox, address: str = ADDRESS) -> list[str]:
    """The paths of the links of the last mail to ``address``."""
    return LINKS.findall(mailbox.body(mailbox.to(address)[-1]))


def link_to(mailbox: Mailbox, start: str, address: str = ADDRESS) -> str:
    (found,) = [path for path in links(mailbox, address) if path.startswith(start)]
    return found


def the_alerts(session_factory: sessionmaker[Session]) -> list[SearchAlert]:
    with session_factory() as session:
        return list(session.scalars(select(SearchAlert).order_by(SearchAlert.id)))


def ask(web: TestClient, email: str = ADDRESS, frequency: str = "weekly", form: str = FORM) -> str:
    response = post_form(web, form, email=email, frequency=frequency)
    assert response.status_code == 200, response.text
    return response.text


def confirmed(web: TestClient, mailbox: Mailbox, email: str = ADDRESS, form: str = FORM) -> None:
    """Asked, and confirmed from the confirmation mail's page."""
    ask(web, email=email, form=form)
    page = link_to(mailbox, "/fr/alertes/confirmer", email)
    shown = web.get(page)
    assert shown.status_code == 200 and "<button" in shown.text
    done = web.post(page, data={"csrf_token": csrf_of(shown)})
    assert done.status_code == 200


def confirmed_a_week_ago(session_factory: sessionmaker[Session]) -> datetime:
    """Every alert confirmed eight days ago, so a weekly one is due; now, the digests' instant."""
    now = utcnow()
    with session_factory() as session:
        session.execute(update(SearchAlert).values(confirmed_at=now - timedelta(days=8)))
        session.commit()
    return now


def add(session_factory: sessionmaker[Session], key: str, changed: datetime, **overrides: object) -> None:
    with session_factory() as session:
        session.add(Resource(**resource_row(key, "fr", title=f"Titre {key}", **overrides), modified_at=changed))
        session.commit()


def send(session_factory: sessionmaker[Session], settings: Settings, taxonomies: Taxonomies, engine: SearchEngine,
         key: bytes, now: datetime | None = None) -> DigestReport:  # fmt: skip
    with session_factory() as session:
        return alert_digests.send_digests(session, settings, taxonomies, engine, key, now=now)


def test_asked_confirmed_mailed_then_stopped(
    web: TestClient,
    mailbox: Mailbox,
    session_factory: sessionmaker[Session],
    settings: Settings,
    taxonomies: Taxonomies,
    search_engine: SearchEngine,
) -> None:
    key = web.app.state.secret_key  # type: ignore[attr-defined]
    form = web.get(FORM)
    assert form.status_code == 200
    assert "Côte d’Ivoire" in form.text and 'name="email"' in form.text and 'value="weekly" checked' in form.text
    answer = ask(web, email="Awa@Example.org")
    (alert,) = the_alerts(session_factory)
    assert alert.email == ADDRESS and alert.confirmed_at is None and alert.frequency is AlertFrequency.weekly
    assert alert.selection == {"q": "", "filters": {"country": ["CI"], "lang": ["fr"]}}  # the feed's selection
    (message,) = mailbox.to(ADDRESS)
    unsubscribe = link_to(mailbox, "/fr/alertes/desabonnement")
    assert message["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert send(session_factory, settings, taxonomies, search_engine, key) == DigestReport()  # not confirmed: none

    page = link_to(mailbox, "/fr/alertes/confirmer")
    shown = web.get(page)
    assert the_alerts(session_factory)[0].confirmed_at is None  # following the link changes nothing by itself
    web.post(page, data={"csrf_token": csrf_of(shown)})
    (alert,) = the_alerts(session_factory)
    assert alert.confirmed_at is not None and alert.requested_from is None
    assert 'class="notice" role="status"' in answer  # the same answer for every address (see the throttling)

    now = confirmed_a_week_ago(session_factory)
    add(session_factory, "new-ci", now - timedelta(days=1), countries=["CI"])
    add(session_factory, "new-gh", now - timedelta(days=1), countries=["GH"])
    add(session_factory, "old-ci", now - timedelta(days=30), countries=["CI"])
    report = send(session_factory, settings, taxonomies, search_engine, key, now)
    assert report == DigestReport(due=1, sent=1)
    digest = mailbox.body(mailbox.to(ADDRESS)[-1])
    assert "Titre new-ci" in digest and "http://testserver/fr/ressources/new-ci" in digest
    assert "Titre new-gh" not in digest and "Titre old-ci" not in digest
    assert "http://testserver/fr/recherche?country=CI" in digest
    assert mailbox.to(ADDRESS)[-1]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert the_alerts(session_factory)[0].last_sent_at == now

    mails = len(mailbox.messages)
    assert send(session_factory, settings, taxonomies, search_engine, key, now) == DigestReport()  # not due yet
    a_week_on = send(session_factory, settings, taxonomies, search_engine, key, now + timedelta(days=7))
    assert a_week_on == DigestReport(due=1, empty=1)  # nothing new: nothing sent
    assert len(mailbox.messages) == mails

    stop = link_to(mailbox, "/fr/alertes/desabonnement")
    shown = web.get(stop)
    assert shown.status_code == 200 and "<button" in shown.text and the_alerts(session_factory)
    web.post(stop, data={"csrf_token": csrf_of(shown)})
    assert the_alerts(session_factory) == []
    assert web.get(stop).status_code == 200  # followed again: done already


def test_a_mail_client_unsubscribes_in_one_click(
    web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session]
) -> None:
    """RFC 8058: a POST to the List-Unsubscribe address, without cookie or token, deletes the alert."""
    confirmed(web, mailbox)
    stop = link_to(mailbox, "/fr/alertes/desabonnement")
    client = TestClient(web.app)
    answer = client.post(stop, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    assert the_alerts(session_factory) == []


def test_an_altered_link_is_refused(web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session]) -> None:
    ask(web)
    page = link_to(mailbox, "/fr/alertes/confirmer")
    assert web.get(page[:-3]).status_code == 404
    assert web.post(page.replace("desabonnement", "x")[:-3] + "abc").status_code == 404
    stop = link_to(mailbox, "/fr/alertes/desabonnement")
    assert web.post(stop.replace("desabonnement", "confirmer")).status_code == 404  # another purpose's signature
    assert web.post(stop[:-3] + "abc").status_code == 404
    assert the_alerts(session_factory)[0].confirmed_at is None


def test_a_failed_send_is_tried_again(
    web: TestClient,
    mailbox: Mailbox,
    session_factory: sessionmaker[Session],
    settings: Settings,
    taxonomies: Taxonomies,
    search_engine: SearchEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = web.app.state.secret_key  # type: ignore[attr-defined]
    confirmed(web, mailbox)
    now = confirmed_a_week_ago(session_factory)
    add(session_factory, "new-ci", now - timedelta(days=1), countries=["CI"])
    with monkeypatch.context() as patched:
        patched.setattr(mail, "send", lambda *args, **kwargs: False)
        report = send(session_factory, settings, taxonomies, search_engine, key, now)
    assert report == DigestReport(due=1, failed=1)
    assert the_alerts(session_factory)[0].last_sent_at is None  # moves only once sent
    assert send(session_factory, settings, taxonomies, search_engine, key, now) == DigestReport(due=1, sent=1)
    assert "Titre new-ci" in mailbox.body(mailbox.to(ADDRESS)[-1])


def test_a_form_without_its_token_is_refused(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    answer = web.post(FORM, data={"email": ADDRESS, "frequency": "weekly"})
    assert answer.status_code == 403
    assert the_alerts(session_factory) == []


def test_a_wrong_address_is_said_next_to_its_field(
    web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session]
) -> None:
    answer = post_form(web, FORM, email="awa-at-example", frequency="monthly")
    assert answer.status_code == 422
    assert 'id="e-email"' in answer.text and 'aria-invalid="true"' in answer.text
    assert 'id="e-frequency"' in answer.text
    assert 'value="awa-at-example"' in answer.text  # what was typed, kept
    assert the_alerts(session_factory) == [] and mailbox.messages == []


def test_an_unknown_filter_value_is_refused(web: TestClient) -> None:
    assert web.get("/fr/alertes?country=Wakanda").status_code == 422


def test_an_unknown_filter_value_is_said_in_the_page_s_words(
    web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session]
) -> None:
    """Not the API's English problem (« risk: unknown value 'nope': see /v1/taxonomies/risks »): the filter's label
    in the page's language, its value, and the search without it to ask from again; no form."""
    french = web.get("/fr/alertes?country=CI&risk=nope")
    assert french.status_code == 422
    assert "Risque\u00a0: nope" in french.text and "/v1/taxonomies" not in french.text
    assert 'href="/fr/recherche?country=CI"' in french.text and 'name="email"' not in french.text
    english = web.get("/en/alerts?q=cocoa&country=CI&risk=nope&lang=xx")
    assert english.status_code == 422
    assert "This search link holds unknown filters (Risk: nope; Language: xx)." in english.text
    assert "Search again from the search page." in english.text
    assert 'href="/en/search?q=cocoa&amp;country=CI"' in english.text and "/v1/taxonomies" not in english.text
    sent = post_form(web, FORM, "/fr/alertes?country=CI&risk=nope", email=ADDRESS, frequency="weekly")
    assert sent.status_code == 422 and "Risque\u00a0: nope" in sent.text
    assert the_alerts(session_factory) == [] and mailbox.messages == []


def test_a_sheet_and_a_risk_lead_to_the_alert_of_their_subject(
    loaded: None, web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """A country's sheet, a product's sheet, a risk's « where to start » (its filter, or its name typed): the alert
    of that country, product or risk in the page's language; another resource's page has none."""
    cote_d_ivoire = web.get("/fr/ressources/cote-d-ivoire").text
    assert '<a href="/fr/alertes?country=CI&amp;lang=fr">' in cote_d_ivoire
    english = web.get("/en/resources/cote-d-ivoire").text
    assert '<a href="/en/alerts?country=CI&amp;lang=en">Get new resources by email: Côte d&#39;Ivoire</a>' in english
    add(session_factory, "commodity-cocoa", utcnow(), type="risk_sheet", sectors=["cocoa"])
    assert '<a href="/fr/alertes?sector=cocoa&amp;lang=fr">' in web.get("/fr/ressources/commodity-cocoa").text
    assert "/fr/alertes" not in web.get("/fr/ressources/method-risk-mapping").text
    add(session_factory, "law-ilo-c029", utcnow(), risks=["forced-labour"])  # one of forced labour's essentials
    for search in ({"risk": "forced-labour"}, {"q": "travail forcé"}):
        landing = web.get("/fr/recherche", params=search).text
        assert '<a href="/fr/alertes?risk=forced-labour&amp;lang=fr">' in landing, search
    assert web.get("/fr/alertes?risk=forced-labour&lang=fr").status_code == 200


def test_confirmation_mails_are_throttled_without_telling(
    web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    """Past its share an hour, an address gets no more mails, and the answer is the same; past its share, one
    connection is refused (429), which says nothing of any address."""
    answers = {ask(web).split("<main", 1)[-1].replace(csrf_of(web.get(FORM)), "") for _ in range(4)}
    assert len(mailbox.to(ADDRESS)) == settings.alerts_pending_per_address == 3
    assert len(the_alerts(session_factory)) == 3
    assert len({re.sub(r'value="[^"]*"', "", answer) for answer in answers}) == 1  # the same answer
    settings.alerts_pending_per_client = 4
    ask(web, email="other@example.org")
    refused = post_form(web, FORM, email="third@example.org", frequency="daily")
    assert refused.status_code == 429
    assert mailbox.to("third@example.org") == []


def test_an_alert_never_confirmed_is_deleted(
    web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    confirmed(web, mailbox)
    ask(web, email="late@example.org")
    ask(web, email="soon@example.org")
    now = utcnow()
    period = timedelta(days=settings.alerts_unconfirmed_kept_days)
    with session_factory() as session:
        session.execute(update(SearchAlert).values(created_at=now - period - timedelta(days=30)).where(
            SearchAlert.email == ADDRESS))  # fmt: skip
        late = SearchAlert.email == "late@example.org"
        session.execute(update(SearchAlert).values(created_at=now - period - timedelta(seconds=1)).where(late))
        soon = SearchAlert.email == "soon@example.org"
        session.execute(update(SearchAlert).values(created_at=now - period + timedelta(seconds=1)).where(soon))
        session.commit()
        assert retention.purge(session, settings, now=now, dry_run=True) == PurgeReport(unconfirmed_alerts=1)
        assert retention.purge(session, settings, now=now) == PurgeReport(unconfirmed_alerts=1)
        session.commit()
    assert sorted(a.email for a in the_alerts(session_factory)) == [ADDRESS, "soon@example.org"]


def test_the_personal_data_page_says_what_an_alert_keeps(web: TestClient, settings: Settings) -> None:
    settings.alerts_unconfirmed_kept_days = 9
    page = web.get("/en/personal-data").text
    assert 'id="alerts"' in page and "Email alerts" in page
    assert "unconfirmed, it is deleted after 9 days" in page


def test_the_digests_run_with_the_daily_purge_and_by_hand(
    web: TestClient,
    mailbox: Mailbox,
    session_factory: sessionmaker[Session],
    settings: Settings,
    taxonomies: Taxonomies,
    search_engine: SearchEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One chore of the drain's loop among others, each in turn; `crv alerts send --dry-run` counts them."""
    called: list[str] = []
    chores(lambda: called.append("purge"), lambda: called.append("alerts"))()
    assert called == ["purge", "alerts"]

    key = web.app.state.secret_key  # type: ignore[attr-defined]
    confirmed(web, mailbox)
    now = confirmed_a_week_ago(session_factory)
    add(session_factory, "new-ci", now - timedelta(days=1), countries=["CI"])
    monkeypatch.setattr(cli_alerts, "get_settings", lambda: settings)
    dry = CliRunner().invoke(cli.app, ["alerts", "send", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would send: 1 due alert(s): 1 digest(s)" in dry.output
    assert the_alerts(session_factory)[0].last_sent_at is None
    digests = alert_digests.AlertDigests(session_factory, settings, taxonomies, search_engine, key, clock=lambda: 0.0)
    assert digests() == DigestReport(due=1, sent=1)
    assert digests() is None  # not due again within the hour


def test_the_search_page_leads_to_the_alert_of_its_selection(loaded: None, web: TestClient) -> None:
    """Next to the feed, with the same selection as the feed's address (its words, filters and language)."""
    page = web.get("/fr/recherche", params={"q": "cacao", "country": "CI"}).text
    assert 'href="/v1/feed.atom?q=cacao&amp;country=CI&amp;lang=fr"' in page
    assert 'href="/fr/alertes?q=cacao&amp;country=CI&amp;lang=fr"' in page
    form = web.get("/fr/alertes?q=cacao&country=CI&lang=fr")
    assert form.status_code == 200 and "«\u00a0cacao\u00a0»" in form.text  # the search in words, as its feed's title


def test_an_alert_of_words_lists_what_the_engine_finds_for_them(
    loaded: None,
    web: TestClient,
    mailbox: Mailbox,
    session_factory: sessionmaker[Session],
    settings: Settings,
    taxonomies: Taxonomies,
    search_engine: SearchEngine,
) -> None:
    """Words only, no filter: the digest lists the new resource the engine matches, not the new one it does not."""
    key = web.app.state.secret_key  # type: ignore[attr-defined]
    confirmed(web, mailbox, form="/fr/alertes?q=briqueteries")
    (alert,) = the_alerts(session_factory)
    assert alert.selection == {"q": "briqueteries", "filters": {}}
    now = confirmed_a_week_ago(session_factory)
    add(session_factory, "new-bricks", now - timedelta(days=1), summary="La servitude pour dettes des briqueteries.")
    add(session_factory, "new-cocoa", now - timedelta(days=1), summary="Le cacao de Côte d’Ivoire.")
    rebuild_index(session_factory, search_engine, taxonomies)
    assert send(session_factory, settings, taxonomies, search_engine, key, now) == DigestReport(due=1, sent=1)
    digest = mailbox.body(mailbox.to(ADDRESS)[-1])
    assert "Titre new-bricks" in digest and "Titre new-cocoa" not in digest
    assert "http://testserver/fr/recherche?q=briqueteries" in digest


MANAGE = "/fr/alertes/gerer"


def manage_on(web: TestClient, page: str, **data: str) -> Response:
    return web.post(page, data={"csrf_token": csrf_of(web.get(page)), **data})


def test_every_alert_mail_carries_the_manage_link(
    web: TestClient,
    mailbox: Mailbox,
    session_factory: sessionmaker[Session],
    settings: Settings,
    taxonomies: Taxonomies,
    search_engine: SearchEngine,
) -> None:
    key = web.app.state.secret_key  # type: ignore[attr-defined]
    confirmed(web, mailbox)
    assert web.get(link_to(mailbox, MANAGE)).status_code == 200  # the confirmation's
    now = confirmed_a_week_ago(session_factory)
    add(session_factory, "new-ci", now - timedelta(days=1), countries=["CI"])
    assert send(session_factory, settings, taxonomies, search_engine, key, now) == DigestReport(due=1, sent=1)
    page = web.get(link_to(mailbox, MANAGE))  # the digest's own link
    assert page.status_code == 200 and "Côte d’Ivoire" in page.text


def test_the_manage_page_lists_and_changes_only_the_address_s_confirmed_alerts(
    web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session]
) -> None:
    """Its confirmed alerts only (not one still unconfirmed, not another address's); a frequency changed, a wrong
    one said next to its alert; one stopped; all stopped only once the box is ticked."""
    confirmed(web, mailbox)
    confirmed(web, mailbox, form="/fr/alertes?sector=cocoa&lang=fr")
    confirmed(web, mailbox, "other@example.org", "/fr/alertes?country=GH&lang=fr")
    ask(web, form="/fr/alertes?country=ML&lang=fr")  # unconfirmed
    page = link_to(mailbox, MANAGE)
    shown = web.get(page)
    assert shown.status_code == 200 and ADDRESS in shown.text
    assert shown.text.count('class="managed-alert"') == 2
    assert "Côte d’Ivoire" in shown.text and "Ghana" not in shown.text and "Mali" not in shown.text
    mine = [a for a in the_alerts(session_factory) if a.email == ADDRESS and a.confirmed_at is not None]
    first, second = mine
    (theirs,) = [a for a in the_alerts(session_factory) if a.email == "other@example.org"]

    changed = manage_on(web, page, action="frequency", alert=str(first.id), frequency="daily")
    assert changed.status_code == 200 and 'class="notice"' in changed.text
    assert {a.id: a.frequency for a in the_alerts(session_factory)}[first.id] is AlertFrequency.daily
    wrong = manage_on(web, page, action="frequency", alert=str(first.id), frequency="monthly")
    assert wrong.status_code == 422 and f'id="e-frequency-{first.id}"' in wrong.text
    not_mine = manage_on(web, page, action="stop", alert=str(theirs.id))  # another address's: nothing happens
    assert not_mine.status_code == 200 and len(the_alerts(session_factory)) == 4

    stopped = manage_on(web, page, action="stop", alert=str(second.id))
    assert stopped.status_code == 200 and second.id not in {a.id for a in the_alerts(session_factory)}
    unticked = manage_on(web, page, action="stop_all")
    assert unticked.status_code == 422 and 'id="e-confirm"' in unticked.text
    assert len(the_alerts(session_factory)) == 3
    everything = manage_on(web, page, action="stop_all", confirm="yes")
    assert everything.status_code == 200
    assert [a.email for a in the_alerts(session_factory)] == ["other@example.org"]


def test_an_altered_or_expired_manage_link_is_refused_in_the_page_s_language(
    web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session]
) -> None:
    key = web.app.state.secret_key  # type: ignore[attr-defined]
    confirmed(web, mailbox)
    page = link_to(mailbox, MANAGE)
    assert web.get(page[:-3]).status_code == 404
    forged = alert_management.token(key, "other@example.org").split(".")
    mine = page.split("t=")[1].split(".")[0]
    altered = web.get("/en/alerts/manage", params={"t": f"{mine}.{forged[1]}.{forged[2]}"})  # another's signature
    assert altered.status_code == 404 and "This link is not valid" in altered.text and 'lang="en"' in altered.text
    posted = web.post(
        page[:-3] + "abc", data={"csrf_token": csrf_of(web.get(page)), "action": "stop_all", "confirm": "yes"}
    )
    assert posted.status_code == 404
    old = alert_management.token(key, ADDRESS, now=utcnow() - timedelta(days=alert_management.LINK_DAYS + 1))
    expired = web.get("/en/alerts/manage", params={"t": old})
    assert expired.status_code == 410 and "This link has expired." in expired.text and 'lang="en"' in expired.text
    assert web.get(MANAGE, params={"t": old}).status_code == 410
    assert len(the_alerts(session_factory)) == 1


def test_the_manage_link_is_mailed_to_known_addresses_only_with_the_same_answer(
    web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    """Asked from the alerts' page: the same page for an address with confirmed alerts, one without, and one past its
    share of mails this hour; the mail only to the first, within its share; a connection past its share is
    refused (429)."""
    confirmed(web, mailbox)
    ask(web, email="pending@example.org")  # unconfirmed: no link for it
    form = web.get("/fr/alertes")
    assert 'action="/fr/alertes/lien-de-gestion"' in form.text and 'id="f-manage-email"' in form.text
    mails = len(mailbox.messages)

    def request(email: str) -> str:
        answer = post_form(web, "/fr/alertes", "/fr/alertes/lien-de-gestion", email=email)
        assert answer.status_code == 200, answer.text
        return re.sub(r'value="[^"]*"', "", answer.text.split("<main", 1)[-1])

    answers = {request(email) for email in (ADDRESS, "nobody@example.org", "pending@example.org")}
    assert len(answers) == 1 and 'class="notice" role="status"' in answers.pop()
    assert len(mailbox.messages) == mails + 1
    assert web.get(link_to(mailbox, MANAGE)).status_code == 200
    for _ in range(settings.alerts_pending_per_address):
        request(ADDRESS)
    assert len(mailbox.to(ADDRESS)) - 1 == settings.alerts_pending_per_address  # its confirmation, then its share
    wrong = post_form(web, "/fr/alertes/lien-de-gestion", email="awa-at-example")
    assert wrong.status_code == 422 and 'id="e-email"' in wrong.text
    settings.alerts_pending_per_client = 6
    assert post_form(web, "/fr/alertes/lien-de-gestion", email=ADDRESS).status_code == 429


def test_the_manage_forms_without_their_token_are_refused(
    web: TestClient, mailbox: Mailbox, session_factory: sessionmaker[Session]
) -> None:
    confirmed(web, mailbox)
    page = link_to(mailbox, MANAGE)
    assert web.post(page, data={"action": "stop_all", "confirm": "yes"}).status_code == 403
    assert web.post("/fr/alertes/lien-de-gestion", data={"email": ADDRESS}).status_code == 403
    assert len(the_alerts(session_factory)) == 1
