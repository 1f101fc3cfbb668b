"""Stored XSS through the partner portal, in Chromium: markup and script typed into every field of a good practice
(title, summary, body, source title and address) is submitted, approved by an editor, then shown by the embeddable
search widget (its demo page, searching for it) and by the public page. No script runs — the page's flag stays
unset and no dialog opens — and no ``javascript:`` address is rendered; the portal refuses a ``javascript:``
source address outright."""

import time
from typing import Any

from app.i18n import gettext
from tests.browser.test_journey import Journey, fill_practice, journey, sign_in  # noqa: F401 (journey: a fixture)

SCRIPTS = (
    '<script>window.__pwned=1;alert(1)</script><img src=x onerror="window.__pwned=2;alert(2)">'
    '<svg onload="window.__pwned=3"></svg>"><iframe srcdoc="<script>parent.__pwned=4</script>"></iframe>'
)
TITLE = f"Cacao piégé {SCRIPTS}"
SUMMARY = f"Résumé piégé {SCRIPTS}"
BODY = (
    f"## Démarche\n\nCorps piégé {SCRIPTS}\n\n"
    '<a href="javascript:window.__pwned=5">lien brut</a> [lien Markdown](javascript:window.__pwned=6) '
    '[lien encodé](jav&#x61;script:window.__pwned=7) <b onclick="window.__pwned=8">gras</b>\n\n'
    "![image](javascript:window.__pwned=9)\n"
)
SOURCE_TITLE = f"Source piégée {SCRIPTS}"
SOURCE_URL = 'https://ong-cacao.example.org/r?a="><script>window.__pwned=10</script>'

# Every href/src/action of the document and of the widget's shadow root, and whether the page's flag was set.
PROBE = """() => {
  const roots = [document, ...[...document.querySelectorAll('*')].filter(e => e.shadowRoot).map(e => e.shadowRoot)];
  const urls = roots.flatMap(r => [...r.querySelectorAll('[href],[src],[action],[formaction],[srcdoc]')]
    .flatMap(e => ['href', 'src', 'action', 'formaction'].map(a => e.getAttribute(a) || '')
    .concat(e.hasAttribute('srcdoc') ? ['srcdoc'] : [])));
  const handlers = roots.flatMap(r => [...r.querySelectorAll('*')]
    .flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)));
  return {pwned: window.__pwned, urls: urls, handlers: handlers, scripts: roots.flatMap(
    r => [...r.querySelectorAll('script')].map(s => s.src || s.textContent.slice(0, 80)))};
}"""


def assert_inert(page: Any, dialogs: list[str], where: str) -> None:
    page.wait_for_timeout(300)  # an onerror or onload handler would have fired by now
    found = page.evaluate(PROBE)
    assert found["pwned"] is None, f"{where}: a script ran ({found['pwned']})"
    assert not dialogs, f"{where}: a dialog opened: {dialogs}"
    assert not [u for u in found["urls"] if u.strip().lower().startswith(("javascript:", "data:text/html"))], where
    assert "srcdoc" not in found["urls"] and not found["handlers"], f"{where}: {found}"
    assert not [s for s in found["scripts"] if "__pwned" in s], f"{where}: {found['scripts']}"


def open_page(browser: Any, dialogs: list[str]) -> Any:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page


def test_markup_submitted_through_the_portal_is_inert_in_the_widget_and_on_the_public_page(
    browser: Any,
    journey: Journey,  # noqa: F811 (the journey's live centre, with its people)
) -> None:
    url, dialogs = journey.url, []
    ngo = open_page(browser, dialogs)
    sign_in(ngo, url, "admin@ong-cacao.org")
    ngo.goto(f"{url}/fr/espace-partenaire/nouvelle-ressource?type=good_practice")
    fill_practice(ngo, TITLE, SUMMARY, BODY)
    ngo.get_by_label(gettext("fr", "Source %(number)s: title", number=1)).fill(SOURCE_TITLE)
    ngo.get_by_label(gettext("fr", "Source %(number)s: address (https://…)", number=1)).fill(
        "javascript:window.__pwned=11"
    )
    ngo.locator('input[name="licence"][value="CC-BY-4.0"]').check()
    ngo.get_by_role("button", name="Enregistrer et soumettre").click()
    ngo.locator("fieldset .field-error").wait_for()  # the javascript: address is refused, next to the sources
    assert_inert(ngo, dialogs, "the refused form")
    ngo.get_by_label(gettext("fr", "Source %(number)s: address (https://…)", number=1)).fill(SOURCE_URL)
    ngo.get_by_role("button", name="Enregistrer et soumettre").click()
    ngo.get_by_text("l’équipe éditoriale du centre va la relire", exact=False).wait_for()
    assert_inert(ngo, dialogs, "the portal's resource page")
    ngo.context.close()

    editor = open_page(browser, dialogs)
    sign_in(editor, url, "redaction@crv.org")
    editor.goto(f"{url}/fr/redaction")
    editor.get_by_role("link", name=TITLE).click()
    editor.get_by_text("Version soumise").wait_for()
    assert_inert(editor, dialogs, "the desk")
    editor.locator("summary", has_text="Approuver et publier").click()  # publishing takes a second step
    editor.locator("button[name=decision][value=approve]").click()
    editor.wait_for_url("**/fr/redaction?notice=approved*")
    editor.context.close()

    widget = open_page(browser, dialogs)
    widget.goto(f"{url}/embed/demo?lang=fr")
    search = widget.get_by_role("searchbox", name="Rechercher dans le centre de ressources")
    hit = widget.locator("crv-search li.hit", has_text="Cacao piégé")
    deadline = time.monotonic() + 20
    while not hit.count():  # the index follows the approval within a second or so
        assert time.monotonic() < deadline, "the widget does not find the approved practice"
        search.fill("")
        search.press_sequentially("cacao piégé", delay=20)
        widget.wait_for_timeout(700)
    assert_inert(widget, dialogs, "the widget")
    assert "<script>" in hit.locator("h3").inner_text()  # shown as text, not run
    href = hit.locator("h3 a").get_attribute("href")
    assert href and href.startswith(f"{url}/fr/ressources/")
    hit.locator("h3 a").click()
    widget.wait_for_url(href)
    widget.get_by_role("heading", level=1).wait_for()
    assert_inert(widget, dialogs, "the public page")
    assert "<script>" in widget.get_by_role("heading", level=1).inner_text()
    assert widget.locator("dd.publisher a").first.inner_text() == "Ong Cacao"
    widget.context.close()
