"""The tools page (``/fr/outils/``, ``/en/tools/``): beside the centre's own tools (screening, the widget, the API),
every published resource of the *tool* type in the page's language — checklists, templates, guides — by title, so
that a buyer finds the one they need without composing a search."""

from collections.abc import Sequence
from dataclasses import dataclass

from app.i18n import collation_key
from app.paths import page_path, resource_path
from app.search.base import FilterField, SearchEngine, SearchQuery

TOOL_TYPE = "tool"
SHOWN = 100  # past this many, the page links to the search for the rest


@dataclass(frozen=True, slots=True)
class ToolEntry:
    title: str
    url: str
    summary: str


@dataclass(frozen=True, slots=True)
class ToolsView:
    tools: Sequence[ToolEntry]  # by title
    total: int
    search_url: str  # every tool, in the search page


def build_tools(engine: SearchEngine, language: str) -> ToolsView:
    result = engine.search(
        SearchQuery(filters={FilterField.lang: (language,), FilterField.type: (TOOL_TYPE,)}, per_page=SHOWN)
    )
    tools = [
        ToolEntry(hit.document.title, resource_path(hit.document.language, hit.document.slug), hit.document.summary)
        for hit in result.hits
    ]
    tools.sort(key=lambda tool: collation_key(tool.title))
    return ToolsView(tools, result.total, page_path("search", language, type=TOOL_TYPE))
