"""A training module's facts in the partner portal's form: the three fields with their hints, every problem next to
its field, a draft keeping and restoring them, the changes shown by their labels in the portal's diff and on the
desk, and the public preview showing them."""

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from tests.web.helpers import csrf_of, make_person, sign_in, signed_in
from tests.web.test_portal import GOOD

NEW = "/en/partner/new-resource"
RID = "suivi-communautaire-des-enfants-dans-les-cooperatives.fr"
EDIT = f"/en/partner/resources/{RID}"
MODULE = dict(
    GOOD,
    type="training_module",
    duration="90",
    level="intermediate",
    prerequisites="Avoir suivi le module d’initiation.",
)


def send(client: TestClient, url: str, **data: object) -> object:
    page = client.get(url)
    version = re.search(r'name="version" value="(\d+)"', page.text)
    posted = {"csrf_token": csrf_of(page), **({"version": version.group(1)} if version else {}), **data}
    return client.post(url, data=posted, follow_redirects=False)


def field_error(page: str, name: str) -> str:
    """The problem shown next to field ``name``, which its input names in its description."""
    found = re.search(f'<p class="field-error" id="e-{name}">([^<]*)</p>', page)
    assert found, name
    assert re.search(f'id="f-{name}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-{name}"', page) or (
        re.search(f'<select id="f-{name}"[^>]*aria-invalid="true"', page)
    ), name
    return found.group(1)


def test_the_form_offers_the_facts_for_training_modules_only(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org", lang="en")
    page = web.get(NEW).text
    fieldset = page.split('<fieldset aria-describedby="h-training">')[1].split("</fieldset>")[0]
    assert "<legend>Training module</legend>" in fieldset and "Training modules only" in fieldset
    assert re.search(
        r'<input id="f-duration" name="duration" type="text"[^>]*inputmode="numeric"[^>]*aria-describedby="h-duration"',
        fieldset,
    )  # text with a keypad, not type=number: « 1.5 » reaches the server, which says what to write in the page's words
    assert "90 for 1 h 30" in fieldset
    assert '<option value="">Not stated</option>' in fieldset
    assert '<option value="introduction">Introductory</option>' in fieldset
    assert re.search(r'<input id="f-prerequisites" name="prerequisites" type="text"[^>]*maxlength="300"', fieldset)


def test_a_module_s_facts_are_saved_restored_and_previewed(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org", lang="en")
    created = send(web, NEW, **dict(MODULE, action="save"))
    assert created.status_code == 303, created.text  # type: ignore[attr-defined]
    page = web.get(EDIT).text
    assert re.search(r'id="f-duration" name="duration" type="text" value="90"', page)
    assert '<option value="intermediate" selected>Intermediate</option>' in page
    assert 'value="Avoir suivi le module d’initiation."' in page
    translation = web.get(f"{NEW}?translation_of={RID}").text  # its length and level copied, not its words
    assert 'name="duration" type="text" value="90"' in translation
    assert '<option value="intermediate" selected>' in translation and "Avoir suivi" not in translation
    public = web.get(f"{EDIT}/preview").text  # as its public page will show it, in the resource's language
    assert "1\u00a0h\u00a030" in public and "Intermédiaire" in public and "Avoir suivi le module" in public
    # saved again with another length: the diff names the field by its label, the length as the page says it
    changed = send(web, EDIT, **dict(MODULE, duration="360", action="save"))
    assert changed.status_code == 303, changed.text  # type: ignore[attr-defined]
    diff = web.get(f"{EDIT}/revisions/2/diff").text
    assert "<dt>Duration (minutes)</dt>" in diff
    assert "</strong> 1 hour 30 minutes (90)</p>" in diff and "</strong> 6 hours (360)</p>" in diff
    assert "<dt>Level</dt>" not in diff  # unchanged
    # emptied: no longer stated
    emptied = send(web, EDIT, **dict(MODULE, duration="", level="", prerequisites="", action="save"))
    assert emptied.status_code == 303, emptied.text  # type: ignore[attr-defined]
    page = web.get(EDIT).text
    assert 'name="duration" type="text" value=""' in page and '<option value="" selected>' not in page
    assert not re.search(r'<option value="\w+" selected>(Introductory|Intermediate|Advanced)<', page)


def test_bad_facts_are_shown_next_to_their_fields_and_nothing_is_saved(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org", lang="en")
    for typed in ("0", "1.5", "6 h"):
        refused = send(web, NEW, **dict(MODULE, duration=typed, action="save"))
        assert refused.status_code == 422, typed  # type: ignore[attr-defined]
        said = field_error(refused.text, "duration")  # type: ignore[attr-defined]
        assert said.startswith("is the total length in minutes, a whole number from 1 to 12,000"), said
        assert f'value="{typed}"' in refused.text  # type: ignore[attr-defined]  # kept as typed, to be corrected
    refused = send(web, NEW, **dict(MODULE, level="expert", prerequisites="Une ligne\npuis une autre", action="save"))
    page = refused.text  # type: ignore[attr-defined]
    assert field_error(page, "level").startswith("must be one of")
    assert field_error(page, "prerequisites") == "must be one line"
    summary = page.split('<div class="alert error-summary"')[1].split("</div>")[0]
    assert '<a href="#f-level">Level:' in summary and '<a href="#f-prerequisites">Prerequisites:' in summary
    assert RID not in web.get("/en/partner").text  # nothing written


def test_another_type_stating_a_fact_is_refused_next_to_it(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org", lang="en")
    refused = send(web, NEW, **dict(MODULE, type="good_practice", level="", prerequisites="", action="save"))
    assert refused.status_code == 422  # type: ignore[attr-defined]
    said = field_error(refused.text, "duration")  # type: ignore[attr-defined]
    assert said == (
        "only a training module (type: training_module) has a duration, level or prerequisites; this resource is a "
        "good practice"
    )
    # a module turned into a good practice keeps nothing unsaid: refused until its facts are emptied
    assert send(web, NEW, **dict(MODULE, action="save")).status_code == 303  # type: ignore[attr-defined]
    turned = send(web, EDIT, **dict(MODULE, type="good_practice", action="save"))
    assert turned.status_code == 422  # type: ignore[attr-defined]
    for name in ("duration", "level", "prerequisites"):
        assert "only a training module" in field_error(turned.text, name)  # type: ignore[attr-defined]
    emptied = dict(MODULE, type="good_practice", duration="", level="", prerequisites="", action="save")
    assert send(web, EDIT, **emptied).status_code == 303  # type: ignore[attr-defined]


def test_the_desk_shows_a_changed_fact_by_its_label(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    assert send(partner, NEW, **dict(MODULE, action="submit")).status_code == 303  # type: ignore[attr-defined]
    item = editor.get(f"/fr/redaction/{RID}")
    # a first submission: the version's facts, in the editor's language, its prerequisites as written
    facts = item.text.split('<dl class="facts">')[1].split("</dl>")[0]
    assert '<dt>Durée</dt><dd><time datetime="PT1H30M">1\u00a0h\u00a030</time></dd>' in facts
    assert "<dt>Niveau</dt><dd>Intermédiaire</dd>" in facts
    assert '<dt>Prérequis</dt><dd><span lang="fr">Avoir suivi le module d’initiation.</span></dd>' in facts
    version = item.text.split('name="version" value="')[1].split('"')[0]
    approved = editor.post(
        f"/fr/redaction/{RID}/approve",
        data={"csrf_token": csrf_of(item), "version": version},
        follow_redirects=False,
    )
    assert approved.status_code == 303, approved.text
    assert send(partner, EDIT, **dict(MODULE, level="advanced", action="submit")).status_code == 303  # type: ignore[attr-defined]
    changes = editor.get(f"/fr/redaction/{RID}").text.split('<dl class="changes">')[1].split("</dl>")[0]
    assert "<dt>Niveau</dt>" in changes and "Intermédiaire" in changes and "Avancé" in changes
    assert "Duration" not in changes and "Durée" not in changes


def test_the_desk_says_which_facts_a_module_does_not_state(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    bare = dict(MODULE, duration="", level="", prerequisites="", action="submit")
    assert send(partner, NEW, **bare).status_code == 303  # type: ignore[attr-defined]
    facts = editor.get(f"/en/editorial/{RID}").text.split('<dl class="facts">')[1].split("</dl>")[0]
    for label in ("Duration", "Level", "Prerequisites"):
        assert f'<dt>{label}</dt><dd><span class="muted">Not stated</span></dd>' in facts, label
    other = dict(GOOD, title="Autre pratique", action="submit")
    assert send(partner, NEW, **other).status_code == 303  # type: ignore[attr-defined]
    facts = editor.get("/en/editorial/autre-pratique.fr").text.split('<dl class="facts">')[1].split("</dl>")[0]
    assert "Duration" not in facts and "Level" not in facts  # another type has none to state
