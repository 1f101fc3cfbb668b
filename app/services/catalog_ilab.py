"""ILAB's findings in the DCAT-AP catalogue, as the centre's API serves them: two datasets, each in CSV, JSON and XLSX.

- ``#ilab-findings``: ``/v1/findings``, one row per country and good of ILAB's List of Goods (2022);
- ``#ilab-countries``: ``/v1/findings/countries``, one row per country, its status drawn from the List of Goods and
  its advancement level, working children, school, ratifications, legal framework and enforcement from ILAB's
  Findings on the Worst Forms of Child Labor (2022).

Both are ILAB's facts with the centre's labels and links, in the public domain as the centre's data folder
(``data/ilab-2022/README.md``) and about page say of ILAB's publications (works of the US federal government). ILAB is
their creator, its publications what they come from: related resources (``dct:source`` would have to be a dataset of
the catalogue, which a portal would import as one) and the provenance statement. Their temporal coverage is the year
the rows are about, their vintage (:data:`ILAB_PERIOD`); no other date: nothing in the data says on which day ILAB
published them or when the centre loaded them. Each says how to cite it (``dct:bibliographicCitation``): ILAB's
publications first, then the centre's table (:mod:`app.services.citations`)."""

from dataclasses import dataclass
from datetime import date
from typing import Final

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDFS

from app import licences
from app.ilab.reader import FINDINGS_TITLE, GOODS_TITLE, GOODS_URL, REPORTS_URL, VINTAGE
from app.services import citations
from app.services.dcat import (
    PUBLISHER_TYPE,
    Offer,
    Texts,
    add_texts,
    classify,
    describe,
    distribute,
    identify,
    landing_pages,
    licence_node,
    temporal_coverage,
)

# The year ILAB's rows are about, their vintage: the reporting year of its Findings on the Worst Forms of Child Labor
# (data/ilab-2022/README.md: "2022 reporting year") and the year of the List of Goods' edition; the year as a period,
# from its first day to its last. Nothing in the data gives a narrower one.
ILAB_PERIOD: Final = (date(int(VINTAGE), 1, 1), date(int(VINTAGE), 12, 31))
ILAB_NAME = "US Department of Labor, Bureau of International Labor Affairs"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TEXT = {
    "fr": "en CSV (UTF-8 avec indicateur d’ordre des octets, séparé par des virgules, listes séparées par |).",
    "en": "as CSV (UTF-8 with a byte order mark, comma-separated, lists separated by |).",
}
XLSX_TEXT = {
    "fr": "en classeur Excel (XLSX), les colonnes du CSV\u00a0: ce que prend Excel en français, dont le séparateur "
    "de liste est le point-virgule.",
    "en": "as an Excel workbook (XLSX), the CSV's columns: what Excel takes in languages whose list separator is a "
    "semicolon, such as French.",
}


@dataclass(frozen=True, slots=True)
class IlabDataset:
    """One of ILAB's datasets as the API serves it: named in both languages, extracted from ILAB's ``sources``
    (title, address), downloaded at ``path`` in each of its ``distributions``."""

    fragment: str  # its URI is the catalogue's with this fragment
    path: str
    title: Texts
    description: Texts
    sources: tuple[tuple[str, str], ...]
    distributions: tuple[Offer, ...]

    def citation(self, language: str, base: str) -> str:
        """How to cite it: ILAB's publications, then the centre's table."""
        return citations.ilab(language, self.sources, self.title[language], base + self.path)


def _offers(fragment: str, path: str, name: Texts, whole: Texts, json_detail: Texts) -> tuple[Offer, ...]:
    """The CSV, JSON and XLSX distributions of ``path``, titled « ``name`` en CSV »… (``whole``: what a file holds,
    before its format)."""
    return (
        Offer(
            f"{fragment}-csv",
            f"{path}?format=csv",
            {"fr": f"{name['fr']} en CSV", "en": f"{name['en']} as CSV"},
            {language: f"{whole[language]} {CSV_TEXT[language]}" for language in ("fr", "en")},
            "CSV",
            "text/csv",
        ),
        Offer(
            f"{fragment}-json",
            f"{path}?format=json",
            {"fr": f"{name['fr']} en JSON", "en": f"{name['en']} as JSON"},
            {language: f"{whole[language]} {json_detail[language]}" for language in ("fr", "en")},
            "JSON",
            "application/json",
        ),
        Offer(
            f"{fragment}-xlsx",
            f"{path}?format=xlsx",
            {"fr": f"{name['fr']} en XLSX", "en": f"{name['en']} as XLSX"},
            {language: f"{whole[language]} {XLSX_TEXT[language]}" for language in ("fr", "en")},
            "XLSX",
            XLSX,
        ),
    )


FINDINGS = IlabDataset(
    "ilab-findings",
    "/v1/findings",
    {
        "fr": "Constats de l’ILAB\u00a0: biens produits par le travail des enfants ou le travail forcé (2022)",
        "en": "ILAB findings: goods produced by child labour or forced labour (2022)",
    },
    {
        "fr": "La liste 2022 du Bureau des affaires internationales du travail (ILAB) du département du Travail des "
        "États-Unis, une ligne par pays et par bien\u00a0: travail des enfants, travail forcé, travail forcé des "
        "enfants, biens faits d’intrants qui en sont issus et pays de ces intrants, avec les libellés français et "
        "anglais du centre et les liens vers ses fiches pays et produit. Les faits sont ceux de l’ILAB, dans le "
        "domaine public comme les œuvres du gouvernement fédéral des États-Unis\u00a0; citez «\u00a0"
        + GOODS_TITLE
        + "\u00a0».",
        "en": "The 2022 List of Goods of the US Department of Labor’s Bureau of International Labor Affairs (ILAB), "
        "one row per country and good: child labour, forced labour, forced child labour, goods made with inputs "
        "produced by them and where those inputs come from, with the centre’s French and English labels and links "
        f"to its country and commodity sheets. The facts are ILAB’s, in the public domain as works of the US federal "
        f"government are; cite “{GOODS_TITLE}”.",
    },
    ((GOODS_TITLE, GOODS_URL),),
    _offers(
        "ilab",
        "/v1/findings",
        {"fr": "Constats de l’ILAB", "en": "ILAB findings"},
        {
            "fr": "Toute la liste, une ligne par pays et par bien,",
            "en": "The whole list, one row per country and good,",
        },
        {
            "fr": "en JSON, chaque ligne avec ses libellés, ses constats, sa source et son millésime.",
            "en": "as JSON, each row with its labels, findings, source and vintage.",
        },
    ),
)
COUNTRIES = IlabDataset(
    "ilab-countries",
    "/v1/findings/countries",
    {
        "fr": "Constats de l’ILAB par pays\u00a0: statut, niveau d’avancement, enfants qui travaillent (2022)",
        "en": "ILAB findings by country: status, advancement level, working children (2022)",
    },
    {
        "fr": "Une ligne par pays ou territoire (ISO 3166 et Kosovo)\u00a0: son constat le plus grave sur la liste "
        "2022 des biens de l’ILAB (ou évalué sans bien listé, ou non évalué), le nombre de biens listés par constat, "
        "les biens faits de ses intrants, et, des constats de l’ILAB sur les pires formes de travail des enfants "
        "(2022), son niveau d’avancement, la part des enfants de 5 à 14\u00a0ans qui travaillent, la "
        "scolarisation, les ratifications des conventions de l’OIT et des Nations unies, le cadre légal (âges "
        "minimums, interdictions, éducation) et les chiffres de l’application de la loi (inspecteurs du travail, "
        "inspections, enquêtes, poursuites, condamnations), comme les fiches pays les donnent\u00a0; avec les "
        "libellés français et anglais du centre et les liens vers ses fiches pays. Les faits sont ceux de l’ILAB, "
        f"dans le domaine public\u00a0; citez «\u00a0{FINDINGS_TITLE}\u00a0» et «\u00a0{GOODS_TITLE}\u00a0».",
        "en": "One row per country or territory (ISO 3166, and Kosovo): its most serious finding on ILAB’s 2022 List "
        "of Goods (or assessed without a good listed, or not assessed), the goods listed per finding, the goods made "
        "with its inputs, and, from ILAB’s Findings on the Worst Forms of Child Labor (2022), its advancement level, "
        "the share of children aged 5–14 who work, school attendance, ratifications of the ILO and UN instruments, "
        "the legal framework (minimum ages, prohibitions, education) and enforcement figures (labour inspectors, "
        "inspections, investigations, prosecutions, convictions), as the country sheets give them; with the centre’s "
        "French and English labels and links to its "
        f"country sheets. The facts are ILAB’s, in the public domain; cite “{FINDINGS_TITLE}” and “{GOODS_TITLE}”.",
    },
    ((FINDINGS_TITLE, REPORTS_URL), (GOODS_TITLE, GOODS_URL)),
    _offers(
        "ilab-countries",
        "/v1/findings/countries",
        {"fr": "Constats de l’ILAB par pays", "en": "ILAB findings by country"},
        {"fr": "Tous les pays, une ligne par pays,", "en": "Every country, one row per country,"},
        {
            "fr": "en JSON, chaque pays avec ses libellés, ses biens, ses indicateurs et sa source.",
            "en": "as JSON, each country with its labels, goods, indicators and source.",
        },
    ),
)
DATASETS = (FINDINGS, COUNTRIES)


def ilab_datasets(graph: Graph, this: Namespace, base: str, publisher: URIRef, contact: URIRef) -> list[URIRef]:
    """ILAB's datasets (:data:`DATASETS`) described in ``graph``, with ILAB as their creator."""
    ilab = this["ilab"]
    graph.add((ilab, RDF.type, FOAF.Agent))
    graph.add((ilab, FOAF.name, Literal(ILAB_NAME, lang="en")))
    graph.add((ilab, DCTERMS.type, PUBLISHER_TYPE))  # a national government's bureau
    licence = licence_node(graph, licences.PUBLIC_DOMAIN)
    nodes = []
    for spec in DATASETS:
        dataset, provenance = this[spec.fragment], this[f"{spec.fragment}-provenance"]
        describe(graph, dataset, DCAT.Dataset, (spec.title, spec.description), publisher, (None, None))
        identify(graph, dataset)
        classify(graph, dataset, contact)
        landing_pages(graph, dataset, base, "#findings")
        temporal_coverage(graph, dataset, this["ilab-period"], ILAB_PERIOD)
        graph.add((dataset, DCTERMS.creator, ilab))
        for _, url in spec.sources:
            graph.add((dataset, DCTERMS.relation, URIRef(url)))
        graph.add((dataset, DCTERMS.provenance, provenance))
        graph.add((provenance, RDF.type, DCTERMS.ProvenanceStatement))
        add_texts(graph, provenance, RDFS.label, provenance_texts(spec))
        add_texts(
            graph, dataset, DCTERMS.bibliographicCitation, {lang: spec.citation(lang, base) for lang in ("fr", "en")}
        )
        for offer in spec.distributions:
            distribute(graph, dataset, this[offer.fragment], offer, base, licence)
        nodes.append(dataset)
    return nodes


def provenance_texts(spec: IlabDataset) -> Texts:
    """« Extrait de « List of Goods… » (https://…), domaine public. »: the publications it comes from."""
    french = " et de ".join(f"«\u00a0{title}\u00a0» ({url})" for title, url in spec.sources)
    english = " and ".join(f"“{title}” ({url})" for title, url in spec.sources)
    return {"fr": f"Extrait de {french}, domaine public.", "en": f"Extracted from {english}, public domain."}
