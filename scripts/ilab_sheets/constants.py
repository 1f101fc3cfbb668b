"""Fixed choices of the generator: paths, ILAB goods and their commodity codes, label tables."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
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

# Rows that look like outliers and were checked against ILAB's published page; the note (template
# checked_row.<iso2>) says what the page shows. Egypt 2022: ages 6–14, industry 82.4 % (ILO analysis of the 2020
# Labour Force Survey), https://www.dol.gov/agencies/ilab/resources/reports/child-labor/egypt
CHECKED_ROWS = ("EG",)
# Age range of a country's working-children figures where ILAB's page gives another than 5–14.
AGE_RANGES = {"EG": (6, 14)}
# Kinds of legal gap (columns of STANDARDS) and the step a buyer takes for each (templates advice.gap_step.<kind>).
LEGAL_GAP_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ages", ("minimum_work",)),
    ("hazardous", ("minimum_hazardous_work", "types_hazardous_work")),
    (
        "prohibitions",
        (
            "prohibition_forced_labor",
            "prohibition_child_trafficking",
            "prohibition_csec",
            "prohibition_illicit_activities",
        ),
    ),
    ("education", ("compulsory_education", "free_public_education")),
)
# Countries ILAB does not assess in its Findings: public sources beyond ILAB, as (template key, url). "*" applies to
# every such country (where to look); a country's own entries state a fact (template other_source.<key>.fact).
OTHER_SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "*": (
        ("normlex", "https://normlex.ilo.org/"),
        ("treaty_bodies", "https://tbinternet.ohchr.org/"),
        ("tip_report", "https://www.state.gov/trafficking-in-persons-report/"),
    ),
    "MY": (
        (
            "my_protocol_29",
            "https://www.skrine.com/insights/alerts/march-2022/malaysia-ratifies-the-international-labour-organis",
        ),
    ),
    "VN": (
        (
            "vn_convention_105",
            "https://ilo.org/global/standards/subjects-covered-by-international-labour-standards/forced-labour/WCMS_747466/lang--en/index.htm",
        ),
    ),
    "CN": (
        (
            "cn_forced_labour_conventions",
            "https://china.un.org/en/178907-ilo-welcomes-china%E2%80%99s-move-towards-ratification-two-forced-labour-conventions",
        ),
        (
            "cn_ohchr_xinjiang",
            "https://www.ohchr.org/en/documents/country-reports/ohchr-assessment-human-rights-concerns-xinjiang-uyghur-autonomous-region",
        ),
    ),
}
