"""Generate the centre's risk sheets from the US DOL ILAB 2022 facts in ``data/ilab-2022/``.

    python -m scripts.ilab_sheets [--data DIR] [--taxonomies DIR] [--out DIR]

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

Only the CSV values are stated as facts; the prose around them is the centre's own and lives in
``templates/fr.yaml`` and ``templates/en.yaml`` (same keys; ``str.format`` placeholders filled by the code).
Choices made here:

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
  shown, never "no law". A value that ILAB's own published report contradicts is corrected only with its sources
  (``CORRECTIONS``: Bangladesh's minimum age for work, 19 in the data, 14 in ILAB's 2021 report and in Bangladesh's
  ratification of ILO C138): the sheet shows the corrected value, a note under the table says what the data hold,
  the sources are listed and the closing note says that a value was corrected. A data set that no longer holds the
  corrected value stops the run.
- Buyer advice follows the broad sector of each good (``place.*``, ``forced_focus.*``, ``child_focus.*`` and
  ``group_advice.*`` templates), except where that sector's advice does not describe the work, most specific first:
  rows whose fish is caught in lakes and rivers, not at sea (``ADVICE_GROUPS_BY_ROW``, group ``inland-fishing``:
  Ghana's fish and tilapia, which ILAB's Ghana report ties to canoes and Lake Volta; the fish of Uganda and Paraguay,
  which have no coast; Tanzania's Nile perch); goods filed by ILAB outside their commodity's sector
  (``ADVICE_GROUPS_BY_GOOD``: dried fish, filed under manufacturing, is dried on land, not fished at sea; silk
  cocoons, filed under agriculture, are raised on farms, not spun in mills); commodities whose work is not that of
  their sector (``ADVICE_GROUPS_BY_COMMODITY``, group ``livestock``: cattle, goats, sheep, hogs and poultry are
  raised and herded on pastures, ranches and livestock farms, not harvested). A sheet whose own group differs from a
  good's names that good before its group's paragraph (« Fish (Ghana, Paraguay, Uganda) — … » when only some
  countries' rows have it). A focus template lists its items with ``|`` so that an item two sectors share
  (home-based work) is named once. A forced-labour focus that speaks of children or of whole families bound to the
  work (``FOCUS_NEEDS_CHILD_LABOUR``: bricks, livestock, fish drying, inland fishing) is named only where ILAB lists
  child labour too in that sector's goods in the country; elsewhere (Russia's bricks, Bolivia's and Niger's cattle)
  the step names the generic signs of forced labour.
- State-imposed forced labour (``STATE_IMPOSED``): goods whose forced labour a cited public source attributes to the
  state itself (Turkmenistan's cotton, North Korea's goods, China's goods that ILAB lists for forced labour of
  Uyghurs, primarily in Xinjiang) get a step of their own on the country sheet, with that source, instead of the
  remediation plan agreed with suppliers, which the state's coercion rules out; commodity and sector sheets name those
  countries and goods and point to the country sheets for the sources. A listed good the data no longer hold with
  forced labour stops the run. ILAB's « complicit » rating keeps its own caveat (``advice.rating_complicit``). Where
  the same source says the state puts children to work too and ILAB lists child labour for the good
  (``StateImposed.children``: Turkmenistan's cotton, after the 2022 Trafficking in Persons Report), the child-labour
  step says that age checks and remediation with suppliers cannot by themselves end it and that the state-imposed
  step applies, instead of preferring remediation to dropping suppliers.
- Sheets whose text changed after publication for a reason other than the data carry ``updated_at``
  (``UPDATED_AT`` by sheet, ``UPDATED_FOLDERS`` by folder).
- Sources of a country sheet: ILAB's Findings, cited at the 2022 edition's own data (``FINDINGS_URL``: the Sweat &
  Toil app's data file at a fixed commit of ILAB's GitHub repository, since ILAB's country pages now show its latest
  edition), its List of Goods, and ILAB's page for the country, titled as such; only the List for the 12 countries
  that ILAB's Findings do not cover (China, Russia, Türkiye, Vietnam…), whose sheet says so. The advancement section
  of a country the Findings cover says that ILAB has published newer editions since and links its page and the List's
  page; the working-children section says that its figures come from surveys that may be years older than 2022, whose
  year ILAB's report gives (the data hold none). Its summary gives ILAB's whole advancement level, qualifier included
  (« No Advancement – Efforts Made but Complicit in Forced Child Labor »), as the advancement section does.
- Lists cut to their first N (most listed commodities, countries with the most goods, highest shares in services)
  settle ties on the code, not on the translated name, so that the French and English sheets list the same items;
  the kept items are shown with ties in the order of their names.
"""

from __future__ import annotations

from .constants import GOODS

__all__ = ["GOODS"]
