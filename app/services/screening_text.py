# ruff: noqa: E501 - one message per line reads best
"""French for the screening page's strings (message ids are English, as in gettext).

A table of its own until the page moves to the site's gettext catalogs (``app/locale``); French typography: a
no-break space before « : », a narrow one before « ; » and « ? ».
"""

FRENCH: dict[str, str] = {
    "One line per supplier: a country and a product. For each line you get ILAB’s findings for that exact pair, the country’s indicators and what to read next.": "Une ligne par fournisseur\xa0: un pays et un produit. Pour chaque ligne, vous obtenez les constats de l’ILAB pour ce couple précis, les indicateurs du pays et ce qu’il faut lire ensuite.",
    "Your list stays private: it is screened in memory, never stored and never logged.": "Votre liste reste confidentielle\xa0: elle est criblée en mémoire, jamais enregistrée ni journalisée.",
    "A file (CSV or XLSX)": "Un fichier (CSV ou XLSX)",
    "Or paste your list (reference; country; product)": "Ou collez votre liste (référence\u202f; pays\u202f; produit)",
    "reference;country;product": "référence;pays;produit",
    "Comma or semicolon; UTF-8 or Windows-1252; countries and products in French or English; at most %(count)s lines and 2 MiB.": "Virgule ou point-virgule\u202f; UTF-8 ou Windows-1252\u202f; pays et produits en français ou en anglais\u202f; au plus %(count)s lignes et 2\xa0Mio.",
    "Download a sample file": "Télécharger un fichier d’exemple",
    "Screen the list": "Cribler la liste",
    "%(count)s lines screened.": "%(count)s lignes criblées.",
    "Show": "Afficher",
    "All lines": "Toutes les lignes",
    "Download as CSV": "Télécharger en CSV",
    "Download as XLSX": "Télécharger en XLSX",
    "Lines that could not be read": "Lignes illisibles",
    "Line %(line)s: %(reason)s": "Ligne %(line)s\xa0: %(reason)s",
    "Screening results, one row per line of your list": "Résultats du criblage, une ligne par ligne de votre liste",
    "Line": "Ligne",
    "Reference": "Référence",
    "Product": "Produit",
    "State": "État",
    "Findings for this pair": "Constats pour ce couple",
    "Country indicators": "Indicateurs du pays",
    "Read next": "À lire ensuite",
    "Source: US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor and Findings on the Worst Forms of Child Labor (2022). No finding does not mean no risk: ILAB lists what it could document.": "Source\xa0: US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor et Findings on the Worst Forms of Child Labor (2022). L’absence de constat ne signifie pas l’absence de risque\xa0: l’ILAB recense ce qu’il a pu documenter.",
    "close spelling": "orthographe approchée",
    "did you mean: %(names)s?": "vouliez-vous dire\xa0: %(names)s\u202f?",
    "ILAB advancement: %(level)s": "avancement selon l’ILAB\xa0: %(level)s",
    "children aged 5–14 working: %(share)s": "enfants de 5 à 14\xa0ans au travail\xa0: %(share)s",
    "%(good)s: inputs from %(country)s": "%(good)s\xa0: intrants provenant de %(country)s",
    "Paste a list or choose a file.": "Collez une liste ou choisissez un fichier.",
    "This form has expired: submit it again.": "Ce formulaire a expiré\xa0: envoyez-le à nouveau.",
    "The list is over the limit of 2 MiB; split it in parts.": "La liste dépasse la limite de 2\xa0Mio\u202f; découpez-la.",
    "At most %(count)s lines per screening; split the list.": "Au plus %(count)s lignes par criblage\u202f; découpez la liste.",
    "Screen a list of suppliers against ILAB’s findings, country by product.": "Criblez une liste de fournisseurs au regard des constats de l’ILAB, pays par produit.",
    "no country": "pas de pays",
    "no product": "pas de produit",
    "no country and no product": "ni pays ni produit",
    "a cell is longer than 300 characters": "une cellule dépasse 300 caractères",
    "a cell holds a NUL character": "une cellule contient un caractère NUL",
    "a line must be an object with country and product": "une ligne doit être un objet avec country et product",
    "%(label)s: %(count)s.": "%(label)s\xa0: %(count)s.",
    "Screen your suppliers": "Cribler vos fournisseurs",
    "Virtual resource centre 8.7": "Centre de ressources virtuel 8.7",
    "Results": "Résultats",
    "Country": "Pays",
    "Tools": "Outils",
}


def tr(lang: str, message: str, **variables: object) -> str:
    """``message`` in ``lang`` (``fr``: from :data:`FRENCH`; anything else: the English id), formatted."""
    text = FRENCH.get(message, message) if lang == "fr" else message
    return text % variables if variables else text
