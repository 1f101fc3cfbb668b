"""What the values of a screening's download mean, for the workbook's summary: a file sent to a colleague or kept in
a due diligence record is read without the site, whose page says what « Pays non reconnu » or « nom dans le texte »
mean beside them (:mod:`app.services.screening_report` writes the rows).

Each of the values of the result column (« Constat pays-produit (ILAB) »), and each of the « Pays reconnu par » and
« Produit reconnu par » columns' (:data:`MATCHED_BY`), with its meaning; the three values that say a line has no
finding mean what the page's legend says of them (:data:`app.services.screening.NO_FINDING_LEGEND`, translated once).
"""

from collections.abc import Iterable

from app.i18n import gettext
from app.schemas.screening import ScreeningState
from app.schemas.taxonomy import Labels
from app.services.resolve import MatchMethod
from app.services.screening import (
    FINDING_IN_SECTOR,
    FROM_CATEGORY,
    LISTED_FOR_INPUTS,
    LISTED_ONLY_NO_FINDING,
    NO_FINDING_IN_SECTOR,
    NO_FINDING_LEGEND,
    STATE_LABELS,
    UNRESOLVED_LABELS,
    LineGroup,
    label,
)

UNREADABLE = Labels(fr="Ligne illisible", en="Unreadable line")
MATCHED_BY: dict[MatchMethod, Labels] = {
    MatchMethod.iso2: Labels(fr="code ISO à 2 lettres", en="2-letter ISO code"),
    MatchMethod.iso3: Labels(fr="code ISO à 3 lettres", en="3-letter ISO code"),
    MatchMethod.code: Labels(fr="code", en="code"),
    MatchMethod.name: Labels(fr="nom", en="name"),
    MatchMethod.variant: Labels(fr="autre nom ou graphie", en="other name or spelling"),
    MatchMethod.contains: Labels(fr="nom dans le texte", en="name within the text"),
    MatchMethod.fuzzy: Labels(fr="orthographe approchée", en="close spelling"),
    MatchMethod.none: Labels(fr="non reconnu", en="not recognised"),
}
# A meaning is written here in both languages, or is a gettext id the page says too.
Meaning = Labels | str

RESULTS: tuple[tuple[Labels, Meaning], ...] = (
    (
        STATE_LABELS[ScreeningState.finding],
        Labels(
            fr="L’ILAB liste ce produit dans ce pays, ou un bien qu’il peut être ou dont il est fait (le coton d’un "
            "fil de coton), pour du travail des enfants, du travail forcé ou les deux (colonne « Constats de l’ILAB "
            "pour ce pays et ce produit »)\u202f; la colonne « Constats de l’ILAB par bien » dit lesquels pour quel "
            "bien.",
            en="ILAB lists this product in this country, or a good it may be or is made of (the cotton of cotton "
            "yarn), for child labour, forced labour or both (column “ILAB’s findings for this country and "
            "product”); the column “ILAB’s findings by good” says which findings are about which good.",
        ),
    ),
    (
        LISTED_FOR_INPUTS,
        Labels(
            fr="L’ILAB liste ce produit dans ce pays parce qu’il est fabriqué avec des intrants issus du travail des "
            "enfants ou du travail forcé, ailleurs (colonne « Fabriqué avec des intrants exploités »).",
            en="ILAB lists this product in this country because it is made with inputs produced with child labour or "
            "forced labour elsewhere (column “Made with exploited inputs”).",
        ),
    ),
    (
        FINDING_IN_SECTOR,
        Labels(
            fr="Le produit n’est pas un bien de la liste de l’ILAB et a été lu comme son secteur, dont l’ILAB liste "
            "des biens dans ce pays (colonne « Constats de l’ILAB par bien »)\u00a0: le constat porte sur ces biens, "
            "pas sur le produit.",
            en="ILAB’s list does not name the product, which was read as its sector; ILAB lists goods of that sector "
            "in this country (column “ILAB’s findings by good”): the finding is about those goods, not the product.",
        ),
    ),
    (STATE_LABELS[ScreeningState.assessed_no_finding], NO_FINDING_LEGEND[LineGroup.assessed_no_finding]),
    (
        NO_FINDING_IN_SECTOR,
        Labels(
            fr="Le produit, lu comme son secteur, n’est pas un bien de la liste de l’ILAB\u00a0; l’ILAB évalue le pays "
            "et n’y liste aucun bien de ce secteur.",
            en="ILAB’s list does not name the product, which was read as its sector; ILAB assesses the country and "
            "lists none of that sector’s goods there.",
        ),
    ),
    (LISTED_ONLY_NO_FINDING, NO_FINDING_LEGEND[LineGroup.listed_only]),
    (STATE_LABELS[ScreeningState.not_assessed], NO_FINDING_LEGEND[LineGroup.not_assessed]),
    (
        UNRESOLVED_LABELS[(False, True)],
        Labels(
            fr="Le pays n’a pas été reconnu\u00a0: la ligne n’est pas criblée. Corrigez-le (colonne « Pays\u00a0: "
            "vouliez-vous dire\u202f? »), en français ou en anglais, ou par son code ISO.",
            en="The country was not recognised: the line is not screened. Correct it (column “Country: did you "
            "mean?”), in French or English, or by its ISO code.",
        ),
    ),
    (
        UNRESOLVED_LABELS[(True, False)],
        Labels(
            fr="Le produit n’a pas été reconnu\u00a0: la ligne n’est pas criblée. La liste de l’ILAB n’a pas d’entrée "
            "sous ce nom, ce qui n’est pas un signe d’absence de risque\u00a0: nommez la matière première dont il est "
            "fait ou son secteur (colonne « À savoir »).",
            en="The product was not recognised: the line is not screened. ILAB’s list has no entry under this name, "
            "which is no sign of no risk: name the raw material it is made of or its sector (column “Caveat”).",
        ),
    ),
    (
        UNRESOLVED_LABELS[(False, False)],
        Labels(
            fr="Ni le pays ni le produit n’ont été reconnus\u00a0: la ligne n’est pas criblée.",
            en="Neither the country nor the product was recognised: the line is not screened.",
        ),
    ),
    (
        UNREADABLE,
        Labels(
            fr="La ligne n’a pas pu être lue (pas de pays, pas de produit, une cellule trop longue…)\u00a0: colonne "
            "« Ligne illisible\u00a0: raison ».",
            en="The line could not be read (no country, no product, a cell too long…): column “Unreadable line: "
            "reason”.",
        ),
    ),
)
MATCHES: tuple[tuple[Labels, Labels], ...] = (
    (
        MATCHED_BY[MatchMethod.iso2],
        Labels(fr="le code ISO 3166 du pays à 2 lettres (CI)", en="the country’s 2-letter ISO 3166 code (CI)"),
    ),
    (
        MATCHED_BY[MatchMethod.iso3],
        Labels(fr="le code ISO 3166 du pays à 3 lettres (CIV)", en="the country’s 3-letter ISO 3166 code (CIV)"),
    ),
    (
        MATCHED_BY[MatchMethod.code],
        Labels(
            fr="le code du produit ou du secteur chez le centre (cocoa)",
            en="the centre’s product or sector code (cocoa)",
        ),
    ),
    (
        MATCHED_BY[MatchMethod.name],
        Labels(fr="le nom, à la casse et aux accents près", en="the name, but for case and accents"),
    ),
    (
        MATCHED_BY[MatchMethod.variant],
        Labels(
            fr="un autre nom, une autre graphie ou un synonyme connus (Ivory Coast, RDC, t-shirts)",
            en="another name, spelling or synonym the centre knows (Côte d’Ivoire, DRC, t-shirts)",
        ),
    ),
    (
        MATCHED_BY[MatchMethod.contains],
        Labels(
            fr="un nom connu parmi d’autres mots (« fèves de cacao bio », « Brésil (São Paulo) »)",
            en="a known name among other words (“organic cocoa beans”, “Brazil (São Paulo)”)",
        ),
    ),
    (
        MATCHED_BY[MatchMethod.fuzzy],
        Labels(
            fr="une faute de frappe corrigée (« Bangaldesh »)\u00a0: à vérifier",
            en="a typo corrected (“Bangaldesh”): to be checked",
        ),
    ),
    (
        MATCHED_BY[MatchMethod.none],
        Labels(
            fr="rien de connu\u00a0: voir « vouliez-vous dire\u202f? » et « À savoir »",
            en="nothing known: see “did you mean?” and “Caveat”",
        ),
    ),
    (
        FROM_CATEGORY[False],
        Labels(
            fr="le produit vide ou inconnu, la ligne a été criblée sur la catégorie de la liste, qui nomme un secteur",
            en="the product empty or unknown, the line was screened on the list’s category, which names a sector",
        ),
    ),
    (
        FROM_CATEGORY[True],
        Labels(
            fr="le produit vide ou inconnu, la ligne a été criblée sur la catégorie de la liste, qui nomme un produit",
            en="the product empty or unknown, the line was screened on the list’s category, which names a product",
        ),
    ),
)
COLUMN_SAID = Labels(fr="{column}\u00a0: {value}", en="{column}: {value}")


def said(meaning: Meaning, lang: str) -> str:
    return label(meaning, lang) if isinstance(meaning, Labels) else gettext(lang, meaning)


def legend(lang: str, result_column: Labels, match_columns: tuple[Labels, Labels]) -> Iterable[tuple[str, str]]:
    """The legend's rows: « Constat pays-produit (ILAB) : Constat » and what it means, each value of the result
    column, then each of the columns saying how the country and the product were recognised (the two share their
    values)."""
    for value, meaning in RESULTS:
        yield _named(lang, result_column, value), said(meaning, lang)
    columns = " / ".join(label(column, lang) for column in match_columns)
    for value, meaning in MATCHES:
        yield label(COLUMN_SAID, lang).format(column=columns, value=label(value, lang)), label(meaning, lang)


def _named(lang: str, column: Labels, value: Labels) -> str:
    return label(COLUMN_SAID, lang).format(column=label(column, lang), value=label(value, lang))
