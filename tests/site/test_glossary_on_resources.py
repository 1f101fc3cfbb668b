"""A resource that a glossary term names among those going further says so under its text: « Défini dans le
glossaire : Âge minimum d’admission à l’emploi · … », each to its entry (its anchor on the glossary page)."""

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import collation_key, gettext
from app.paths import page_path, resource_path
from app.services.glossary import GLOSSARY_FILE, anchor, glossary
from tests.helpers import CONTENT, add_content_sheet

pytestmark = pytest.mark.database_agnostic


def definitions(html: str) -> list[tuple[str, str]]:
    found = re.search(r'<p class="definitions">(.*?)</p>', html, re.S)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', found.group(1)) if found else []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_resource_lists_the_terms_it_defines_further_in_order(
    client: TestClient, content_dir: Path, session_factory: sessionmaker[Session], lang: str
) -> None:
    slug = add_content_sheet(session_factory, "resources/legal/law-ilo-c138", [lang])[lang]
    assert definitions(client.get(resource_path(lang, slug)).text) == []  # no glossary: nothing said
    shutil.copy(CONTENT / GLOSSARY_FILE, content_dir / GLOSSARY_FILE)
    page = client.get(resource_path(lang, slug)).text
    named = [getattr(term, lang).term for term in glossary(content_dir) if "law-ilo-c138" in term.see_also]
    assert named, "the glossary names the ILO's Minimum Age Convention among what goes further"
    expected = [(f"{page_path('glossary', lang)}#{anchor(term)}", term) for term in sorted(named, key=collation_key)]
    assert [(url, html_unescaped(text)) for url, text in definitions(page)] == expected
    assert gettext(lang, "Defined in the glossary") in page
    glossary_page = client.get(page_path("glossary", lang)).text
    for url, _ in expected:
        assert f'id="{url.rsplit("#", 1)[1]}"' in glossary_page


def html_unescaped(text: str) -> str:
    return text.replace("&#39;", "'").replace("&amp;", "&")


def test_a_resource_no_term_names_says_nothing(
    client: TestClient, content_dir: Path, session_factory: sessionmaker[Session]
) -> None:
    shutil.copy(CONTENT / GLOSSARY_FILE, content_dir / GLOSSARY_FILE)
    named = {key for term in glossary(content_dir) for key in term.see_also}
    assert "brief-bricks" not in named
    slug = add_content_sheet(session_factory, "resources/sector-briefs/brief-bricks", ["fr"])["fr"]
    assert 'class="definitions"' not in client.get(resource_path("fr", slug)).text
