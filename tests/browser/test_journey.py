"""The whole journey in Chromium, with mail through a real SMTP server: an NGO's admin invites a colleague, who
sets a password, drafts a good practice in French and its English translation, previews and submits them; the
centre's editor gets the mail, compares and approves; the NGO gets the mail; public search finds the practice and
its page credits the NGO."""

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, update

from app.i18n import gettext
from app.main import create_app
from app.models import OrganisationKind, Role, UserSession
from app.models.base import utcnow
from tests.browser.checks import AXE, check_widths
from tests.browser.conftest import fixture_site, port_of, prepared_database
from tests.helpers import make_org, serving
from tests.web.helpers import PASSWORD, Mailbox, make_person, smtp_server


@dataclass
class Journey:
    url: str
    mailbox: Mailbox
    database_url: str


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journey]:
    work = tmp_path_factory.mktemp("journey")
    with smtp_server() as (mailbox, smtp_port):
        settings = fixture_site(
            work,
            sync_in_process=True,
            sync_interval_seconds=0.2,
            smtp_host="127.0.0.1",
            smtp_port=smtp_port,
            smtp_starttls=False,
        )
        with prepared_database(settings, settings.content_dir) as factory:
            make_org(factory, "crv", OrganisationKind.resource_centre)
            make_org(factory, "ong-cacao", website="https://ong-cacao.example.org")
            make_person(factory, "ong-cacao", "admin@ong-cacao.org", Role.admin)
            make_person(factory, "crv", "redaction@crv.org", Role.editor)
            make_person(factory, "crv", "admin@crv.org", Role.admin)
        with serving(create_app(settings), port_of(settings), "journey-api"):
            yield Journey(settings.public_base_url, mailbox, settings.database_url)


def wait_for_mail(mailbox: Mailbox, to: str, subject_start: str) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for message in mailbox.to(to):
            if str(message["Subject"]).startswith(subject_start):
                return mailbox.body(message)
        time.sleep(0.1)
    raise AssertionError(f"no mail {subject_start!r} to {to}")


def path_of(text: str) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+)", text)
    assert found, text
    return found.group(1)


def sign_in(page: Any, url: str, email: str) -> None:
    page.goto(f"{url}/fr/connexion")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def pick(page: Any, legend: str, search: str, label: str) -> None:
    """Search as you type in a taxonomy picker, then tick the term."""
    picker = page.locator("fieldset.picker", has=page.locator("legend", has_text=legend))
    picker.get_by_role("searchbox").fill(search)
    picker.get_by_label(label, exact=False).first.check()


def fill_practice(page: Any, title: str, summary: str, body: str) -> None:
    page.get_by_label("Titre", exact=True).fill(title)
    page.get_by_label("Résumé").fill(summary)
    page.get_by_label("Texte de la page").fill(body)


def test_from_invitation_to_publication(browser: Any, journey: Journey) -> None:
    url, mailbox = journey.url, journey.mailbox
    ngo = browser.new_context(locale="fr-FR")
    admin = ngo.new_page()
    admin.set_default_timeout(15_000)
    sign_in(admin, url, "admin@ong-cacao.org")
    admin.goto(f"{url}/fr/espace-partenaire/equipe")
    admin.get_by_label("Nom", exact=True).fill("Awa Koné")
    admin.get_by_label("Adresse électronique").fill("awa@ong-cacao.org")
    admin.get_by_role("button", name="Inviter").click()
    admin.get_by_text("Invitation envoyée à awa@ong-cacao.org.").wait_for()
    ngo.close()

    invitation = wait_for_mail(mailbox, "awa@ong-cacao.org", "Votre invitation")
    awa_context = browser.new_context(locale="fr-FR")
    awa = awa_context.new_page()
    awa.set_default_timeout(15_000)
    awa.goto(url + path_of(invitation))
    awa.get_by_label("Mot de passe", exact=False).first.fill(PASSWORD)
    awa.get_by_label("Confirmez le mot de passe").fill(PASSWORD)
    awa.get_by_role("button", name="Enregistrer le mot de passe").click()
    awa.get_by_text("Bienvenue\u00a0: votre mot de passe est enregistré", exact=False).wait_for()  # where to start

    awa.get_by_role("button", name="Nouvelle ressource").click()
    fill_practice(
        awa,
        "Remédiation communautaire dans les coopératives de cacao",
        "Des comités villageois repèrent les enfants au travail et les accompagnent vers l’école.",
        "## Démarche\n\nDes **comités villageois** visitent les ménages.",
    )
    awa.locator("#preview strong", has_text="comités villageois").wait_for()  # the live preview
    pick(awa, "Pays", "Côte", "Côte d’Ivoire")
    pick(awa, "Secteurs", "cacao", "Cacao")
    pick(awa, "Risques", "enfants", "Travail des enfants")
    awa.get_by_label(gettext("fr", "Source %(number)s: title", number=1)).fill("Rapport de l’ONG Cacao (2025)")
    awa.get_by_label(gettext("fr", "Source %(number)s: address (https://…)", number=1)).fill(
        "https://ong-cacao.example.org/rapport-2025"
    )
    awa.locator('input[name="licence"][value="CC-BY-4.0"]').check()
    awa.get_by_role("button", name="Enregistrer le brouillon").click()
    awa.get_by_text("Brouillon enregistré.").wait_for()

    awa.get_by_role("link", name="Ajouter la version anglaise").click()
    fill_practice(
        awa,
        "Community remediation in cocoa cooperatives",
        "Village committees identify working children and help them back to school.",
        "## Approach\n\n**Village committees** visit households.",
    )
    awa.get_by_role("button", name="Aperçu").click()  # the preview that works without JavaScript too
    awa.locator("#preview strong", has_text="Village committees").wait_for()
    awa.get_by_role("button", name="Enregistrer et soumettre").click()
    awa.get_by_text("Soumise").first.wait_for()
    awa.goto(f"{url}/fr/espace-partenaire")
    awa.get_by_role("link", name="Remédiation communautaire dans les coopératives de cacao").click()
    awa.get_by_role("button", name="Enregistrer et soumettre").click()
    awa.get_by_text("l’équipe éditoriale du centre va la relire", exact=False).wait_for()

    to_review = wait_for_mail(mailbox, "redaction@crv.org", "Nouvelle ressource à relire")
    desk_context = browser.new_context(locale="fr-FR")
    editor = desk_context.new_page()
    editor.set_default_timeout(15_000)
    sign_in(editor, url, "redaction@crv.org")
    editor.goto(url + path_of(to_review))
    for _ in range(2):
        editor.get_by_text("Version soumise").wait_for()
        assert "Version publiée" not in editor.content()  # a first publication: the submission, the whole width
        # publishing is public and immediate: two steps, the first only opens the confirmation
        editor.locator("summary", has_text="Approuver et publier").click()
        editor.locator("button[name=decision][value=approve]").click()
        editor.wait_for_url("**/fr/redaction?notice=approved*")
        remaining = editor.locator("table.list a")
        if remaining.count():
            remaining.first.click()
    desk_context.close()

    published = wait_for_mail(mailbox, "awa@ong-cacao.org", "Publiée")
    assert "/resources/" in published
    awa_context.close()

    deadline = time.monotonic() + 15
    hits: list[dict[str, Any]] = []
    while time.monotonic() < deadline and not hits:
        found = httpx.get(f"{url}/v1/search", params={"q": "remédiation communautaire cacao", "lang": "fr"}).json()
        hits = [h for h in found["hits"] if h["title"].startswith("Remédiation communautaire")]
        time.sleep(0.2)
    assert hits, "public search does not find the published practice"
    reader = browser.new_context(locale="fr-FR")
    public = reader.new_page()
    public.goto(hits[0]["url"])
    credit = public.locator("dd.publisher a").first  # its website; then all its resources
    assert credit.inner_text() == "Ong Cacao" and credit.get_attribute("href") == "https://ong-cacao.example.org"
    assert public.locator("dd.licence").inner_text() == "CC BY 4.0 — réutilisation libre, en citant la source"
    reader.close()


def check(page: Any, name: str) -> None:
    """The page's checks at a phone's width, then at the desk's, where the journey goes on; axe once, at 1280 px."""
    check_widths(page, name, (375, 1280), axe_at=(1280,))


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_portal_and_desk_pages_pass_axe_in_both_languages(browser: Any, journey: Journey) -> None:
    url = journey.url
    words = {
        "fr": {"email": "Adresse électronique", "password": "Mot de passe", "sign_in": "Se connecter",
               "new": "Nouvelle ressource", "title": "Titre", "submit": "Enregistrer et soumettre",
               "reject": "Renvoyer pour modification", "approve": "Approuver et publier"},
        "en": {"email": "Email address", "password": "Password", "sign_in": "Sign in",
               "new": "New resource", "title": "Title", "submit": "Save and submit",
               "reject": "Send back for changes", "approve": "Approve and publish"},
    }  # fmt: skip
    paths = {"fr": ("/fr/connexion", "/fr/redaction"), "en": ("/en/sign-in", "/en/editorial")}
    for lang, word in words.items():
        context = browser.new_context(locale=lang, bypass_csp=True)  # axe is injected as an inline script
        page = context.new_page()
        page.set_default_timeout(15_000)
        login, desk = paths[lang]
        page.goto(url + login)
        check(page, f"sign-in-{lang}")
        page.get_by_label(word["email"]).fill("admin@ong-cacao.org")
        page.get_by_label(word["password"]).fill(PASSWORD)
        page.get_by_role("button", name=word["sign_in"]).click()
        page.get_by_role("button", name=word["new"]).wait_for()
        check(page, f"portal-{lang}")
        page.get_by_role("button", name=word["new"]).click()
        page.get_by_label(word["title"], exact=True).wait_for()
        check(page, f"resource-form-{lang}")
        page.get_by_label(word["title"], exact=True).fill("Axe")
        page.get_by_role("button", name=word["submit"]).click()  # a title only: every problem next to its field
        page.locator(".field-error").first.wait_for()
        check(page, f"resource-form-errors-{lang}")
        page.get_by_label(word["title"], exact=True).fill(f"Axe {lang}: registre des plaintes")
        page.locator("#f-summary").fill("Un registre tenu par la coopérative.")
        page.locator("#f-body").fill("## Étapes\n\nTenir un registre.")
        page.locator('input[name="licence"][value="CC-BY-4.0"]').check()
        page.locator("input[name=source_title]").first.fill("Registre")
        page.locator("input[name=source_url]").first.fill("https://ong-cacao.example.org/registre")
        page.get_by_role("button", name=word["submit"]).click()
        page.locator(".notice").wait_for()
        # its latest revision as its public page, then the form of its translation, the original opened
        resource_page = page.url.split("?")[0]
        page.goto(f"{resource_page}/{'apercu' if lang == 'fr' else 'preview'}")
        page.locator(".preview-banner").wait_for()
        check(page, f"partner-preview-{lang}")
        new = "/fr/espace-partenaire/nouvelle-ressource" if lang == "fr" else "/en/partner/new-resource"
        page.goto(f"{url}{new}?translation_of={resource_page.rsplit('/', 1)[1]}")
        page.locator("#original > summary").click()
        page.locator("#original dl").wait_for()
        check(page, f"translation-form-{lang}")
        context.close()

        context = browser.new_context(locale=lang, bypass_csp=True)
        editor = context.new_page()
        editor.set_default_timeout(15_000)
        editor.goto(url + login)
        editor.get_by_label(word["email"]).fill("redaction@crv.org")
        editor.get_by_label(word["password"]).fill(PASSWORD)
        editor.get_by_role("button", name=word["sign_in"]).click()
        editor.goto(url + desk)
        check(editor, f"desk-{lang}")
        editor.get_by_role("link", name=f"Axe {lang}: registre des plaintes").click()
        editor.locator("ul.checks").wait_for()
        check(editor, f"desk-item-{lang}")
        item = editor.url
        # A blank reason: its problem next to the field, the focus on it, the page at the item's address.
        editor.locator("#f-reason").fill("  ")
        editor.get_by_role("button", name=word["reject"]).click()
        editor.locator("#e-reason").wait_for()
        editor.wait_for_function("document.activeElement.id === 'f-reason'")  # the page's script, once it has run
        assert editor.url == item
        # The problem is said first, then the characters left.
        described = (editor.locator("#f-reason").get_attribute("aria-describedby") or "").split()
        assert described[0] == "e-reason", described
        check(editor, f"desk-item-reason-{lang}")
        # Another tab left open on the item while this one approves: its refusal comes too late, and says so.
        other = context.new_page()
        other.set_default_timeout(15_000)
        other.goto(item)
        # the keyboard way: Enter on the summary opens the confirmation, Tab reaches its one button
        editor.locator("summary", has_text=word["approve"]).focus()
        editor.keyboard.press("Enter")
        confirm = editor.locator("button[name=decision][value=approve]")
        confirm.wait_for()
        check(editor, f"desk-item-confirm-{lang}")
        editor.keyboard.press("Tab")
        assert editor.evaluate("document.activeElement.value") == "approve"
        editor.keyboard.press("Enter")
        editor.locator(".notice").wait_for()
        other.locator("#f-reason").fill("Trop tard, ce motif reste ici.")
        other.get_by_role("button", name=word["reject"]).click()
        other.locator("p.caution[role=alert]").wait_for()
        assert other.url == item and other.locator(".kept-reason").inner_text() == "Trop tard, ce motif reste ici."
        if lang == "en":  # the French page says it once the catalogs have the new sentences
            assert "Already approved and published by Redaction: " in other.locator("p.caution").inner_text()
        check(other, f"desk-late-{lang}")
        context.close()


def members(organisation: str) -> str:
    """The French team page's heading, « Membres : <organisation> » (as Playwright reads a name: plain spaces)."""
    return gettext("fr", "Members: %(organisation)s", organisation=organisation).replace("\u00a0", " ")


def team_page(browser: Any, journey: Journey, email: str) -> tuple[Any, Any]:
    """A French browser context signed in as ``email``, on the team page."""
    context = browser.new_context(locale="fr-FR", bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, journey.url, email)
    page.get_by_role("link", name="Équipe").click()
    return context, page


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_an_admin_manages_the_team_in_the_browser(browser: Any, journey: Journey) -> None:
    context, page = team_page(browser, journey, "admin@ong-cacao.org")
    page.get_by_label("Nom", exact=True).fill("Kofi Mensah")
    page.get_by_label("Adresse électronique").fill("kofi@ong-cacao.org")
    page.locator("#f-role").select_option("contributor")
    page.get_by_role("button", name="Inviter").click()
    page.get_by_text("Invitation envoyée à kofi@ong-cacao.org.").wait_for()
    check(page, "team-fr")
    row = page.locator("tr", has_text="kofi@ong-cacao.org")
    row.get_by_label("Rôle de Kofi Mensah", exact=True).select_option("admin")
    row.get_by_role("button", name="Changer le rôle de Kofi Mensah").click()
    page.get_by_text("Le rôle est changé.").wait_for()
    row = page.locator("tr", has_text="kofi@ong-cacao.org")
    row.locator("summary", has_text="Désactiver").click()  # two steps: the first opens the confirmation
    row.get_by_role("button", name="Désactiver le compte de Kofi Mensah").click()
    page.get_by_text("Le compte est désactivé").wait_for()
    assert "désactivé·e" in page.locator("tr", has_text="kofi@ong-cacao.org").inner_text()
    page.get_by_role("link", name="English").click()  # the same page in English
    page.get_by_role("heading", name="Members: Ong Cacao").wait_for()
    check(page, "team-en")
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("heading", name="Your sessions").wait_for()
    check(page, "account-en")
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_the_centres_admin_adds_a_partner_from_the_keyboard(browser: Any, journey: Journey) -> None:
    context, page = team_page(browser, journey, "admin@crv.org")
    page.locator("#f-org_name").focus()
    page.keyboard.type("Syndicat des planteurs")
    page.keyboard.press("Tab")  # the kind, left unchosen
    page.keyboard.press("Tab")
    page.keyboard.type("http://planteurs.example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Yao Kouassi")
    page.keyboard.press("Tab")
    page.keyboard.type("admin@ong-cacao.org")  # has an account
    page.keyboard.press("Enter")  # submits the form it is in
    page.locator("#e-org_kind").wait_for()  # every problem at once (in the error summary too)
    assert page.locator("#e-org_website").is_visible() and page.locator("#e-admin_email").is_visible()
    check(page, "partner-errors-fr")
    page.locator("#f-org_kind").focus()
    for _ in range(3):  # a select is chosen with the arrows
        page.keyboard.press("ArrowDown")
    assert page.locator("#f-org_kind").input_value() == "union"
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("https://planteurs.example.org")
    page.locator("#f-admin_email").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("yao@planteurs.example.org")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=members("Syndicat des planteurs")).wait_for()
    page.get_by_text("L’organisation est ajoutée").wait_for()
    assert "invité·e" in page.locator("tr", has_text="yao@planteurs.example.org").inner_text()
    check(page, "partner-added-fr")
    link = path_of(wait_for_mail(journey.mailbox, "yao@planteurs.example.org", ""))
    assert "/fr/" in link or "/en/" in link
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_an_organisation_asks_for_an_account_and_the_centre_accepts(browser: Any, journey: Journey) -> None:
    context = browser.new_context(locale="fr-FR", bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{journey.url}/fr/publier")
    page.get_by_role("link", name="Demander un compte partenaire").click()
    page.get_by_label("Nom de l’organisation").fill("Réseau Coton Équitable")
    page.get_by_label("Votre nom").fill("Ines Diallo")
    page.get_by_label("Votre adresse électronique").fill("ines@coton.example.org")
    page.get_by_role("button", name="Envoyer la demande").click()
    page.locator("#e-org_kind").wait_for()  # the kind was left out
    check(page, "account-request-errors-fr")
    page.locator("#f-org_kind").select_option("company-network")
    page.get_by_role("button", name="Envoyer la demande").click()
    page.get_by_text("votre demande pour Réseau Coton Équitable est parvenue au centre").wait_for()
    check(page, "account-request-sent-fr")
    context.close()
    wait_for_mail(journey.mailbox, "admin@crv.org", "Demande de compte")
    context, page = team_page(browser, journey, "admin@crv.org")
    row = page.locator("tr", has_text="Réseau Coton Équitable")
    row.wait_for()
    check(page, "team-requests-fr")
    row.get_by_role("button", name="Accepter la demande de Réseau Coton Équitable").click()
    page.get_by_role("heading", name=members("Réseau Coton Équitable")).wait_for()
    assert "invité·e" in page.locator("tr", has_text="ines@coton.example.org").inner_text()
    wait_for_mail(journey.mailbox, "ines@coton.example.org", "")
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_the_centres_admin_corrects_a_key_request_s_pages_and_accepts(browser: Any, journey: Journey) -> None:
    """The pages a site asked for, in a field of the team page's row: a wrong one said beside it (under axe),
    the corrected list the key's and its mail's."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{journey.url}/fr/integrer/demande-de-cle?site=https://www.cacao-durable.example/ressources")
    page.locator("#f-site_name").fill("Fédération Cacao Durable")
    page.locator("#f-contact_name").fill("Awa Koné")
    page.locator("#f-email").fill("awa@cacao-durable.example")
    page.locator("form.stacked button[type=submit]").click()
    page.locator(".notice").wait_for()
    context.close()
    context, page = team_page(browser, journey, "admin@crv.org")
    row = page.locator("tr", has_text="Fédération Cacao Durable")
    origins = row.locator("textarea[name=origins]")
    assert origins.input_value() == "https://www.cacao-durable.example"
    origins.fill("https://www.cacao-durable.example\nhttp://cacao-durable.example")
    row.locator("select[name=kind]").select_option("company")
    accept = "Accepter la demande de Fédération Cacao Durable"
    row.get_by_role("button", name=accept).click()
    problem = page.locator("tr", has_text="Fédération Cacao Durable").locator("p.field-error[id^=e-key-origins-]")
    problem.wait_for()
    assert "https://" in problem.inner_text()
    check(page, "team-key-origins-fr")
    row = page.locator("tr", has_text="Fédération Cacao Durable")
    assert row.locator("textarea[name=origins]").get_attribute("aria-invalid") == "true"
    row.locator("textarea[name=origins]").fill("https://www.cacao-durable.example\nhttps://cacao-durable.example")
    row.locator("select[name=kind]").select_option("company")
    row.get_by_role("button", name=accept).click()
    page.get_by_role("heading", name=members("Fédération Cacao Durable")).wait_for()
    mail = wait_for_mail(journey.mailbox, "awa@cacao-durable.example", "Votre clé")
    assert "https://cacao-durable.example" in mail
    context.close()


def test_the_pickers_filter_as_you_type_and_work_from_the_keyboard(page: Any, journey: Journey) -> None:
    """Typing « ivoire » marked 248 countries hidden, all still shown (a display rule beat ``hidden``)."""
    sign_in(page, journey.url, "admin@ong-cacao.org")
    page.goto(f"{journey.url}/fr/espace-partenaire/nouvelle-ressource")
    countries = page.locator("fieldset.picker", has=page.locator("legend", has_text="Pays"))
    shown = countries.locator(".picker-options label:visible")
    assert shown.count() == 0  # folded: the keyboard goes past 250 boxes in one press (test_portal_keyboard.py)
    countries.locator("summary").click()  # unfolded by the person: left so while the filter narrows it
    assert shown.count() > 200
    countries.get_by_role("searchbox").focus()
    page.keyboard.type("ivoire")
    assert shown.count() == 1 and shown.inner_text().strip() == "Côte d’Ivoire"  # its name, no code beside it
    assert "1" in countries.locator("[aria-live]").inner_text()  # told to screen readers
    page.keyboard.press("Enter")  # ticks the option found: not the form's first button (the preview)
    assert countries.get_by_role("checkbox", name="Côte d’Ivoire").is_checked() and page.url.endswith(
        "/nouvelle-ressource"
    )
    assert page.evaluate("document.activeElement.type") == "search"  # the box, emptied for the next one
    assert "Vous avez choisi Côte d’Ivoire." in countries.locator("[aria-live]").inner_text()
    page.keyboard.type("ivoire")
    page.keyboard.press("Escape")  # empties the filter: every country again, the ticked one among them
    assert countries.get_by_role("searchbox").input_value() == "" and shown.count() > 200
    sectors = page.locator("fieldset.picker", has=page.locator("legend", has_text="Secteurs"))
    sectors.get_by_role("searchbox").fill("chocolat")  # another name of the sector (its synonym)
    assert "Cacao" in sectors.locator(".picker-options label:visible").all_inner_texts()
    regions = page.locator("fieldset.picker", has=page.locator("legend", has_text="Régions"))
    regions.get_by_role("searchbox").fill("zzz")
    assert (
        regions.locator(".picker-options label:visible").count() == 0 and regions.locator(".picker-none").is_visible()
    )


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_a_form_saved_after_the_session_ended_asks_to_sign_in_and_keeps_the_work(
    browser: Any, journey: Journey
) -> None:
    context = browser.new_context(locale="fr-FR", bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, journey.url, "redaction@crv.org")
    page.goto(f"{journey.url}/fr/espace-partenaire/nouvelle-ressource")
    fill_practice(page, "Deux heures de rédaction", "Un résumé.", "## Démarche\n\nTout ce texte.")
    engine = create_engine(journey.database_url)
    with engine.begin() as connection:  # two hours and more away
        connection.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=121)))
    engine.dispose()
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.locator("fieldset.sign-in-again").wait_for()
    assert page.locator("#f-body").input_value() == "## Démarche\n\nTout ce texte."
    check(page, "resource-form-session-ended-fr")
    page.locator("#f-email").fill("redaction@crv.org")
    page.locator("#f-password").fill(PASSWORD)
    page.keyboard.press("Enter")  # the fieldset's button comes first: it saves
    page.get_by_text("Brouillon enregistré.").wait_for()
    assert page.locator("#f-title").input_value() == "Deux heures de rédaction"
    context.close()
