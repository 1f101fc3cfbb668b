"""Generate the centre's risk sheets from the US DOL ILAB 2022 facts in ``data/ilab-2022/``.

    python scripts/ilab_sheets.py [--data DIR] [--taxonomies DIR] [--out DIR]

Writes, in French and English, under ``--out`` (default ``content/resources/risk-sheets``):

- ``countries/country-<iso2>``: one sheet per country or territory of ``countries.csv`` (143);
- ``commodities/commodity-<code>``: one sheet per commodity of ``country_goods.csv``;
- ``sectors/sector-<code>``: the broad sectors agriculture, fishing, mining, construction, domestic-work,
  textiles and manufacturing;
- ``regions/region-<code>``: ILAB's five regions.

The output is deterministic: same input, byte-identical files (fixed publication date, sorted lists, no
timestamps). Markdown files of those four folders that the run did not write are removed, except the France
sheet (``country-fr``), which is written by hand. Labels of countries, regions and sectors come from
``content/taxonomies/`` (countries: pycountry's ISO 3166 names, French from its gettext locale, then the
overrides of ``countries.yaml``); every commodity code used here must exist in ``sectors.yaml``.

Only the CSV values are stated as facts; the prose around them is the centre's own. Choices made here:

- Grouping of ILAB goods into commodity sheets (``GOODS``): obvious variants share a sheet — Bricks and
  Bricks (clay); the three Beans; Footwear and Footwear (sandals); the two Khat; Cattle and Bovines; Fireworks
  and Pyrotechnics; Furniture and Furniture (steel); Leather and Leather Goods/Accessories; Granite and Granite
  (crushed); Stones, Stones (limestone) and Stones (pumice); Tin and Tin ore (cassiterite); Textiles and Textiles
  (hand-woven) (``fabrics``, as ``textiles`` is the broad sector); Tomatoes and Tomato Products; Peppers and
  Chile Peppers; Silk Cocoons, Silk Fabric and Silk Thread (one supply chain); Fish, Nile Perch, Tilapia and
  Dried Fish; the palm oil products (crude/refined palm and palm kernel oil, palm fruit, oleochemicals) in
  ``palm-oil``; Polysilicon, photovoltaic ingots and wafers, solar cells and modules in ``solar-polysilicon``.
  Gems, Emeralds, Rubies, Sapphires and Tanzanite are grouped in ``gems`` (one row each: a buyer of coloured
  gemstones needs them together; the table keeps ILAB's exact good). Sandstone, Gravel, Glass Bangles, Rubber
  Gloves, Gloves, Beef and Meat stay separate: distinct products with distinct buyers.
- Broad sector of a commodity: the ``group`` of ``sectors.yaml`` (ILAB's sector, except fish and seafood in
  ``fishing`` and textile goods in ``textiles``). Construction has no ILAB sector: its sheet gathers the building
  materials (``BUILDING_MATERIALS``). Domestic work is a service and is not on the List of Goods: its sheet says
  so and shows the only related figure, the share of working children in services.
- Risks: ``child-labour`` where a good has child labour or forced child labour, or where the share of working
  children is above zero; ``forced-labour`` where a good has forced labour or forced child labour. The data has
  no trafficking finding (a gap in a country's trafficking law is a legal gap, not a finding), so
  ``human-trafficking`` is never tagged. A good "made with exploited inputs" does not say which labour abuse
  the inputs carry, so it adds no risk code by itself.
- Country tags: only country sheets (one country) and region sheets carry ``countries``. Commodity and sector
  sheets name their countries in the body and link to the country sheets, but are not tagged with them: a search
  for a country's name or code must bring up that country's sheet first, not a commodity sheet tagged with the
  same single country.
- Legal framework: in ``countries.csv`` every ``law_*_exists`` equals ``law_*_meets_intl_standard`` (e.g. an
  age of 18 with ``exists=false``), so only the age and the assessment against international standards are
  shown, never "no law".
"""

from __future__ import annotations

import argparse
import csv
import gettext
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pycountry
import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / "data" / "ilab-2022"
DEFAULT_TAXONOMIES = REPO / "content" / "taxonomies"
DEFAULT_OUT = REPO / "content" / "resources" / "risk-sheets"
FOLDERS = ("countries", "commodities", "sectors", "regions")
HAND_WRITTEN = ("country-fr.",)  # France is not in the ILAB data; its sheet is written by hand

LANGS = ("fr", "en")
PUBLISHED_AT = "2026-11-26"
AUDIENCES = ("companies", "public-buyers", "ngos")
FINDINGS_TITLE = "US DOL ILAB, Findings on the Worst Forms of Child Labor (2022)"
GOODS_TITLE = "US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)"
GOODS_URL = "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"
REPORTS_URL = "https://www.dol.gov/agencies/ilab/resources/reports/child-labor"  # prefix of every source_url
SUMMARY_MAX = 600
# A commodity summary names its countries only when there are this many or fewer (else it counts them): a search
# for "bricks Pakistan" should bring up the Pakistan sheet, not the bricks sheet that names Pakistan in passing.
NAMED_COUNTRIES_MAX = 3
TITLE_MAX = 200

NBSP = "\u00a0"
NNBSP = "\u202f"

# ILAB good → (commodity code, French label, English label). Labels are in-sentence case.
GOODS: dict[str, tuple[str, str, str]] = {
    "Açaí Berries": ("acai", "baies d'açaí", "açaí berries"),
    "Alcoholic Beverages": ("alcoholic-beverages", "boissons alcoolisées", "alcoholic beverages"),
    "Amber": ("amber", "ambre", "amber"),
    "Artificial Flowers": ("artificial-flowers", "fleurs artificielles", "artificial flowers"),
    "Baked Goods": ("baked-goods", "produits de boulangerie", "baked goods"),
    "Bamboo": ("bamboo", "bambou", "bamboo"),
    "Bananas": ("bananas", "bananes", "bananas"),
    "Beans": ("beans", "haricots", "beans"),
    "Beans (green beans)": ("beans", "haricots (haricots verts)", "beans (green beans)"),
    "Beans (green, soy, yellow)": ("beans", "haricots (verts, soja, jaunes)", "beans (green, soy, yellow)"),
    "Beef": ("beef", "viande bovine", "beef"),
    "Bidis (hand-rolled cigarettes)": (
        "bidis",
        "bidis (cigarettes roulées à la main)",
        "bidis (hand-rolled cigarettes)",
    ),
    "Blueberries": ("blueberries", "myrtilles", "blueberries"),
    "Bovines": ("cattle", "bovins", "bovines"),
    "Brassware": ("brassware", "objets en laiton", "brassware"),
    "Brazil Nuts/Chestnuts": ("brazil-nuts", "noix d'Amazonie (noix du Brésil)", "Brazil nuts/chestnuts"),
    "Bricks": ("bricks", "briques", "bricks"),
    "Bricks (clay)": ("bricks", "briques (en terre cuite)", "bricks (clay)"),
    "Broccoli": ("broccoli", "brocolis", "broccoli"),
    "Cabbages": ("cabbages", "choux", "cabbages"),
    "Carpets": ("carpets", "tapis", "carpets"),
    "Carrots": ("carrots", "carottes", "carrots"),
    "Cashews": ("cashews", "noix de cajou", "cashews"),
    "Cattle": ("cattle", "bétail", "cattle"),
    "Cement": ("cement", "ciment", "cement"),
    "Ceramics": ("ceramics", "céramique", "ceramics"),
    "Cereal Grains": ("cereal-grains", "céréales", "cereal grains"),
    "Charcoal": ("charcoal", "charbon de bois", "charcoal"),
    "Chile Peppers": ("peppers", "piments", "chile peppers"),
    "Christmas Decorations": ("christmas-decorations", "décorations de Noël", "Christmas decorations"),
    "Citrus Fruits": ("citrus", "agrumes", "citrus fruits"),
    "Cloves": ("cloves", "clous de girofle", "cloves"),
    "Coal": ("coal", "charbon", "coal"),
    "Cobalt ore (heterogenite)": ("cobalt", "minerai de cobalt (hétérogénite)", "cobalt ore (heterogenite)"),
    "Coca (stimulant plant)": ("coca", "coca (plante stimulante)", "coca (stimulant plant)"),
    "Cocoa": ("cocoa", "cacao", "cocoa"),
    "Coconuts": ("coconuts", "noix de coco", "coconuts"),
    "Coffee": ("coffee", "café", "coffee"),
    "Copper": ("copper", "cuivre", "copper"),
    "Corn": ("corn", "maïs", "corn"),
    "Cotton": ("cotton", "coton", "cotton"),
    "Cottonseed (hybrid)": ("cottonseed", "semences de coton (hybrides)", "cottonseed (hybrid)"),
    "Crude Palm Kernel Oil": ("palm-oil", "huile de palmiste brute", "crude palm kernel oil"),
    "Crude Palm Oil": ("palm-oil", "huile de palme brute", "crude palm oil"),
    "Cucumbers": ("cucumbers", "concombres", "cucumbers"),
    "Cumin": ("cumin", "cumin", "cumin"),
    "Dairy Products": ("dairy", "produits laitiers", "dairy products"),
    "Diamonds": ("diamonds", "diamants", "diamonds"),
    "Dried Fish": ("fish", "poisson séché", "dried fish"),
    "Eggplants": ("eggplants", "aubergines", "eggplants"),
    "Electronics": ("electronics", "électronique", "electronics"),
    "Embellished Textiles": ("embellished-textiles", "textiles brodés et ornés", "embellished textiles"),
    "Emeralds": ("gems", "émeraudes", "emeralds"),
    "Fashion Accessories": ("fashion-accessories", "accessoires de mode", "fashion accessories"),
    "Fireworks": ("fireworks", "feux d'artifice", "fireworks"),
    "Fish": ("fish", "poisson", "fish"),
    "Flowers": ("flowers", "fleurs", "flowers"),
    "Fluorspar (mineral)": ("fluorspar", "fluorine (minéral)", "fluorspar (mineral)"),
    "Footwear": ("footwear", "chaussures", "footwear"),
    "Footwear (sandals)": ("footwear", "chaussures (sandales)", "footwear (sandals)"),
    "Fruit (Pome and Stone)": ("pome-stone-fruit", "fruits à pépins ou à noyau", "fruit (pome and stone)"),
    "Furniture": ("furniture", "meubles", "furniture"),
    "Furniture (steel)": ("furniture", "meubles (en acier)", "furniture (steel)"),
    "Garlic": ("garlic", "ail", "garlic"),
    "Garments": ("garments", "vêtements", "garments"),
    "Gems": ("gems", "pierres précieuses", "gems"),
    "Glass": ("glass", "verre", "glass"),
    "Glass Bangles": ("glass-bangles", "bracelets en verre", "glass bangles"),
    "Gloves": ("gloves", "gants", "gloves"),
    "Goats": ("goats", "chèvres", "goats"),
    "Gold": ("gold", "or", "gold"),
    "Granite": ("granite", "granit", "granite"),
    "Granite (crushed)": ("granite", "granit (concassé)", "granite (crushed)"),
    "Grapes": ("grapes", "raisins", "grapes"),
    "Gravel (crushed stones)": ("gravel", "gravier (pierres concassées)", "gravel (crushed stones)"),
    "Gypsum (mineral)": ("gypsum", "gypse (minéral)", "gypsum (mineral)"),
    "Hair Products": ("hair-products", "produits capillaires", "hair products"),
    "Hazelnuts": ("hazelnuts", "noisettes", "hazelnuts"),
    "Hogs": ("hogs", "porcs", "hogs"),
    "Incense (agarbatti)": ("incense", "encens (agarbatti)", "incense (agarbatti)"),
    "Iron": ("iron", "fer", "iron"),
    "Jade": ("jade", "jade", "jade"),
    "Jute (textiles)": ("jute", "jute (textiles)", "jute (textiles)"),
    "Khat (stimulant plant)": ("khat", "khat (plante stimulante)", "khat (stimulant plant)"),
    "Khat/Miraa (stimulant plant)": ("khat", "khat/miraa (plante stimulante)", "khat/miraa (stimulant plant)"),
    "Leather": ("leather", "cuir", "leather"),
    "Leather Goods/Accessories": ("leather", "articles et accessoires en cuir", "leather goods/accessories"),
    "Lettuce": ("lettuce", "laitue", "lettuce"),
    "Lithium-Ion Batteries": ("lithium-ion-batteries", "batteries lithium-ion", "lithium-ion batteries"),
    "Lobsters": ("lobsters", "homards", "lobsters"),
    "Locks": ("locks", "serrures", "locks"),
    "Manioc/Cassava": ("cassava", "manioc", "manioc/cassava"),
    "Matches": ("matches", "allumettes", "matches"),
    "Meat": ("meat", "viande", "meat"),
    "Melons": ("melons", "melons", "melons"),
    "Mica": ("mica", "mica", "mica"),
    "Nails": ("nails", "clous", "nails"),
    "Nile Perch (fish)": ("fish", "perche du Nil (poisson)", "Nile perch (fish)"),
    "Oleochemicals": ("palm-oil", "produits oléochimiques", "oleochemicals"),
    "Olives": ("olives", "olives", "olives"),
    "Onions": ("onions", "oignons", "onions"),
    "Palm Fruit": ("palm-oil", "fruits du palmier à huile", "palm fruit"),
    "Palm Thatch": ("palm-thatch", "chaume de palmier", "palm thatch"),
    "Peanuts": ("peanuts", "arachides", "peanuts"),
    "Pepper": ("pepper", "poivre", "pepper"),
    "Peppers": ("peppers", "poivrons", "peppers"),
    "Photovoltaic Ingots": ("solar-polysilicon", "lingots photovoltaïques", "photovoltaic ingots"),
    "Photovoltaic Wafers": ("solar-polysilicon", "plaquettes photovoltaïques", "photovoltaic wafers"),
    "Pineapples": ("pineapples", "ananas", "pineapples"),
    "Polysilicon": ("solar-polysilicon", "polysilicium", "polysilicon"),
    "Poppies": ("poppies", "pavot", "poppies"),
    "Pornography": ("pornography", "pornographie", "pornography"),
    "Potatoes": ("potatoes", "pommes de terre", "potatoes"),
    "Poultry": ("poultry", "volailles", "poultry"),
    "Pulses (legumes)": ("pulses", "légumineuses (légumes secs)", "pulses (legumes)"),
    "Pyrotechnics": ("fireworks", "articles pyrotechniques", "pyrotechnics"),
    "Refined Palm Kernel Oil": ("palm-oil", "huile de palmiste raffinée", "refined palm kernel oil"),
    "Refined Palm Oil": ("palm-oil", "huile de palme raffinée", "refined palm oil"),
    "Rice": ("rice", "riz", "rice"),
    "Rubber": ("rubber", "caoutchouc", "rubber"),
    "Rubber Gloves": ("rubber-gloves", "gants en caoutchouc", "rubber gloves"),
    "Rubies": ("gems", "rubis", "rubies"),
    "Salt": ("salt", "sel", "salt"),
    "Sand": ("sand", "sable", "sand"),
    "Sandstone": ("sandstone", "grès", "sandstone"),
    "Sapphires": ("gems", "saphirs", "sapphires"),
    "Sesame": ("sesame", "sésame", "sesame"),
    "Sheep": ("sheep", "moutons", "sheep"),
    "Shellfish": ("shellfish", "coquillages", "shellfish"),
    "Shrimp": ("shrimp", "crevettes", "shrimp"),
    "Silk Cocoons": ("silk", "cocons de soie", "silk cocoons"),
    "Silk Fabric": ("silk", "tissu de soie", "silk fabric"),
    "Silk Thread": ("silk", "fil de soie", "silk thread"),
    "Silver": ("silver", "argent (métal)", "silver"),
    "Sisal": ("sisal", "sisal", "sisal"),
    "Soap": ("soap", "savon", "soap"),
    "Soccer Balls": ("soccer-balls", "ballons de football", "soccer balls"),
    "Solar Cells": ("solar-polysilicon", "cellules solaires", "solar cells"),
    "Solar Modules": ("solar-polysilicon", "modules solaires", "solar modules"),
    "Stones": ("stones", "pierres", "stones"),
    "Stones (limestone)": ("stones", "pierres (calcaire)", "stones (limestone)"),
    "Stones (pumice)": ("stones", "pierres (pierre ponce)", "stones (pumice)"),
    "Strawberries": ("strawberries", "fraises", "strawberries"),
    "Sugar Beets": ("sugar-beets", "betteraves sucrières", "sugar beets"),
    "Sugarcane": ("sugarcane", "canne à sucre", "sugarcane"),
    "Sunflowers": ("sunflowers", "tournesol", "sunflowers"),
    "Surgical Instruments": ("surgical-instruments", "instruments chirurgicaux", "surgical instruments"),
    "Sweet Potatoes": ("sweet-potatoes", "patates douces", "sweet potatoes"),
    "Tantalum ore (coltan)": ("coltan", "minerai de tantale (coltan)", "tantalum ore (coltan)"),
    "Tanzanite (gems)": ("gems", "tanzanite (pierre précieuse)", "tanzanite (gems)"),
    "Tea": ("tea", "thé", "tea"),
    "Teak": ("teak", "teck", "teak"),
    "Textiles": ("fabrics", "textiles", "textiles"),
    "Textiles (hand-woven)": ("fabrics", "textiles (tissés à la main)", "textiles (hand-woven)"),
    "Thread/Yarn": ("yarn", "fils", "thread/yarn"),
    "Tilapia (fish)": ("fish", "tilapia (poisson)", "tilapia (fish)"),
    "Timber": ("timber", "bois", "timber"),
    "Tin": ("tin", "étain", "tin"),
    "Tin ore (cassiterite)": ("tin", "minerai d'étain (cassitérite)", "tin ore (cassiterite)"),
    "Tobacco": ("tobacco", "tabac", "tobacco"),
    "Tomato Products": ("tomatoes", "produits à base de tomate", "tomato products"),
    "Tomatoes": ("tomatoes", "tomates", "tomatoes"),
    "Toys": ("toys", "jouets", "toys"),
    "Trona (mineral)": ("trona", "trona (minéral)", "trona (mineral)"),
    "Tungsten ore (wolframite)": ("tungsten", "minerai de tungstène (wolframite)", "tungsten ore (wolframite)"),
    "Vanilla": ("vanilla", "vanille", "vanilla"),
    "Wheat": ("wheat", "blé", "wheat"),
    "Yerba Mate (stimulant plant)": ("yerba-mate", "maté (plante stimulante)", "yerba mate (stimulant plant)"),
    "Zinc": ("zinc", "zinc", "zinc"),
}

REGIONS = {
    "Sub-Saharan Africa": "sub-saharan-africa",
    "Middle East and North Africa": "middle-east-north-africa",
    "Indo-Pacific": "indo-pacific",
    "Europe and Eurasia": "europe-eurasia",
    "Latin America and the Caribbean": "latin-america-caribbean",
}
ILAB_SECTORS = {
    "Agriculture": ("Agriculture", "Agriculture"),
    "Manufacturing": ("Industrie manufacturière", "Manufacturing"),
    "Mining": ("Mines", "Mining"),
    "Other": ("Autre", "Other"),
}
SECTOR_SHEETS = ("agriculture", "fishing", "mining", "construction", "domestic-work", "textiles", "manufacturing")
BUILDING_MATERIALS = ("bricks", "cement", "granite", "gravel", "sand", "sandstone", "stones")
RELATED_UPSTREAM = {"textiles": ("cotton", "cottonseed")}
# Words that keep their capital inside a sentence.
PROPER_WORDS = {"Brazil", "Christmas", "Nile", "Noël"}

ADVANCEMENT_FR = {
    "Significant Advancement": "progrès significatifs",
    "Moderate Advancement": "progrès modérés",
    "Minimal Advancement": "progrès minimes",
    "No Advancement": "aucun progrès",
    "No Assessment": "pas d'évaluation",
}
ADVANCEMENT_QUALIFIERS_FR = {
    "Efforts Made but Continued Practice that Delayed Advancement": (
        "efforts réels, mais une pratique persistante a freiné les progrès"
    ),
    "Efforts Made but Continued Law that Delayed Advancement": (
        "efforts réels, mais une loi maintenue a freiné les progrès"
    ),
    "Efforts Made but Continued Law and Practice that Delayed Advancement": (
        "efforts réels, mais une loi et une pratique persistantes ont freiné les progrès"
    ),
    "Efforts Made but Regression in Practice that Delayed Advancement": (
        "efforts réels, mais un recul dans la pratique a freiné les progrès"
    ),
    "Efforts Made but Regression in Practices that Delayed Advancement": (
        "efforts réels, mais un recul dans la pratique a freiné les progrès"
    ),
    "Efforts Made but Complicit in Forced Child Labor": (
        "efforts réels, mais complicité dans le travail forcé des enfants"
    ),
}
ADVANCEMENT_ORDER = (
    "Significant Advancement",
    "Moderate Advancement",
    "Minimal Advancement",
    "No Advancement",
    "No Assessment",
)

INSTRUMENTS: tuple[tuple[str, str, str, str, str], ...] = (
    # column, French, English, short French, short English
    (
        "ratified_c138",
        "Convention 138 de l'OIT (âge minimum)",
        "ILO Convention 138 (minimum age)",
        "C138",
        "C138",
    ),
    (
        "ratified_c182",
        "Convention 182 de l'OIT (pires formes de travail des enfants)",
        "ILO Convention 182 (worst forms of child labour)",
        "C182",
        "C182",
    ),
    (
        "ratified_crc",
        "Convention des Nations unies relative aux droits de l'enfant",
        "UN Convention on the Rights of the Child",
        "CIDE",
        "CRC",
    ),
    (
        "ratified_crc_op_armed_conflict",
        "Protocole facultatif à la CIDE (enfants dans les conflits armés)",
        "CRC Optional Protocol on children in armed conflict",
        "protocole à la CIDE sur les conflits armés",
        "CRC protocol on armed conflict",
    ),
    (
        "ratified_crc_op_sale_sexual_exploitation",
        "Protocole facultatif à la CIDE (vente d'enfants, prostitution et pornographie mettant en scène des enfants)",
        "CRC Optional Protocol on the sale of children, child prostitution and child pornography",
        "protocole à la CIDE sur la vente d'enfants",
        "CRC protocol on the sale of children",
    ),
    (
        "ratified_palermo_protocol",
        "Protocole de Palerme (traite des personnes)",
        "Palermo Protocol (trafficking in persons)",
        "protocole de Palerme",
        "Palermo Protocol",
    ),
)

STANDARDS: tuple[tuple[str, str, str], ...] = (
    ("minimum_work", "âge minimum d'admission à l'emploi", "minimum age for work"),
    ("minimum_hazardous_work", "âge minimum pour les travaux dangereux", "minimum age for hazardous work"),
    (
        "types_hazardous_work",
        "liste des travaux dangereux interdits aux enfants",
        "list of hazardous work prohibited for children",
    ),
    ("prohibition_forced_labor", "interdiction du travail forcé", "prohibition of forced labour"),
    ("prohibition_child_trafficking", "interdiction de la traite des enfants", "prohibition of child trafficking"),
    (
        "prohibition_csec",
        "interdiction de l'exploitation sexuelle commerciale des enfants",
        "prohibition of commercial sexual exploitation of children",
    ),
    (
        "prohibition_illicit_activities",
        "interdiction d'utiliser des enfants dans des activités illicites",
        "prohibition of using children in illicit activities",
    ),
    ("compulsory_education", "âge de fin de scolarité obligatoire", "compulsory education age"),
    ("free_public_education", "enseignement public gratuit", "free public education"),
)

# English names that take "the" inside a sentence.
THE_IN_ENGLISH = {"CC", "CD", "CF", "CG", "CK", "DO", "FK", "KG", "KM", "MV", "PH", "PS", "SB", "VG"}
# Non-sovereign or disputed places: « ce territoire » rather than « ce pays » in French prose.
TERRITORIES = {"AI", "CC", "CK", "CX", "EH", "FK", "MS", "NF", "NU", "PS", "SH", "TK", "TW", "VG", "WF"}


# -- small helpers ----------------------------------------------------------------------------------------------


def tr(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def sort_key(text: str) -> tuple[str, str]:
    return (fold(text), text)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first in PROPER_WORDS or (len(first) > 1 and first[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def french_typography(text: str) -> str:
    """Non-breaking spaces of French typography, on prose written with ordinary spaces."""
    text = re.sub(r" ([:%])", NBSP + r"\1", text)
    text = re.sub(r" ([;!?»])", NNBSP + r"\1", text)
    return text.replace("« ", "«" + NNBSP)


def join_words(items: Sequence[str], lang: str) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + tr(lang, " et ", " and ") + items[-1]


def truncate_list(items: Sequence[str], limit: int, lang: str, other: tuple[str, str]) -> str:
    """« a, b et 3 autres biens »: at most ``limit`` items, then a count of the rest."""
    if len(items) <= limit:
        return join_words(items, lang)
    rest = len(items) - limit
    noun = other[0] if lang == "fr" else other[1]
    return join_words([*items[:limit], f"{rest} {noun}"], lang)


def number(value: str | int, lang: str) -> str:
    text = str(value)
    if "." in text:
        whole, decimals = text.split(".", 1)
        return number(whole, lang) + tr(lang, ",", ".") + decimals
    digits = f"{int(text):,}"
    return digits.replace(",", NNBSP) if lang == "fr" else digits


def percent(value: str, lang: str) -> str:
    """0.12 → « 12,0 % » / "12.0%": one decimal, more only if the data has more."""
    scaled = Decimal(value) * 100
    rounded = scaled.quantize(Decimal("0.1"))
    text = str(rounded if rounded == scaled else scaled.normalize())
    return number(text, lang) + tr(lang, " %", "%")


def yes_no(value: str, lang: str) -> str:
    return {
        "true": tr(lang, "oui", "yes"),
        "false": tr(lang, "non", "no"),
        "N/A": tr(lang, "sans objet", "not applicable"),
    }.get(value, tr(lang, "non disponible", "not available"))


def not_available(lang: str) -> str:
    return tr(lang, "non disponible", "not available")


def link(label: str, key: str) -> str:
    return f"[{label}](crv:{key})"


def plural(count: int, lang: str, fr: tuple[str, str], en: tuple[str, str]) -> str:
    forms = fr if lang == "fr" else en
    return f"{number(count, lang)} {forms[0] if count == 1 else forms[1]}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


# -- data -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    code: str
    fr: str
    en: str
    group: str | None = None
    synonyms: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class GoodRow:
    iso2: str
    good: str
    ilab_sector: str
    child: bool
    forced: bool
    forced_child: bool
    downstream: bool
    input_iso2: str | None

    @property
    def commodity(self) -> str:
        return GOODS[self.good][0]

    def label(self, lang: str) -> str:
        _, fr, en = GOODS[self.good]
        return fr if lang == "fr" else en

    @property
    def kind(self) -> str:
        """The row's findings in one word, most serious first: X, CF, F, C or D."""
        if self.forced_child:
            return "X"
        if self.child and self.forced:
            return "CF"
        if self.forced:
            return "F"
        if self.child:
            return "C"
        return "D"

    @property
    def has_child_labour(self) -> bool:
        return self.child or self.forced_child

    @property
    def has_forced_labour(self) -> bool:
        return self.forced or self.forced_child

    @property
    def has_finding(self) -> bool:
        return self.child or self.forced or self.forced_child


KIND_ORDER = {"X": 0, "CF": 1, "F": 2, "C": 3, "D": 4}
# How a country summary names each kind in French (with its partitive article).
KIND_SUMMARY_FR = {
    "X": "du travail forcé des enfants",
    "CF": "du travail des enfants et du travail forcé",
    "F": "du travail forcé",
    "C": "du travail des enfants",
    "D": "des biens fabriqués avec des intrants issus du travail des enfants ou du travail forcé",
}
KIND_LABELS = {
    "X": ("travail forcé des enfants", "forced child labour"),
    "CF": ("travail des enfants et travail forcé", "child labour and forced labour"),
    "F": ("travail forcé", "forced labour"),
    "C": ("travail des enfants", "child labour"),
    "D": (
        "biens fabriqués avec des intrants issus du travail des enfants ou du travail forcé",
        "goods made with inputs produced with child or forced labour",
    ),
}


@dataclass(eq=False)  # hashed by identity: one object per country
class Country:
    iso2: str
    row: dict[str, str]
    region: str
    names: Term
    variants: tuple[str, ...]
    goods: list[GoodRow] = field(default_factory=list)
    used_as_input: list[GoodRow] = field(default_factory=list)

    def name(self, lang: str) -> str:
        return self.names.label(lang)

    def in_sentence(self, lang: str) -> str:
        """The name inside an English sentence (« the Philippines »)."""
        name = self.name(lang)
        if lang == "en" and self.iso2 in THE_IN_ENGLISH and not name.startswith("The "):
            return "the " + name
        return name

    def this(self, lang: str) -> str:
        return tr(lang, "ce territoire" if self.iso2 in TERRITORIES else "ce pays", self.in_sentence(lang))

    @property
    def has_findings_data(self) -> bool:
        return any(self.row[c] for c in self.row if c.startswith(("ratified_", "law_", "working_", "enforcement_")))

    @property
    def advancement(self) -> str:
        return self.row["advancement_level"]

    @property
    def key(self) -> str:
        return f"country-{self.iso2.lower()}"


@dataclass
class Dataset:
    countries: dict[str, Country]
    rows: list[GoodRow]
    sectors: dict[str, Term]
    regions: dict[str, Term]

    def commodity(self, code: str) -> Term:
        return self.sectors[code]

    def commodity_rows(self, code: str) -> list[GoodRow]:
        return [r for r in self.rows if r.commodity == code]

    def commodities(self) -> list[str]:
        return sorted({r.commodity for r in self.rows})


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        # The CSVs spell accents in decomposed form (NFD); the sheets use the composed form.
        return [
            {key: unicodedata.normalize("NFC", value) for key, value in row.items()} for row in csv.DictReader(handle)
        ]


def read_terms(path: Path) -> dict[str, Term]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        str(code): Term(str(code), entry["fr"], entry["en"], entry.get("group"), tuple(entry.get("synonyms") or ()))
        for code, entry in raw.items()
    }


def country_names(taxonomies: Path) -> dict[str, tuple[Term, tuple[str, ...]]]:
    """ISO 3166 names (French from pycountry's locale), then the overrides of countries.yaml; with the
    curated synonyms of the overrides."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names: dict[str, tuple[Term, tuple[str, ...]]] = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        names[country.alpha_2] = (Term(country.alpha_2, french.gettext(country.name), english), ())
    overrides = yaml.safe_load((taxonomies / "countries.yaml").read_text(encoding="utf-8")) or {}
    for code, entry in overrides.items():
        term = Term(str(code), entry["fr"], entry["en"])
        names[str(code)] = (term, tuple(entry.get("synonyms") or ()))
    return names


def load(data: Path, taxonomies: Path) -> Dataset:
    sectors = read_terms(taxonomies / "sectors.yaml")
    regions = read_terms(taxonomies / "regions.yaml")
    names = country_names(taxonomies)
    country_rows = read_csv(data / "countries.csv")
    by_ilab_name = {r["name_en"]: r["iso2"] for r in country_rows}
    countries: dict[str, Country] = {}
    for row in country_rows:
        iso2 = row["iso2"]
        if not row["source_url"].startswith(REPORTS_URL + "/"):
            raise SystemExit(f"{iso2}: unexpected source_url {row['source_url']}")
        term, synonyms = names[iso2]
        variants: list[str] = []
        for candidate in (term.fr, term.en, row["name_en"], *synonyms):
            # ILAB's inverted names (« Congo, Democratic Republic of the ») would read as two names in a list.
            if ", " not in candidate and all(fold(candidate) != fold(v) for v in variants):
                variants.append(candidate)
        countries[iso2] = Country(iso2, row, REGIONS[row["ilab_region"]], term, tuple(variants))
    rows: list[GoodRow] = []
    for raw in read_csv(data / "country_goods.csv"):
        if raw["good_en"] not in GOODS:
            raise SystemExit(f"good {raw['good_en']!r} has no commodity code in GOODS")
        code = GOODS[raw["good_en"]][0]
        if code not in sectors:
            raise SystemExit(f"commodity code {code!r} is missing from sectors.yaml")
        source = raw["input_source_country"]
        rows.append(
            GoodRow(
                iso2=raw["iso2"],
                good=raw["good_en"],
                ilab_sector=raw["ilab_sector"],
                child=raw["child_labor"] == "true",
                forced=raw["forced_labor"] == "true",
                forced_child=raw["forced_child_labor"] == "true",
                downstream=raw["made_with_exploited_inputs"] == "true",
                input_iso2=by_ilab_name[source] if source else None,
            )
        )
    for good_row in rows:
        countries[good_row.iso2].goods.append(good_row)
        if good_row.input_iso2:
            countries[good_row.input_iso2].used_as_input.append(good_row)
    dataset = Dataset(countries, rows, sectors, regions)
    for country in countries.values():
        country.goods.sort(key=lambda r: (KIND_ORDER[r.kind], sort_key(r.label("en"))))
    return dataset


# -- documents --------------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    folder: str
    key: str
    lang: str
    slug: str
    title: str
    summary: str
    countries: list[str]
    regions: list[str]
    sectors: list[str]
    risks: list[str]
    sources: list[tuple[str, str]]
    body: list[str]

    @property
    def filename(self) -> str:
        return f"{self.key}.{self.lang}.md"

    def render(self) -> str:
        title, summary, body = self.title, self.summary, "\n".join(self.body).strip() + "\n"
        if self.lang == "fr":
            title, summary, body = french_typography(title), french_typography(summary), french_typography(body)
        if len(title) > TITLE_MAX or len(summary) > SUMMARY_MAX:
            raise SystemExit(f"{self.filename}: title or summary too long")
        meta: dict[str, Any] = {
            "translation_key": self.key,
            "language": self.lang,
            "slug": self.slug,
            "type": "risk_sheet",
            "title": title,
            "summary": summary,
            "countries": sorted(self.countries),
            "regions": sorted(self.regions),
            "sectors": sorted(self.sectors),
            "risks": sorted(self.risks),
            "audiences": list(AUDIENCES),
            "publisher": "crv",
            "licence": "CC-BY-4.0",
            "published_at": PUBLISHED_AT,
        }
        lines = ["---"]
        for name, value in meta.items():
            if isinstance(value, list):
                lines.append(f"{name}: [{', '.join(value)}]")
            elif name in ("title", "summary"):
                lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
            else:
                lines.append(f"{name}: {value}")
        lines.append("sources:")
        for source_title, url in self.sources:
            lines.append(f"  - title: {json.dumps(source_title, ensure_ascii=False)}")
            lines.append(f"    url: {url}")
        lines.append("---")
        front = "\n".join(lines) + "\n"
        parsed = yaml.safe_load(front.strip("-\n"))
        if {k: parsed[k] for k in meta if k != "published_at"} != {
            k: v for k, v in meta.items() if k != "published_at"
        }:
            raise SystemExit(f"{self.filename}: front matter does not round-trip through YAML")
        return front + body


def sources_section(sources: Sequence[tuple[str, str]], lang: str, note: str) -> list[str]:
    lines = ["", "## Sources", ""]
    lines.extend(f"- [{title}]({url})" for title, url in sources)
    lines.extend(["", note])
    return lines


def generated_note(lang: str) -> str:
    return tr(
        lang,
        "Les chiffres et constats sont ceux publiés par l'ILAB pour l'année 2022, repris sans modification ; "
        "la fiche est produite automatiquement à partir de ces données, le texte autour est celui du centre.",
        "Figures and findings are those ILAB published for 2022, taken over unchanged; the sheet is generated "
        "from these data, and the surrounding text is the centre's own.",
    )


def advancement_label(level: str, lang: str) -> str:
    if lang == "en" or not level:
        return level
    base, _, qualifier = level.partition(" – ")
    text = ADVANCEMENT_FR[base]
    if qualifier:
        text += f" ({ADVANCEMENT_QUALIFIERS_FR[qualifier]})"
    return text


def advancement_base(level: str) -> str:
    return level.partition(" – ")[0]


def kind_label(kind: str, lang: str) -> str:
    fr, en = KIND_LABELS[kind]
    return tr(lang, fr, en)


def findings_text(row: GoodRow, lang: str, countries: Mapping[str, Country]) -> str:
    parts = []
    if row.child:
        parts.append(tr(lang, "travail des enfants", "child labour"))
    if row.forced:
        parts.append(tr(lang, "travail forcé", "forced labour"))
    if row.forced_child:
        parts.append(tr(lang, "travail forcé des enfants", "forced child labour"))
    if row.downstream and row.input_iso2:
        source = countries[row.input_iso2]
        parts.append(
            tr(lang, "fabriqué avec des intrants exploités venant de : ", "made with exploited inputs from ")
            + link(source.name(lang), source.key)
        )
    return "; ".join(parts) if lang == "en" else " ; ".join(parts)


def risks_of(rows: Iterable[GoodRow]) -> list[str]:
    rows = list(rows)
    risks = []
    if any(r.has_child_labour for r in rows):
        risks.append("child-labour")
    if any(r.has_forced_labour for r in rows):
        risks.append("forced-labour")
    return risks


def commodity_link(dataset: Dataset, code: str, lang: str, in_sentence: bool = False) -> str:
    label = dataset.commodity(code).label(lang)
    return link(lower_first(label) if in_sentence else label, f"commodity-{code}")


def groups_of(dataset: Dataset, codes: Iterable[str]) -> list[str]:
    return sorted({g for c in codes if (g := dataset.sectors[c].group)})


def sorted_countries(countries: Iterable[Country], lang: str) -> list[Country]:
    return sorted(countries, key=lambda c: sort_key(c.name(lang)))


def country_links(countries: Iterable[Country], lang: str) -> list[str]:
    return [link(c.name(lang), c.key) for c in sorted_countries(countries, lang)]


# -- country sheets ---------------------------------------------------------------------------------------------


def country_summary(dataset: Dataset, country: Country, lang: str, limit: int) -> str:
    name = country.name(lang)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for row in country.goods:
        label = lower_first(dataset.commodity(row.commodity).label(lang))
        if label not in by_kind[row.kind]:
            by_kind[row.kind].append(label)
    other = ("autres biens", "other goods")
    parts = [
        f"{KIND_SUMMARY_FR[kind] if lang == 'fr' else kind_label(kind, lang)} "
        f"({truncate_list(labels, limit, lang, other)})"
        for kind, labels in sorted(by_kind.items(), key=lambda item: KIND_ORDER[item[0]])
    ]
    if parts:
        text = tr(
            lang,
            f"{name} : la liste 2022 de l'ILAB signale {join_words(parts, lang)}.",
            f"{name}: ILAB's 2022 List of Goods reports {join_words(parts, lang)}.",
        )
    else:
        text = tr(
            lang,
            f"{name} : aucun bien de {country.this(lang)} ne figure sur la liste 2022 de l'ILAB.",
            f"{name}: no good from {country.in_sentence(lang)} is on ILAB's 2022 List of Goods.",
        )
    share = country.row["working_children_5_14_share"]
    if share:
        text += tr(
            lang,
            f" {percent(share, lang)} des enfants de 5 à 14 ans travaillent.",
            f" {percent(share, lang)} of children aged 5–14 work.",
        )
    if country.advancement:
        text += tr(
            lang,
            f" Niveau d'avancement ILAB : {advancement_base_label(country.advancement, lang)}.",
            f" ILAB advancement level: {advancement_base_label(country.advancement, lang)}.",
        )
    variants = [v for v in country.variants if v != name]
    if variants:
        text += tr(lang, f" Autres noms : {', '.join(variants)}.", f" Also known as: {', '.join(variants)}.")
    return text


def advancement_base_label(level: str, lang: str) -> str:
    base = advancement_base(level)
    return ADVANCEMENT_FR[base] if lang == "fr" else base


def goods_section(dataset: Dataset, country: Country, lang: str) -> list[str]:
    lines = ["", tr(lang, "## Biens inscrits sur la liste de l'ILAB", "## Goods on ILAB's List of Goods"), ""]
    listed = [r for r in country.goods if r.has_finding]
    if not listed:
        lines.append(
            tr(
                lang,
                f"Aucun : la liste 2022 de l'ILAB ne cite aucun bien produit dans {country.this(lang)} par le travail "
                "des enfants ou le travail forcé.",
                f"None: ILAB's 2022 List of Goods names no good produced with child labour or forced labour in "
                f"{country.in_sentence(lang)}.",
            )
        )
        return lines
    lines.append(
        tr(
            lang,
            f"La liste 2022 de l'ILAB cite {plural(len(listed), lang, ('bien', 'biens'), ('good', 'goods'))} de "
            f"{country.this(lang)}, du constat le plus grave au moins grave :",
            f"ILAB's 2022 List of Goods names {plural(len(listed), lang, ('bien', 'biens'), ('good', 'goods'))} from "
            f"{country.in_sentence(lang)}, most serious finding first:",
        )
    )
    lines.append("")
    yes, dash = tr(lang, "oui", "yes"), "—"
    header = tr(
        lang,
        "Bien|Secteur ILAB|Travail des enfants|Travail forcé|Travail forcé des enfants",
        "Good|ILAB sector|Child labour|Forced labour|Forced child labour",
    ).split("|")
    lines.extend(
        table(
            header,
            (
                [
                    link(upper_first(r.label(lang)), f"commodity-{r.commodity}"),
                    tr(lang, *ILAB_SECTORS[r.ilab_sector]),
                    yes if r.child else dash,
                    yes if r.forced else dash,
                    yes if r.forced_child else dash,
                ]
                for r in listed
            ),
        )
    )
    return lines


def downstream_section(dataset: Dataset, country: Country, lang: str) -> list[str]:
    made_here = [r for r in country.goods if r.downstream]
    used_elsewhere = [r for r in country.used_as_input if r.iso2 != country.iso2]
    if not made_here and not used_elsewhere:
        return []
    lines = [
        "",
        tr(lang, "## Biens fabriqués avec des intrants exploités", "## Goods made with exploited inputs"),
        "",
    ]
    if made_here:
        lines.append(
            tr(
                lang,
                "Selon l'ILAB, ces biens fabriqués dans ce pays incorporent des intrants produits par le travail des "
                "enfants ou le travail forcé :",
                f"According to ILAB, these goods made in {country.in_sentence(lang)} contain inputs produced with "
                "child or forced labour:",
            )
        )
        lines.append("")
        header = tr(lang, "Bien|Secteur ILAB|Origine des intrants", "Good|ILAB sector|Inputs from").split("|")
        rows = []
        for r in made_here:
            assert r.input_iso2
            source = dataset.countries[r.input_iso2]
            origin = source.name(lang) if source is country else link(source.name(lang), source.key)
            rows.append(
                [
                    link(upper_first(r.label(lang)), f"commodity-{r.commodity}"),
                    tr(lang, *ILAB_SECTORS[r.ilab_sector]),
                    origin,
                ]
            )
        lines.extend(table(header, rows))
    if used_elsewhere:
        if made_here:
            lines.append("")
        lines.append(
            tr(
                lang,
                "Des intrants venant de ce pays entrent, selon l'ILAB, dans des biens fabriqués ailleurs :",
                f"According to ILAB, inputs from {country.in_sentence(lang)} go into goods made elsewhere:",
            )
        )
        lines.append("")
        header = tr(lang, "Bien|Pays de fabrication", "Good|Made in").split("|")
        lines.extend(
            table(
                header,
                (
                    [
                        link(upper_first(r.label(lang)), f"commodity-{r.commodity}"),
                        link(dataset.countries[r.iso2].name(lang), dataset.countries[r.iso2].key),
                    ]
                    for r in used_elsewhere
                ),
            )
        )
    return lines


def working_children_section(country: Country, lang: str) -> list[str]:
    row = country.row
    lines = ["", tr(lang, "## Enfants au travail", "## Working children"), ""]
    columns = (
        "working_children_5_14_share",
        "working_children_5_14_count",
        "working_children_agriculture_share",
        "working_children_industry_share",
        "working_children_services_share",
        "school_attendance_5_14_share",
        "working_and_studying_7_14_share",
        "primary_completion_rate",
    )
    if not any(row[c] for c in columns):
        lines.append(
            tr(
                lang,
                "Non disponible : les données 2022 de l'ILAB ne donnent aucune statistique sur les enfants au travail "
                f"pour {country.this(lang)}.",
                f"Not available: ILAB's 2022 data gives no statistics on working children for "
                f"{country.in_sentence(lang)}.",
            )
        )
        return lines
    na = not_available(lang)
    share, count = row["working_children_5_14_share"], row["working_children_5_14_count"]
    if share and count:
        working = tr(
            lang,
            f"{percent(share, lang)} ({number(count, lang)} enfants)",
            f"{percent(share, lang)} ({number(count, lang)} children)",
        )
    elif share:
        working = tr(
            lang,
            f"{percent(share, lang)} (nombre d'enfants non disponible)",
            f"{percent(share, lang)} (number of children not available)",
        )
    elif count:
        working = tr(
            lang,
            f"{number(count, lang)} enfants (part non disponible)",
            f"{number(count, lang)} children (share not available)",
        )
    else:
        working = na
    split = [
        (tr(lang, "agriculture", "agriculture"), row["working_children_agriculture_share"]),
        (tr(lang, "industrie", "industry"), row["working_children_industry_share"]),
        (tr(lang, "services", "services"), row["working_children_services_share"]),
    ]
    split_text = (
        ", ".join(f"{label} {percent(v, lang) if v else na}" for label, v in split) if any(v for _, v in split) else na
    )

    def value(column: str) -> str:
        return percent(row[column], lang) if row[column] else na

    items = [
        (tr(lang, "Enfants de 5 à 14 ans qui travaillent", "Children aged 5–14 who work"), working),
        (
            tr(lang, "Répartition des enfants au travail par secteur", "Working children by sector"),
            split_text,
        ),
        (
            tr(lang, "Fréquentation scolaire des 5 à 14 ans", "School attendance, ages 5–14"),
            value("school_attendance_5_14_share"),
        ),
        (
            tr(
                lang,
                "Enfants de 7 à 14 ans qui travaillent et vont à l'école",
                "Children aged 7–14 combining work and school",
            ),
            value("working_and_studying_7_14_share"),
        ),
        (tr(lang, "Taux d'achèvement du primaire", "Primary completion rate"), value("primary_completion_rate")),
    ]
    lines.extend(f"- {label} : {text}" if lang == "fr" else f"- {label}: {text}" for label, text in items)
    completion = row["primary_completion_rate"]
    if completion and Decimal(completion) > 1:
        lines.extend(
            [
                "",
                tr(
                    lang,
                    "Un taux d'achèvement supérieur à 100 % n'est pas une erreur : c'est un taux brut, qui compte "
                    "aussi "
                    "les élèves plus âgés ou plus jeunes que l'âge officiel.",
                    "A completion rate above 100% is not an error: it is a gross rate, which also counts pupils older "
                    "or younger than the official age.",
                ),
            ]
        )
    return lines


def ratification_section(country: Country, lang: str) -> list[str]:
    row = country.row
    lines = ["", tr(lang, "## Ratifications", "## Ratifications"), ""]
    if not any(row[column] for column, *_ in INSTRUMENTS):
        lines.append(
            tr(
                lang,
                "Non disponible : les données 2022 de l'ILAB ne renseignent pas les ratifications de "
                f"{country.this(lang)}.",
                f"Not available: ILAB's 2022 data does not record ratifications for {country.in_sentence(lang)}.",
            )
        )
        return lines
    header = tr(lang, "Instrument|Ratifié", "Instrument|Ratified").split("|")
    lines.extend(table(header, ([tr(lang, fr, en), yes_no(row[col], lang)] for col, fr, en, *_ in INSTRUMENTS)))
    missing = [tr(lang, fr_short, en_short) for col, _, _, fr_short, en_short in INSTRUMENTS if row[col] == "false"]
    if missing:
        lines.extend(
            [
                "",
                tr(lang, f"Non ratifiés : {', '.join(missing)}.", f"Not ratified: {', '.join(missing)}."),
            ]
        )
    return lines


def legal_gaps(country: Country, lang: str) -> list[str]:
    gaps = []
    for column, fr, en in STANDARDS:
        if country.row[f"law_{column}_meets_intl_standard"] == "false":
            age = country.row[f"law_{column}_age"]
            label = tr(lang, fr, en)
            if age:
                label += tr(lang, f" ({number(age, lang)} ans)", f" ({number(age, lang)})")
            gaps.append(label)
    return gaps


def legal_section(country: Country, lang: str) -> list[str]:
    row = country.row
    lines = ["", tr(lang, "## Cadre juridique", "## Legal framework"), ""]
    if not any(row[f"law_{c}_meets_intl_standard"] or row[f"law_{c}_age"] for c, _, _ in STANDARDS):
        lines.append(
            tr(
                lang,
                "Non disponible : les données 2022 de l'ILAB ne décrivent pas le cadre juridique de "
                f"{country.this(lang)}.",
                "Not available: ILAB's 2022 data does not describe the legal framework of "
                f"{country.in_sentence(lang)}.",
            )
        )
        return lines
    header = tr(
        lang, "Norme|Âge|Conforme aux normes internationales", "Standard|Age|Meets international standards"
    ).split("|")
    lines.extend(
        table(
            header,
            (
                [
                    upper_first(tr(lang, fr, en)),
                    number(row[f"law_{c}_age"], lang) if row[f"law_{c}_age"] else "—",
                    yes_no(row[f"law_{c}_meets_intl_standard"], lang),
                ]
                for c, fr, en in STANDARDS
            ),
        )
    )
    gaps = legal_gaps(country, lang)
    lines.append("")
    if gaps:
        lines.append(
            tr(
                lang,
                f"Écarts relevés par l'ILAB par rapport aux normes internationales : {' ; '.join(gaps)}.",
                f"Gaps ILAB finds against international standards: {'; '.join(gaps)}.",
            )
        )
    else:
        lines.append(
            tr(
                lang,
                "L'ILAB juge chacune des normes renseignées ci-dessus conforme aux standards internationaux.",
                "ILAB finds each standard recorded above in line with international standards.",
            )
        )
    return lines


def enforcement_section(country: Country, lang: str) -> list[str]:
    row = country.row
    lines = ["", tr(lang, "## Application de la loi", "## Enforcement"), ""]
    labour = (
        ("enforcement_labor_inspectors", "Inspecteurs du travail", "Labour inspectors"),
        ("enforcement_labor_inspections", "Inspections menées", "Inspections carried out"),
        ("enforcement_labor_violations", "Infractions constatées", "Violations found"),
        ("enforcement_labor_penalties_imposed", "Sanctions prononcées", "Penalties imposed"),
        ("enforcement_labor_complaint_mechanism", "Mécanisme de plainte", "Complaint mechanism"),
        (
            "enforcement_labor_unannounced_inspections_permitted",
            "Inspections inopinées autorisées",
            "Unannounced inspections permitted",
        ),
    )
    criminal = (
        ("enforcement_criminal_investigations", "Enquêtes", "Investigations"),
        ("enforcement_criminal_prosecutions", "Poursuites", "Prosecutions"),
        ("enforcement_criminal_convictions", "Condamnations", "Convictions"),
    )
    if not any(row[c] for c, _, _ in (*labour, *criminal)):
        lines.append(
            tr(
                lang,
                "Non disponible : les données 2022 de l'ILAB ne donnent aucun chiffre d'application pour "
                f"{country.this(lang)}.",
                f"Not available: ILAB's 2022 data gives no enforcement figures for {country.in_sentence(lang)}.",
            )
        )
        return lines

    def value(column: str) -> str:
        raw = row[column]
        if raw in ("true", "false"):
            return yes_no(raw, lang)
        return number(raw, lang) if raw else not_available(lang)

    sep = " : " if lang == "fr" else ": "
    lines.append(
        tr(
            lang,
            "Inspection du travail (chiffres 2022 de l'ILAB sur l'application du droit relatif au travail des "
            "enfants) :",
            "Labour inspection (ILAB's 2022 figures on the enforcement of child labour law):",
        )
    )
    lines.append("")
    lines.extend(f"- {tr(lang, fr, en)}{sep}{value(c)}" for c, fr, en in labour)
    lines.append("")
    lines.append(tr(lang, "Justice pénale (même source) :", "Criminal law enforcement (same source):"))
    lines.append("")
    lines.extend(f"- {tr(lang, fr, en)}{sep}{value(c)}" for c, fr, en in criminal)
    return lines


def advancement_section(country: Country, lang: str) -> list[str]:
    lines = ["", tr(lang, "## Niveau d'avancement ILAB", "## ILAB advancement level"), ""]
    level = country.advancement
    if not level:
        lines.append(
            tr(
                lang,
                f"Les données 2022 de l'ILAB ne donnent pas de niveau d'avancement pour {country.this(lang)}.",
                f"ILAB's 2022 data gives no advancement level for {country.in_sentence(lang)}.",
            )
        )
    else:
        lines.append(
            tr(
                lang,
                f"Évaluation par l'ILAB des efforts de 2022 : **{advancement_label(level, lang)}** (« {level} »).",
                f"ILAB's assessment of the 2022 efforts: **{level}**.",
            )
        )
    return lines


def enforcement_signals(country: Country, lang: str) -> list[str]:
    row = country.row
    signals = []
    if row["enforcement_labor_complaint_mechanism"] == "false":
        signals.append(tr(lang, "pas de mécanisme de plainte", "no complaint mechanism"))
    if row["enforcement_labor_unannounced_inspections_permitted"] == "false":
        signals.append(tr(lang, "inspections inopinées non autorisées", "unannounced inspections not permitted"))
    if row["enforcement_labor_inspections"] == "0":
        signals.append(tr(lang, "aucune inspection en 2022", "no inspection in 2022"))
    violations, penalties = row["enforcement_labor_violations"], row["enforcement_labor_penalties_imposed"]
    if violations and penalties == "0" and int(violations) > 0:
        signals.append(
            tr(
                lang,
                f"{number(violations, lang)} infractions constatées, aucune sanction",
                f"{number(violations, lang)} violations found, no penalty imposed",
            )
        )
    if country.has_findings_data and not any(
        row[c] for c in row if c.startswith("enforcement_labor_") and c != "enforcement_labor_complaint_mechanism"
    ):
        signals.append(tr(lang, "aucun chiffre d'inspection publié", "no inspection figures available"))
    return signals


def buyer_section(dataset: Dataset, country: Country, lang: str) -> list[str]:
    name = country.name(lang)
    lines = [
        "",
        tr(
            lang,
            f"## {name} : ce qu'un acheteur doit examiner en premier",
            f"## What a buyer sourcing from {country.in_sentence(lang)} should look at first",
        ),
        "",
    ]
    items: list[str] = []

    def goods_links(rows: Iterable[GoodRow]) -> list[str]:
        seen: dict[str, None] = {}
        for r in rows:
            seen[commodity_link(dataset, r.commodity, lang, in_sentence=True)] = None
        return list(seen)

    goods = [r for r in country.goods if r.commodity != "pornography"]
    forced = [r for r in goods if r.has_forced_labour]
    if forced:
        with_children = [lower_first(dataset.commodity(r.commodity).label(lang)) for r in forced if r.forced_child]
        children = ""
        if with_children and all(r.forced_child for r in forced):
            children = tr(lang, ", y compris d'enfants pour chacun", ", including forced child labour in each case")
        elif with_children:
            children = tr(
                lang,
                f", y compris d'enfants ({join_words(list(dict.fromkeys(with_children)), lang)})",
                f", including forced child labour ({join_words(list(dict.fromkeys(with_children)), lang)})",
            )
        items.append(
            tr(
                lang,
                f"**Travail forcé** — {', '.join(goods_links(forced))}{children}. Cartographier la chaîne jusqu'au "
                "lieu "
                "de production (exploitation, mine, four, atelier) ; rechercher les frais de recrutement, les dettes, "
                "la confiscation de papiers ou de salaires et les entraves au départ ; convenir d'un plan de "
                "remédiation avec les fournisseurs avant d'envisager un désengagement.",
                f"**Forced labour** — {', '.join(goods_links(forced))}{children}. Map the chain down to the place of "
                "production (farm, mine, kiln, workshop); look for recruitment fees, debts, withheld documents or "
                "wages "
                "and restrictions on leaving; agree a remediation plan with suppliers before considering exit.",
            )
        )
    child_only = [r for r in goods if r.has_child_labour and not r.has_forced_labour]
    if child_only:
        lead = (
            tr(lang, "Puis le travail des enfants", "Then child labour")
            if forced
            else tr(lang, "Travail des enfants", "Child labour")
        )
        items.append(
            tr(
                lang,
                f"**{lead}** — {', '.join(goods_links(child_only))}. Vérifier comment fournisseurs et sous-traitants "
                "contrôlent l'âge, surveiller le travail saisonnier ou familial et les tâches dangereuses, et préférer "
                "la remédiation (scolarisation, revenu décent des adultes) à la rupture.",
                f"**{lead}** — {', '.join(goods_links(child_only))}. Check how suppliers and subcontractors verify "
                "age, "
                "watch seasonal and family work and hazardous tasks, and prefer remediation (schooling, decent adult "
                "income) to dropping suppliers.",
            )
        )
    if any(r.commodity == "pornography" for r in country.goods):
        items.append(
            tr(
                lang,
                f"**Exploitation sexuelle d'enfants** — l'ILAB cite la "
                f"{commodity_link(dataset, 'pornography', lang, in_sentence=True)} produite avec des enfants : "
                "ce n'est pas un achat mais un crime. " + PORNOGRAPHY_ADVICE[0],
                f"**Sexual exploitation of children** — ILAB lists "
                f"{commodity_link(dataset, 'pornography', lang, in_sentence=True)} produced with children: "
                "this is not a purchase but a crime. " + PORNOGRAPHY_ADVICE[1],
            )
        )
    downstream = [r for r in country.goods if r.downstream]
    if downstream:
        origins = sorted_countries({dataset.countries[r.input_iso2] for r in downstream if r.input_iso2}, lang)
        origin_text = join_words([c.in_sentence(lang) for c in origins], lang)
        items.append(
            tr(
                lang,
                f"**Intrants** — {', '.join(goods_links(downstream))} : l'ILAB signale des intrants exploités "
                f"(origine : {origin_text}). Demander l'origine des intrants et la remonter jusqu'à la première "
                "transformation.",
                f"**Inputs** — {', '.join(goods_links(downstream))}: ILAB reports exploited inputs (from "
                f"{origin_text}). "
                "Ask for the origin of the inputs and trace it back to the first processing stage.",
            )
        )
    gaps = legal_gaps(country, lang)
    unratified = [
        tr(lang, fr_short, en_short) for col, _, _, fr_short, en_short in INSTRUMENTS if country.row[col] == "false"
    ]
    if gaps or unratified:
        details = []
        if gaps:
            details.append(
                tr(
                    lang,
                    f"{plural(len(gaps), lang, ('norme', 'normes'), ('standard', 'standards'))} en deçà des normes "
                    "internationales",
                    f"{plural(len(gaps), lang, ('standard', 'standards'), ('standard', 'standards'))} below "
                    "international standards",
                )
            )
        if unratified:
            details.append(
                tr(lang, f"non ratifiés : {', '.join(unratified)}", f"not ratified: {', '.join(unratified)}")
            )
        items.append(
            tr(
                lang,
                f"**Lacunes du cadre juridique** — {' ; '.join(details)}. La loi locale ne suffit pas comme référence "
                ": "
                "inscrire les conventions 138 et 182 de l'OIT dans les exigences faites aux fournisseurs.",
                f"**Gaps in the legal framework** — {'; '.join(details)}. Local law is not a sufficient benchmark: "
                "write ILO Conventions 138 and 182 into supplier requirements.",
            )
        )
    signals = enforcement_signals(country, lang)
    if signals:
        items.append(
            tr(
                lang,
                f"**Application de la loi** — {' ; '.join(signals)}. Ne pas compter sur le seul contrôle public : "
                "prévoir des vérifications indépendantes et un mécanisme d'alerte ouvert aux travailleurs.",
                f"**Enforcement** — {'; '.join(signals)}. Do not rely on public inspection alone: plan independent "
                "checks and a grievance channel open to workers.",
            )
        )
    level = country.advancement
    if advancement_base(level) in ("No Advancement", "Minimal Advancement"):
        items.append(
            tr(
                lang,
                f"**Évaluation ILAB** — {advancement_label(level, lang)} : à intégrer dans la cartographie des "
                "risques.",
                f"**ILAB's rating** — {level}: weigh it in your risk mapping.",
            )
        )
    if not any(r.has_finding or r.downstream for r in country.goods):
        share = country.row["working_children_5_14_share"]
        figure = ""
        if share:
            figure = tr(
                lang,
                f" : {percent(share, lang)} des enfants de 5 à 14 ans y travaillent",
                f": {percent(share, lang)} of children aged 5–14 work there",
            )
        items.append(
            tr(
                lang,
                f"**Aucun bien listé** — ce n'est pas un certificat d'absence de risque{figure}. Garder "
                f"{country.this(lang)} "
                "dans la cartographie des risques et interroger les fournisseurs sur leurs propres contrôles.",
                f"**No listed good** — this is not a clean bill of health{figure}. Keep {country.in_sentence(lang)} in "
                "your risk mapping and ask suppliers about their own controls.",
            )
        )
    if not items:
        items.append(
            tr(
                lang,
                "Les données de l'ILAB ne font ressortir aucun point prioritaire ; appliquer la vigilance habituelle.",
                "ILAB's data shows no priority point; apply your usual due diligence.",
            )
        )
    lines.extend(f"{i}. {item}" for i, item in enumerate(items, 1))
    return lines


def related_section(dataset: Dataset, lang: str, entries: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    lines = ["", tr(lang, "## Fiches liées", "## Related sheets"), ""]
    sep = " : " if lang == "fr" else ": "
    lines.extend(f"- {label}{sep}{', '.join(links)}" for label, links in entries if links)
    return lines


def country_sheets(dataset: Dataset, country: Country) -> list[Sheet]:
    sheets = []
    codes = sorted({r.commodity for r in country.goods})
    groups = groups_of(dataset, codes)
    risks = risks_of(country.goods)
    share = country.row["working_children_5_14_share"]
    if share and Decimal(share) > 0 and "child-labour" not in risks:
        risks = ["child-labour", *risks]
    sources = [(FINDINGS_TITLE, country.row["source_url"]), (GOODS_TITLE, GOODS_URL)]
    for lang in LANGS:
        name = country.name(lang)
        title = tr(
            lang,
            f"{name} : travail des enfants et travail forcé — fiche risque pays",
            f"{name}: child labour and forced labour — country risk sheet",
        )
        summary = ""
        for limit in (4, 3, 2, 1):
            summary = country_summary(dataset, country, lang, limit)
            if len(french_typography(summary)) <= SUMMARY_MAX:
                break
        body: list[str] = []
        if not country.has_findings_data:
            body.extend(
                [
                    "",
                    tr(
                        lang,
                        f"> Les données 2022 de l'ILAB ne contiennent, pour {country.this(lang)}, que la liste des "
                        "biens : pas de statistiques, de ratifications, de cadre juridique ni de niveau d'avancement.",
                        f"> ILAB's 2022 data holds only the List of Goods for {country.in_sentence(lang)}: no "
                        "statistics, ratifications, legal framework or advancement level.",
                    ),
                ]
            )
        body += goods_section(dataset, country, lang)
        body += downstream_section(dataset, country, lang)
        body += working_children_section(country, lang)
        body += ratification_section(country, lang)
        body += legal_section(country, lang)
        body += enforcement_section(country, lang)
        body += advancement_section(country, lang)
        body += buyer_section(dataset, country, lang)
        input_countries = {
            dataset.countries[r.input_iso2] for r in country.goods if r.input_iso2 and r.input_iso2 != country.iso2
        } | {dataset.countries[r.iso2] for r in country.used_as_input if r.iso2 != country.iso2}
        region = dataset.regions[country.region]
        body += related_section(
            dataset,
            lang,
            [
                (
                    tr(lang, "Produits", "Commodities"),
                    [commodity_link(dataset, c, lang) for c in sorted_codes(dataset, codes, lang)],
                ),
                (
                    tr(lang, "Secteurs", "Sectors"),
                    [link(dataset.sectors[g].label(lang), f"sector-{g}") for g in groups if g in SECTOR_SHEETS],
                ),
                (tr(lang, "Région", "Region"), [link(region.label(lang), f"region-{country.region}")]),
                (
                    tr(lang, "Pays liés par les intrants", "Countries linked by inputs"),
                    country_links(input_countries, lang),
                ),
            ],
        )
        body += sources_section(sources, lang, generated_note(lang))
        sheets.append(
            Sheet(
                folder="countries",
                key=country.key,
                lang=lang,
                slug=kebab(name),
                title=title,
                summary=summary,
                countries=[country.iso2],
                regions=[country.region],
                sectors=[*codes, *groups],
                risks=risks,
                sources=sources,
                body=body,
            )
        )
    return sheets


def sorted_codes(dataset: Dataset, codes: Iterable[str], lang: str) -> list[str]:
    return sorted(codes, key=lambda c: sort_key(dataset.commodity(c).label(lang)))


# -- commodity sheets -------------------------------------------------------------------------------------------


def risk_words(rows: Sequence[GoodRow], lang: str) -> str:
    child = any(r.has_child_labour for r in rows)
    forced = any(r.has_forced_labour for r in rows)
    if child and forced:
        return tr(lang, "travail des enfants et travail forcé", "child labour and forced labour")
    if child:
        return tr(lang, "travail des enfants", "child labour")
    if forced:
        return tr(lang, "travail forcé", "forced labour")
    return tr(
        lang,
        "intrants issus du travail des enfants ou du travail forcé",
        "inputs made with child or forced labour",
    )


GROUP_ADVICE: dict[str, tuple[str, str]] = {
    "agriculture": (
        "Les risques se concentrent dans les petites exploitations, les récoltes saisonnières, le travail familial et "
        "les intermédiaires de main-d'œuvre : exiger la traçabilité jusqu'à l'exploitation ou la coopérative.",
        "Risks concentrate on smallholder farms, seasonal harvests, family work and labour brokers: require "
        "traceability down to the farm or cooperative.",
    ),
    "fishing": (
        "Les risques se situent à bord (longues campagnes en mer, transbordements, équipages migrants) et dans les "
        "usines de transformation : identifier les navires et les ateliers, pas seulement l'exportateur.",
        "Risks lie on board (long trips at sea, transshipment, migrant crews) and in processing plants: identify "
        "vessels and plants, not only the exporter.",
    ),
    "mining": (
        "Les risques se concentrent dans l'extraction artisanale et à petite échelle et chez les négociants : "
        "appliquer le guide OCDE sur le devoir de diligence pour les minerais et identifier fonderies et comptoirs.",
        "Risks concentrate in artisanal and small-scale mining and among traders: apply the OECD Due Diligence "
        "Guidance for minerals and identify smelters and trading houses.",
    ),
    "manufacturing": (
        "Les risques se cachent dans la sous-traitance, les ateliers informels et le travail à domicile : demander "
        "la liste des sous-traitants et l'auditer.",
        "Risks hide in subcontracting, informal workshops and home-based work: ask for the list of subcontractors "
        "and audit it.",
    ),
    "textiles": (
        "Les risques se cachent aux étapes amont (fibre, filature, tissage, broderie) et dans la sous-traitance et le "
        "travail à domicile : cartographier au-delà du fournisseur de rang 1.",
        "Risks hide upstream (fibre, spinning, weaving, embroidery) and in subcontracting and home-based work: map "
        "beyond the tier-1 supplier.",
    ),
}
PORNOGRAPHY_ADVICE = (
    "Plateformes en ligne, hébergeurs, services de paiement et annonceurs doivent détecter ces contenus et les "
    "signaler aux autorités (en France, la plateforme PHAROS).",
    "Online platforms, hosting providers, payment services and advertisers must detect such content and report it "
    "to the authorities (in France, the PHAROS platform).",
)
PORNOGRAPHY_NOTE = (
    "L'ILAB inscrit sur sa liste la pornographie produite en utilisant des enfants. L'utilisation d'un enfant à "
    "des fins de production de matériel pornographique est l'une des pires formes de travail des enfants au sens "
    "de la convention 182 de l'OIT et relève de l'exploitation sexuelle des enfants.",
    "ILAB lists pornography produced by using children. Using a child for the production of pornography is one of "
    "the worst forms of child labour under ILO Convention 182, and a form of sexual exploitation of children.",
)


def commodity_advice(rows: Sequence[GoodRow], group: str | None, code: str, lang: str) -> list[str]:
    if code == "pornography":
        return [
            tr(
                lang,
                "Ce n'est pas une chaîne d'approvisionnement mais un crime. ",
                "This is not a supply chain but a crime. ",
            )
            + tr(lang, *PORNOGRAPHY_ADVICE)
        ]
    advice = []
    if any(r.has_forced_labour for r in rows):
        advice.append(
            tr(
                lang,
                "Travail forcé : demander l'origine précise (pays, région, site), rechercher les frais de recrutement, "
                "les dettes, la rétention de papiers ou de salaires et le travail imposé par l'État ; prévoir une "
                "remédiation avant tout désengagement.",
                "Forced labour: ask for the precise origin (country, region, site), look for recruitment fees, debts, "
                "withheld documents or wages and state-imposed labour; plan remediation before any exit.",
            )
        )
    if any(r.has_child_labour for r in rows):
        advice.append(
            tr(
                lang,
                "Travail des enfants : vérifier les contrôles d'âge, les tâches dangereuses et le travail saisonnier "
                "ou "
                "familial ; soutenir la scolarisation et le revenu des adultes plutôt que de rompre.",
                "Child labour: check age controls, hazardous tasks and seasonal or family work; support schooling and "
                "adult income rather than cutting ties.",
            )
        )
    if any(r.downstream for r in rows):
        advice.append(
            tr(
                lang,
                "Intrants : pour les biens fabriqués avec des intrants exploités, exiger la traçabilité des intrants "
                "jusqu'à leur pays d'origine.",
                "Inputs: for goods made with exploited inputs, require traceability of the inputs back to their "
                "country of origin.",
            )
        )
    if group in GROUP_ADVICE:
        advice.append(tr(lang, *GROUP_ADVICE[group]))
    return advice


def commodity_summary(dataset: Dataset, code: str, rows: Sequence[GoodRow], lang: str, limit: int) -> str:
    term = dataset.commodity(code)
    label = term.label(lang)
    countries = {r.iso2 for r in rows}
    by_kind: dict[str, list[str]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: sort_key(dataset.countries[r.iso2].name(lang))):
        name = dataset.countries[r.iso2].name(lang)
        if name not in by_kind[r.kind]:
            by_kind[r.kind].append(name)
    rest = ("autres", "others")
    parts = []
    for kind, names in sorted(by_kind.items(), key=lambda item: KIND_ORDER[item[0]]):
        kind_text = tr(lang, "intrants exploités", "exploited inputs") if kind == "D" else kind_label(kind, lang)
        if len(countries) <= NAMED_COUNTRIES_MAX:
            parts.append(f"{kind_text} ({truncate_list(names, limit, lang, rest)})")
        else:
            parts.append(f"{kind_text} : {number(len(names), lang)}" if lang == "fr" else f"{kind_text}: {len(names)}")
    text = tr(
        lang,
        f"{label} : la liste 2022 de l'ILAB cite "
        f"{plural(len(countries), lang, ('pays', 'pays'), ('country', 'countries'))} — {' ; '.join(parts)}.",
        f"{label} on ILAB's 2022 List of Goods: "
        f"{plural(len(countries), lang, ('pays', 'pays'), ('country', 'countries'))} — {'; '.join(parts)}.",
    )
    return text


def commodity_sheets(dataset: Dataset, code: str) -> list[Sheet]:
    term = dataset.commodity(code)
    rows = sorted(
        dataset.commodity_rows(code),
        key=lambda r: (KIND_ORDER[r.kind], sort_key(dataset.countries[r.iso2].name("en")), r.good),
    )
    countries = sorted({r.iso2 for r in rows})
    regions = sorted({dataset.countries[c].region for c in countries})
    input_countries = sorted({r.input_iso2 for r in rows if r.input_iso2})
    sheets = []
    for lang in LANGS:
        label = term.label(lang)
        title = tr(
            lang,
            f"{label} : {risk_words(rows, lang)} — fiche risque produit",
            f"{label}: {risk_words(rows, lang)} — commodity risk sheet",
        )
        summary = ""
        for limit in (6, 4, 3, 2, 1):
            summary = commodity_summary(dataset, code, rows, lang, limit)
            if len(french_typography(summary)) <= SUMMARY_MAX:
                break
        ordered = sorted(
            rows, key=lambda r: (KIND_ORDER[r.kind], sort_key(dataset.countries[r.iso2].name(lang)), r.good)
        )
        body = ["", tr(lang, "## Pays et constats", "## Countries and findings"), ""]
        if code == "pornography":
            body += [tr(lang, *PORNOGRAPHY_NOTE), ""]
        body.append(
            tr(
                lang,
                f"La liste 2022 de l'ILAB cite ce produit pour "
                f"{plural(len(countries), lang, ('pays', 'pays'), ('country', 'countries'))}, du constat le plus grave "
                "au moins grave :",
                f"ILAB's 2022 List of Goods names this commodity for "
                f"{plural(len(countries), lang, ('pays', 'pays'), ('country', 'countries'))}, most serious finding "
                "first:",
            )
        )
        goods = sorted({upper_first(r.label(lang)) for r in rows}, key=sort_key)
        if len(goods) > 1:
            body.append(
                tr(
                    lang,
                    f"Cette fiche regroupe les biens de l'ILAB suivants : {', '.join(goods)}.",
                    f"This sheet groups the following ILAB goods: {', '.join(goods)}.",
                )
            )
        body.append("")
        header = tr(lang, "Pays|Bien (ILAB)|Secteur ILAB|Constat", "Country|Good (ILAB)|ILAB sector|Finding").split("|")
        body.extend(
            table(
                header,
                (
                    [
                        link(dataset.countries[r.iso2].name(lang), dataset.countries[r.iso2].key),
                        upper_first(r.label(lang)),
                        tr(lang, *ILAB_SECTORS[r.ilab_sector]),
                        findings_text(r, lang, dataset.countries),
                    ]
                    for r in ordered
                ),
            )
        )
        body += ["", tr(lang, "## En résumé", "## At a glance"), ""]
        counts = [
            (tr(lang, "Travail des enfants", "Child labour"), [r for r in rows if r.child]),
            (tr(lang, "Travail forcé", "Forced labour"), [r for r in rows if r.forced]),
            (tr(lang, "Travail forcé des enfants", "Forced child labour"), [r for r in rows if r.forced_child]),
            (
                tr(lang, "Fabriqué avec des intrants exploités", "Made with exploited inputs"),
                [r for r in rows if r.downstream],
            ),
        ]
        sep = " : " if lang == "fr" else ": "
        for label_text, subset in counts:
            names = [dataset.countries[c].name(lang) for c in {r.iso2 for r in subset}]
            names.sort(key=sort_key)
            if names:
                body.append(
                    f"- {label_text}{sep}{plural(len(names), lang, ('pays', 'pays'), ('country', 'countries'))}"
                )
        region_counts = Counter(dataset.countries[c].region for c in countries)
        body.append(
            f"- {tr(lang, 'Régions', 'Regions')}{sep}"
            + ", ".join(
                f"{dataset.regions[r].label(lang)} ({number(n, lang)})"
                for r, n in sorted(region_counts.items(), key=lambda item: (-item[1], item[0]))
            )
        )
        body += ["", tr(lang, "## Ce qu'un acheteur doit vérifier", "## What a buyer should check"), ""]
        body.extend(f"- {advice}" for advice in commodity_advice(rows, term.group, code, lang))
        related: list[tuple[str, Sequence[str]]] = []  # the country sheets are linked from the table above
        if input_countries:
            related.append(
                (
                    tr(lang, "Pays d'origine des intrants", "Countries the inputs come from"),
                    country_links((dataset.countries[c] for c in input_countries), lang),
                )
            )
        sector_links = [link(dataset.sectors[term.group].label(lang), f"sector-{term.group}")] if term.group else []
        if code in BUILDING_MATERIALS:
            sector_links.append(link(dataset.sectors["construction"].label(lang), "sector-construction"))
        related.append((tr(lang, "Secteur", "Sector"), sector_links))
        related.append(
            (
                tr(lang, "Régions", "Regions"),
                [link(dataset.regions[r].label(lang), f"region-{r}") for r in sorted(regions)],
            )
        )
        body += related_section(dataset, lang, related)
        sources = [(GOODS_TITLE, GOODS_URL)]
        body += sources_section(sources, lang, generated_note(lang))
        sheets.append(
            Sheet(
                folder="commodities",
                key=f"commodity-{code}",
                lang=lang,
                slug=kebab(label),
                title=title,
                summary=summary,
                countries=[],  # see the module docstring: country tags are for country and region sheets
                regions=regions,
                sectors=[code, *([term.group] if term.group else [])]
                + (["construction"] if code in BUILDING_MATERIALS else []),
                risks=risks_of(rows),
                sources=sources,
                body=body,
            )
        )
    return sheets


# -- sector sheets ----------------------------------------------------------------------------------------------


def commodity_table(
    dataset: Dataset, codes: Sequence[str], lang: str, within: Sequence[GoodRow] | None = None
) -> list[str]:
    """Per commodity, the number of countries (of ``within``, default all rows) with each finding."""
    header = tr(
        lang,
        "Produit|Pays|Travail des enfants|Travail forcé|Travail forcé des enfants",
        "Commodity|Countries|Child labour|Forced labour|Forced child labour",
    ).split("|")

    def count(rows: Iterable[GoodRow]) -> str:
        return number(len({r.iso2 for r in rows}), lang)

    pool = dataset.rows if within is None else within
    rows_out = []
    for code in codes:
        rows = [r for r in pool if r.commodity == code]
        rows_out.append(
            [
                commodity_link(dataset, code, lang),
                count(rows),
                count(r for r in rows if r.child),
                count(r for r in rows if r.forced),
                count(r for r in rows if r.forced_child),
            ]
        )
    return table(header, rows_out)


def rank_commodities(dataset: Dataset, rows: Sequence[GoodRow], lang: str) -> list[str]:
    """Commodities by number of countries with a finding, then by label."""
    countries: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.has_finding:
            countries[r.commodity].add(r.iso2)
    return sorted(countries, key=lambda c: (-len(countries[c]), sort_key(dataset.commodity(c).label(lang))))


def top_countries_table(dataset: Dataset, rows: Sequence[GoodRow], lang: str, limit: int) -> list[str]:
    goods: dict[str, set[str]] = defaultdict(set)
    forced: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.has_finding:
            goods[r.iso2].add(r.commodity)
            if r.has_forced_labour:
                forced[r.iso2].add(r.commodity)
    ranked = sorted(goods, key=lambda c: (-len(goods[c]), sort_key(dataset.countries[c].name(lang))))[:limit]
    header = tr(
        lang,
        "Pays|Produits cités|dont avec travail forcé",
        "Country|Commodities listed|of which with forced labour",
    ).split("|")
    return table(
        header,
        (
            [
                link(dataset.countries[c].name(lang), dataset.countries[c].key),
                number(len(goods[c]), lang),
                number(len(forced[c]), lang),
            ]
            for c in ranked
        ),
    )


def sector_codes(dataset: Dataset, sector: str) -> list[str]:
    if sector == "construction":
        return [c for c in BUILDING_MATERIALS if dataset.commodity_rows(c)]
    if sector == "domestic-work":
        return []
    return [c for c in dataset.commodities() if dataset.sectors[c].group == sector]


def sector_sheets(dataset: Dataset, sector: str) -> list[Sheet]:
    term = dataset.sectors[sector]
    codes = sector_codes(dataset, sector)
    rows = [r for r in dataset.rows if r.commodity in codes]
    countries = sorted({r.iso2 for r in rows})
    regions = sorted({dataset.countries[c].region for c in countries})
    risks = risks_of(rows)
    sources = [(GOODS_TITLE, GOODS_URL)]
    services = []
    if sector == "domestic-work":
        services = [c for c in dataset.countries.values() if c.row["working_children_services_share"]]
        sources = [(FINDINGS_TITLE, REPORTS_URL), (GOODS_TITLE, GOODS_URL)]
        countries = sorted(c.iso2 for c in services)
        regions = sorted({c.region for c in services})
        risks = ["child-labour"]
    sheets = []
    for lang in LANGS:
        label = term.label(lang)
        title = tr(
            lang,
            f"{label} : travail des enfants et travail forcé — fiche risque sectorielle",
            f"{label}: child labour and forced labour — sector risk sheet",
        )
        ranked = rank_commodities(dataset, rows, lang)
        n_countries = plural(len({r.iso2 for r in rows}), lang, ("pays", "pays"), ("country", "countries"))
        n_codes = plural(len(codes), lang, ("produit", "produits"), ("commodity", "commodities"))
        top = [
            f"{lower_first(dataset.commodity(c).label(lang))} "
            f"({number(len({r.iso2 for r in dataset.commodity_rows(c)}), lang)})"
            for c in ranked[:4]
        ]
        body: list[str] = []
        if sector == "domestic-work":
            summary = tr(
                lang,
                f"{label} : la liste des biens de l'ILAB ne couvre que des biens, pas ce service. Seul chiffre lié : "
                "la "
                f"part des enfants au travail occupés dans les services, disponible pour {number(len(services), lang)} "
                "pays ou territoires dans les données 2022.",
                f"{label}: ILAB's List of Goods covers goods only, not this service. The only related figure is the "
                f"services' share of working children, available for {number(len(services), lang)} countries or "
                "territories (2022 data).",
            )
            body += domestic_work_body(dataset, services, lang)
        else:
            if sector == "construction":
                summary = tr(
                    lang,
                    f"{label} : l'ILAB ne liste pas de secteur de la construction, mais des matériaux de construction "
                    "— "
                    f"{n_codes} dans {n_countries}, surtout {join_words(top, lang)}.",
                    f"{label}: ILAB lists no construction sector, but it does list building materials — {n_codes} "
                    f"across {n_countries}, chiefly {join_words(top, lang)}.",
                )
                body += [
                    "",
                    tr(lang, "## Ce que disent les données", "## What the data says"),
                    "",
                    tr(
                        lang,
                        "La liste des biens de l'ILAB n'a pas de secteur « construction » et aucun de ses constats ne "
                        "porte sur les chantiers eux-mêmes. Elle cite en revanche des matériaux de construction, "
                        "classés "
                        "par l'ILAB dans l'industrie manufacturière ou les mines : c'est ce que rassemble cette fiche.",
                        "ILAB's List of Goods has no construction sector and none of its findings is about building "
                        "sites as such. It does list building materials, which ILAB files under manufacturing or "
                        "mining: this sheet gathers them.",
                    ),
                    "",
                ]
            else:
                summary = tr(
                    lang,
                    f"{label} : la liste 2022 de l'ILAB cite {n_codes} de ce secteur dans {n_countries} ; les plus "
                    f"fréquents (nombre de pays) : {join_words(top, lang)}.",
                    f"{label}: ILAB's 2022 List of Goods names {n_codes} of this sector across {n_countries}; the most "
                    f"frequent (number of countries): {join_words(top, lang)}.",
                )
                body += ["", tr(lang, "## Produits cités par l'ILAB", "## Commodities on ILAB's list"), ""]
                if sector == "agriculture":
                    body += [
                        tr(
                            lang,
                            "L'ILAB range la pêche dans l'agriculture ; le centre la traite à part (voir la fiche "
                            f"{link(dataset.sectors['fishing'].label(lang), 'sector-fishing')}).",
                            "ILAB files fishing under agriculture; the centre treats it separately (see the "
                            f"{link(dataset.sectors['fishing'].label(lang), 'sector-fishing')} sheet).",
                        ),
                        "",
                    ]
            findings = Counter(r.kind for r in rows)
            body.append(
                tr(
                    lang,
                    f"{plural(len(rows), lang, ('inscription', 'inscriptions'), ('listing', 'listings'))} pays × bien "
                    ": "
                    f"{number(sum(1 for r in rows if r.child), lang)} pour travail des enfants, "
                    f"{number(sum(1 for r in rows if r.forced), lang)} pour travail forcé, "
                    f"{number(findings['X'], lang)} pour travail forcé des enfants.",
                    f"{plural(len(rows), lang, ('listing', 'listings'), ('listing', 'listings'))} (country × good): "
                    f"{number(sum(1 for r in rows if r.child), lang)} for child labour, "
                    f"{number(sum(1 for r in rows if r.forced), lang)} for forced labour, "
                    f"{number(findings['X'], lang)} for forced child labour.",
                )
            )
            body.append("")
            body += commodity_table(dataset, sorted_codes(dataset, codes, lang), lang)
            body += [
                "",
                tr(lang, "## Pays les plus cités dans ce secteur", "## Countries with the most listed commodities"),
                "",
            ]
            body += top_countries_table(dataset, rows, lang, 15)
            body += ["", tr(lang, "## Ce qu'un acheteur doit vérifier", "## What a buyer should check"), ""]
            advice_group = "mining" if sector == "construction" else sector
            advice = commodity_advice(rows, advice_group, sector, lang)
            if sector == "construction":
                advice.insert(
                    0,
                    tr(
                        lang,
                        "Pour un chantier ou un marché public de travaux : demander l'origine des briques, du ciment, "
                        "des granulats et de la pierre, et la faire figurer dans les clauses du marché.",
                        "For a building project or a public works contract: ask where bricks, cement, aggregates and "
                        "stone come from, and write it into the contract clauses.",
                    ),
                )
            body.extend(f"- {a}" for a in advice)
        related: list[tuple[str, Sequence[str]]] = []
        if codes:
            related.append(
                (
                    tr(lang, "Produits", "Commodities"),
                    [commodity_link(dataset, c, lang) for c in sorted_codes(dataset, codes, lang)],
                )
            )
        upstream = RELATED_UPSTREAM.get(sector, ())
        if upstream:
            related.append(
                (
                    tr(lang, "Matières premières en amont", "Upstream raw materials"),
                    [commodity_link(dataset, c, lang) for c in sorted_codes(dataset, upstream, lang)],
                )
            )
        related.append(
            (tr(lang, "Régions", "Regions"), [link(dataset.regions[r].label(lang), f"region-{r}") for r in regions])
        )
        body += related_section(dataset, lang, related)
        body += sources_section(sources, lang, generated_note(lang))
        sheets.append(
            Sheet(
                folder="sectors",
                key=f"sector-{sector}",
                lang=lang,
                slug=kebab(label),
                title=title,
                summary=summary,
                countries=[],  # see the module docstring: country tags are for country and region sheets
                regions=regions,
                sectors=[sector, *codes],
                risks=risks,
                sources=sources,
                body=body,
            )
        )
    return sheets


def domestic_work_body(dataset: Dataset, services: Sequence[Country], lang: str) -> list[str]:
    body = [
        "",
        tr(lang, "## Ce que disent les données", "## What the data says"),
        "",
        tr(
            lang,
            "La liste des biens de l'ILAB recense des biens ; le travail domestique, qui est un service, n'y figure "
            "pas, et les données 2022 utilisées ici n'ont aucun indicateur propre au travail domestique. Le chiffre le "
            "plus proche est la part des enfants au travail occupés dans les services, catégorie qui comprend "
            "notamment le travail domestique sans s'y limiter. Il ne permet donc pas de mesurer le travail domestique "
            "des enfants.",
            "ILAB's List of Goods records goods; domestic work, a service, is not on it, and the 2022 data used here "
            "has no indicator specific to domestic work. The closest figure is the share of working children employed "
            "in services, a category that includes domestic work among other activities. It therefore does not "
            "measure children's domestic work.",
        ),
        "",
        tr(
            lang,
            "Pays et territoires où cette part est la plus élevée (données 2022 de l'ILAB) :",
            "Countries and territories where this share is highest (ILAB 2022 data):",
        ),
        "",
    ]
    ranked = sorted(
        services,
        key=lambda c: (-Decimal(c.row["working_children_services_share"]), sort_key(c.name(lang))),
    )[:15]
    header = tr(
        lang,
        "Pays|Part des enfants au travail occupés dans les services|Enfants de 5 à 14 ans qui travaillent",
        "Country|Share of working children in services|Children aged 5–14 who work",
    ).split("|")
    body += table(
        header,
        (
            [
                link(c.name(lang), c.key),
                percent(c.row["working_children_services_share"], lang),
                percent(c.row["working_children_5_14_share"], lang)
                if c.row["working_children_5_14_share"]
                else not_available(lang),
            ]
            for c in ranked
        ),
    )
    body += [
        "",
        tr(lang, "## Ce qu'un acheteur doit vérifier", "## What a buyer should check"),
        "",
        tr(
            lang,
            "- Les données de l'ILAB ne permettent pas de filtrer des achats sur ce risque. Les entreprises et "
            "acheteurs publics qui achètent des prestations de ménage, d'aide à la personne ou d'hôtellerie doivent "
            "vérifier directement l'âge et les conditions d'emploi des personnes qui les exécutent, y compris chez "
            "les sous-traitants.",
            "- ILAB's data cannot screen purchases for this risk. Companies and public buyers that buy cleaning, care "
            "or hospitality services should check the age and employment conditions of the people who deliver them "
            "directly, including at subcontractors.",
        ),
    ]
    return body


# -- region sheets ----------------------------------------------------------------------------------------------


def region_sheets(dataset: Dataset, region: str) -> list[Sheet]:
    term = dataset.regions[region]
    members = [c for c in dataset.countries.values() if c.region == region]
    rows = [r for r in dataset.rows if dataset.countries[r.iso2].region == region]
    codes = sorted({r.commodity for r in rows})
    risks = risks_of(rows)
    if (
        any(c.row["working_children_5_14_share"] and Decimal(c.row["working_children_5_14_share"]) > 0 for c in members)
        and "child-labour" not in risks
    ):
        risks = ["child-labour", *risks]
    sources = [(FINDINGS_TITLE, REPORTS_URL), (GOODS_TITLE, GOODS_URL)]
    sheets = []
    for lang in LANGS:
        label = term.label(lang)
        ordered = sorted_countries(members, lang)
        with_goods = [c for c in members if any(r.has_finding for r in c.goods)]
        ranked = rank_commodities(dataset, rows, lang)
        region_countries: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            if r.has_finding:
                region_countries[r.commodity].add(r.iso2)
        top = [
            f"{lower_first(dataset.commodity(c).label(lang))} ({number(len(region_countries[c]), lang)})"
            for c in ranked[:4]
        ]
        title = tr(
            lang,
            f"{label} : travail des enfants et travail forcé — fiche risque régionale",
            f"{label}: child labour and forced labour — regional risk sheet",
        )
        summary = tr(
            lang,
            f"{label} : {number(len(members), lang)} pays et territoires dans les données 2022 de l'ILAB, dont "
            f"{number(len(with_goods), lang)} avec des biens sur la liste de l'ILAB ; produits les plus cités "
            f"(nombre de pays) : {join_words(top, lang)}.",
            f"{label}: {number(len(members), lang)} countries and territories covered by ILAB's 2022 data, "
            f"{number(len(with_goods), lang)} of them with goods on ILAB's List of Goods; most listed commodities "
            f"(number of countries): {join_words(top, lang)}.",
        )
        body = ["", tr(lang, "## Pays et territoires", "## Countries and territories"), ""]
        header = tr(
            lang,
            "Pays|Niveau d'avancement ILAB|Biens cités|Enfants de 5 à 14 ans qui travaillent",
            "Country|ILAB advancement level|Goods listed|Children aged 5–14 who work",
        ).split("|")
        body += table(
            header,
            (
                [
                    link(c.name(lang), c.key),
                    upper_first(advancement_label(c.advancement, lang)) if c.advancement else not_available(lang),
                    number(sum(1 for r in c.goods if r.has_finding), lang),
                    percent(c.row["working_children_5_14_share"], lang)
                    if c.row["working_children_5_14_share"]
                    else not_available(lang),
                ]
                for c in ordered
            ),
        )
        body += ["", tr(lang, "## Niveaux d'avancement", "## Advancement levels"), ""]
        levels = Counter(advancement_base(c.advancement) for c in members)
        level_lines = []
        for level in (*ADVANCEMENT_ORDER, ""):
            if levels[level]:
                name = (
                    upper_first(advancement_label(level, lang))
                    if level
                    else tr(lang, "Pas de niveau dans les données", "No level in the data")
                )
                qualified = sum(
                    1 for c in members if advancement_base(c.advancement) == level and " – " in c.advancement
                )
                extra = ""
                if qualified:
                    extra = tr(
                        lang,
                        f", dont {number(qualified, lang)} avec une réserve de l'ILAB (« efforts réels, mais… »)",
                        f', of which {number(qualified, lang)} with an ILAB qualifier ("Efforts Made but…")',
                    )
                sep = " : " if lang == "fr" else ": "
                level_lines.append(f"- {name}{sep}{number(levels[level], lang)}{extra}")
        body += level_lines
        body += ["", tr(lang, "## Produits les plus cités", "## Most frequently listed commodities"), ""]
        body += commodity_table(dataset, ranked[:12], lang, rows)
        body += ["", tr(lang, "## Conventions non ratifiées", "## Ratification gaps"), ""]
        sep = " : " if lang == "fr" else ": "
        any_gap = False
        for column, fr, en, *_ in INSTRUMENTS:
            missing = [c.name(lang) for c in ordered if c.row[column] == "false"]
            if missing:
                any_gap = True
                body.append(f"- {tr(lang, fr, en)}{sep}{', '.join(missing)}")
        if not any_gap:
            body.append(
                tr(
                    lang,
                    "Aucune : tous les pays renseignés ont ratifié les six instruments.",
                    "None: every country with data has ratified all six instruments.",
                )
            )
        not_applicable = sorted(
            {c.name(lang) for c in members for col, *_ in INSTRUMENTS if c.row[col] == "N/A"}, key=sort_key
        )
        no_data = [c.name(lang) for c in ordered if not any(c.row[col] for col, *_ in INSTRUMENTS)]
        if not_applicable:
            body += [
                "",
                tr(
                    lang,
                    f"Sans objet pour au moins un instrument : {', '.join(not_applicable)}.",
                    f"Not applicable for at least one instrument: {', '.join(not_applicable)}.",
                ),
            ]
        if no_data:
            body += [
                "",
                tr(lang, f"Pas de données : {', '.join(no_data)}.", f"No data: {', '.join(no_data)}."),
            ]
        body += ["", tr(lang, "## Écarts du cadre juridique", "## Legal gaps"), ""]
        body.append(
            tr(
                lang,
                "Nombre de pays dont la norme est jugée par l'ILAB en deçà des standards internationaux :",
                "Number of countries where ILAB finds the standard below international standards:",
            )
        )
        body.append("")
        header = tr(lang, "Norme|Pays|Lesquels", "Standard|Countries|Which").split("|")
        legal_rows = []
        for column, fr, en in STANDARDS:
            short = [c.name(lang) for c in ordered if c.row[f"law_{column}_meets_intl_standard"] == "false"]
            if short:
                legal_rows.append([upper_first(tr(lang, fr, en)), number(len(short), lang), ", ".join(short)])
        body += table(header, legal_rows) if legal_rows else [tr(lang, "Aucun écart relevé.", "No gap recorded.")]
        body += [
            "",
            tr(lang, "## Ce qu'un acheteur doit regarder en premier", "## What a buyer should look at first"),
            "",
        ]
        goods_rows = [r for r in rows if r.commodity != "pornography"]
        forced_codes = rank_commodities(dataset, [r for r in goods_rows if r.has_forced_labour], lang)
        child_codes = [c for c in rank_commodities(dataset, goods_rows, lang) if c not in forced_codes]
        items = []
        if forced_codes:
            items.append(
                tr(
                    lang,
                    "**Travail forcé** — "
                    + ", ".join(commodity_link(dataset, c, lang, in_sentence=True) for c in forced_codes)
                    + " : la traçabilité doit remonter jusqu'au pays et au site de production.",
                    "**Forced labour** — "
                    + ", ".join(commodity_link(dataset, c, lang, in_sentence=True) for c in forced_codes)
                    + ": traceability must reach the country and site of production.",
                )
            )
        if child_codes:
            items.append(
                tr(
                    lang,
                    "**Travail des enfants** — "
                    + ", ".join(commodity_link(dataset, c, lang, in_sentence=True) for c in child_codes[:15])
                    + (" et d'autres produits (voir les fiches pays)" if len(child_codes) > 15 else "")
                    + " : contrôles d'âge, tâches dangereuses, travail saisonnier et familial.",
                    "**Child labour** — "
                    + ", ".join(commodity_link(dataset, c, lang, in_sentence=True) for c in child_codes[:15])
                    + (" and other commodities (see the country sheets)" if len(child_codes) > 15 else "")
                    + ": age checks, hazardous tasks, seasonal and family work.",
                )
            )
        porn = sorted_countries({dataset.countries[r.iso2] for r in rows if r.commodity == "pornography"}, lang)
        if porn:
            items.append(
                tr(
                    lang,
                    "**Exploitation sexuelle d'enfants** — l'ILAB cite la "
                    f"{commodity_link(dataset, 'pornography', lang, in_sentence=True)} produite avec des enfants "
                    f"({', '.join(c.name(lang) for c in porn)}). " + PORNOGRAPHY_ADVICE[0],
                    "**Sexual exploitation of children** — ILAB lists "
                    f"{commodity_link(dataset, 'pornography', lang, in_sentence=True)} produced with children "
                    f"({', '.join(c.name(lang) for c in porn)}). " + PORNOGRAPHY_ADVICE[1],
                )
            )
        weak = [
            c.name(lang)
            for c in ordered
            if advancement_base(c.advancement) in ("No Advancement", "Minimal Advancement")
        ]
        if weak:
            items.append(
                tr(
                    lang,
                    f"**Évaluations ILAB les plus faibles** (aucun progrès ou progrès minimes) — {', '.join(weak)}.",
                    f"**Weakest ILAB ratings** (no or minimal advancement) — {', '.join(weak)}.",
                )
            )
        body.extend(f"{i}. {item}" for i, item in enumerate(items, 1))
        groups = groups_of(dataset, codes)
        body += related_section(
            dataset,
            lang,
            [
                (tr(lang, "Pays", "Countries"), [link(c.name(lang), c.key) for c in ordered]),
                (
                    tr(lang, "Secteurs", "Sectors"),
                    [link(dataset.sectors[g].label(lang), f"sector-{g}") for g in groups if g in SECTOR_SHEETS],
                ),
            ],
        )
        body += sources_section(sources, lang, generated_note(lang))
        sheets.append(
            Sheet(
                folder="regions",
                key=f"region-{region}",
                lang=lang,
                slug=kebab(label),
                title=title,
                summary=summary,
                countries=[c.iso2 for c in members],
                regions=[region],
                sectors=[*codes, *groups],
                risks=risks,
                sources=sources,
                body=body,
            )
        )
    return sheets


# -- main -------------------------------------------------------------------------------------------------------


def build(dataset: Dataset) -> list[Sheet]:
    sheets: list[Sheet] = []
    for iso2 in sorted(dataset.countries):
        sheets += country_sheets(dataset, dataset.countries[iso2])
    for code in dataset.commodities():
        sheets += commodity_sheets(dataset, code)
    for sector in SECTOR_SHEETS:
        sheets += sector_sheets(dataset, sector)
    for region in sorted(set(REGIONS.values())):
        sheets += region_sheets(dataset, region)
    slugs = Counter((s.lang, s.slug) for s in sheets)
    clashes = sorted(k for k, n in slugs.items() if n > 1 or k[1] == "france")
    if clashes:
        raise SystemExit(f"duplicate slugs: {clashes}")
    return sheets


def write(sheets: Sequence[Sheet], out: Path) -> tuple[int, int]:
    written: set[Path] = set()
    for sheet in sheets:
        path = out / sheet.folder / sheet.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        content = sheet.render().encode("utf-8")
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
        written.add(path)
    removed = 0
    for folder in FOLDERS:
        for path in sorted((out / folder).glob("*.md")):
            if path not in written and not path.name.startswith(HAND_WRITTEN):
                path.unlink()
                removed += 1
    return len(written), removed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of countries.csv and country_goods.csv")
    parser.add_argument("--taxonomies", type=Path, default=DEFAULT_TAXONOMIES, help="content/taxonomies folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (content/resources/risk-sheets)")
    args = parser.parse_args(argv)
    dataset = load(args.data, args.taxonomies)
    sheets = build(dataset)
    count, removed = write(sheets, args.out)
    kinds = Counter(s.folder for s in sheets)
    print(
        f"{count} files written to {args.out} ("
        + ", ".join(f"{kinds[f] // 2} {f}" for f in FOLDERS)
        + f"); {removed} stale file(s) removed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
