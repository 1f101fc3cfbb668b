"""The tools page (``/fr/outils/``, ``/en/tools/``): beside the centre's own tools (screening, the widget, the API),
every published resource of the *tool* type in the page's language — checklists, templates, guides — grouped by
the step of due diligence each serves (``content/tool-steps.yaml``, :mod:`app.services.tool_steps`), so that a
buyer finds the one they need without composing a search; the tools no step names come after, by title."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.i18n import collation_key, gettext
from app.paths import page_path, resource_path
from app.search.base import FilterField, SearchEngine, SearchQuery
from app.services.site.published import PublishedIndex
from app.services.tool_steps import STEPS_PAGE, numbered, shown_tool_steps

TOOL_TYPE = "tool"
SHOWN = 100  # past this many, the page links to the search for the rest


@dataclass(frozen=True, slots=True)
class ToolEntry:
    title: str
    url: str
    summary: str


@dataclass(frozen=True, slots=True)
class ToolGroup:
    title: str | None  # a step's label, « Other tools », or None when the page has no steps
    number: int | None  # the step's, from 1
    numbered: str | None  # « Étape 2 : », leading the title
    tools: Sequence[ToolEntry]


@dataclass(frozen=True, slots=True)
class ToolsView:
    groups: Sequence[ToolGroup]
    total: int
    search_url: str  # every tool, in the search page
    shown: int
    steps_url: str | None = None  # the centre's page on the steps, when the tools are grouped by them


def build_tools(engine: SearchEngine, language: str, content_dir: Path, published: PublishedIndex) -> ToolsView:
    steps = shown_tool_steps(content_dir)
    result = engine.search(
        SearchQuery(filters={FilterField.lang: (language,), FilterField.type: (TOOL_TYPE,)}, per_page=SHOWN)
    )
    found = {
        hit.document.translation_key: ToolEntry(
            hit.document.title, resource_path(hit.document.language, hit.document.slug), hit.document.summary
        )
        for hit in result.hits
    }
    groups = []
    for number, step in enumerate(steps, start=1):  # numbered as in step_of, which the tools' pages link with
        tools = [found.pop(key) for key in step.tools if key in found]
        if tools:
            groups.append(ToolGroup(step.label(language), number, numbered(language, number), tools))
    others = sorted(found.values(), key=lambda tool: collation_key(tool.title))
    if others:
        groups.append(ToolGroup(gettext(language, "Other tools") if groups else None, None, None, others))
    grouped = bool(groups) and groups[0].number is not None
    slug = published.slug(STEPS_PAGE, language) if grouped else None
    return ToolsView(
        groups,
        result.total,
        page_path("search", language, type=TOOL_TYPE),
        len(result.hits),
        resource_path(language, slug) if slug else None,
    )
