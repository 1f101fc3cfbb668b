"""Buyer words that no source carries, for :mod:`app.services.resolve` and :mod:`app.services.resolve_countries`:
products a supplier list names in its own words, the words that change what a product phrase names (a material, a
container, a kind of a good), the goods a line may also be, the words of a country's name and the short names a
list gives a few countries."""

# The words of a product phrase that name no product, and those that say how its parts relate.
STOP_WORDS = frozenset(
    "a à an and of the for from with raw grade de du des d la le les l et en au aux pour brut bruts brute".split()
)
# The words opening what qualifies a product phrase's head, which comes first in French: « miel de fleurs » is honey,
# « lait UHT en brique » milk. After these, what the head is made of, holds or comes from: read when the head names
# no good (« sac en coton », « pot de miel », « carbonate de lithium »), …
CONTENT_OPENERS = frozenset("de du des d en au aux of".split())
SOURCE_OPENERS = frozenset("de du des d of".split())  # … and, after these, instead of a form (« beurre de cacao »)
PURPOSE_OPENERS = frozenset("à a pour for".split())  # What a thing is for is not what it is: « machine à café ».
GRADES = frozenset("grade type class classe quality qualite category categorie calibre".split())  # « Grade A cocoa »

# Fibres ILAB does not list apart are its « Textiles » (China's, Bangladesh's…), as the fabrics made of them. Not
# cashmere as goats: ILAB's goats are herded (Mauritania, Paraguay), not combed for their fibre.
FIBRES = tuple("viscose polyester polyamide nylon elasthanne elastane linen cachemire cashmere".split())

# Buyer words that no taxonomy carries, folded as the index folds them. Product → commodity or sector code.
PRODUCT_ALIASES: dict[str, str] = {
    "t-shirt": "garments",
    "tee-shirt": "garments",
    "tshirt": "garments",
    "shirt": "garments",
    "chemise": "garments",
    "jean": "garments",
    "denim": "garments",
    "pantalon": "garments",
    "trousers": "garments",
    "dress": "garments",
    "robe": "garments",
    "clothes": "garments",
    "vetement": "garments",
    "habit": "garments",
    "sweater": "garments",
    "pull": "garments",
    "sportswear": "garments",
    "uniform": "garments",
    # Work clothes as a hospital's or a council's list names them: « uniformes en coton » fell back to the cotton
    # they are made of, and Bangladesh's garments finding was missed.
    "uniforme": "garments",
    "tenue professionnelle": "garments",
    "tenue de travail": "garments",
    "vetement de travail": "garments",
    "workwear": "garments",
    # British names (« jumpers », « trainers » were not recognised)
    "jumper": "garments",
    "pullover": "garments",
    "knitwear": "garments",
    "trainer": "footwear",
    "flip-flop": "footwear",
    "instrument de chirurgie": "surgical-instruments",  # as « instruments chirurgicaux », ILAB's Pakistani good
    "polo": "garments",
    "sweat": "garments",  # French for a sweatshirt
    "sweatshirt": "garments",
    "sweat shirt": "garments",
    "hoodie": "garments",
    "hoody": "garments",  # also what « hoodies » folds to
    "sneaker": "footwear",
    "basket": "footwear",
    "chaussure": "footwear",
    "smartphone": "electronics",
    "phone": "electronics",
    "telephone": "electronics",
    "laptop": "electronics",
    "ordinateur": "electronics",
    "iphone": "electronics",
    "ipad": "electronics",
    # Computers and their devices as a public buyer's list names them: « PC portables », « Tablettes », « Serveurs
    # informatiques », « Écrans et périphériques » were not recognised (« matériel informatique », « équipement
    # informatique » are the sector's synonyms in sectors.yaml, which the search shares). Not « informatique » alone:
    # « services informatiques » are services. A « tablette de chocolat » is chocolate (:data:`FORMS`).
    "pc": "electronics",
    "pc portable": "electronics",
    "tablette": "electronics",
    "tablette tactile": "electronics",
    "ecran": "electronics",
    "moniteur": "electronics",
    "peripherique": "electronics",
    "imprimante": "electronics",
    "printer": "electronics",
    "serveur informatique": "electronics",
    # Masks (FFP2, surgical) are no good ILAB lists: their broad sector, as an unlisted crop's is agriculture.
    "masque": "manufacturing",
    "ffp2": "manufacturing",
    "ffp3": "manufacturing",
    "kn95": "manufacturing",
    "face mask": "manufacturing",
    "surgical mask": "manufacturing",
    "battery": "lithium-ion-batteries",
    "batterie": "lithium-ion-batteries",
    "pile": "lithium-ion-batteries",
    # ILAB lists China's polysilicon and the ingots, wafers, cells and modules made of it, one commodity here; PV is
    # what a list writes for photovoltaic (« panneaux solaires » and « solar modules » are the taxonomy's synonyms).
    "module photovoltaique": "solar-polysilicon",
    "photovoltaic module": "solar-polysilicon",
    "module pv": "solar-polysilicon",
    "pv module": "solar-polysilicon",
    "cellule photovoltaique": "solar-polysilicon",
    "photovoltaic cell": "solar-polysilicon",
    "cellule pv": "solar-polysilicon",
    "pv cell": "solar-polysilicon",
    "panneau pv": "solar-polysilicon",
    "pv panel": "solar-polysilicon",
    "chocolate": "cocoa",
    "chocolat": "cocoa",
    # ILAB lists the crops and the latex, not what is made of them, as the grapes for the wine: cigarettes and cigars
    # are the tobacco's, tyres the rubber's (their findings where the line's supplier is).
    "cigarette": "tobacco",
    "cigare": "tobacco",
    "cigar": "tobacco",
    "cigarillo": "tobacco",
    "pneu": "rubber",
    "pneumatique": "rubber",
    "tyre": "rubber",  # not the American « tire »: a « tire-bouchon » is a corkscrew
    "thon": "fish",
    "tuna": "fish",
    "soy": "beans",  # as soja and soybeans, among ILAB's beans
    "vin": "grapes",  # ILAB lists the grapes (their harvest), not the wine made of them
    "wine": "grapes",
    "sucre": "sugarcane",
    "sugar": "sugarcane",
    "palm": "palm-oil",
    "palme": "palm-oil",
    "rose": "flowers",  # cut flowers; « roses » was taken for « robes » (garments)
    "guirlande noel": "christmas-decorations",
    "christmas light": "christmas-decorations",
    "seafood": "fishing",
    # A service is the sector's: « Nettoyage » and « Prestation de nettoyage » were not recognised.
    "nettoyage": "services",
    "cleaning": "services",
    "prestation": "services",
    "fruits de mer": "fishing",
    # A crop's beans are the crop: ILAB's « beans » are the pulses.
    "coffee bean": "coffee",
    "grain cafe": "coffee",
    "cafe grain": "coffee",
    "green coffee": "coffee",
    # Minerals a buyer's list names that ILAB's list does not: their broad sector, whose findings in the country
    # (cobalt and copper in the DRC…) are what is known of the mines there.
    "lithium": "mining",
    "nickel": "mining",
    "manganese": "mining",
    "bauxite": "mining",
    "graphite": "mining",
    "terre rare": "mining",
    "rare earth": "mining",
    "platine": "mining",
    "platinum": "mining",
    "palladium": "mining",
    "uranium": "mining",
    "phosphate": "mining",
    "potasse": "mining",
    "potash": "mining",
    "chromite": "mining",
    # Crops ILAB's list does not name: their broad sector, whose findings in the country are what is known of its
    # farms. Listed so that a real word is not taken for a typo of a good (« poire » was « poivre »).
    "avocat": "agriculture",
    "avocado": "agriculture",
    "mangue": "agriculture",
    "mango": "agriculture",
    "amande": "agriculture",
    "almond": "agriculture",
    "noix": "agriculture",
    "walnut": "agriculture",
    "pistache": "agriculture",
    "pistachio": "agriculture",
    "datte": "agriculture",
    "cannelle": "agriculture",
    "cinnamon": "agriculture",
    "gingembre": "agriculture",
    "ginger": "agriculture",
    # ILAB lists particular spices (pepper, chile peppers, cloves, cumin, vanilla), none as « spices »: the word is
    # the sector's, as an unlisted crop is.
    "epice": "agriculture",
    "spice": "agriculture",
    "karite": "agriculture",  # shea nuts, gathered; « beurre de karité » was dairy
    "shea": "agriculture",
    # Rattan, a climbing palm cut in the forest, is on no list of ILAB's; ILAB counts the plants nearest to it, its
    # bamboo (Burma) and palm thatch (Burma), in agriculture, as it does timber. Not timber (rattan is no wood), nor
    # furniture: « meubles en rotin » are furniture already, a « panier en rotin » is what it is made of. Not
    # « paillettes » (glitter), mostly plastic film, sometimes mica: the data says nothing of which.
    "rotin": "agriculture",
    "rattan": "agriculture",
    # ILAB lists vegetables one by one (tomatoes, carrots, cabbages…), none as « vegetables »: the sector, as
    # « épices » (« légumes », :data:`FALSE_FRIENDS`).
    "vegetable": "agriculture",
    "framboise": "agriculture",
    "raspberry": "agriculture",
    "miel": "agriculture",
    "honey": "agriculture",
    "pork": "hogs",  # the meat of ILAB's hogs (« Porcs » in French)
    "laine": "sheep",  # the fleece of ILAB's sheep (not « laitue », lettuce, two letters away)
    "wool": "sheep",
    "farine": "agriculture",  # « flour » was « flowers », one letter away
    "flour": "agriculture",
    # Household textiles are textiles (« bed sheets » were « sheep »; a bare « sheet » may be steel), dairy and
    # seafood their good or sector.
    "drap": "textiles",
    "bed sheet": "textiles",
    "linge de lit": "textiles",
    "linge hospitalier": "textiles",
    "towel": "textiles",
    "curtain": "textiles",
    "rideau": "textiles",
    "tissu": "fabrics",  # the singular of the taxonomy's « tissus », which keeps its s (as « virus » does)
    "fromage": "dairy",
    "cheese": "dairy",
    "beurre": "dairy",
    "butter": "dairy",
    "yaourt": "dairy",
    "yogurt": "dairy",
    "crabe": "fishing",
    "crab": "fishing",
    "calamar": "fishing",
    "squid": "fishing",
    "huitre": "fishing",
    "oyster": "fishing",
    "mussel": "fishing",  # not « moule », a mould too
    "saumon": "fishing",
    "salmon": "fishing",
    "sardine": "fishing",
    "algue": "fishing",
    "seaweed": "fishing",
    # Clothes by their kind: « chaussettes » and « vestes » were not recognised, « jupes » offered as jute and
    # « collants » as coltan.
    "chaussette": "garments",
    "sock": "garments",
    "lingerie": "garments",
    "underwear": "garments",
    "soutien-gorge": "garments",
    "culotte": "garments",
    "maillot": "garments",  # a jersey, and « maillot de bain »
    "maillot de bain": "garments",
    "swimwear": "garments",
    "swimsuit": "garments",
    "veste": "garments",
    "vest": "garments",
    "jacket": "garments",
    "blouson": "garments",
    "manteau": "garments",
    "coat": "garments",
    "doudoune": "garments",
    "parka": "garments",
    "gilet": "garments",
    "cardigan": "garments",
    "blazer": "garments",
    "pyjama": "garments",
    "pajama": "garments",
    "jupe": "garments",
    "skirt": "garments",
    "collant": "garments",
    "pantyhose": "garments",
    "legging": "garments",
    "blouse": "garments",
    "chemisier": "garments",
    "tunique": "garments",
    "survetement": "garments",
    "tracksuit": "garments",
    **dict.fromkeys(FIBRES, "fabrics"),
    # ILAB's « Leather Goods/Accessories » (India, Mexico), under leather. Not « belt », a machine's too.
    "sac a main": "leather",
    "handbag": "leather",
    "ceinture": "leather",
    "portefeuille": "leather",
    "wallet": "leather",
    "bidi": "bidis",  # the singular of a word ILAB writes « bidis »
    "cigarette bidi": "bidis",  # a kind of cigarette: the narrower good, not the tobacco
    "bidi cigarette": "bidis",
    # ILAB's « Hair Products » (China) are wigs and extensions made of hair; a hair dryer is an appliance.
    "cheveu": "hair-products",
    "human hair": "hair-products",
    "seche-cheveu": "electronics",
    "hair dryer": "electronics",
    # A product named after another good than the one it is made of: beet sugar is not sugarcane, « fleur de sel »
    # is salt, not flowers.
    "sucre de betterave": "sugar-beets",
    "beet sugar": "sugar-beets",
    "fleur de sel": "salt",
    # The GICS industries an investor's export names its issuers by, where ILAB's list has their goods: a
    # semiconductor is an electronic component (ILAB's « Electronics », Malaysia's and China's), technology
    # hardware is computers; the food and agricultural products industries are agriculture's, whose goods the line
    # names (« Agricultural Products & Services » was read as services). The others (automobile components,
    # chemicals…) name no good ILAB lists: the line asks for the raw material.
    "semiconductor": "electronics",
    "semi conducteur": "electronics",
    "technology hardware": "electronics",
    "food product": "agriculture",
    "produit alimentaire": "agriculture",
    "agricultural product": "agriculture",
    "agricultural product and service": "agriculture",  # GICS's sub-industry, not a question with services
    # « Packaged Foods & Meats », GICS's sub-industry of food makers (cereals, dairy, confectionery…), was meat: the
    # meat is one of its goods, not what it names.
    "packaged food": "agriculture",
    "packaged food and meat": "agriculture",  # the whole name, not a question between food and meat
    "aliment conditionne": "agriculture",
    "produit agricole": "agriculture",
}
# Buyer words that no taxonomy carries and that name a broad sector, not a good read as it (as « lithium » is): a
# head naming a sector stays it beside them (« boutons en laiton » are haberdashery). Raw brass, an alloy of copper
# and zinc, is a metal, as « métal » is (sectors.yaml), not ILAB's brassware, India's brass objects (« objets en
# laiton »); alone, « laiton » was not recognised. Steel (« acier », « inox »), an alloy of iron, and aluminium are
# metals too, which ILAB lists only as goods made of them (Bangladesh's « Furniture (steel) »): « fil d’acier » was
# yarn, « tube acier » not recognised. Word → sector code.
METALS = ("laiton", "brass", "acier", "steel", "inox", "stainless steel", "aluminium", "aluminum")
SECTOR_ALIASES: dict[str, str] = dict.fromkeys(METALS, "mining")
# A head that names thread but, before « de » and a metal or a mineral, is wire: « fil de laiton » is brass, not yarn,
# « fil de fer » iron; « fil de coton » is still yarn. So is thread written beside a metal (« fil inox », « fil
# cuivre »), or beside what carries current (« fil électrique », as « câble électrique », names no good ILAB lists):
# each was yarn, and a Chinese « fil d’acier » forced labour in thread.
WIRES = ("fil",)
ELECTRIC = ("électrique", "electric", "electrical")


# Words that give way to a good beside them. A material names the good made of it: « fil de coton » is yarn,
# « gants en cuir » gloves, « meubles en bois » furniture, « bois de teck » teak; a fibre (:data:`FIBRES`) gives way
# to any other good (« T-shirt coton/polyester » is garments), a material to a fibre (« coton/polyester » textiles).
# The good a material is stays beside the line's (Resolution.also): China's cotton is forced labour, whatever its
# garments' finding. A form a good takes names the good it is made of, its direct product: « beurre de cacao » is
# cocoa, « beurre de karité » shea (not dairy), « viande de bœuf » beef, « farine de manioc » cassava, « tablette de
# chocolat » cocoa. Alone, each word is its own product (« cuir » leather, « beurre » dairy, « tablette » a tablet).
MATERIALS = tuple("coton cotton cuir leather caoutchouc rubber laine wool bois wood".split())
FORMS = tuple("beurre butter viande meat farine flour lait milk tablette".split())
# The sectors of services: a service of a good (« nettoyage de vêtements », « prestation de transport de café ») is
# the service, not the good; « prestation de X », « services de X » are X when X is a service (« nettoyage »).
SERVICE_SECTORS = frozenset({"services", "domestic-work"})
# Words that, their accents folded, spell another language's word for something else, with what the buyer's word
# names, which wins over a taxonomy's synonym: a French list's « Légumes » (vegetables) were the English « legumes »,
# ILAB's pulses (« légumes secs », still pulses).
FALSE_FRIENDS: dict[str, str] = {"légumes": "agriculture"}  # as a list writes them: the exact match too
# What a product comes in, not what it is: before « de » or « of », the container holds its contents (« brique de
# lait », « tin of tuna », « carton de jus de pomme »); beside a good, it gives way to it (« tuna tin », « lait
# brique »); after « en », it is no product (« lait UHT en brique »). Alone, it is its own word: « briques » are
# ILAB's bricks, « tin » its tin. Most name no good and read as their contents already; all are listed, so that
# none becomes one by a synonym. Not « basket », a French buyer's sneaker (« baskets cuir »).
CONTAINERS = tuple(
    "brique carton bouteille boîte sac sachet pack paquet lot caisse cagette pot bocal canette flacon bidon barquette "
    "fût tonneau palette bottle box bag packet case jar can tin crate sack tray barrel drum pallet".split()
)
# Containers in English: a basket holds what it is « of » (« basket of fruit »), a French buyer's « baskets » are
# sneakers (« baskets cuir »). A text of either language (« fruit basket », « t-shirts, baskets ») stays a question.
BASKET_CONTAINERS = ("basket",)
# What comes in a carton: « brique de jus », « brique de soupe » are no bricks, though juice and soup are no good ILAB
# lists. « Briques de terre cuite », « briques de parement » still are.
POURED = tuple("jus soupe potage bouillon velouté crème boisson nectar eau sauce coulis compote smoothie".split())
# ILAB lists China's « Gloves » and Malaysia's « Rubber Gloves ». Gloves of nitrile, latex or rubber, and the
# disposable ones for examination, medical or surgical use (which are made of those), are what ILAB calls rubber
# gloves: « gants d'examen nitrile », « gants médicaux » were Malaysia's « aucun constat ». A broad good → the
# narrower one ILAB lists, and the words that, beside the broad good's, name it in any order.
NARROWER_GOODS: dict[str, tuple[str, tuple[str, ...]]] = {
    "gloves": (
        "rubber-gloves",
        tuple(
            "nitrile latex caoutchouc rubber examen examination médical médicaux medical jetable disposable "
            "chirurgical chirurgicaux surgical".split()
        ),
    ),
}
# Goods ILAB lists apart that a line resolved to one may also be: the screening shows the country's listings of these
# beside the good's own, never « aucun constat » beside them. Gloves may be of rubber and rubber gloves are gloves
# (China lists « Gloves », Malaysia « Rubber Gloves »); meat may be of any animal ILAB lists (Cambodia lists « Meat »,
# Brazil its beef, hogs and poultry); beef is the meat of cattle, and the hogs and poultry codes hold pork and chicken.
# Not sheep and goats: the sheep code holds wool too.
RELATED_GOODS: dict[str, frozenset[str]] = {
    "gloves": frozenset({"rubber-gloves"}),
    "rubber-gloves": frozenset({"gloves"}),
    "meat": frozenset({"beef", "cattle", "goats", "hogs", "poultry", "sheep"}),
    "beef": frozenset({"cattle", "meat"}),
    "hogs": frozenset({"meat"}),
    "poultry": frozenset({"meat"}),
}

# The words that qualify a state's name, abbreviated or not, in either language, read as one: « Rép. dém. »,
# « Dem. Rep. », « République démocratique » and « Democratic Republic » are the same words.
NAME_QUALIFIERS: dict[str, str] = {
    "rep": "republic",
    "republique": "republic",
    "dem": "democratic",
    "democratique": "democratic",
    "pop": "people",
    "populaire": "people",
    "peoples": "people",  # « Peoples Republic of China », its apostrophe dropped
    "pr": "people republic",  # « P.R. China », « PR of China »
}
NAME_LINKS = frozenset("the of and de du d des la le l les et s".split())  # « du », « d’ », « People’s », « & »
ARTICLES = ("the ", "la ", "le ", "les ", "l ")  # « the Gambia », « la Chine »

# Short names a list gives two countries, and their codes: a question, as a name's first words (« Corée ») are, not
# the one a source gives it (« Congo » was the Republic of the Congo; « RDC », « Congo-Brazzaville » say which).
AMBIGUOUS_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {"Congo": ("CD", "CG")}

# Short names a list gives a country that no source carries (CLDR's are « Burkina Faso », « Bosnie-Herzégovine »…):
# the usual ones, each naming one country. A name's first word is otherwise a question (« Corée »), not a guess.
# Name → ISO 3166-1 alpha-2.
COUNTRY_SHORT_NAMES: dict[str, str] = {
    "Burkina": "BF",
    "Bosnie": "BA",
    "Bosnia": "BA",
    "Papouasie": "PG",  # in a French list, Papua New Guinea; « Papua » also names Indonesia's province: a question
    "Macédoine": "MK",  # the country's name until 2019, as lists kept it
    "Macedonia": "MK",
}
