"""Human pages of the resources (``/fr/ressources/{slug}``, ``/en/resources/{slug}``): what the templates need,
already in the page's language, including the schema.org JSON-LD."""

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import licences
from app.filters import COMMODITY_SHEET, COUNTRY_SHEET, FILTERS, REGION_SHEET, SHEET_PREFIXES
from app.i18n import N_, centre_today, collation_key, gettext
from app.languages import LANGUAGES, other_language
from app.models import Resource, ResourceStatus, ResourceType
from app.paths import alert_path, page_path, resource_path
from app.services import attachments, citation_formats, jsonld, training
from app.services.centre import centre_name
from app.services.glossary import GlossaryTerm, anchor
from app.services.markdown import internal_links, render_markdown
from app.services.quiz import AnswerKey, separate_answers
from app.services.resources import resource_url, was_taken_off
from app.services.site import browse, sheets
from app.services.site.published import Entry, PublishedIndex, published_index
from app.services.site.tables import label_cells
from app.services.site.world_map import WorldMap, build_map
from app.services.tool_steps import ToolStep, numbered, step_of
from app.services.training import TrainingFacts
from app.services.typography import typeset, typeset_markdown
from app.taxonomy import Taxonomies, TaxonomyName

RELATED_LIMIT = 4
LINKED_WEIGHT = 1000  # above any count of shared tags
RELATED_CANDIDATES = 2000  # newest published resources of the language scored for relatedness

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}

# The types whose page offers an editable copy (ODT, DOCX: the API's download, written from the same Markdown), and
# what its line says: the texts a reader makes their own. A tool is filled in; a training module, adapted to the
# trainer's audience; a method, written into the organisation's own procedure. Risk sheets, legal references and
# good practices state facts and their sources, to read and cite, not to rewrite (README, "Editable copies").
EDITABLE_COPIES: Mapping[ResourceType, str] = {
    ResourceType.tool: N_("Download this template to fill in"),
    ResourceType.training_module: N_("Download this module to adapt it"),
    ResourceType.methodology: N_("Download this method to adapt it"),
}
EDITABLE_FORMATS = ("odt", "docx")
# What a country sheet's reader does with it next, linked beside its buyer section: the method that weighs the country
# in a risk mapping (the sheet's text says to), how to read the sheet, and the screening of a list of suppliers.
SHEET_NEXT_STEPS = ("method-risk-mapping", "method-risk-sheets")
SHEET_NEXT_PAGES = ("screening",)
# The site's own pages a path links to, by name (app.paths), and what their link says.
PAGE_LINKS: Mapping[str, str] = {"screening": N_("Screen your suppliers")}


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str
    language: str
    detail: str = ""
    # A title in two languages: its words before its part in ``language``, that part, and its words after; the
    # page marks that part only (WCAG 3.1.2). None where the whole title is in ``language``.
    part: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True)
class ResourcePage:
    language: str
    title: str
    summary: str
    body_html: Markup
    url: str
    type_label: str
    # each term to its sheet, or to the search filtered by it (``term_links``)
    countries: Sequence[Link]
    sectors: Sequence[Link]
    risks: Sequence[Link]
    audiences: Sequence[Link]  # who it is written for, each to the search filtered by it
    published_at: date
    updated_at: date | None
    licence: str
    publisher: Link  # the publishing organisation: name and website (url empty without one)
    sources: Sequence[Link]
    translations: Sequence[Link]
    related: Sequence[Link]
    json_ld: Markup
    downloads: Sequence[Link] = ()  # editable copies (ODT, DOCX) of the types of EDITABLE_COPIES
    documents: Sequence[Link] = ()  # a partner's attached documents (detail: « PDF, 2,3 Mo »)
    downloads_label: str = ""  # what the line of the downloads says
    # the public site's additions (issue 11)
    licence_url: str = ""
    licence_label: str = ""
    vintage: str | None = None
    buyer_html: Markup | None = None
    next_steps: Sequence[Link] = ()  # on a country sheet: SHEET_NEXT_STEPS and SHEET_NEXT_PAGES (``guide_links``)
    sources_note: str | None = None
    world_map: WorldMap | None = None  # on commodity and region sheets
    type_code: str = ""
    citation: str = ""  # how to cite the page (``cite``)
    citation_files: Sequence[Link] = ()  # the reference for a reference manager: RIS, BibTeX, CSL-JSON (detail: type)
    step: Link | None = None  # a tool's step of due diligence, on the tools page (content/tool-steps.yaml)
    publisher_search: str = ""  # the search page in the page's language filtered on the publisher: all it published
    answer_key: AnswerKey = ()  # the answers of its quizzes, printed at the end (app.services.quiz)
    # a training module's facts, under its summary (app.services.training); None when the module states none, and
    # on the other types
    training: TrainingFacts | None = None
    # the glossary's terms that name this resource among those going further (``definitions``), to their entries
    definitions: Sequence[Link] = ()
    # on a sheet of ILAB's data about a country, sector, commodity or region: its new resources by email (``follow``)
    follow: Link | None = None


def find_published(session: Session, language: str, slug: str) -> Resource | None:
    if language not in LANGUAGES:
        return None
    return session.scalars(
        select(Resource).where(Resource.language == language, Resource.slug == slug, Resource.is_public)
    ).one_or_none()


def find_taken_off(session: Session, language: str, slug: str) -> Resource | None:
    """The resource once published at this address and since taken off the centre (its page answers 410)."""
    if language not in LANGUAGES:
        return None
    archived = select(Resource).where(
        Resource.language == language, Resource.slug == slug, Resource.status == ResourceStatus.archived
    )
    resource = session.scalars(archived.limit(1)).first()
    return resource if resource is not None and was_taken_off(session, resource) else None


def find_in_other_language(session: Session, language: str, slug: str) -> tuple[Resource, Resource | None] | None:
    """For an address in ``language`` whose slug is a published resource's in the other language (a link whose
    language part was changed by hand, a switch between two sites): that resource, and its own published version
    in ``language`` if it has one (the address to send the reader to)."""
    if language not in LANGUAGES:
        return None
    found = find_published(session, other_language(language), slug)
    if found is None:
        return None
    translation = session.scalars(
        select(Resource).where(
            Resource.translation_key == found.translation_key, Resource.language == language, Resource.is_public
        )
    ).first()
    return found, translation


_RELATED: dict[tuple[str, int, int, int], list[str]] = {}
SHEETS = tuple(SHEET_PREFIXES)  # the keys of the sheets generated from ILAB's data


def related_resources(session: Session, resource: Resource, limit: int = RELATED_LIMIT) -> list[Resource]:
    """Published resources in the same language that its text links to, then those sharing the most sectors and
    countries (then risks), newest first; for a sheet generated from ILAB's data, neither its links nor other sheets.
    The choice is kept per resource version while no resource changes (a region sheet scores ~2,000 candidates)."""
    index = published_index(session)
    key = (resource.id, resource.version, index.token, limit)
    chosen = _RELATED.get(key)
    if chosen is None:
        chosen = _choose_related(index.newest_first.get(resource.language, ())[:RELATED_CANDIDATES], resource, limit)
        if len(_RELATED) >= BODY_CACHE_SIZE:
            _RELATED.clear()
        _RELATED[key] = chosen
    if not chosen:
        return []
    found = {r.id: r for r in session.scalars(select(Resource).where(Resource.id.in_(chosen)))}
    return [found[i] for i in chosen if i in found]


def _choose_related(candidates: Sequence[Entry], resource: Resource, limit: int) -> list[str]:
    sectors, countries, risks = set(resource.sectors), set(resource.countries), set(resource.risks)
    # A sheet generated from ILAB's data links the conventions of its ratification table and its related sheets
    # (« Fiches liées ») already: chosen again here, they took every place (India's and Bangladesh's sheets listed four
    # conventions), where the briefs, practices and training on its countries and sectors were what to read next.
    generated = resource.type == ResourceType.risk_sheet and resource.translation_key.startswith(SHEETS)
    # What its text links to comes first — the author's own choice of what to read next (the 2017 law's page: the
    # vigilance plan's method, the directive) — but risk sheets: a sheet lists its related sheets itself, and
    # every other text links to its countries' and commodities' sheets, which its tags find already.
    linked = set() if generated else {key for key in internal_links(resource.body) if not key.startswith(SHEETS)}
    if not sectors and not countries and not linked:
        return []
    scored = []
    for position, entry in enumerate(candidates):
        if entry.translation_key == resource.translation_key or (
            generated and entry.translation_key.startswith(SHEETS)
        ):
            continue
        shared = len(sectors.intersection(entry.sectors)) * 2 + len(countries.intersection(entry.countries)) * 2
        if entry.translation_key in linked:
            shared += LINKED_WEIGHT
        if shared:
            scored.append((-(shared + len(risks.intersection(entry.risks))), position, entry.id))
    return [resource_id for *_, resource_id in sorted(scored)[:limit]]


_BODIES: dict[tuple[str, int, str, int], tuple[Markup, Markup | None, str | None, AnswerKey]] = {}
BODY_CACHE_SIZE = 256


def _rendered_body(
    session: Session, base_url: str, resource: Resource
) -> tuple[Markup, Markup | None, str | None, AnswerKey]:
    """The body (without its buyer and Sources sections, its quizzes' answers told apart), the buyer section, the
    sources' note and the quizzes' answer key, rendered; kept per resource version while no resource changes (links
    to other resources are resolved in it)."""
    index = published_index(session)
    key = (resource.id, resource.version, base_url, index.token)
    cached = _BODIES.get(key)
    if cached is None:
        resolver = cached_link_resolver(session, base_url, resource.language)
        parts = sheets.split_body(typeset_markdown(resource.body, resource.language))
        body, answer_key = separate_answers(label_cells(sheets.badge_tables(render_markdown(parts.body, resolver))))
        buyer = Markup(sheets.badge_tables(render_markdown(parts.buyer, resolver))) if parts.buyer else None
        cached = (body, buyer, parts.sources_note, answer_key)
        if len(_BODIES) >= BODY_CACHE_SIZE:
            _BODIES.clear()
        _BODIES[key] = cached
    return cached


def cached_link_resolver(session: Session, base_url: str, language: str) -> Callable[[str], str | None]:
    """``crv:<translation_key>`` → the published page in ``language`` (or any language), from the cached index."""
    index = published_index(session)

    def resolve(translation_key: str) -> str | None:
        best = index.best(translation_key, language)
        return resource_url(base_url, best.language, best.slug) if best else None

    return resolve


def json_for_script(data: Any) -> Markup:
    """JSON safe inside ``<script type="application/ld+json">``: no ``</script>``, ``<!--`` or HTML-significant
    character survives unescaped, and neither do the JavaScript line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return Markup(text)


def structured_data(
    resource: Resource,
    url: str,
    translations: Sequence[Link],
    labels: Mapping[str, Sequence[str]],
    publisher: Link | None = None,
    base_url: str = "",
) -> dict[str, Any]:
    """The page's schema.org JSON-LD: the same as ``Accept: application/ld+json`` on the API."""
    publisher = publisher or Link(resource.publisher, "", resource.language)
    others = [(t.title, t.url, t.language) for t in translations]
    return jsonld.structured_data(resource, url, others, labels, (publisher.title, publisher.url), base_url)


MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}  # fmt: skip


# The parts of a citation, data as the dates are (here, not through the interface's catalog); ``VERSION`` is also
# the export's (app.services.citations).
VERSION = {"fr": "version du {day}", "en": "version of {day}"}
DATA = {"fr": "données {vintage}", "en": "{vintage} data"}
CONSULTED = {"fr": "consulté le {day}", "en": "accessed {day}"}


def cite(
    publisher: str,
    title: str,
    day: date,
    url: str,
    language: str,
    *,
    consulted: date,
    vintage: str | None = None,
) -> str:
    """A reference to the page for a due-diligence file or a report: publisher, title in the language's quotation
    marks, the centre (unless it is the publisher), the data's edition (an ILAB sheet's), the date of this version,
    the address and the day it was consulted (a vigilance plan's record of what was read, and when)."""
    centre = centre_name(language)
    quoted = f"«\u00a0{title}\u00a0»" if language == "fr" else f"“{title}”"
    parts = [
        publisher,
        quoted,
        *([centre] if publisher != centre else []),
        *([DATA[language].format(vintage=vintage)] if vintage else []),
        VERSION[language].format(day=human_date(day, language)),
        url,
        CONSULTED[language].format(day=human_date(consulted, language)),
    ]
    return ", ".join(parts) + "."


def human_date(day: date, language: str) -> str:
    """``10 janvier 2026`` / ``10 January 2026`` (``1er`` for the first of a French month)."""
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[language][day.month - 1]} {day.year}"


def _safe_url(url: str) -> str:
    return url if url.lower().startswith(("https://", "http://")) else ""


def _labels(taxonomies: Taxonomies, name: TaxonomyName, codes: Sequence[str], language: str) -> list[str]:
    vocabulary = taxonomies[name]
    return [vocabulary[code].label(language) if code in vocabulary else code for code in codes]


def term_links(
    index: PublishedIndex, labels: Sequence[str], codes: Sequence[str], filter_name: str, resource: Resource
) -> list[Link]:
    """The resource's countries, sectors or risks as links: to the term's own sheet in the page's language when
    there is one and it is not this page, else to the search page filtered by the term."""
    language = resource.language
    links = []
    for label, code in zip(labels, codes, strict=True):
        slug = index.term_sheet(filter_name, code, language, besides=resource.translation_key)
        url = resource_path(language, slug) if slug else page_path("search", language, **{filter_name: code})
        links.append(Link(label, url, language))
    return links


def publisher_link(session: Session, resource: Resource) -> Link:
    """Who published the resource: its organisation's name and website (the centre for content/)."""
    name, website = jsonld.publisher_of(session, resource)
    return Link(name, website, resource.language)


def build_page(
    session: Session,
    taxonomies: Taxonomies,
    base_url: str,
    resource: Resource,
    steps: tuple[ToolStep, ...] = (),
    glossary: Sequence[GlossaryTerm] = (),
) -> ResourcePage:
    language = resource.language
    url = resource_url(base_url, language, resource.slug)
    index = published_index(session)
    translations = [
        Link(t.title, resource_url(base_url, t.language, t.slug), t.language, LANGUAGE_NAMES.get(t.language, ""))
        for t in sorted(index.by_key.get(resource.translation_key, {}).values(), key=lambda e: e.language)
        if t.id != resource.id
    ]
    related = [
        Link(
            r.title,
            resource_url(base_url, r.language, r.slug),
            r.language,
            _labels(taxonomies, TaxonomyName.types, [r.type], language)[0],
        )
        for r in related_resources(session, resource)
    ]
    labels = jsonld.labels(taxonomies, resource)
    body_html, buyer_html, sources_note, answer_key = _rendered_body(session, base_url, resource)
    publisher = publisher_link(session, resource)
    # A sheet generated from ILAB's data says its vintage; a text that only cites ILAB (a training module) does not.
    vintage = (
        sheets.vintage([str(s["title"]) for s in resource.sources])
        if resource.type == ResourceType.risk_sheet
        else None
    )
    return ResourcePage(
        language=language,
        title=typeset(resource.title, language),
        summary=typeset(resource.summary, language),
        body_html=Markup(body_html),
        url=url,
        type_label=labels["type"][0],
        countries=term_links(index, labels["countries"], resource.countries, "country", resource),
        sectors=term_links(index, labels["sectors"], resource.sectors, "sector", resource),
        risks=term_links(index, labels["risks"], resource.risks, "risk", resource),
        audiences=term_links(
            index,
            _labels(taxonomies, TaxonomyName.audiences, resource.audiences, language),
            resource.audiences,
            "audience",
            resource,
        ),
        published_at=resource.published_at,
        updated_at=resource.updated_at if resource.updated_at != resource.published_at else None,
        licence=resource.licence,
        publisher=publisher,
        sources=source_links(resource.sources, language),
        translations=translations,
        related=related,
        json_ld=json_for_script(structured_data(resource, url, translations, labels, publisher, base_url)),
        downloads=_downloads(base_url, resource),
        documents=document_links(resource, lambda name: attachments.address(base_url, resource.id, name)),
        downloads_label=gettext(language, EDITABLE_COPIES[resource.type]) if resource.type in EDITABLE_COPIES else "",
        licence_url=licences.reading_page(resource.licence, language),
        licence_label=licences.label(resource.licence, language),
        vintage=vintage,
        buyer_html=buyer_html,
        next_steps=guide_links(index, language, SHEET_NEXT_STEPS, SHEET_NEXT_PAGES)
        if resource.type == ResourceType.risk_sheet and resource.translation_key.startswith(COUNTRY_SHEET)
        else (),
        sources_note=sources_note,
        world_map=sheet_map(session, taxonomies, resource),
        type_code=resource.type,
        citation=cite(
            publisher.title,
            typeset(resource.title, language),
            resource.updated_at,
            url,
            language,
            consulted=centre_today(),
            vintage=vintage,
        ),
        citation_files=citation_files(base_url, resource),
        step=_step_link(steps, resource) if resource.type == ResourceType.tool else None,
        publisher_search=page_path("search", language, publisher=resource.publisher),
        answer_key=answer_key,
        training=training.facts(resource.duration, resource.level, resource.prerequisites, language),
        definitions=definitions(glossary, resource, language),
        follow=follow(taxonomies, resource),
    )


def follow(taxonomies: Taxonomies, resource: Resource) -> Link | None:
    """The email alert of what a sheet generated from ILAB's data is about — « country-ci »'s country, « commodity-cocoa
    »'s sector — in the page's language: a buyer following Côte d'Ivoire gets its new resources, not this sheet's.
    None for another resource, and for a sheet whose key names no term of its own tags."""
    if resource.type != ResourceType.risk_sheet:
        return None
    for prefix, attribute in SHEET_PREFIXES.items():
        if not resource.translation_key.startswith(prefix):
            continue
        name = next(name for name, spec in FILTERS.items() if spec.attribute == attribute)
        code, vocabulary = name.spec.normalise(resource.translation_key.removeprefix(prefix)), name.spec.vocabulary
        if vocabulary is None or code not in getattr(resource, attribute):
            return None
        language = resource.language
        label = _labels(taxonomies, vocabulary, [code], language)[0]
        title = gettext(language, "Get new resources by email: %(subject)s", subject=label)
        return Link(title, alert_path(language, **{name.value: code}), language)
    return None


def definitions(glossary: Sequence[GlossaryTerm], resource: Resource, language: str) -> list[Link]:
    """The glossary's terms whose further reading names ``resource`` (its ``see_also``), in dictionary order, each to
    its entry on the glossary page: a reader of the law or the method gets the short definition and its sources."""
    terms = [term.fr if language == "fr" else term.en for term in glossary if resource.translation_key in term.see_also]
    page = page_path("glossary", language)
    return [
        Link(text.term, f"{page}#{anchor(text.term)}", language)
        for text in sorted(terms, key=lambda text: collation_key(text.term))
    ]


def guide_links(index: PublishedIndex, language: str, keys: Sequence[str], pages: Sequence[str] = ()) -> list[Link]:
    """Links in ``language``: to each resource of ``keys`` (translation keys) published in it, titled as it is, in
    that order (one not published in it is left out), then to each of the site's ``pages`` (:data:`PAGE_LINKS`)."""
    entries = [entry for key in keys if (entry := index.by_key.get(key, {}).get(language))]
    return [Link(typeset(e.title, language), resource_path(language, e.slug), language) for e in entries] + [
        Link(gettext(language, PAGE_LINKS[name]), page_path(name, language), language) for name in pages
    ]


def source_links(sources: Sequence[Mapping[str, Any]], language: str) -> list[Link]:
    """The sources as the page lists them; a source's language only where it is not the page's ``language``: its
    title is marked with it (``lang``, WCAG 3.1.2), or only its ``original_title`` where it has one (its first
    occurrence), its link with ``hreflang``."""
    return [_source_link(source, language) for source in sources]


def _source_link(source: Mapping[str, Any], language: str) -> Link:
    title = str(source["title"])
    other = "" if source.get("language") in (None, language) else str(source["language"])
    original = str(source.get("original_title") or "")
    # without one, or one that is the whole title: the whole title is marked (the schema has it in the title)
    part = title.partition(original) if other and original and original != title and original in title else None
    return Link(title, _safe_url(str(source["url"])), other, part=part)


def document_links(resource: Resource, address: Callable[[str], str]) -> list[Link]:
    """The documents attached to ``resource``, each downloaded from ``address(filename)``; a document's language
    only where it is not the page's: its title is marked with it (``lang``, WCAG 3.1.2), its link with
    ``hreflang``."""
    return [
        Link(
            str(entry["title"]),
            address(str(entry["filename"])),
            "" if entry.get("language") == resource.language else str(entry.get("language") or ""),
            attachments.described(entry, resource.language),
        )
        for entry in resource.attachments or []
    ]


def _downloads(base_url: str, resource: Resource) -> list[Link]:
    """The editable copies of the resource, if its type offers them (``EDITABLE_COPIES``)."""
    if resource.type not in EDITABLE_COPIES:
        return []
    address = f"{base_url.rstrip('/')}/v1/resources/{resource.id}/download?format="
    return [Link(fmt.upper(), address + fmt, resource.language) for fmt in EDITABLE_FORMATS]


def citation_files(base_url: str, resource: Resource) -> list[Link]:
    """The resource's reference in each format of :mod:`app.services.citation_formats`, from the API."""
    address = f"{base_url.rstrip('/')}/v1/resources/{resource.id}/citation?format="
    return [
        Link(label, address + fmt, resource.language, citation_formats.MEDIA_TYPES[fmt])
        for fmt, label in citation_formats.LABELS.items()
    ]


def _step_link(steps: tuple[ToolStep, ...], resource: Resource) -> Link | None:
    """The step of due diligence naming the tool: its title and its group on the tools page."""
    found = step_of(steps, resource.translation_key)
    if found is None:
        return None
    number, step = found
    language = resource.language
    title = f"{numbered(language, number)} {step.label(language)}"
    return Link(title, f"{page_path('tools', language)}#step-{number}", language)


def sheet_map(session: Session, taxonomies: Taxonomies, resource: Resource) -> WorldMap | None:
    """The map of the countries a commodity or region sheet names, with the finding each row states."""
    if not resource.translation_key.startswith((COMMODITY_SHEET, REGION_SHEET)):
        return None
    named = sheets.sheet_listings(resource.body)
    if not named:
        return None
    language = resource.language
    rows, unlisted, outside = [], [], []
    region = resource.translation_key.removeprefix(REGION_SHEET)
    for row in browse.country_rows(session, taxonomies, language):
        if row.code in named:
            listed = named[row.code]  # the row's findings for the commodity, not the country's for all its goods
            stated = sheets.most_serious(listed)
            rows.append(
                replace(row, finding=stated, finding_label=stated.label(language), listed=listed) if stated else row
            )
        elif resource.translation_key.startswith(COMMODITY_SHEET):
            unlisted.append(row.code)  # ILAB reports on it, but does not list it for this product
        elif row.region_code != region:
            outside.append(row.code)  # ILAB reports on it under another region
    namer = browse.country_namer(taxonomies, language)
    return build_map(rows, namer, language, only=set(named), unlisted=unlisted, outside=outside)
