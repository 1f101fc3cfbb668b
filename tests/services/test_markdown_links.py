"""Web addresses in a body as partners type them, and headings under the heading a body is shown under.

`[notre rapport](www.enfance-cacao.org/rapport.pdf)` was a relative link (a 404 on the public page), and a bare
https:// address was no link at all."""

import pytest

from app.services.markdown import render_markdown, tokens


@pytest.mark.parametrize(
    ("typed", "href"),
    [
        ("[notre rapport](www.enfance-cacao.org/rapport.pdf)", "https://www.enfance-cacao.org/rapport.pdf"),
        ("[le site](www.enfance-cacao.org)", "https://www.enfance-cacao.org"),
        ("[le rapport](enfance-cacao.org/rapport.pdf)", "https://enfance-cacao.org/rapport.pdf"),
        ("[le rapport](https://ilo.org/r.pdf)", "https://ilo.org/r.pdf"),
        ("[le rapport](http://ilo.org/r.pdf)", "http://ilo.org/r.pdf"),  # as typed: some sites have no https
        ("[l’annexe](rapport.pdf)", "rapport.pdf"),  # a file name, not a site
        ("[l’annexe](./annexe/a.pdf)", "./annexe/a.pdf"),
        ("[l’annexe](../a.pdf)", "../a.pdf"),
        ("[écrire](mailto:contact@ong.org)", "mailto:contact@ong.org"),
    ],
)
def test_a_link_to_a_site_typed_without_its_scheme_leads_to_it(typed: str, href: str) -> None:
    assert f'<a href="{href}" rel="nofollow noopener">' in render_markdown(typed)


def test_an_address_in_the_text_is_a_link() -> None:
    html = render_markdown("Voir https://www.ilo.org/rapport.pdf, www.ong.org et enfance-cacao.org/rapport.pdf.")
    assert (
        '<a href="https://www.ilo.org/rapport.pdf" rel="nofollow noopener">https://www.ilo.org/rapport.pdf</a>,' in html
    )
    assert '<a href="https://www.ong.org" rel="nofollow noopener">www.ong.org</a>' in html
    assert (
        '<a href="https://enfance-cacao.org/rapport.pdf" rel="nofollow noopener">enfance-cacao.org/rapport.pdf</a>.'
        in (html)
    )


@pytest.mark.parametrize(
    "text",
    [
        "L’OIT (ilo.org) publie ses estimations.",  # a site named, not an address to follow
        "Écrire à contact@ong.org.",
        "Le protocole ftp://ilo.org/a et //ilo.org/b.",
        "La norme 2.5 et l’article L.1231-1.",
        "`https://exemple.org` dans du code",
    ],
)
def test_text_that_only_looks_like_an_address_stays_text(text: str) -> None:
    assert "<a " not in render_markdown(text)


def test_other_formats_get_the_same_addresses() -> None:
    """The documents written from the tokens (app/services/documents.py) lead where the page does."""
    hrefs = [
        child.attrs["href"]
        for block in tokens("[r](www.ong.org/r.pdf) et https://ilo.org")
        for child in block.children or []
        if child.type == "link_open"
    ]
    assert hrefs == ["https://www.ong.org/r.pdf", "https://ilo.org"]


def test_headings_sit_under_the_heading_the_body_is_shown_under() -> None:
    body = "# Titre\n\n## Contexte\n\n### Détail\n\n###### Fin"
    assert render_markdown(body) == "<h1>Titre</h1>\n<h2>Contexte</h2>\n<h3>Détail</h3>\n<h6>Fin</h6>\n"  # a page
    under_h3 = render_markdown(body, headings_under=3)  # the desk: a version's title is an H3
    assert under_h3 == "<h3>Titre</h3>\n<h4>Contexte</h4>\n<h5>Détail</h5>\n<h6>Fin</h6>\n"
