"""The resource form tells Moussa what he chose and what is wrong where he looks: each picker lists what is ticked
above its long list (without JavaScript too), a submission naming no country, sector nor risk goes in but is told
so at the top and beside the pickers, a source's bad address is said under that address, and the title counts its
characters. English pages: their words need no catalog."""

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from tests.web.helpers import Mailbox, make_person, sign_in
from tests.web.test_portal import GOOD, post

NEW = "/en/partner/new-resource"


def chosen(page: str, name: str) -> str:
    """The block of a picker listing what is ticked."""
    return page.split(f'id="chosen-{name}"')[1].split("</div>")[0]


def test_each_picker_lists_what_is_ticked_above_its_options(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org", lang="en")
    saved = post(web, NEW, **dict(GOOD, countries=["GH", "CI"], action="save"))
    assert saved.status_code == 303
    page = web.get(saved.headers["location"]).text
    countries = chosen(page, "countries")
    assert "Your choice:" in countries and "<li>Côte d&#39;Ivoire</li><li>Ghana</li>" in countries  # the list's order
    assert 'data-remove="Remove {name}"' in countries  # the buttons portal.js makes of them
    assert "<li>Cocoa</li>" in chosen(page, "sectors")
    assert page.index('id="chosen-countries"') < page.index('id="options-countries"')  # above the long list
    assert "<li>" not in chosen(page, "regions")
    assert 'id="chosen-regions" hidden' in page  # nothing chosen: nothing said


def test_a_submission_naming_no_country_sector_or_risk_goes_in_and_is_told(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    sign_in(web, "awa@ong-a.org", lang="en")
    none = dict(GOOD, countries=[], sectors=[], risks=[])
    refused = post(web, NEW, **dict(none, slug="Not an address!", action="submit")).text  # not saved: a problem
    assert "Nothing was saved" in refused
    assert 'id="unfindable"' in refused and 'aria-describedby="unfindable"' in refused
    submitted = post(web, NEW, **dict(none, action="submit"))
    assert submitted.headers["location"].endswith("?notice=submitted_unfindable")
    page = web.get(submitted.headers["location"]).text
    assert "Submitted: the centre&#39;s editors will review it. But it names no country, sector or risk yet" in page
    assert 'class="caution" id="unfindable"' in page
    for name in ("countries", "sectors", "risks"):  # read when the group is entered
        assert f'data-picker aria-describedby="unfindable">\n  <legend>{name.title()}' in page
    assert 'data-picker aria-describedby="unfindable">\n  <legend>Regions' not in page
    found = post(web, NEW, **dict(GOOD, title="Another one", action="submit"))
    assert found.headers["location"].endswith("?notice=submitted")


def test_a_sources_bad_address_is_said_under_it_how_to_mend_it(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org", lang="en")
    bad = dict(GOOD, source_title=["ICI", "SOSTECI"], source_url=["https://example.org/clmrs", "https//www.sosteci.ci"])
    page = post(web, NEW, **dict(bad, language="en", action="save")).text
    problem = "a web address starts with “https://”: perhaps a “:” or “//” is missing"
    field = page.split('id="f-sources.1.url"')[1].split("</p>")[0]
    assert 'name="source_url" type="text" value="https//www.sosteci.ci"' in field
    assert 'aria-invalid="true" aria-describedby="e-sources.1.url"' in field
    assert f'<p class="field-error" id="e-sources.1.url">{problem}' in field  # right under its field
    assert 'id="e-sources"' not in page and 'id="f-sources.0.url" name="source_url" type="text"' in page
    assert f'<li><a href="#f-sources.1.url">Source 2, address: {problem}</a></li>' in page
    assert "sources.1.url:" not in page  # not listed again at the end of the form


def test_the_title_counts_its_characters_up_to_the_servers_limit(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org", lang="en")
    title = web.get(NEW).text.split('id="f-title"')[1].split(">")[0]
    assert 'maxlength="200" data-length-count="{count} / {limit} characters"' in title
