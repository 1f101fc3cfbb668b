"""Fixed choices of the generator: paths, ILAB goods and their commodity codes, label tables."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

# ILAB good → (commodity code, French label, English label): one table, the application's (the findings API and
# the screening read it too).
from app.ilab.goods import GOODS as GOODS
from app.ilab.indicators import CORRECTIONS as CORRECTIONS
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
# Sheets whose text changed after PUBLISHED_AT for a reason other than the data (a template, a table of this module),
# with the date of the change: their front matter says ``updated_at``. Turkmenistan's cotton: its child-labour step
# follows the state-imposed advice (``StateImposed.children``) on its country, commodity and sector sheets.
UPDATED_AT = dict.fromkeys(("country-tm", "commodity-cotton", "sector-agriculture"), "2026-12-03")
# The open-data audit: the country sheets whose summary now gives ILAB's whole advancement level (its qualifier,
# « – Efforts Made but … »), and those of the 12 countries only on the List of Goods, whose sources now cite that list
# and no longer the Findings, which do not assess them.
AUDITED = (
    "am az bd cd cf cn do er ga iq ir ke kg kh kp kz ml mm mr my ru sd sh so ss tj tl tm to tr tw ua ve vn ye zw"
).split()
UPDATED_AT |= dict.fromkeys((f"country-{code}" for code in AUDITED), "2026-12-03")
# The editions audit: the sheets that cite ILAB's Findings (countries, regions, domestic work) cite the 2022 edition
# itself (FINDINGS_URL), no longer ILAB's live pages, which show its latest edition; a country sheet says that newer
# editions exist and where its survey's year is given, and no longer speaks of hereditary servitude on ranches.
UPDATED_FOLDERS = {"countries": "2026-12-03", "regions": "2026-12-03"}
UPDATED_AT["sector-domestic-work"] = "2026-12-03"
AUDIENCES = ("companies", "public-buyers", "ngos")
FINDINGS_TITLE = (
    "US DOL ILAB, Findings on the Worst Forms of Child Labor (2022): data file of the Sweat & Toil app (2023)"
)
# The 2022 edition's data as ILAB published them for its Sweat & Toil app, at a fixed commit of its repository (the
# file last changed on 14 September 2023): the figures of countries.csv, such as Côte d'Ivoire's 9,471 inspections,
# where ILAB's country pages (source_url) now show its latest edition (14,262 inspections in 2024). No PDF of the 2022
# report could be confirmed at a stable address.
FINDINGS_URL = (
    "https://github.com/USDepartmentofLabor/Child-Labor/blob/48678c8e66b96c7b9070c631c1c9cb832c42ed51/"
    "Child%20Labor/countries_2016.xml"
)
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


class Instrument(NamedTuple):
    """A treaty whose ratification ILAB records: its data column, its names, and the centre's page on it."""

    column: str
    fr: str
    en: str
    fr_short: str
    en_short: str
    reference: str  # translation key of the centre's legal reference, linked from the ratification table


# The two CRC protocols go by their short names: their full titles (« … child prostitution and child
# pornography », « … involvement of children in armed conflict ») are on the linked page, and in every country
# sheet's table they made all 250 sheets match a search for those words, the shortest ones (territories with no
# data) first.
INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument(
        "ratified_c138",
        "Convention 138 de l'OIT (âge minimum)",
        "ILO Convention 138 (minimum age)",
        "C138",
        "C138",
        "law-ilo-c138",
    ),
    Instrument(
        "ratified_c182",
        "Convention 182 de l'OIT (pires formes de travail des enfants)",
        "ILO Convention 182 (worst forms of child labour)",
        "C182",
        "C182",
        "law-ilo-c182",
    ),
    Instrument(
        "ratified_crc",
        "Convention des Nations unies relative aux droits de l'enfant",
        "UN Convention on the Rights of the Child",
        "CIDE",
        "CRC",
        "law-crc",
    ),
    Instrument(
        "ratified_crc_op_armed_conflict",
        "Protocole facultatif à la CIDE sur les conflits armés",
        "CRC Optional Protocol on armed conflict",
        "protocole à la CIDE sur les conflits armés",
        "CRC protocol on armed conflict",
        "law-crc-opac",
    ),
    Instrument(
        "ratified_crc_op_sale_sexual_exploitation",
        "Protocole facultatif à la CIDE sur la vente d'enfants",
        "CRC Optional Protocol on the sale of children",
        "protocole à la CIDE sur la vente d'enfants",
        "CRC protocol on the sale of children",
        "law-crc-opsc",
    ),
    Instrument(
        "ratified_palermo_protocol",
        "Protocole de Palerme (traite des personnes)",
        "Palermo Protocol (trafficking in persons)",
        "protocole de Palerme",
        "Palermo Protocol",
        "law-palermo-protocol",
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
# Age ranges of the working-children figures (Egypt: 6–14) and the values of countries.csv corrected with their sources
# (Bangladesh's minimum age for work): the application's tables, which the findings API applies too, so that the API
# and the sheets say the same (app/ilab/indicators.py says why each is there).
# ILAB goods whose work is not that of their commodity's broad sector, and the advice (templates place.<group>,
# forced_focus.<group>, child_focus.<group>, group_advice.<group>) that fits them instead. The commodity code groups
# goods by a shared name (Dried Fish with Fish, Silk Cocoons with Silk Fabric), but ILAB files these two elsewhere:
# dried fish under manufacturing (ILAB: forced child labour in the drying of fish, on land, with children bonded by
# advances paid to their parents), not work at sea; silk cocoons under agriculture: silkworms reared on farms and in
# rural households, not work in mills (nor a plantation's hired hands: Uzbekistan's sheet cites how, OTHER_SOURCES).
ADVICE_GROUPS_BY_GOOD = {"Dried Fish": "fish-drying", "Silk Cocoons": "silk-rearing"}
# Commodities that ILAB files under a sector whose advice does not describe their work: livestock is raised and
# herded on pastures, ranches and livestock farms, not harvested with seasonal crews (ILAB's reports describe children
# herding, debt bondage on cattle ranches, hog and poultry farming; Dairy Products, Beef and Meat are processed goods
# and keep the manufacturing advice).
ADVICE_GROUPS_BY_COMMODITY = dict.fromkeys(("cattle", "goats", "sheep", "hogs", "poultry"), "livestock")
# Rows (country, ILAB good) whose fish is caught in lakes and rivers, not at sea: ILAB's Ghana report lists fishing
# "including for tilapia" from canoes, children diving to untangle nets underwater and forced child labour in fishing
# around Lake Volta; Uganda and Paraguay have no coast; Nile perch is a freshwater fish. Rows not listed here (Kenya,
# Cambodia, Indonesia…) keep the fishing advice: ILAB's text names sea fishing there or does not say which water.
ADVICE_GROUPS_BY_ROW = dict.fromkeys(
    (("GH", "Fish"), ("GH", "Tilapia (fish)"), ("PY", "Fish"), ("TZ", "Nile Perch (fish)"), ("UG", "Fish")),
    "inland-fishing",
)
# Forced-labour focus phrases (templates forced_focus.<group>) that speak of children or of whole families bound
# together: families bound to a kiln by advances, herders and their families, children bound by advances paid to their
# parents, children brought to boat owners. ILAB's data bear them out for a country only where ILAB lists child labour
# too in that group's goods there; elsewhere the step names the generic forced_focus.other. ILAB lists Russia's bricks
# with forced labour and no child labour: nothing says that families are bound to Russian kilns.
FOCUS_NEEDS_CHILD_LABOUR = ("bricks", "fish-drying", "inland-fishing", "livestock")


class StateImposed(NamedTuple):
    """Goods of one country whose forced labour a public source attributes to the state itself, and that source."""

    goods: tuple[str, ...]  # ILAB goods (good_en), each listed for the country with forced labour
    source: str  # templates other_source.<source>.title (the sources list) and state_imposed.<source> (the fact)
    url: str
    # Those of ``goods`` whose child labour the same source attributes to the state too (children put to work with
    # the adults), each listed for the country with child labour: their child-labour step follows the state-imposed
    # advice (advice.child_state_imposed) instead of age checks and remediation with suppliers.
    children: tuple[str, ...] = ()
    # Further sources the fact cites, as (key, url): the template state_imposed.<source> links each as {<key>} and the
    # sources list names it other_source.<key>.title.
    further: tuple[tuple[str, str], ...] = ()


# Forced labour imposed by the state (ILO Convention 105; content/resources/topics/topic-state-imposed-forced-labour):
# where the authorities impose the work, suppliers cannot refuse it and remediation with the supplier is rarely
# possible, so these goods get advice of their own (advice.state_imposed, commodity_advice.state_imposed) instead of
# the remediation plan of advice.forced. ILAB's yearly Findings, whose "complicit" rating brings a caveat of its own
# (advice.rating_complicit), do not assess these countries. Only the goods a source names or covers:
# - China: the goods ILAB added to its List as produced with forced labour by Uyghurs and other mostly Muslim
#   minorities, primarily in Xinjiang (gloves, hair products, textiles, thread/yarn and tomato products in 2020, then
#   polysilicon), as ILAB's page on Xinjiang names them. China's other goods with forced labour (cotton, electronics,
#   fish, bricks…) keep the common advice: no source at hand ties ILAB's listing of them to the state. Xinjiang's
#   cotton, which that page does not name, is under a US withhold release order of its own (CBP's list): the fact
#   says so, lest a buyer read the cotton in the common step as free of the state's forced labour.
# - North Korea: every good ILAB lists (all with forced labour); the US State Department's 2022 Trafficking in Persons
#   Report finds a government policy or pattern of forced labour in prison camps, labour training centres and mass
#   mobilisations, and state-sponsored forced labour funding the government.
# - Turkmenistan: cotton; the same report finds the government directing the mobilisation of adults and children for
#   forced labour in the annual cotton harvest. ILAB lists Turkmenistan's cotton with child labour too: the children
#   the state puts to work are beyond what a supplier's age checks or remediation plan can reach, so the cotton's
#   child-labour step follows the state-imposed advice (``children``). North Korea's report speaks of children too, but
#   ILAB lists none of its goods with child labour.
# Russia is not here: its timber and bricks are listed by ILAB with forced labour, but no source at hand says who
# imposes it. A good listed here that the data no longer hold with forced labour stops the run.
STATE_IMPOSED: dict[str, StateImposed] = {
    "CN": StateImposed(
        ("Gloves", "Hair Products", "Polysilicon", "Textiles", "Thread/Yarn", "Tomato Products"),
        "cn_ilab_xinjiang",
        "https://www.dol.gov/agencies/ilab/against-their-will-the-situation-in-xinjiang",
        further=(
            (
                "cn_cbp_withhold_release_orders",
                "https://www.cbp.gov/trade/forced-labor/withhold-release-orders-and-findings",
            ),
        ),
    ),
    "KP": StateImposed(
        ("Bricks", "Cement", "Coal", "Gold", "Iron", "Textiles", "Timber"),
        "kp_tip_2022",
        "https://www.state.gov/reports/2022-trafficking-in-persons-report/north-korea/",
    ),
    "TM": StateImposed(
        ("Cotton",),
        "tm_tip_2022",
        "https://www.state.gov/reports/2022-trafficking-in-persons-report/turkmenistan/",
        children=("Cotton",),
    ),
}
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
        # NORMLEX heads its comments on Convention No. 29 for Malaysia with the Protocol's year of ratification (2022);
        # the day, 21 March 2022, is that of the deposit, which Skrine's note reports (no fact of its own).
        (
            "my_p029_ratified",
            "https://normlex.ilo.org/dyn/normlex/en/f?p=1000:13100:0::NO:13100:P13100_COMMENT_ID,P13100_COUNTRY_ID:2309697,102960",
        ),
        (
            "my_p029_deposit",
            "https://www.skrine.com/insights/alerts/march-2022/malaysia-ratifies-the-international-labour-organis",
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
        ("uz_silk_cocoons", "http://enews.fergananews.com/articles/2939"),
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
