"""GET /v1/resources/{id}/download?format=docx|odt: editable documents generated from the resource's Markdown, opened
back with the same libraries to check that they hold the text, the lists, the tables and the sources."""

import io
import zipfile
from datetime import date

import docx
import pytest
from fastapi.testclient import TestClient
from odf import opendocument, teletype
from odf import table as odf_table
from odf import text as odf_text
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource
from app.services import documents
from tests.helpers import resource_row

BODY = """## Before the interview

1. Choose a **quiet place** away from managers.
2. Explain the purpose; see the [risk mapping method](crv:method-risk-mapping).

## Checklist

- ☐ Fees paid to get the job?
- ☐ Documents kept by the employer?

| Question | Answer |
| --- | --- |
| Age checked? | ☐ yes ☐ no |
"""


@pytest.fixture
def tool(session_factory: sessionmaker[Session]) -> str:
    with session_factory() as session:
        session.add(
            Resource(
                **resource_row(
                    "tool-worker-interviews",
                    "en",
                    slug="worker-interview-guide",
                    type="tool",
                    title="Worker interview guide",
                    summary="Questions to ask workers, away from managers.",
                    body=BODY,
                    sources=[{"title": "ILO indicators of forced labour", "url": "https://www.ilo.org/"}],
                    published_at=date(2026, 11, 30),
                    updated_at=date(2026, 11, 30),
                )
            )
        )
        session.commit()
    return "tool-worker-interviews.en"


@pytest.mark.usefixtures("loaded")
def test_docx_holds_the_page(client: TestClient, tool: str) -> None:
    response = client.get(f"/v1/resources/{tool}/download", params={"format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-type"] == documents.MEDIA_TYPES[documents.DocumentFormat.docx]
    assert 'filename="worker-interview-guide.docx"' in response.headers["content-disposition"]
    opened = docx.Document(io.BytesIO(response.content))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in opened.paragraphs]
    assert ("Title", "Worker interview guide") in paragraphs
    assert ("Heading 2", "Before the interview") in paragraphs
    numbered = [text for style, text in paragraphs if style == "List Number"]
    assert numbered[0] == "Choose a quiet place away from managers."
    # internal links are resolved to the public page and written out in full
    assert "risk mapping method (http://testserver/en/resources/risk-mapping)" in numbered[1]
    assert ("List Bullet", "☐ Fees paid to get the job?") in paragraphs
    assert [[c.text for c in row.cells] for row in opened.tables[0].rows] == [
        ["Question", "Answer"],
        ["Age checked?", "☐ yes ☐ no"],
    ]
    assert any("ILO indicators of forced labour — https://www.ilo.org/" in text for _, text in paragraphs)
    footer = paragraphs[-1][1]
    assert (
        "licence CC BY 4.0 — reuse allowed with credit (https://creativecommons.org/licenses/by/4.0/deed.en)" in footer
    )
    bold = [r.text for p in opened.paragraphs for r in p.runs if r.bold]
    assert "quiet place" in bold
    # the file's properties are the resource's, not the library's defaults
    properties = opened.core_properties
    assert (properties.title, properties.author, properties.language) == ("Worker interview guide", "crv", "en-GB")
    assert properties.created.date() == date(2026, 11, 30) and "python-docx" not in properties.comments
    assert opened.styles.element.xpath("//w:docDefaults//w:lang/@w:val") == ["en-GB"]


@pytest.mark.usefixtures("loaded")
def test_odt_holds_the_same_content(client: TestClient, tool: str) -> None:
    response = client.get(f"/v1/resources/{tool}/download", params={"format": "odt"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.oasis.opendocument.text"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:  # a valid ODF package: mimetype first, stored
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    opened = opendocument.load(io.BytesIO(response.content))
    headings = [teletype.extractText(h) for h in opened.getElementsByType(odf_text.H)]
    assert headings[:3] == ["Worker interview guide", "Before the interview", "Checklist"]
    paragraphs = [teletype.extractText(p) for p in opened.getElementsByType(odf_text.P)]
    assert "1. Choose a quiet place away from managers." in paragraphs
    assert "• ☐ Documents kept by the employer?" in paragraphs
    cells = [teletype.extractText(c) for c in opened.getElementsByType(odf_table.TableCell)]
    assert cells == ["Question", "Answer", "Age checked?", "☐ yes ☐ no"]
    assert "• ILO indicators of forced labour — https://www.ilo.org/" in paragraphs
    meta = {element.qname[1]: teletype.extractText(element) for element in opened.meta.childNodes}
    assert meta["title"] == "Worker interview guide" and meta["language"] == "en-GB"
    assert meta["initial-creator"] == "crv" and meta["creation-date"] == "2026-11-30T00:00:00"


@pytest.mark.usefixtures("loaded")
def test_unknown_format_and_missing_resource(client: TestClient, tool: str) -> None:
    assert client.get(f"/v1/resources/{tool}/download", params={"format": "pdf"}).status_code == 422
    missing = client.get("/v1/resources/nope.en/download", params={"format": "odt"})
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


@pytest.mark.usefixtures("loaded")
def test_tool_page_links_to_both_documents(client: TestClient, tool: str) -> None:
    page = client.get("/en/resources/worker-interview-guide")
    assert page.status_code == 200
    assert "Download this template to fill in" in page.text
    for fmt in ("odt", "docx"):
        assert f'href="http://testserver/v1/resources/{tool}/download?format={fmt}"' in page.text
    other = client.get("/en/resources/pakistan")  # a risk sheet, to read and cite: no download link
    assert other.status_code == 200 and "/download?format=" not in other.text


@pytest.mark.usefixtures("loaded")
def test_a_module_s_quiz_answers_wait_in_the_key_at_the_end(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """As the printed page: the questions in place, the answers under « Corrigé » on a page of their own."""
    with session_factory() as session:
        session.add(
            Resource(
                **resource_row(
                    "training-x", "fr", slug="formation-x", type="training_module", title="Formation",
                    body="## Quiz\n\n1. Une question\u202f? **Réponse\u00a0:** oui.\n2. Une autre\u202f? "
                    "**Réponse\u00a0:** non.\n",
                )
            )
        )  # fmt: skip
        session.commit()
    response = client.get("/v1/resources/training-x.fr/download", params={"format": "docx"})
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    key = paragraphs.index("Corrigé")
    assert paragraphs[key + 1 :] == ["1. oui.", "2. non."]
    assert paragraphs.index("Une question\u202f?") < key and "oui." not in " ".join(paragraphs[:key])
    response = client.get("/v1/resources/training-x.fr/download", params={"format": "odt"})
    assert response.headers["content-type"] == documents.MEDIA_TYPES[documents.DocumentFormat.odt]
    opened = opendocument.load(io.BytesIO(response.content))
    headings = [teletype.extractText(h) for h in opened.getElementsByType(odf_text.H)]
    assert headings[-1] == "Corrigé"
