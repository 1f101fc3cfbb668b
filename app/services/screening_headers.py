"""Which column of a supplier list is the country, the product, the reference: by the words of its header, in
French or English, as buyers and their ERPs name them (« Pays de provenance », « Désignation article »,
« Country of origin », « Famille d’achat »…).

A header cell names a role when one of its words is one of the role's own and every other word may qualify it
(« pays d’origine du produit »; not « Pays-Bas », a country, nor « produits laitiers », a product): a data row is
not taken for a header. Among several columns for a role the best ranked is read — the origin of the goods before
a country without more (« Pays d’origine » before « Pays »), a product before a designation before a description —,
the first among equals. A sector or purchase category is the product column when the list has none; else it is read
where a line's product is empty, or names nothing the screening knows (:func:`category_column`). The header is the
first of the list's first rows that names a country and a product (the rows above it are a title); a first row that
names columns, but no country or no product, is a header that lacks them, which the buyer is told, instead of a list
screened from the wrong columns.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.schemas.screening import ColumnsRead
from app.services.resolve_words import fold

HEADER_ROWS = 10  # an export's title, its date and blank lines come before the header
COMMON = frozenset({"de", "d", "du", "des", "la", "le", "l", "of", "the", "en", "per", "par"})  # any header may hold


@dataclass(frozen=True)
class Role:
    keys: Mapping[str, int]  # the words that name the role, with their rank (0 first)
    qualifiers: frozenset[str] = frozenset()  # other words its header may hold
    first: frozenset[str] = frozenset()  # qualifiers that rank the column first
    # Qualifiers only after « de » or « of »: « Pays d’exposition », « Country of risk » name the country a data
    # provider gives an issuer, where « Risque pays » and « Country risk » are a score's column.
    linked: frozenset[str] = frozenset()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _ranked(*groups: str, start: int = 0) -> dict[str, int]:
    """Words by rank: the first group's ``start``, the next one's one more…"""
    return {word: rank for rank, group in enumerate(groups, start) for word in group.split()}


ORIGIN = _words("origine origin provenance fabrication manufacture manufacturing production")
LINKS = frozenset({"de", "d", "du", "of"})
# A finer level of a classification (« Sous-industrie » beside « Secteur GICS », « GICS Sub-Industry ») is closer to
# what is bought: « Textiles, Apparel & Luxury Goods » says more than « Consumer Discretionary ».
FINER = _words("sous sub")
GOODS = _words(
    "produit produits product products article articles item items marchandise marchandises goods bien biens matiere "
    "matieres premiere premieres raw material materials achat achats achete achetes purchased"
)
# In the order a header is tried: a « Pays de fabrication du produit » is a country, a « Famille produit » a
# category, a « Code produit » nothing (a code is no product's name) and a « Code fournisseur » a reference.
ROLES: dict[str, Role] = {
    "line": Role(_ranked("line ligne"), _words("n no numero number num")),
    "country": Role(
        _ranked("origine origin provenance", "pays country countries", "iso iso2 iso3"),
        ORIGIN | GOODS | _words("code alpha 2 3 sourcing fournisseur supplier vendor region"),
        ORIGIN,
        _words("exposition exposure risque risk"),
    ),
    "sector": Role(
        _ranked(
            "secteur sector industrie industry filiere branche activite activity",
            "famille family categorie category segment domaine",
            start=1,
        ),
        GOODS | FINER | _words("purchase purchasing procurement spend fournisseur supplier economique gics"),
        FINER,
    ),
    "product": Role(
        _ranked(
            "produit produits product products commodity commodities marchandise marchandises good goods bien biens "
            "matiere matieres",
            "article articles item items designation libelle material materials",
            "description descriptif",
        ),
        GOODS | _words("nom name principal principale main fourni fournis supplied"),
    ),
    "reference": Role(
        _ranked(
            "reference ref fournisseur fournisseurs supplier suppliers vendor vendeur nom name raison sociale societe "
            "company entreprise tiers id identifiant code numero siret siren duns emetteur issuer"
        ),
        _words("n no number social legal"),
    ),
}


@dataclass(frozen=True)
class Columns:
    """Positions of a list's columns; ``extra`` are the buyer's others, kept beside the result with their
    ``names``."""

    country: int | None = None
    product: int | None = None
    reference: int | None = None
    line: int | None = None
    sector: int | None = None  # the category, read where a line's product is empty or not recognised
    extra: tuple[int, ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Missing:
    """A header that names columns but no country (or no product): ``read`` are its cells."""

    column: str
    read: tuple[str, ...]


def role(cell: str) -> tuple[str, int] | None:
    """The role a header cell names and its rank, if any."""
    words = fold(cell).split()
    for name, candidate in ROLES.items():
        ranks = [candidate.keys[word] for word in words if word in candidate.keys]
        if not ranks:
            continue
        allowed = candidate.keys.keys() | candidate.qualifiers | COMMON
        linked = {word for i, word in enumerate(words) if word in candidate.linked and i and words[i - 1] in LINKS}
        if all(word in allowed or word in linked for word in words):
            return name, 0 if candidate.first.intersection(words) else min(ranks)
    return None


def columns(row: Sequence[str]) -> dict[str, int]:
    """Each role's best column in a header row (the first among equals)."""
    best: dict[str, tuple[int, int]] = {}
    for position, cell in enumerate(row):
        found = role(cell)
        if found is not None and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], position)
    return {name: position for name, (_, position) in best.items()}


def category_column(names: Sequence[str]) -> int | None:
    """Which of the buyer's other columns is the category (« Catégorie produit », « Famille d’achat »), the best
    ranked: read where a line's product is empty or not recognised. Found among the other columns' names alone, so
    that the list the page carries back (app.services.screening_input.carry), which keeps those names, finds the
    same one; where the list has no product column, its best category is the product and the next one the
    category."""
    return columns(names).get("sector")


def _names_a_pair(row: Sequence[str]) -> bool:
    found = columns(row)
    return "country" in found and ("product" in found or "sector" in found)


def find_header(rows: Sequence[Sequence[str]]) -> tuple[int, Columns] | Missing | None:
    """The header among the first non-blank ``rows`` (its index and the columns it names), what a header that lacks
    a country or a product column lacks, or ``None`` for a list without a header."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        found = columns(row)
        product = found.get("product", found.get("sector"))
        if "country" in found and product is not None:
            if index + 1 < min(len(rows), HEADER_ROWS) and _names_a_pair(rows[index + 1]):
                continue  # a header of two rows, groups above names (« Origine » over « Pays », « Région »)
            used = {found[name] for name in ("line", "reference", "country") if name in found} | {product}
            extra = tuple(p for p, cell in enumerate(row) if p not in used and cell.strip())
            names = tuple(row[p] for p in extra)
            category = category_column(names)
            return index, Columns(
                country=found["country"],
                product=product,
                reference=found.get("reference"),
                line=found.get("line"),
                sector=None if category is None else extra[category],
                extra=extra,
                names=names,
            )
    first = columns(rows[0]) if rows else {}
    if not first:
        return None
    read = tuple(cell for cell in rows[0] if cell.strip())
    return Missing("country" if "country" not in first else "product", read)


def names_read(header: Sequence[str], columns: Columns) -> ColumnsRead:
    """The ``header``'s names of the ``columns`` read for each role, as the buyer wrote them (``None`` for a role
    not read): what the screening tells the buyer it read, so that « Pays » read for « Pays de provenance » is seen."""

    def name(position: int | None) -> str | None:
        return header[position].strip() if position is not None and position < len(header) else None

    return ColumnsRead(
        country=name(columns.country),
        product=name(columns.product),
        reference=name(columns.reference),
        line=name(columns.line),
        category=name(columns.sector),
    )


def _names_a_supplier(cell: str) -> bool:
    """A cell that reads as a name, not a code or an amount: three letters or more, more letters than digits."""
    letters = sum(c.isalpha() for c in cell)
    return letters >= 3 and letters > sum(c.isdigit() for c in cell)


def supplier_column(cells: Mapping[str, Sequence[str]]) -> str | None:
    """Which of the buyer's other columns (``cells``: each one's name and its cells, in the list's order) names each
    line's supplier: the first whose header names a supplier (« Nom fournisseur », « Raison sociale »; the reference
    is another column), else the first whose header names no country, product or category, whose cells read as names
    (most of them: not a code, an amount or a date). ``None`` when the list has none, as a list of three columns has
    not. The page's table shows it beside the reference; a comparison with an earlier screening matches lines by it."""
    others = [name for name in cells if (role(name) or ("",))[0] not in ("country", "product", "sector")]

    def names(column: str) -> bool:
        given = [cell for cell in cells[column] if cell.strip()]
        return bool(given) and 2 * sum(map(_names_a_supplier, given)) > len(given)

    by_header = [name for name in others if (role(name) or ("",))[0] == "reference"]
    return next((name for name in [*by_header, *others] if names(name)), None)
