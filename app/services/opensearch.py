"""The OpenSearch 1.1 description document (https://github.com/dewitt/opensearch): the site's search page, the
Atom feed and the JSON API, each with ``{searchTerms}``."""

from lxml import etree

OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
MEDIA_TYPE = "application/opensearchdescription+xml"
SEARCH_PAGE = "/fr/recherche"  # the public site's search page (issue 11)


def description(base_url: str) -> bytes:
    base = base_url.rstrip("/")
    root = etree.Element(f"{{{OPENSEARCH}}}OpenSearchDescription", nsmap={None: OPENSEARCH})

    def add(tag: str, text: str | None = None, **attributes: str) -> None:
        element = etree.SubElement(root, f"{{{OPENSEARCH}}}{tag}", attributes)
        element.text = text

    add("ShortName", "crv")
    add(
        "Description", "Centre de ressources virtuel 8.7 : travail des enfants, travail forcé, traite des êtres humains"
    )
    add("Tags", "travail des enfants travail forcé traite child labour forced labour trafficking")
    add("Url", type="text/html", template=f"{base}{SEARCH_PAGE}?q={{searchTerms}}")
    add("Url", type="application/atom+xml", template=f"{base}/v1/feed.atom?q={{searchTerms}}")
    add(
        "Url",
        type="application/json",
        template=f"{base}/v1/search?q={{searchTerms}}&page={{startPage?}}&per_page={{count?}}",
    )
    add("Url", type=MEDIA_TYPE, rel="self", template=f"{base}/opensearch.xml")
    add("Language", "fr")
    add("Language", "en")
    add("InputEncoding", "UTF-8")
    add("OutputEncoding", "UTF-8")
    data: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return data
