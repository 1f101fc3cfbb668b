"""Leftovers of a French public buyer's audit, on the real corpus: the ILO's fundamental conventions counted as
they are since June 2022, the texts on the EU forced labour regulation that speak to public buyers tagged for them,
and « achat responsable » finding the resources on responsible purchasing (the embedded engine)."""

import re

import pytest

from app.search.base import FilterField, SearchEngine, SearchQuery
from app.services import content as content_service
from tests.helpers import IndexedContent, corpus_report

# A sentence that counts the ILO's fundamental conventions as eight, and the words that say which list it means: the
# eight of before June 2022 (« à l'époque »), or the eight a text lists (the procurement code's annex 10, the
# directive's Annex X). Since June 2022 the ILO counts ten (Conventions No. 155 and No. 187 joined them).
EIGHT = re.compile(r"\b(huit|eight)\b", re.IGNORECASE)
FUNDAMENTAL = re.compile(r"conventions? fondamentales?|fundamental conventions?", re.IGNORECASE)
QUALIFIED = re.compile(r"époque|avant 2022|at the time|before 2022|listées|listed|que liste|the code lists", re.I)
ILO_2022_NEWS = "https://www.ilo.org/global/about-the-ilo/newsroom/news/WCMS_848132/"
PUBLIC_BUYERS = re.compile(r"acheteurs? publics?|public buyers?|commande publique|public procurement", re.IGNORECASE)


@pytest.fixture(scope="module")
def files() -> list[content_service.ContentFile]:
    return corpus_report().files


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.;])\s", re.sub(r"\s+", " ", text))


def test_the_fundamental_conventions_are_not_counted_as_eight_today(files: list[content_service.ContentFile]) -> None:
    """« huit conventions fondamentales » said of today is wrong since June 2022: each sentence that counts eight
    says that it means the list of before 2022 or the eight a text lists, and a text that names the two added in 2022
    cites the ILO's news of the change (or links to the France sheet, which does)."""
    counted = 0
    for item in files:
        for sentence in _sentences(f"{item.meta.summary} {item.body}"):
            if EIGHT.search(sentence) and FUNDAMENTAL.search(sentence):
                counted += 1
                assert QUALIFIED.search(sentence), (item.path, sentence)
        if re.search(r"n° 155 et n° 187|No\. 155 and No\. 187|no\. 155 and no\. 187", item.body):
            urls = [str(source.url) for source in item.meta.sources]
            assert any(url.startswith(ILO_2022_NEWS) for url in urls) or "(crv:country-fr)" in item.body, item.path
    assert counted >= 10


def test_texts_on_the_forced_labour_regulation_that_address_public_buyers_are_tagged_for_them(
    files: list[content_service.ContentFile],
) -> None:
    """The regulation's own page says what it means for public buyers, the CSDDD's too: both were left out of the
    « Acheteurs publics » listing. A text on the regulation that says nothing to them (the companies' checklist) is
    not tagged for them."""
    addressed = [
        item for item in files if "2024/3015" in f"{item.meta.title} {item.body}" and PUBLIC_BUYERS.search(item.body)
    ]
    keys = {item.meta.translation_key for item in addressed}
    assert {"law-eu-forced-labour-regulation", "law-csddd"} <= keys
    assert [item.path for item in addressed if "public-buyers" not in item.meta.audiences] == []
    checklist = [item for item in files if item.meta.translation_key == "method-forced-labour-regulation"]
    assert len(checklist) == 2 and all("public-buyers" not in item.meta.audiences for item in checklist)


# The public buyers' SPASER (« schéma de promotion des achats publics socialement et écologiquement responsables ») is
# about responsible purchasing too: « achats responsables » may bring it first.
RESPONSIBLE_PURCHASING = {"tool-purchasing-practices-self-assessment", "training-corporate-buyers", "method-spaser"}


@pytest.mark.parametrize(
    ("q", "language"),
    [("achat responsable", "fr"), ("achats responsables", "fr"), ("responsible purchasing", "en")],
)
def test_achat_responsable_finds_responsible_purchasing_first(
    indexed_corpus: IndexedContent, q: str, language: str
) -> None:
    """« achat responsable » brought « Recrutement responsable » first: no text said it. The purchasing-practices
    self-assessment and the buyers' training module, which are about it, now say so: one of them comes first, and
    the recruitment guide is no longer among the first two."""
    engine: SearchEngine = indexed_corpus.engine
    hits = engine.search(SearchQuery(q=q, filters={FilterField.lang: (language,)}, per_page=3)).hits
    found = [hit.document.translation_key for hit in hits]
    assert found[0] in RESPONSIBLE_PURCHASING and "method-responsible-recruitment" not in found[:2], found


ABNORMALLY_LOW = re.compile(r"anormalement bas|abnormally[ -]low", re.IGNORECASE)
# « may reject » said of an abnormally low bid: article L2152-6 says the buyer that has established it rejects it.
MAY_REJECT = re.compile(
    r"peu(?:t|vent) (?:\S+ )?rejeter|peu(?:t|vent) (?:\S+ ){0,8}et rejeter|permet(?:tent)? (?:\S+ )?de rejeter|"
    r"\bmay reject|\bcan reject|\bcan (?:\S+ ){0,8}and reject|allows? (?:\S+ ){0,3}to reject",
    re.IGNORECASE,
)
CODE_ON_LEGIFRANCE = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000037701019"


def test_an_abnormally_low_bid_once_established_is_rejected_not_may_be(
    files: list[content_service.ContentFile],
) -> None:
    """Article L2152-6 of the code de la commande publique: the buyer that establishes, after checking the bidder's
    justifications, that a bid is abnormally low rejects it. No text says it « may » reject it, and each text that
    cites the article has the code on Légifrance among its sources."""
    said = [
        (item.path, sentence)
        for item in files
        for sentence in _sentences(f"{item.meta.summary} {item.body}")
        if ABNORMALLY_LOW.search(sentence) and MAY_REJECT.search(sentence)
    ]
    assert said == []
    citing = [item for item in files if "L2152-6" in item.body]
    assert len(citing) >= 8
    for item in citing:
        assert CODE_ON_LEGIFRANCE in [str(source.url) for source in item.meta.sources], item.path


def _section_after(body: str, heading: re.Pattern[str]) -> tuple[str, str] | None:
    match = re.search(rf"^## ({heading.pattern})[^\n]*\n(.*?)(?=^## |\Z)", body, re.MULTILINE | re.DOTALL | re.I)
    return None if match is None else (match.group(0).splitlines()[0], match.group(2))


@pytest.mark.parametrize("key", ["law-oecd-guidelines", "law-crc-opsc"])
def test_a_legal_text_speaks_to_public_buyers_where_its_heading_says_so_and_is_tagged_for_them(
    files: list[content_service.ContentFile], key: str
) -> None:
    """The OECD Guidelines' page tells public buyers what to use them for: tagged for them. The optional protocol's
    page had « and public buyers » in a heading above nothing that spoke to them: the heading no longer says so."""
    items = [item for item in files if item.meta.translation_key == key]
    assert len(items) == 2
    for item in items:
        found = _section_after(item.body, re.compile(r"Ce que cela signifie|What (?:it|they) means?"))
        assert found is not None, item.path
        heading, section = found
        addressed = bool(PUBLIC_BUYERS.search(section))
        assert bool(PUBLIC_BUYERS.search(heading)) == addressed, (item.path, heading)
        assert ("public-buyers" in item.meta.audiences) == addressed, item.path
        assert addressed == (key == "law-oecd-guidelines")


@pytest.mark.parametrize(
    ("q", "language"), [("parcours acheteur public", "fr"), ("public buyer contract stages", "en")]
)
def test_the_public_buyer_path_comes_first_for_a_contract_s_stages(
    indexed_corpus: IndexedContent, q: str, language: str
) -> None:
    """The audit found procurement pieces but no path through them in the order of a public contract: the wayfinding
    page that walks a buyer through the stages, from the SPASER to performance, comes first."""
    engine: SearchEngine = indexed_corpus.engine
    hits = engine.search(SearchQuery(q=q, filters={FilterField.lang: (language,)}, per_page=3)).hits
    found = [hit.document.translation_key for hit in hits]
    assert found[:1] == ["method-public-buyer-path"], found
