"""That ILAB has published a newer List of Goods than the 2022 edition the centre reads, said wherever that data is
read: at length on the « About » page and with the screening's results (the page and its workbook's summary), briefly
on an ILAB sheet, above its figures. One edition (:data:`app.ilab.reader.NEWER_GOODS_LIST`), its day and counts said
in the reader's language."""

from dataclasses import dataclass

from app.i18n import N_, format_number, gettext
from app.ilab.reader import NEWER_GOODS_LIST
from app.services.pages import human_date

NEWER_LIST = N_(
    "ILAB has published a newer edition of its list since, on %(date)s (%(goods)s goods from %(countries)s countries "
    "and areas); the centre’s sheets and its screening still read the 2022 editions. Before relying on a listing, or "
    "on its absence, check the current list on ILAB’s site."
)
# A sheet's reader starts its text soon after the summary, on a phone too: the same warning, short.
NEWER_LIST_SHORT = N_(
    "ILAB has published a newer list since, on %(date)s: check a listing, or its absence, there before relying on it."
)


@dataclass(frozen=True, slots=True)
class Notice:
    text: str
    url: str  # ILAB's page of the newer list, which the text sends the reader to


def newer_list(lang: str, *, short: bool = False) -> Notice:
    """The warning in ``lang`` (« le 5 septembre 2024 », "on 5 September 2024") and where the newer list is."""
    edition = NEWER_GOODS_LIST
    text = gettext(
        lang,
        NEWER_LIST_SHORT if short else NEWER_LIST,
        date=human_date(edition.published, lang),
        goods=format_number(edition.goods, lang),
        countries=format_number(edition.countries, lang),
    )
    return Notice(text, edition.url)
