"""Fixed choices of the generator: paths, ILAB goods and their commodity codes, label tables."""

from __future__ import annotations

from pathlib import Path

# ILAB good → (commodity code, French label, English label): one table, the application's (the findings API and
# the screening read it too).
from app.ilab.goods import GOODS as GOODS
from app.ilab.reader import ADVANCEMENT_FR as ADVANCEMENT_FR
from app.ilab.reader import ADVANCEMENT_QUALIFIERS_FR as ADVANCEMENT_QUALIFIERS_FR
from app.ilab.reader import ILAB_SECTORS as ILAB_SECTORS

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



REGIONS = {
    "Sub-Saharan Africa": "sub-saharan-africa",
    "Middle East and North Africa": "middle-east-north-africa",
    "Indo-Pacific": "indo-pacific",
    "Europe and Eurasia": "europe-eurasia",
    "Latin America and the Caribbean": "latin-america-caribbean",
}
SECTOR_SHEETS = ("agriculture", "fishing", "mining", "construction", "domestic-work", "textiles", "manufacturing")
BUILDING_MATERIALS = ("bricks", "cement", "granite", "gravel", "sand", "sandstone", "stones")
RELATED_UPSTREAM = {"textiles": ("cotton", "cottonseed")}
# Words that keep their capital inside a sentence.
PROPER_WORDS = {"Brazil", "Christmas", "Nile", "Noël"}

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
# Public sources beyond ILAB, as (template key, url). A country's own entries state a fact on its sheet (template
# other_source.<key>.fact), whether ILAB assesses it or not: what ILAB's 2022 data cannot say, such as a good it took
# off its list. "*" applies to every country ILAB does not assess in its Findings (where to look).
# "{lang}" in a url is replaced by the sheet's language (NORMLEX has French and English pages).
OTHER_SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "*": (
        ("normlex", "https://normlex.ilo.org/"),
        ("treaty_bodies", "https://tbinternet.ohchr.org/"),
        ("tip_report", "https://www.state.gov/trafficking-in-persons-report/"),
    ),
    "MY": (
        (
            "my_forced_labour_gap_analysis",
            "https://www.ilo.org/asia/projects/WCMS_650658/lang--en/index.htm",
        ),
    ),
    "VN": (
        (
            "vn_convention_105",
            "https://ilo.org/global/standards/subjects-covered-by-international-labour-standards/forced-labour/WCMS_747466/lang--en/index.htm",
        ),
    ),
    "TR": (
        (
            "tr_hazelnut_ceacr",
            "https://normlex.ilo.org/dyn/normlex/{lang}/f?p=1000:13100:0::NO::P13100_COMMENT_ID,P13100_LANG_CODE:3172652,{lang}:NO",
        ),
        ("tr_hazelnut_project", "https://www.ilo.org/ankara/projects/WCMS_373426/lang--en/index.htm"),
    ),
    "RU": (
        (
            "ru_trafficking_ceacr",
            "https://normlex.ilo.org/dyn/normlex/{lang}/f?p=1000:13100:0::NO:13100:P13100_COMMENT_ID,P13100_COUNTRY_ID:3057654,102884",
        ),
    ),
    "UZ": (
        (
            "uz_cotton_off_the_list",
            "https://sourcingjournal.com/topics/labor/uzbekistan-cotton-campaign-department-of-labor-ilab-forced-child-labor-376427/",
        ),
        ("uz_cotton_eo_list", "https://www.govinfo.gov/content/pkg/FR-2019-03-25/html/2019-05360.htm"),
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
