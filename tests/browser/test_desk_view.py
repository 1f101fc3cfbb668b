"""The partner's taxonomy picker ranks what is typed (« Or » finds « Or » first, not « Accessoires de mode »;
« thé » finds « Thé », not « Cuir », whose « leather » holds « the »), and Enter ticks the first one found; the desk's
queue, item, preview and correction form pass axe and fit a phone, in Chromium. SQLite, the fixture corpus."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.checks import AXE
from tests.browser.conftest import editor_and_partner_site
from tests.browser.test_journey import check
from tests.web.helpers import PASSWORD

NEW = "/fr/espace-partenaire/nouvelle-ressource"
TITLE = "Suivi communautaire des enfants dans les coopératives de la région de la Nawa"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with editor_and_partner_site(tmp_path_factory, "desk-view") as url:
        yield url


def signed_in(browser: Any, site: str, email: str, **options: Any) -> Any:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{site}/fr/connexion")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("button", name="Se déconnecter", exact=True).wait_for()
    return page


def shown(page: Any, name: str) -> list[str]:
    labels = page.locator(f"#options-{name} label:not([hidden])")  # folded or not (web/_picker.html)
    return [text.strip() for text in labels.all_text_contents()]


def test_the_picker_puts_the_name_typed_first_and_enter_ticks_it(browser: Any, site: str) -> None:
    page = signed_in(browser, site, "awa@ong-cacao.org")
    page.goto(site + NEW)
    box = page.locator("#filter-sectors")
    box.fill("Or")
    found = shown(page, "sectors")
    assert found[0] == "Or" and "Accessoires de mode" in found  # still shown, further down
    box.press("Enter")  # « Aller » on a phone: ticks it, the box emptied for the next one, the focus kept there
    assert page.locator("#options-sectors input[value=gold]").is_checked()
    assert page.evaluate("document.activeElement.id") == "filter-sectors" and box.input_value() == ""
    box.fill("thé")
    found = shown(page, "sectors")
    assert found[0] == "Thé" and found.index("Cuir") > found.index("Thé")
    assert found[-1] == "Or"  # ticked: kept in sight, after the ones found
    box.press("Enter")
    assert page.locator("#options-sectors input[value=tea]").is_checked()
    everything = shown(page, "sectors")
    assert everything.index("Cacao") < everything.index("Or") < everything.index("Thé")  # the page's order back
    page.context.close()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_the_desks_queue_item_and_preview_pass_axe_and_fit_a_phone(browser: Any, site: str) -> None:
    awa = signed_in(browser, site, "awa@ong-cacao.org")
    awa.goto(site + NEW)
    awa.get_by_label("Titre", exact=True).fill(TITLE)
    awa.locator("#f-summary").fill("Des comités de village repèrent les enfants au travail et les ramènent à l’école.")
    awa.locator("#f-body").fill("## Démarche\n\nLes comités visitent les ménages des coopératives.")
    awa.locator("#filter-audiences").fill("entreprises")
    awa.locator("#filter-audiences").press("Enter")  # ticks it
    awa.locator('input[name="licence"][value="CC-BY-4.0"]').check()
    awa.locator("input[name=source_title]").first.fill("ICI, CLMRS")
    awa.locator("input[name=source_url]").first.fill("https://example.org/clmrs")
    awa.get_by_role("button", name="Enregistrer et soumettre").click()
    awa.locator(".notice").wait_for()
    awa.context.close()

    editor = signed_in(browser, site, "redac@crv.org", bypass_csp=True)  # axe is injected as an inline script
    for lang, desk in (("fr", "/fr/redaction"), ("en", "/en/editorial")):
        editor.goto(site + desk + "?kind=new&language=de")  # narrowed, and a value it does not know said beside it
        assert editor.locator("#e-language").is_visible() and editor.locator("#queue-count").is_visible()
        check(editor, f"desk-queue-filtered-{lang}")
        editor.goto(site + desk)
        check(editor, f"desk-queue-{lang}")
        editor.get_by_role("link", name=TITLE).click()
        editor.locator("ul.checks").wait_for()
        assert {"fr": "Entreprises", "en": "Companies"}[lang] in editor.locator("dl.facts").inner_text()
        check(editor, f"desk-item-similar-{lang}")
        editor.locator("p.preview-link a").click()
        editor.locator(".preview-banner").wait_for()
        assert editor.locator("html").get_attribute("lang") == "fr"  # the public page's language, as it will be
        assert "Entreprises" in editor.locator("dl.facts").inner_text()
        check(editor, f"desk-preview-{lang}")
        editor.go_back()  # the item, then its correction form: the partners' form, prefilled
        editor.locator("a[aria-describedby=d-correct]").click()
        editor.locator("#resource-form").wait_for()
        assert editor.locator("#f-title").input_value() == TITLE
        check(editor, f"desk-correct-{lang}")
    # saved, the item shows the correction beside what was submitted
    editor.locator("#f-title").fill(TITLE.replace("Nawa", "Nawa (Soubré)"))
    editor.locator("button[name=action][value=save]").click()
    editor.locator("#correction-title").wait_for()
    check(editor, "desk-item-corrected-en")
    editor.context.close()
