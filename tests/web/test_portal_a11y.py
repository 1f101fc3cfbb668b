"""What an accessibility audit of the resource form asked (keyboard and screen-reader users, WCAG 2.2 AA), as the
server writes it: each picker's long list folded under a summary that counts what is ticked; saving the draft is the
form's first button, which Enter in a one-line field presses; a group's problem can take the focus its summary link
gives it; a field's hint is its description, not a second time in its name; the lines a diff adds or removes are
<ins> and <del> that say so in words; no header cell is empty; the original beside a translation keeps its headings
under the form's. Keyboard and focus in Chromium: tests/browser/test_portal_keyboard.py.

English pages: their words need no catalog."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.web.helpers import csrf_of, signed_in
from tests.web.test_portal import GOOD

NEW = "/en/partner/new-resource"
ENGLISH = dict(GOOD, language="en", title="Community monitoring of children in the cooperatives")


def resource_page(browser: TestClient, **data: object) -> str:
    """Creates a draft from ``data`` and returns the address of its form."""
    created = browser.post(NEW, data={"csrf_token": csrf_of(browser.get(NEW)), **data}, follow_redirects=False)
    assert created.status_code == 303, created.text[:500]
    return str(created.headers["location"]).split("?")[0]


def test_each_picker_s_list_is_folded_under_a_summary_counting_what_is_ticked(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    page = browser.get(resource_page(browser, **ENGLISH, action="save")).text
    countries = page.split('<fieldset class="picker"')[1].split("</fieldset>")[0]
    total = countries.count('type="checkbox"')
    assert total > 200
    tally = f"Countries — list of {total}, ticked: "
    assert f'<summary data-summary="{tally}{{count}}">{tally}1</summary>' in countries
    assert '<details class="picker-list">' in countries  # folded: a keyboard goes past its boxes in one press
    # what is ticked stays in sight above the folded list, and the filter outside it
    assert countries.index('id="chosen-countries"') < countries.index("<details")
    assert countries.index('id="filter-countries"') < countries.index("<details")
    assert page.count('<details class="picker-list">') == 5


def test_a_picker_with_a_problem_is_unfolded_and_its_problem_takes_the_focus(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    page = browser.get(NEW)
    bad = dict(ENGLISH, countries=["XX"], source_title=["", ""], source_url=["", ""], action="submit")
    refused = browser.post(NEW, data={"csrf_token": csrf_of(page), **bad})
    assert refused.status_code == 422
    assert '<p class="field-error" id="e-countries" tabindex="-1">' in refused.text
    assert '<details class="picker-list" open>' in refused.text and refused.text.count('picker-list" open') == 1
    # « Sources », a group too: its summary link leads to its problem, which can take the focus
    assert '<a href="#e-sources">' in refused.text
    assert '<p class="field-error" id="e-sources" tabindex="-1">' in refused.text


def test_saving_the_draft_is_the_form_s_first_button(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    """Enter in a one-line field presses the form's first button: it was the preview, which saved nothing."""
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    form = browser.get(NEW).text.split('id="resource-form"')[1].split("</form>")[0]
    actions = re.findall(r'<button type="submit" name="action" value="(\w+)"', form)
    assert actions == ["save", "submit", "preview"]


def test_a_hint_is_read_once_as_the_field_s_description_not_in_its_name(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    page = browser.get(NEW).text
    for label in re.findall(r"<label\b.*?</label>", page, re.S):
        assert 'class="hint"' not in label, label
    for name in ("summary", "body", "slug"):
        assert re.search(f'<span class="hint" id="h-{name}">', page), name
        assert re.search(f'id="f-{name}"[^>]* aria-describedby="h-{name}', page), name
    assert '<label for="f-body">Text of the page</label>' in page


def test_the_revisions_have_no_empty_header_and_their_diff_says_what_was_added_and_removed(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    address = resource_page(browser, **ENGLISH, action="save")
    page = browser.get(address)
    version = page.text.split('name="version" value="')[1].split('"')[0]
    body = "## Approach\n\nAgents visit the households and the schools.\n"
    changed = dict(ENGLISH, body=body, action="save", version=version)
    saved = browser.post(address, data={"csrf_token": csrf_of(page), **changed}, follow_redirects=False)
    assert saved.status_code == 303
    listing = browser.get(address).text
    assert "<th></th>" not in listing and "<th>Changes</th>" in listing
    diff = browser.get(f"{address}/revisions/2/diff").text.split('<pre class="diff">')[1].split("</pre>")[0]
    assert (
        '<del><span class="visually-hidden">Removed: </span><span aria-hidden="true">-</span>'
        "Des agents visitent les ménages.</del>"
    ) in diff
    assert (
        '<ins><span class="visually-hidden">Added: </span><span aria-hidden="true">+</span>'
        "Agents visit the households and the schools.</ins>"
    ) in diff
    assert "<span> </span>" in diff  # a line kept: neither


def test_the_original_beside_a_translation_keeps_its_headings_under_the_form_s(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    rid = resource_page(browser, **ENGLISH, action="save").rsplit("/", 1)[1]
    form = browser.get(f"/fr/espace-partenaire/nouvelle-ressource?translation_of={rid}").text
    original = form.split('id="original">')[1].split("</details>")[0]
    assert "<h3>Démarche</h3>" in original and "<h2" not in original
