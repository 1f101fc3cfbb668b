"""The conformance corpus: twelve published resources, French and English, as the engines index them.

Keywords come from the real taxonomies exactly as ``app.search.documents.to_search_document`` computes them.
Some documents deliberately lack the taxonomy code their text is about (the EU regulation mentions cocoa and
the DRC, the garment guide Myanmar, the risk-mapping method child labour) so that finding them from the other
language proves the engine's synonyms work, not the keywords.
"""

from datetime import date

from app.search.base import SearchDocument, SearchEngine, SearchQuery, SearchResult
from app.taxonomy import Taxonomies

ALL = 12  # documents in the corpus


def search(engine: SearchEngine, q: str = "", **options: object) -> SearchResult:
    """One page large enough for the whole corpus."""
    return engine.search(SearchQuery(q=q, per_page=50, **options))  # type: ignore[arg-type]


def ids(result: SearchResult) -> list[str]:
    return [hit.document.id for hit in result.hits]


def _document(
    taxonomies: Taxonomies,
    *,
    id: str,
    type: str,
    title: str,
    summary: str,
    body: str,
    published_at: date,
    countries: tuple[str, ...] = (),
    regions: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    risks: tuple[str, ...] = (),
    audiences: tuple[str, ...] = (),
) -> SearchDocument:
    translation_key, language = id.rsplit(".", 1)
    return SearchDocument(
        id=id,
        translation_key=translation_key,
        slug=translation_key,
        type=type,
        language=language,
        title=title,
        summary=summary,
        body=body,
        countries=countries,
        regions=regions,
        sectors=sectors,
        risks=risks,
        audiences=audiences,
        publisher="crv",
        published_at=published_at,
        updated_at=published_at,
        keywords=taxonomies.keywords(countries=countries, regions=regions, sectors=sectors, risks=risks, types=[type]),
    )


def corpus(taxonomies: Taxonomies) -> list[SearchDocument]:
    d = _document
    t = taxonomies
    return [
        d(t, id="cocoa-ci.fr", type="risk_sheet", published_at=date(2024, 3, 1),
          title="Côte d'Ivoire : travail des enfants dans la filière cacao",
          summary="Les plantations de cacao emploient des enfants, souvent pour des tâches dangereuses.",
          body="Dans les régions productrices, des enfants manient des machettes et portent de lourdes charges. "
               "Les coopératives mettent en place des systèmes de suivi.",
          countries=("CI",), regions=("sub-saharan-africa",), sectors=("cocoa",), risks=("child-labour",),
          audiences=("companies",)),
        d(t, id="cocoa-ci.en", type="risk_sheet", published_at=date(2024, 3, 2),
          title="Côte d'Ivoire: child labour in the cocoa sector",
          summary="Cocoa farms employ children, often for hazardous tasks.",
          body="In producing regions, children handle machetes and carry heavy loads. "
               "Cooperatives are setting up monitoring systems.",
          countries=("CI",), regions=("sub-saharan-africa",), sectors=("cocoa",), risks=("child-labour",),
          audiences=("companies",)),
        d(t, id="bricks-pk.fr", type="risk_sheet", published_at=date(2023, 6, 15),
          title="Pakistan : servitude pour dettes dans les briqueteries",
          summary="Des familles entières travaillent pour rembourser des avances jamais soldées.",
          body="Les fours à briques du Pendjab emploient des familles liées par des dettes transmises.",
          countries=("PK",), regions=("indo-pacific",), sectors=("bricks",), risks=("forced-labour",),
          audiences=("companies", "public-buyers")),
        d(t, id="bricks-pk.en", type="risk_sheet", published_at=date(2023, 6, 16),
          title="Pakistan: debt bondage in brick kilns",
          summary="Whole families work to repay advances that are never settled.",
          body="Brick kilns in Punjab employ families bound by inherited debts.",
          countries=("PK",), regions=("indo-pacific",), sectors=("bricks",), risks=("forced-labour",),
          audiences=("companies", "public-buyers")),
        d(t, id="risk-mapping.fr", type="methodology", published_at=date(2025, 2, 1),
          title="Cartographie des risques dans la chaîne d'approvisionnement",
          summary="Une méthode en cinq étapes pour hiérarchiser les risques chez les fournisseurs.",
          body="Identifier les pays et les matières premières à risque, pondérer par les volumes, puis prévoir "
               "une remédiation avec les fournisseurs concernés.",
          audiences=("companies", "smes")),
        d(t, id="risk-mapping.en", type="methodology", published_at=date(2025, 2, 2),
          title="Risk mapping in the supply chain",
          summary="A five-step method to rank risks among suppliers.",
          body="Identify high-risk countries and raw materials where child labour and forced labour are "
               "reported, weight them by volume, then plan with the suppliers concerned.",
          audiences=("companies", "smes")),
        d(t, id="cobalt-cd.fr", type="risk_sheet", published_at=date(2022, 11, 5),
          title="République démocratique du Congo : cobalt et mines artisanales",
          summary="Des enfants creusent dans les mines artisanales du Katanga.",
          body="Le cobalt extrait à la main alimente les batteries ; les acheteurs doivent tracer leur "
               "approvisionnement jusqu'aux sites miniers.",
          countries=("CD",), regions=("sub-saharan-africa",), sectors=("cobalt", "mining"),
          risks=("child-labour",), audiences=("companies", "investors")),
        d(t, id="garments-mm.en", type="good_practice", published_at=date(2021, 4, 20),
          title="Responsible sourcing of garments from Myanmar",
          summary="How a retailer audits its garment suppliers after the 2021 coup.",
          body="Unannounced audits, worker interviews off site and a grievance channel run by a local NGO.",
          sectors=("garments",), audiences=("companies", "suppliers")),
        d(t, id="trafficking-module.fr", type="training_module", published_at=date(2021, 9, 1),
          title="Éliminer la traite des êtres humains : repérer les victimes",
          summary="Un module de deux heures pour les inspecteurs du travail.",
          body="Indicateurs de traite, entretiens avec les victimes présumées et orientation vers les "
               "associations spécialisées.",
          risks=("human-trafficking",), audiences=("labour-inspectors",)),
        d(t, id="eu-regulation.en", type="legal_reference", published_at=date(2025, 11, 27),
          title="EU regulation banning products made with forced labour",
          summary="Regulation (EU) 2024/3015 prohibits placing such products on the Union market.",
          body="Investigations may target any product, for instance cocoa, or cobalt from the DRC; "
               "authorities rely on a database of risk areas.",
          regions=("european-union",), risks=("forced-labour",), audiences=("companies", "public-authorities")),
        d(t, id="questionnaire-tool.en", type="tool", published_at=date(2020, 1, 15),
          title="Supplier questionnaire <script>alert('x')</script> template",
          summary="A self-assessment questionnaire with <b>forty</b> questions & a scoring grid.",
          body="Send the questionnaire to tier-one suppliers before the first audit.",
          audiences=("suppliers",)),
        d(t, id="remediation.fr", type="good_practice", published_at=date(2024, 10, 8),
          title="Remédiation : accompagner les enfants retirés du travail",
          summary="Scolarisation, suivi des familles et revenus de substitution.",
          body="Une coopérative de Soubré finance des classes passerelles et suit chaque enfant pendant deux ans.",
          countries=("CI",), sectors=("cocoa",), risks=("child-labour",), audiences=("ngos", "companies")),
    ]  # fmt: skip
