"""Security of the portal and the desk: organisations are walled off from each other's drafts, every form needs its
CSRF token, and markup typed into any field stays inert on every page (portal, desk, public page, search API)."""

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from app.services.sync import OutboxDrain
from tests.web.helpers import csrf_of, signed_in
from tests.web.test_portal import GOOD, NEW

XSS = '"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
RID = "suivi-communautaire-des-enfants-dans-les-cooperatives.fr"


def create(client: TestClient, action: str = "save", **changes: object) -> str:
    page = client.get(NEW)
    response = client.post(
        NEW, data={"csrf_token": csrf_of(page), **dict(GOOD, action=action, **changes)}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return response.headers["location"].split("/ressources/")[1].split("?")[0]


def test_an_organisation_never_sees_another_ones_drafts(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    bob = signed_in(web, session_factory, "ong-b", "bob@ong-b.org", Role.admin)
    rid = create(alice, action="submit")
    base = f"/fr/espace-partenaire/ressources/{rid}"
    assert "Suivi communautaire" not in bob.get("/fr/espace-partenaire").text
    for url in (base, f"{base}/revisions/1/diff", f"{NEW}?translation_of={rid}", f"/en/partner/resources/{rid}"):
        response = bob.get(url)
        assert response.status_code == 404, url
        assert "Suivi communautaire" not in response.text and "ménages" not in response.text
    token = csrf_of(bob.get("/fr/espace-partenaire"))
    overwrite = bob.post(base, data={"csrf_token": token, "version": "2", **dict(GOOD, title="Pris par B")})
    assert overwrite.status_code == 404
    # the same key, in either language, answers as if it were free: B's own draft, A's untouched and unseen
    for language in ("en", "fr"):
        mine = bob.post(
            NEW,
            data={
                "csrf_token": token,
                **dict(GOOD, title="Brouillon de B", language=language, translation_key=rid.split(".")[0]),
            },
            follow_redirects=False,
        )
        assert mine.status_code == 303
        own_id = f"{rid.split('.')[0]}.{language}"
        assert mine.headers["location"] == f"/fr/espace-partenaire/ressources/{own_id}?notice=saved"
        page = bob.get(mine.headers["location"])
        assert page.status_code == 200 and "Brouillon de B" in page.text
        assert "Suivi communautaire" not in page.text and "~" not in page.text
    assert bob.get("/fr/redaction").status_code == 403  # an admin of a partner is no editor
    assert "Suivi communautaire" in alice.get(base).text


def test_portal_and_desk_forms_refuse_a_missing_or_wrong_token(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    rid = create(alice, action="submit")
    other_browser = csrf_of(TestClient(web.app).get("/fr/connexion"))
    posts = [
        (alice, NEW, dict(GOOD, action="save", title="Autre")),
        (alice, f"/fr/espace-partenaire/ressources/{rid}", dict(GOOD, version="2")),
        (alice, "/fr/espace-partenaire/apercu", {"body": "x"}),
        (editor, f"/fr/redaction/{rid}/approve", {"version": "2"}),
        (editor, f"/fr/redaction/{rid}/reject", {"version": "2", "reason": "non"}),
    ]
    for client, url, data in posts:
        assert client.post(url, data=data).status_code == 403, url
        assert client.post(url, data={"csrf_token": other_browser, **data}).status_code == 403, url
    assert "soumise" in alice.get("/fr/espace-partenaire").text  # nothing happened


class _Live(HTMLParser):
    """What a browser would run: event-handler attributes, javascript: links, scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        self._in_script = tag == "script"
        self._json = dict(attrs).get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "__pwned" in data and (not self._json or "<" in data):
            self.found.append(data)


def _inert(html: str) -> None:
    parser = _Live()
    parser.feed(html)
    assert parser.found == []


def test_markup_in_every_field_is_inert_everywhere(
    web: TestClient, session_factory: sessionmaker[Session], search_engine: object, taxonomies: object
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    hostile = {
        "title": f"Cacao {XSS}",
        "summary": f"Résumé {XSS}",
        "body": f'Corps {XSS}\n\n<b onclick="window.__pwned=3">gras</b> [lien](javascript:window.__pwned=4)',
        "source_title": [f"Source {XSS}", ""],
        "translation_key": "cacao-hostile",
    }
    # fields with a closed vocabulary refuse markup outright, and say so without echoing it as HTML
    refused = alice.post(
        NEW,
        data={
            "csrf_token": csrf_of(alice.get(NEW)),
            **dict(GOOD, countries=[XSS], licence=XSS, slug=XSS, type=XSS, action="save"),
        },
    )
    assert refused.status_code == 422
    _inert(refused.text)
    rid = create(alice, action="submit", **hostile)
    pages = [
        alice.get("/fr/espace-partenaire"),
        alice.get(f"/fr/espace-partenaire/ressources/{rid}"),
        editor.get("/fr/redaction"),
        editor.get(f"/fr/redaction/{rid}"),
    ]
    item = pages[-1]
    version = item.text.split('name="version" value="')[1].split('"')[0]
    approved = editor.post(
        f"/fr/redaction/{rid}/approve", data={"csrf_token": csrf_of(item), "version": version}, follow_redirects=False
    )
    assert approved.status_code == 303
    public = TestClient(web.app)
    page = public.get("/fr/ressources/cacao-script-window-pwned-1-script-img-src-x-onerror-window-pwned-2")
    if page.status_code == 404:  # the slug is derived from the title: find it
        slug = re.search(r"/fr/ressources/([a-z0-9-]+)", editor.get(f"/fr/espace-partenaire/ressources/{rid}").text)
        assert slug
        page = public.get(f"/fr/ressources/{slug.group(1)}")
    assert page.status_code == 200
    pages.append(page)
    for response in pages:
        _inert(response.text)
    # the search API (what the widget shows) escapes highlights and returns text fields as data
    OutboxDrain(web.app.state.session_factory, web.app.state.search, web.app.state.taxonomies).drain_all()
    hits = public.get("/v1/search", params={"q": "cacao"}).json()["hits"]
    [hit] = [h for h in hits if h["id"] == rid]
    for value in hit["highlights"].values():
        assert "<script" not in value and "<img" not in value
