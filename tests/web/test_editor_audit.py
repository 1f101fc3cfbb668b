"""What an editor of the centre (Élise) found on the desk, each fixed and checked as she met it: a title corrected
whose typo stayed in the address; an older published resource out of reach; a sending back silent about what she had
corrected; a queue cut without a word; « Comparez » with nothing to compare; a new editor landing on the partners'
welcome; French wordings.

The new sentences are checked through the catalogs (``gettext("fr", …)``): the English id until their French is
merged, the French after; what was already translated is checked as it reads."""

import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.models import ResourceRevision, Role
from app.routers import desk
from app.routers.desk_correct import ADDRESS_NOT_FOLLOWING
from app.services import desk_queue, editorial_checks
from app.services.publishing import slug_after_retitling, slugify
from app.taxonomy import TaxonomyName, load_taxonomies
from app.web import notifications
from tests.web.helpers import PASSWORD, Mailbox, csrf_of, make_person, signed_in
from tests.web.test_portal import GOOD, NEW

TYPO = "Audit social dans la filière textille"
FIXED = "Audit social dans la filière textile"
KEY = "audit-social-dans-la-filiere-textille"  # its translation key (its id), made from the title as typed
RID = f"{KEY}.fr"
ITEM = f"/fr/redaction/{RID}"
CORRECT = f"{ITEM}/corriger"


def submit(partner: TestClient, **changes: object) -> None:
    """A new resource, submitted as the portal's form sends it (its key and address left to the title)."""
    data = {"csrf_token": csrf_of(partner.get(NEW)), **dict(GOOD, title=TYPO, action="submit"), **changes}
    assert partner.post(NEW, data=data, follow_redirects=False).status_code == 303


def resubmit(partner: TestClient, rid: str = RID, **changes: object) -> None:
    """Its organisation changes it and submits it again, the form as it came (its address as it was)."""
    page = partner.get(f"/fr/espace-partenaire/ressources/{rid}")
    slug = page.text.split('name="slug" type="text" value="')[1].split('"')[0]
    version = page.text.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "version": version, "slug": slug, **dict(GOOD, action="submit"), **changes}
    answer = partner.post(f"/fr/espace-partenaire/ressources/{rid}", data=data, follow_redirects=False)
    assert answer.status_code == 303, answer.text


def hidden(page: httpx.Response) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.text))


def correct(editor: TestClient, **changes: object) -> tuple[httpx.Response, httpx.Response]:
    """The correction form as the browser sends it: every field as prefilled (its address too), ``changes`` over
    them; the form opened, and the answer."""
    form = editor.get(CORRECT)
    slug = form.text.split('name="slug" type="text" value="')[1].split('"')[0]
    fields = {name: hidden(form)[name] for name in ("csrf_token", "version", "revision")}
    data = {**fields, **dict(GOOD, title=TYPO, slug=slug, action="save"), **changes}
    return form, editor.post(CORRECT, data=data, follow_redirects=False)


def decide(editor: TestClient, url: str, decision: str, **data: str) -> httpx.Response:
    page = editor.get(url)
    fields = {name: value for name, value in hidden(page).items() if name in ("csrf_token", "version", "revision")}
    return editor.post(url, data={**fields, "decision": decision, **data}, follow_redirects=False)


def latest(session_factory: sessionmaker[Session], rid: str = RID) -> ResourceRevision:
    with session_factory() as session:
        return session.scalars(
            select(ResourceRevision)
            .where(ResourceRevision.resource_id == rid)
            .order_by(ResourceRevision.number.desc())
            .limit(1)
        ).one()


# 1. A title corrected, its address with it (never published) or warned about (published: it is cited)


def test_the_address_of_a_resource_never_published_follows_its_corrected_title(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    assert latest(session_factory).data["slug"] == KEY  # made from the title, typo and all
    form, saved = correct(editor, title=FIXED)
    assert f'value="{KEY}"' in form.text and 'id="address-kept"' not in form.text  # nothing published to keep
    assert saved.status_code == 303, saved.text
    assert latest(session_factory).data["slug"] == "audit-social-dans-la-filiere-textile"
    item = editor.get(ITEM).text
    assert "/fr/ressources/audit-social-dans-la-filiere-textile</code>" in item  # the address it will have
    assert decide(editor, ITEM, "approve").status_code == 303
    assert web.get("/fr/ressources/audit-social-dans-la-filiere-textile").status_code == 200
    assert web.get(f"/fr/ressources/{KEY}").status_code == 404  # never public: nothing cites it


def test_an_address_someone_chose_stays_when_the_title_is_corrected(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner, slug="audit-textile-2024")  # the organisation's own choice
    assert correct(editor, title=FIXED)[1].status_code == 303
    assert latest(session_factory).data["slug"] == "audit-textile-2024"
    # the editor's own address, typed with the corrected title, is theirs
    assert correct(editor, title=TYPO, slug="audit-du-textile")[1].status_code == 303
    assert latest(session_factory).data["slug"] == "audit-du-textile"


def test_the_rule_of_the_address_after_a_corrected_title() -> None:
    before = {"title": TYPO, "slug": KEY}
    assert slug_after_retitling(before, KEY, FIXED) == slugify(FIXED)
    assert slug_after_retitling(before, "", FIXED) == slugify(FIXED)  # left blank: as if untouched
    assert slug_after_retitling(before, None, FIXED) == slugify(FIXED)
    assert slug_after_retitling(before, "another", FIXED) is None  # typed by someone: theirs
    assert slug_after_retitling(before, KEY, TYPO) is None  # the title unchanged
    assert slug_after_retitling({"title": TYPO, "slug": "chosen"}, "chosen", FIXED) is None  # chosen before
    assert slug_after_retitling(before, KEY, "!!!") is None  # nothing to make an address of


def test_a_published_resource_keeps_its_address_and_the_editor_is_warned(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    assert decide(editor, ITEM, "approve").status_code == 303  # live at …-textille, which may be cited now
    resubmit(partner, title=TYPO, summary="Des audits sociaux dans les ateliers, résumé revu.")
    form, saved = correct(editor, title=FIXED)
    assert 'id="address-kept"' in form.text  # said beside the address from the start: it is published
    assert saved.status_code == 303
    assert latest(session_factory).data["slug"] == KEY  # never changed silently
    derived = "audit-social-dans-la-filiere-textile"
    # the desk says it before the editor approves: the address still carries the old title
    stale = gettext("fr", editorial_checks.STALE_ADDRESS, slug=KEY, derived=derived)
    assert '<li class="check-caution">' in checks_of(editor) and stale in checks_of(editor)
    # and the form, beside the field, says the address does not follow its title
    reopened = editor.get(CORRECT).text
    note = reopened.split('<p class="caution" id="address-kept">')[1].split("</p>")[0]
    assert note == gettext("fr", ADDRESS_NOT_FOLLOWING, slug=KEY, derived=derived)
    # the editor changes it there, knowingly: the old address will lead to the new
    assert correct(editor, title=FIXED, slug=derived)[1].status_code == 303
    assert latest(session_factory).data["slug"] == derived
    assert stale not in checks_of(editor) and derived in checks_of(editor)  # « its address changes from … »


def checks_of(editor: TestClient) -> str:
    """The desk's list of what the submission shows before approving."""
    return editor.get(ITEM).text.split('<ul class="checks">')[1].split("</ul>")[0]


# 2. An older published resource is reached from the desk; one taken off the site says so


def test_the_desk_finds_any_resource_ever_submitted_by_title_words_or_id(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    other = signed_in(web, session_factory, "ong-b", "bob@ong-b.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    assert decide(editor, ITEM, "approve").status_code == 303
    # a draft never submitted is its organisation's alone
    data = {"csrf_token": csrf_of(other.get(NEW)), **dict(GOOD, title="Brouillon textille", action="save")}
    assert other.post(NEW, data=data, follow_redirects=False).status_code == 303
    queue = editor.get("/fr/redaction").text
    assert 'role="search"' in queue and 'name="q"' in queue
    for words in ("TEXTILLE social", RID, "filiere-textille"):  # any case, words in any order; its id
        found = editor.get("/fr/redaction", params={"q": words}).text.split('<h3 id="found">')[1].split("</table>")[0]
        assert f'<a href="/fr/redaction/{RID}" lang="fr">{TYPO}</a>' in found, words
        assert f'<span class="state">{gettext("fr", "published")}</span>' in found
        assert "Brouillon" not in found
    none = editor.get("/fr/redaction", params={"q": "%"}).text  # as typed, not a wildcard
    assert gettext("fr", "No resource ever submitted has these words in its title or its id.") in none
    # its desk page, from the results: what became of it, and taking it off the site
    page = editor.get(f"/fr/redaction/{RID}")
    assert page.status_code == 200 and 'value="unpublish"' in page.text


def test_the_search_reads_the_database_alike_on_every_engine(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    submit(partner, title="Le 100_% coton")
    with session_factory() as session:
        assert [f.title for f in desk_queue.search(session, "100_%")] == ["Le 100_% coton"]
        assert desk_queue.search(session, "100x") == [] and desk_queue.search(session, "  ") == []


def test_taken_off_the_site_it_no_longer_reads_published_in_the_recent_list(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    assert decide(editor, ITEM, "approve").status_code == 303

    def recent() -> str:
        page = editor.get("/fr/redaction").text
        return page.split('<h2 id="published-lately">')[1].split("</table>")[0]

    assert f'<span class="state">{gettext("fr", "published")}</span>' in recent()
    assert decide(editor, ITEM, "unpublish", reason="La source a disparu.").status_code == 303
    row = recent()
    assert TYPO in row  # still listed: published in the last 30 days
    taken = gettext("fr", "taken off the site by the editors")
    assert f'<span class="state">{taken}</span>' in row
    assert f'<span class="state">{gettext("fr", "published")}</span>' not in row


# 3. The sending back names the fields corrected, as the approval does


def test_sent_back_after_a_correction_the_mail_and_the_portal_name_the_fields(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    assert correct(editor, title=FIXED, sectors=["cocoa", "gold"])[1].status_code == 303
    assert decide(editor, ITEM, "send_back", reason="Citez le rapport d’audit.").status_code == 303
    mail = mailbox.to("awa@ong-a.org")[-1]
    assert mailbox.subject(mail).startswith("À reprendre")
    body = mailbox.body(mail).replace("\r\n", "\n")
    portal = f"http://testserver/fr/espace-partenaire/ressources/{RID}"
    # the address followed the corrected title (never published): named too
    told = gettext("fr", notifications.CORRECTED_SENT_BACK, fields="titre, secteurs, adresse de la page", link=portal)
    assert told in body and "Citez le rapport d’audit." in body, body
    # her page in the portal marks the revision sent back as the editors' correction
    page = partner.get(f"/en/partner/resources/{RID}").text
    assert re.search(r"<tr><td>2</td><td>changes requested · corrected by the editors</td>", page)
    # and her form starts from the corrected version: the corrections are kept
    assert f'value="{FIXED}"' in partner.get(f"/fr/espace-partenaire/ressources/{RID}").text


def test_sent_back_without_a_correction_the_mail_names_none(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    assert decide(editor, ITEM, "send_back", reason="Citez le rapport.").status_code == 303
    body = mailbox.body(mailbox.to("awa@ong-a.org")[-1])
    assert "corrigé" not in body and "corrected" not in body


# 4. A queue cut says how many wait in all


def test_a_queue_cut_says_how_many_wait(
    web: TestClient, session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    submit(partner, title="Une seconde ressource, soumise après")
    said = (
        "The %(shown)s submissions waiting longest are shown, of %(total)s waiting in all: the others come up as "
        "these are decided. Find one by its title or id below."
    )
    cut = gettext("fr", said, shown=1, total=2)
    assert 'id="queue-cut"' not in editor.get("/fr/redaction").text  # all shown: nothing to say
    monkeypatch.setattr(desk, "SHOWN", 1)
    page = editor.get("/fr/redaction").text
    assert cut in page and TYPO in page and "Une seconde ressource" not in page  # the oldest first


# 5. A first submission has nothing to compare with: its mail does not say « compare »


def test_the_editors_mail_says_compare_only_when_there_is_something_to_compare(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    first = mailbox.body(mailbox.to("elise@crv.org")[-1]).replace("\r\n", "\n")
    link = f"http://testserver/fr/redaction/{RID}"
    said = {"name": "Elise", "publisher": "Ong A", "title": TYPO, "link": link}
    assert gettext("fr", notifications.EDITOR_MAILS[desk_queue.Kind.new][1], **said) in first
    assert "Comparez" not in first and "Compare" not in first
    assert decide(editor, ITEM, "approve").status_code == 303
    resubmit(partner, title=TYPO, summary="Un résumé revu pour la mise à jour.")
    update = mailbox.body(mailbox.to("elise@crv.org")[-1]).replace("\r\n", "\n")
    # an update: the published version to compare with
    assert gettext("fr", notifications.EDITOR_MAILS[desk_queue.Kind.update][1], **said) in update


# 6. A new editor lands on the desk, told where to start (a partner keeps the portal: test_accounts)


def test_an_editor_choosing_their_first_password_lands_on_the_desk(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    token = make_person(session_factory, "crv", "elise@crv.org", Role.editor, password=None)
    browser = TestClient(web.app)
    page = browser.get(f"/fr/mot-de-passe?token={token}")
    data = {"csrf_token": csrf_of(page), "token": token, "password": PASSWORD, "confirmation": PASSWORD}
    chosen = browser.post("/fr/mot-de-passe", data=data, follow_redirects=False)
    assert chosen.status_code == 303 and chosen.headers["location"] == "/fr/redaction?notice=welcome"
    landed = browser.get(chosen.headers["location"]).text
    assert gettext("fr", desk.NOTICES["welcome"]) in landed.replace("&#39;", "'")
    assert gettext("fr", "Welcome: your password is saved and you are signed in. To publish") not in landed


# 7. French wordings


def test_empty_lists_on_the_desk_are_said_in_their_own_words(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)  # no region, no audience
    page = editor.get(ITEM).text
    for label, empty in (("Régions", "no region named"), ("Destiné à", "no audience named")):
        assert f'<dt>{label}</dt><dd><span class="muted">{gettext("fr", empty)}</span></dd>' in page
    assert '<span class="muted">aucun</span>' not in page
    english = editor.get(f"/en/editorial/{RID}").text
    assert '<dt>Regions</dt><dd><span class="muted">no region named</span></dd>' in english


def test_greenland_is_groenland_in_french() -> None:
    countries = load_taxonomies(Path("content"))[TaxonomyName.countries]
    assert countries["GL"].label("fr") == "Groenland" and countries["GL"].label("en") == "Greenland"
    assert "Groënland" in countries["GL"].synonyms  # still found as pycountry spells it


def test_the_portal_keeps_a_space_between_a_reason_and_the_link_after_it(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    reason = "Joignez le rapport (.pdf)."
    assert decide(editor, ITEM, "send_back", reason=reason).status_code == 303
    page = partner.get(f"/fr/espace-partenaire/ressources/{RID}").text
    assert re.search(r"\(\.pdf\)\.\s+· <a href=", page), page.split(reason)[1][:200]
    # published, the link to its public page comes first: a space before each dot still
    resubmit(partner, title=TYPO)
    assert decide(editor, ITEM, "approve").status_code == 303
    page = partner.get(f"/fr/espace-partenaire/ressources/{RID}").text
    assert re.search(r"Page publique</a>\s+· <a href=", page), page


def address_of(partner: TestClient, rid: str = RID) -> str:
    page = partner.get(f"/fr/espace-partenaire/ressources/{rid}")
    return page.text.split('name="slug" type="text" value="')[1].split('"')[0]


def test_a_partner_correcting_the_title_of_a_resource_never_published_carries_its_address_along(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The portal's save is the desk's correction's rule: the form sends the address as it came, made from the
    typo; once published, the address stays (it may be cited) whatever the title becomes."""
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit(partner)
    assert address_of(partner) == slugify(TYPO)
    resubmit(partner, title=FIXED)
    assert address_of(partner) == slugify(FIXED)
    assert decide(editor, ITEM, "approve").status_code == 303
    resubmit(partner, title="Audit social dans la filière textile et cuir")
    assert address_of(partner) == slugify(FIXED)
