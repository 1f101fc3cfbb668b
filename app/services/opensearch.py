"""The OpenSearch 1.1 description documents (https://github.com/dewitt/opensearch), one per language: the site's
search page in that language, the Atom feed of its resources in it (as the page's own feed link), and the JSON API
with that language ranked first, each with ``{searchTerms}``.
Every page links its own language's (app/templates/base.html): the one description there was, French, sent an
English reader's browser to /fr/recherche."""

from lxml import etree

from app.i18n import gettext
from app.languages import DEFAULT_LANGUAGE
from app.paths import page_path

OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
MEDIA_TYPE = "application/opensearchdescription+xml"
# The address of the one description there was, French, which browsers that added it still ask for.
FORMER_PATH = "/opensearch.xml"
FORMER_LANGUAGE = DEFAULT_LANGUAGE.value


def path(language: str) -> str:
    """The address of ``language``'s description."""
    return f"/{language}/opensearch.xml"


def description(base_url: str, language: str) -> bytes:
    base = base_url.rstrip("/")
    root = etree.Element(f"{{{OPENSEARCH}}}OpenSearchDescription", nsmap={None: OPENSEARCH})

    def add(tag: str, text: str | None = None, **attributes: str) -> None:
        element = etree.SubElement(root, f"{{{OPENSEARCH}}}{tag}", attributes)
        element.text = text

    # At most 16 characters; a browser names the search it adds by it, one per language.
    add("ShortName", gettext(language, "CRV 8.7 English"))
    add("Description", gettext(language, "Virtual resource centre 8.7: child labour, forced labour, human trafficking"))
    add("Tags", gettext(language, "child labour forced labour human trafficking"))
    add("Url", type="text/html", template=f"{base}{page_path('search', language)}?q={{searchTerms}}")
    add("Url", type="application/atom+xml", template=f"{base}/v1/feed.atom?q={{searchTerms}}&lang={language}")
    add(
        "Url",
        type="application/json",
        template=f"{base}/v1/search?q={{searchTerms}}&prefer_lang={language}&page={{startPage?}}&per_page={{count?}}",
    )
    add("Url", type=MEDIA_TYPE, rel="self", template=f"{base}{path(language)}")
    add("Language", language)
    add("InputEncoding", "UTF-8")
    add("OutputEncoding", "UTF-8")
    data: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return data
