"""Supplier screening: each (country, product) line of a buyer's list against ILAB's findings for that exact pair.

``screen(catalogue, parsed) -> ScreeningResult`` resolves every line (:mod:`app.services.resolve`), gives it a
state — *finding*, *assessed, no finding for this product*, *country not assessed by the source*, *unresolved* —,
the pair's findings and goods, the country's indicators, the exploited inputs and the resources to read next,
keeps the buyer's other columns on it (``buyer_columns``, from :meth:`ParsedInput.buyer_columns`, as the page's
downloads have them) and sums the lines up. A product that names nothing the screening knows is read from the
line's category, where the list has one that does (:data:`FROM_CATEGORY`). The API's files are written by
:mod:`app.services.screening_files`, the page's downloads by :mod:`app.services.screening_report`. Supplier lists
are confidential: everything happens in memory, nothing is stored or logged.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from app.i18n import N_
from app.ilab.reader import FINDINGS_TITLE, GOODS_TITLE, GOODS_URL, REPORTS_URL, Finding
from app.schemas.findings import CodeLabels, CountryFindings, FindingRow, ResourceLink, Source
from app.schemas.screening import (
    Candidate,
    CountryIndicators,
    LineProblem,
    Match,
    OtherSheet,
    PairGood,
    ScreenedLine,
    ScreeningResult,
    ScreeningState,
    ScreeningSummary,
    SheetsRead,
)
from app.schemas.taxonomy import Labels
from app.services.findings import FINDING_LABELS, FindingsCatalogue
from app.services.resolve import MatchMethod, ProductResolver, Resolution, related_goods
from app.services.resolve_countries import CountryResolver
from app.services.resource_links import STATE_IMPOSED_TOPIC
from app.services.screening_input import InputLine, ParsedInput
from app.taxonomy import TaxonomyName

STATE_LABELS: dict[ScreeningState, Labels] = {
    ScreeningState.finding: Labels(fr="Constat", en="Finding"),
    ScreeningState.assessed_no_finding: Labels(
        fr="Pays évalué, aucun constat pour ce produit", en="Assessed, no finding for this product"
    ),
    # The country pages' words for the same status (app.services.findings.STATUS_LABELS), the country named: a
    # line is a pair, and « la source » said nothing to a buyer who had not read which one.
    ScreeningState.not_assessed: Labels(fr="Pays non évalué par l’ILAB", en="Country not assessed by ILAB"),
    ScreeningState.unresolved: Labels(fr="Non reconnu", en="Unresolved"),
}
# An unresolved line says what is not recognised: the buyer corrects that cell.
UNRESOLVED_LABELS: dict[tuple[bool, bool], Labels] = {  # (country recognised, product recognised)
    (False, True): Labels(fr="Pays non reconnu", en="Country not recognised"),
    (True, False): Labels(fr="Produit non reconnu", en="Product not recognised"),
    (False, False): Labels(fr="Pays et produit non reconnus", en="Country and product not recognised"),
}
# A cell naming several countries apart (« CN; VN; BD », as an investor's export gives an issuer's exposure): the
# screening is by pair, so each country needs its line; « Pays non reconnu » said the countries were not known. By
# whether the product is recognised.
SEVERAL_COUNTRIES: dict[bool, Labels] = {
    True: Labels(
        fr="Plusieurs pays dans la cellule\u00a0: une ligne par pays", en="Several countries in one cell: one line each"
    ),
    False: Labels(
        fr="Plusieurs pays dans la cellule (une ligne par pays), produit non reconnu",
        en="Several countries in one cell (one line each), product not recognised",
    ),
}
# What a line of several countries is to become, said where there is no button to do it: the workbook's « À savoir »,
# and the page for a cell that is not every part a country of its own (« Brésil (São Paulo), Chine »).
ONE_LINE_PER_COUNTRY = N_(
    "Write each country on its own line, with the same reference and product (%(countries)s), then screen the list "
    "again: the screening is by country and product."
)
# A country on ILAB's List of Goods that its yearly Findings do not cover (China, Malaysia, Russia, Turkey…): no good
# listed for the product is no assessment of the country, which « Pays évalué » said (its sheet says the opposite).
LISTED_ONLY_NO_FINDING = Labels(fr="Aucun constat sur la liste de l’ILAB", en="No finding on ILAB’s list")
# What a line without a finding must not be read as: said on the line, short, the country's sheet saying more.
NOT_IN_FINDINGS = Labels(
    fr="L’ILAB n’évalue pas ce pays dans ses constats annuels, seulement dans sa liste des biens\u00a0: l’absence de "
    "constat n’y est pas l’absence de risque.",
    en="ILAB’s yearly Findings do not cover this country, only its List of Goods: no finding there is not no risk.",
)
# A country outside ILAB's reports (France, the United States…): the line says where to look instead, for a buyer
# types the supplier's country where the goods' is the one that matters.
NOT_COVERED = Labels(
    fr="L’ILAB n’évalue pas ce pays\u00a0: la source n’en dit rien, ni en bien ni en mal. Ce qui compte est le pays "
    "où les biens sont produits (fabriqués, cultivés ou extraits), qui n’est pas toujours celui du fournisseur\u00a0: "
    "demandez-le-lui.",
    en="ILAB does not assess this country: the source says nothing about it, good or bad. What matters is the country "
    "where the goods are produced (made, grown or mined), which is not always the supplier’s: ask the supplier.",
)
# What a finding is not, said beside the results and in both downloads (the workbook's summary, the « À savoir » of
# each line with a finding): a file joined to a procurement file, or read by the supplier, put « Constat » beside the
# supplier's name without it. To a company as to a public buyer: it spoke of excluding bidders only.
NOT_ABOUT_THE_SUPPLIER = N_(
    "A finding concerns a country and a product, not your supplier: it says where to look and what to ask. It proves "
    "nothing against the supplier and is not, on its own, a ground for dropping a supplier or for excluding a bidder "
    "from a public contract."
)
# Goods ILAB took off its list, as the country's sheet says (content/resources/risk-sheets/countries/country-uz).
TAKEN_OFF: dict[tuple[str, str], Labels] = dict.fromkeys(
    (("UZ", "cotton"), ("UZ", "yarn")),
    Labels(
        fr="L’ILAB a retiré le coton d’Ouzbékistan de sa liste en 2022\u00a0: le retrait dit ce que l’ILAB a constaté, "
        "pas que le risque a disparu.",
        en="ILAB took Uzbekistan’s cotton off its list in 2022: the removal records what ILAB found, not that the "
        "risk is gone.",
    ),
)
# A line read as a broad sector (« mining » for « lithium », « agriculture » for « avocats »): the findings are
# about the sector's listed goods there (the page names them), not about the product typed.
FINDING_IN_SECTOR = Labels(fr="Constat dans ce secteur", en="Finding in this sector")
NO_FINDING_IN_SECTOR = Labels(fr="Pays évalué, aucun constat dans ce secteur", en="Assessed, no finding in this sector")
# A line read from its category (its product empty, or unknown): said where its product is, the sector's (or the
# good's, for a category that names one) being the category's, not the product's. By whether it names a good.
FROM_CATEGORY: dict[bool, Labels] = {
    False: Labels(fr="secteur tiré de la catégorie", en="sector taken from the category"),
    True: Labels(fr="produit tiré de la catégorie", en="product taken from the category"),
}
CATEGORY_CELL = Labels(fr="{category} (catégorie)", en="{category} (category)")
# A product that names nothing the screening knows, nor its category: ILAB's list has no entry for it (most often),
# which is no sign of no risk; what the buyer can do is name what it is made of, or its sector. « Nommez le produit
# plus simplement (cacao, t-shirts, or…) » was said of « bougies », which is as simple as a word gets.
NOT_ON_THE_LIST = N_(
    "ILAB’s list has no entry under this name: that is no sign of no risk. To screen the line, name the raw material "
    "the product is made of (cotton, mica, rubber, palm oil…) or its sector (textiles, mining, agriculture…), in "
    "French or English; or check the spelling."
)
# ILAB lists the good in the country only as made with inputs produced with child or forced labour (Chinese
# lithium-ion batteries, with cobalt from the DR Congo): listed, so a finding, but not of the pair's own work.
LISTED_FOR_INPUTS = Labels(
    fr="Listé\u00a0: fabriqué avec des intrants issus du travail des enfants ou du travail forcé",
    en="Listed: made with inputs produced with child labour or forced labour",
)
# Resources to read next, by what the line shows (translation keys of content/resources/): for each kind of labour
# ILAB lists for the pair, a guide then a law (:func:`_finding_reads`), forced labour's first (forced child labour is
# forced labour too). Laptops from China led with the monitoring of children on cocoa farms and C182, never with
# forced labour.
FORCED = frozenset({Finding.forced_child_labour, Finding.forced_labour})
CHILD = frozenset({Finding.forced_child_labour, Finding.child_labour})
FORCED_LABOUR_NEXT = ("method-forced-labour-indicators", "law-eu-forced-labour-regulation")
# Child labour's guide fits where the goods are made, by whether the line's broad sector is FARMS: monitoring and
# remediation systems (CLMRS, SSRTE in French) follow households on smallholder farms, as cocoa's (their sheet's
# sectors); a factory's or a mine's is the ILO–IOE guidance for companies (hiring, hazards, hours).
FARMS = "agriculture"
CHILD_LABOUR_NEXT: dict[bool, tuple[str, str]] = {
    True: ("method-clmrs", "law-ilo-c182"),
    False: ("method-ilo-ioe-child-labour-guidance", "law-ilo-c182"),
}
EXPLOITED_INPUTS_NEXT = ("method-traceability",)
# The due diligence laws a line with a finding leads to: the EU's, which bind companies across the Union, and the
# French one. A reader in French is first pointed to the French law, a reader in English to the EU's (:func:`reads`):
# every line ended with the French law alone, which an English-speaking buyer outside France is not bound by.
EU_LAWS = ("law-csddd", "law-eu-forced-labour-regulation")
FRENCH_LAW = "law-devoir-de-vigilance"
# Last, by the line's state: due diligence law where ILAB lists the pair, mapping the risks where it does not.
LAST_READS: dict[ScreeningState, tuple[str, ...]] = {
    ScreeningState.finding: (EU_LAWS[0], FRENCH_LAW),
    ScreeningState.assessed_no_finding: ("method-risk-mapping",),
    # A country ILAB does not assess: ask where the goods are produced (the centre's letter to suppliers).
    ScreeningState.not_assessed: ("tool-origin-information-request", "method-risk-mapping"),
    ScreeningState.unresolved: (),
}
SECTOR_SHEETS = {"agriculture", "fishing", "mining", "construction", "domestic-work", "textiles", "manufacturing"}


@dataclass(frozen=True)
class Screener:
    catalogue: FindingsCatalogue
    countries: CountryResolver
    products: ProductResolver


@lru_cache(maxsize=4)
def screener(catalogue: FindingsCatalogue) -> Screener:
    """The resolvers of a catalogue, built once (half a second: Babel's and the taxonomies' names)."""
    return Screener(
        catalogue, CountryResolver(catalogue.taxonomies, catalogue.data), ProductResolver(catalogue.taxonomies)
    )


def _match(resolution: Resolution, labels: dict[str, Labels], *, several: bool = False) -> Match:
    return Match(
        method=resolution.method,
        score=resolution.score,
        candidates=[
            Candidate(code=code, labels=labels.get(code) or Labels(fr=code, en=code), score=score)
            for code, score in resolution.candidates
            if code != resolution.code
        ],
        several=several,
    )


class _Lines:
    """Builds screened lines, with the label lookups and link keys shared by every line."""

    def __init__(self, screener: Screener) -> None:
        self.s = screener
        catalogue = screener.catalogue
        self.country_labels = {code: c.country.labels for code, c in catalogue.by_country.items()}
        self.sector_labels = {
            code: Labels(fr=t.fr, en=t.en) for code, t in catalogue.taxonomies[TaxonomyName.sectors].items()
        }
        self.keys: dict[str, ResourceLink] = {}

    def link(self, key: str, out: list[str]) -> None:
        found = self.s.catalogue.links.link(key)
        if found is not None and key not in out:
            out.append(key)
            self.keys[key] = found

    def build(self, item: InputLine, buyer_columns: dict[str, str]) -> ScreenedLine:
        catalogue = self.s.catalogue
        country_res = self.s.countries.resolve(item.country)
        # A cell naming several countries apart: every one of them, to give each its line (a question's candidates
        # stop at three, and « CN; VN; BD; IN » offered three of its four).
        apart = self.s.countries.apart(item.country) if country_res.code is None else None
        product_res, category = self._product(item)
        iso2 = country_res.code
        country: CountryFindings | None = catalogue.by_country.get(iso2) if iso2 else None
        code = product_res.code
        commodity = None
        sector: CodeLabels | None = None
        rows: list[FindingRow] = []
        if code is not None and self.s.products.is_commodity(code):
            commodity = catalogue.commodity_ref(code)
            if commodity.group:
                sector = CodeLabels(code=commodity.group, labels=self.sector_labels[commodity.group])
            # A line naming gloves may be ILAB's rubber gloves, and the other way round (resolve.RELATED_GOODS):
            # the listings of both, so that « gants en nitrile » from China is not a green « no finding ». And those
            # of the goods its materials are (Resolution.also): the cotton of « pantalons coton/polyester ».
            goods = tuple(dict.fromkeys((code, *related_goods(code), *product_res.also)))
            rows = [row for good in goods for row in catalogue.pair(iso2, good)] if iso2 else []
        elif code is not None:
            sector = CodeLabels(code=code, labels=self.sector_labels[code])
            rows = catalogue.in_sector(iso2, code) if iso2 else []
        findings = [f for f in Finding if any(f in row.findings for row in rows)]
        inputs = [catalogue.exploited_input_of(row) for row in rows if row.made_with_exploited_inputs]
        if country is None or code is None:
            state = ScreeningState.unresolved
        elif not country.assessed:
            state = ScreeningState.not_assessed
        elif findings or inputs:
            state = ScreeningState.finding
        else:
            state = ScreeningState.assessed_no_finding
        next_keys: list[str] = []
        # A good whose forced labour the state imposes there, as the country's sheet says (its step links the topic:
        # ResourceIndex.imposed_by_the_state): the topic first, for no audit nor remediation with a supplier ends it.
        links = catalogue.links
        if iso2 and any(
            FORCED.intersection(r.findings) and links.imposed_by_the_state(iso2, r.commodity.code) for r in rows
        ):
            self.link(STATE_IMPOSED_TOPIC, next_keys)
        if iso2:
            self.link(f"country-{iso2.lower()}", next_keys)
            about = {ref.code for ref in (commodity, sector) if ref is not None}
            for key in catalogue.links.sheets_about(iso2, about):
                self.link(key, next_keys)
        if commodity is not None:
            self.link(f"commodity-{commodity.code}", next_keys)
        for key in _finding_reads(findings, on_farm=(sector.code if sector else None) == FARMS):
            self.link(key, next_keys)
        if inputs:
            for key in EXPLOITED_INPUTS_NEXT:
                self.link(key, next_keys)
        # The broad sector's sheet after what the findings lead to: the page shows a line's first five reads, and
        # « Secteur : agriculture » beside the sheets of cocoa hid the guides that differ with the finding.
        if sector is not None and sector.code in SECTOR_SHEETS:
            self.link(f"sector-{sector.code}", next_keys)
        for key in LAST_READS[state]:
            self.link(key, next_keys)
        return ScreenedLine(
            line=item.line,
            reference=item.reference,
            country_input=item.country,
            product_input=item.product,
            category_input=category,
            buyer_columns=buyer_columns,
            country=country.country if country else None,
            country_match=_match(apart or country_res, self.country_labels, several=apart is not None),
            commodity=commodity,
            sector=sector,
            product_match=_match(product_res, self.sector_labels),
            state=state,
            state_labels=_state_labels(
                state,
                findings,
                read_as_sector=commodity is None,
                recognised=(country is not None, code is not None),
                several=apart is not None,
                covered=country is not None and _in_findings(_indicators(country)),
            ),
            findings=findings,
            goods=[
                PairGood(
                    good=row.good,
                    findings=row.findings,
                    made_with_exploited_inputs=row.made_with_exploited_inputs,
                    input_source_country=row.input_source_country,
                )
                for row in rows
            ],
            country_indicators=_indicators(country),
            exploited_inputs=inputs,
            next=next_keys,
        )

    def _product(self, item: InputLine) -> tuple[Resolution, str | None]:
        """What the line's product resolves to, and the category it was read from instead (``None`` when it was
        not): the category is read where the product is empty, or names nothing known and has no « did you mean »
        (« bougies parfumées » under « Textile et habillement »), which a buyer's list often has for the goods ILAB's
        list does not name."""
        products = self.s.products
        product = products.resolve(item.product) if item.product else Resolution(None, MatchMethod.none)
        if product.code is not None or product.candidates or not item.category:
            return product, None
        category = products.resolve(item.category)
        if category.code is None and item.product:
            return product, None
        return category, item.category


def _finding_reads(findings: Sequence[Finding], *, on_farm: bool) -> tuple[str, ...]:
    """What a line's findings lead to: the guide of forced labour where ILAB lists it, then child labour's, for a farm
    (``on_farm``) or for the others (:data:`CHILD_LABOUR_NEXT`); then their laws."""
    kinds = [FORCED_LABOUR_NEXT] if FORCED.intersection(findings) else []
    if CHILD.intersection(findings):
        kinds.append(CHILD_LABOUR_NEXT[on_farm])
    return tuple(key for keys in zip(*kinds, strict=True) for key in keys)  # the guides, then the laws


def _indicators(country: CountryFindings | None) -> CountryIndicators | None:
    if country is None:
        return None
    return CountryIndicators(
        status=country.status,
        status_labels=country.status_labels,
        advancement=country.advancement,
        working_children_share=country.working_children.share_5_14 if country.working_children else None,
    )


def screen(catalogue: FindingsCatalogue, parsed: ParsedInput) -> ScreeningResult:
    """Every readable line screened, every unreadable one reported, each with the buyer's other columns; in memory
    only."""
    builder = _Lines(screener(catalogue))
    buyer = parsed.buyer_columns()
    lines = [builder.build(item, buyer.named(item.line)) for item in parsed.lines]
    states = Counter(line.state for line in lines)
    by_finding = Counter(f for line in lines for f in line.findings)
    summary = ScreeningSummary(
        lines=len(lines) + len(parsed.errors),
        screened=len(lines),
        rejected=len(parsed.errors),
        by_state={state: states.get(state, 0) for state in ScreeningState},
        by_finding={finding: by_finding.get(finding, 0) for finding in Finding},
        exploited_inputs=sum(1 for line in lines if line.exploited_inputs),
    )
    return ScreeningResult(
        summary=summary,
        sheets=SheetsRead(read=parsed.sheet, not_read=[OtherSheet(name=n, hidden=h) for n, h in parsed.other_sheets])
        if parsed.sheet
        else None,
        buyer_columns=list(buyer.names),
        columns_read=parsed.read,
        lines=lines,
        errors=[
            LineProblem(
                line=e.line,
                reason=e.reason,
                reference=e.reference,
                country_input=e.country,
                product_input=e.product,
                buyer_columns=buyer.named(e.line),
            )
            for e in parsed.errors
        ],
        resources=dict(sorted(builder.keys.items())),
        sources=[
            Source(title=GOODS_TITLE, url=GOODS_URL, vintage=catalogue.data.vintage),
            Source(title=FINDINGS_TITLE, url=REPORTS_URL, vintage=catalogue.data.vintage),
        ],
    )


def _in_findings(indicators: CountryIndicators | None) -> bool:
    """Whether ILAB's yearly Findings cover the country (an advancement level or figures), not only its List of
    Goods."""
    return indicators is not None and (
        indicators.advancement is not None or indicators.working_children_share is not None
    )


def from_category(line: ScreenedLine) -> Labels | None:
    """What a line screened on its category says of it (:data:`FROM_CATEGORY`), ``None`` for the others (and for a
    category not recognised either)."""
    if line.category_input is None or (line.commodity is None and line.sector is None):
        return None
    return FROM_CATEGORY[line.commodity is not None]


def product_typed(line: ScreenedLine, lang: str) -> str:
    """The product as typed, or the category the line was screened on where it has none (« Beauté (catégorie) »):
    not the category's text alone, as if the buyer had typed it as the product."""
    if line.product_input or line.category_input is None:
        return line.product_input
    return label(CATEGORY_CELL, lang).format(category=line.category_input)


def caveat(line: ScreenedLine) -> Labels | None:
    """What a line without a finding must not be read as, where its country's sheet says so: a good ILAB took off
    its list (Uzbek cotton), a country only its List of Goods covers, a country ILAB does not assess. ``None`` for
    the other lines."""
    if line.state == ScreeningState.not_assessed:
        return NOT_COVERED
    if line.state != ScreeningState.assessed_no_finding or line.country is None:
        return None
    taken_off = TAKEN_OFF.get((line.country.code, line.commodity.code)) if line.commodity else None
    return taken_off or (None if _in_findings(line.country_indicators) else NOT_IN_FINDINGS)


class LineGroup(StrEnum):
    """What the page groups a line under (its filters, its counts, a download's lines), as the line's badge says: its
    state, but a country only ILAB's List of Goods covers apart from the countries its Findings assess (China's
    « Aucun constat sur la liste de l’ILAB » was counted and filtered as « Pays évalué »)."""

    finding = "finding"
    assessed_no_finding = "assessed_no_finding"
    listed_only = "listed_only"
    not_assessed = "not_assessed"
    unresolved = "unresolved"


GROUP_LABELS: dict[LineGroup, Labels] = {LineGroup(state.value): labels for state, labels in STATE_LABELS.items()}
GROUP_LABELS[LineGroup.listed_only] = LISTED_ONLY_NO_FINDING

# The three ways a line has no finding, told apart under the results: none of them says the pair is safe.
NO_FINDING_LEGEND: dict[LineGroup, str] = {
    LineGroup.assessed_no_finding: N_(
        "ILAB reports on the country every year and lists no child labour or forced labour for this product there."
    ),
    LineGroup.listed_only: N_(
        "ILAB covers the country only in its List of Goods, which does not name this product; its yearly Findings "
        "do not assess the country."
    ),
    LineGroup.not_assessed: N_(
        "ILAB does not assess the country (France, the United States…): check the country where the goods are "
        "produced, which is not always the supplier’s."
    ),
}


def group(line: ScreenedLine) -> LineGroup:
    """The line's group: its state, the one :func:`_state_labels` tells apart as « No finding on ILAB’s list » too."""
    if line.state == ScreeningState.assessed_no_finding and not _in_findings(line.country_indicators):
        return LineGroup.listed_only
    return LineGroup(line.state.value)


def group_counts(result: ScreeningResult) -> dict[LineGroup, int]:
    """The lines of each group, every group (0 for none): they add up to the lines screened."""
    counts = Counter(group(line) for line in result.lines)
    return {kind: counts.get(kind, 0) for kind in LineGroup}


def _state_labels(
    state: ScreeningState,
    findings: Sequence[Finding],
    *,
    read_as_sector: bool,
    recognised: tuple[bool, bool],
    several: bool,
    covered: bool,
) -> Labels:
    if state == ScreeningState.unresolved:
        return SEVERAL_COUNTRIES[recognised[1]] if several else UNRESOLVED_LABELS[recognised]
    if state == ScreeningState.finding and not findings:
        return LISTED_FOR_INPUTS
    if state == ScreeningState.assessed_no_finding and not covered:
        return LISTED_ONLY_NO_FINDING
    if read_as_sector and state in (ScreeningState.finding, ScreeningState.assessed_no_finding):
        return FINDING_IN_SECTOR if state == ScreeningState.finding else NO_FINDING_IN_SECTOR
    return STATE_LABELS[state]


# -- The order of the lines, and what the files write -------------------------------------------------------


# What a buyer looks at first: the lines with a finding, the most serious first (forced child labour, forced
# labour, child labour; more findings before fewer), then the lines to correct (unresolved), then those the source
# says nothing about (not assessed), last those ILAB assesses without a finding for the product; the list's order
# within each. The lines to correct come second, before every line screened, on purpose: a line not recognised is
# not screened and may hide a finding, and last, after hundreds of lines without one, it would go unseen. That
# surprised a buyer who read the order as « the most serious findings »: the page and the workbook say it
# (ORDER_EXPLAINED).
STATE_PRIORITY = (
    ScreeningState.finding,
    ScreeningState.unresolved,
    ScreeningState.not_assessed,
    ScreeningState.assessed_no_finding,
)
ORDER_EXPLAINED = N_(
    "Most serious first: the lines with a finding (forced child labour, then forced labour, then child labour), then "
    "the lines to check, not recognised or unreadable, which are not screened and may hide a finding, then the "
    "countries ILAB does not assess, last the lines without a finding."
)


def priority(line: ScreenedLine) -> tuple[int, int, int, int]:
    """The sort key of "most serious first"."""
    most_serious = min((list(Finding).index(f) for f in line.findings), default=len(Finding))
    return STATE_PRIORITY.index(line.state), most_serious, -len(line.findings), line.line


def _unreadable_priority(problem: LineProblem) -> tuple[int, int, int, int]:
    """An unreadable line is a line to correct: among the unresolved ones, by its number."""
    return STATE_PRIORITY.index(ScreeningState.unresolved), len(Finding), 0, problem.line


def ordered(result: ScreeningResult, *, most_serious_first: bool) -> list[ScreenedLine | LineProblem]:
    """Every line, bad ones included, in file order or most serious first."""
    keyed: list[tuple[tuple[int, ...], ScreenedLine | LineProblem]] = [
        (priority(line) if most_serious_first else (line.line,), line) for line in result.lines
    ]
    keyed += [
        (_unreadable_priority(problem) if most_serious_first else (problem.line,), problem) for problem in result.errors
    ]
    return [item for _, item in sorted(keyed, key=lambda pair: pair[0])]


def label(labels: Labels | None, lang: str) -> str:
    return "" if labels is None else labels.fr if lang == "fr" else labels.en


# One of ILAB's goods with its own findings, as the page, its downloads and the API's files say it.
GOOD_FINDINGS = Labels(fr="{good}\u00a0: {findings}", en="{good}: {findings}")


def goods_findings(line: ScreenedLine, lang: str) -> list[str]:
    """Each of ILAB's goods the line's findings are about, with its own findings, most serious first: « Thread/yarn:
    forced labour », « Cotton: forced child labour, forced labour, child labour » for Chinese cotton yarn. A line's
    findings are those of its goods together — the product's own good, the goods it may also be (gloves and rubber
    gloves) and those of its materials (the cotton of « cotton yarn ») —: said without their goods, the cotton's child
    labour was read as the yarn's, which ILAB lists for forced labour only, and Turkish yarn, which ILAB does not
    list, as listed for child labour. A good listed only as made with exploited inputs has no finding of its own
    (the line's exploited inputs name it)."""
    said = []
    for good in line.goods:
        findings = [label(FINDING_LABELS[f], lang) for f in Finding if f in good.findings]
        if findings:
            text = ", ".join(f[:1].lower() + f[1:] for f in findings)  # « forced labour »: mid-sentence
            said.append(label(GOOD_FINDINGS, lang).format(good=label(good.good.labels, lang), findings=text))
    return said


def reads(line: ScreenedLine, lang: str) -> list[str]:
    """The line's ``next`` in the order its reader needs them: a reader in French is pointed to the French duty of
    vigilance law before the EU's laws, a reader in English to the EU's first (:data:`EU_LAWS`)."""
    keys = [key for key in line.next if key != FRENCH_LAW]
    if FRENCH_LAW not in line.next:
        return keys
    eu = [keys.index(key) for key in EU_LAWS if key in keys]
    at = min(eu, default=len(keys)) if lang == "fr" else max(eu, default=len(keys) - 1) + 1
    keys.insert(at, FRENCH_LAW)
    return keys


def sheet_keys(line: ScreenedLine) -> tuple[str, str]:
    """The keys of the line's country and commodity sheets ("" without), which have columns of their own."""
    country = f"country-{line.country.code.lower()}" if line.country else ""
    return country, f"commodity-{line.commodity.code}" if line.commodity else ""


def page_url(result: ScreeningResult, key: str, lang: str) -> str:
    """The address of the resource ``key`` in ``lang`` ("" when the result links none)."""
    link = result.resources.get(key)
    return label(link.page_url, lang) if link else ""
