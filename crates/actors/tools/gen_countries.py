#!/usr/bin/env python3
"""Regenerates crates/actors/data/countries.tsv and data/regions.tsv from the PyPI package
`countryinfo` (MIT), applying the corrections below. Development-time only: the engine never runs
Python. Usage (from the repository root):

    python3 -m venv /tmp/cienv && /tmp/cienv/bin/pip install countryinfo
    /tmp/cienv/bin/python crates/actors/tools/gen_countries.py

The generated files are committed; edit the FIX tables here (not the output) so that a rerun keeps
your corrections. See crates/actors/data/README.md for the format.
"""
import pathlib
import re
import sys

from countryinfo import all_countries

OUT = pathlib.Path(__file__).resolve().parent.parent / "data"

# The 193 UN member states, by ISO 3166-1 alpha-3.
UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM
ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN
ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE
LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL
NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON
TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
OBSERVERS = {"VAT", "PSE"}
# States with limited recognition that news reports treat as countries.
DISPUTED = {"TWN", "ESH"}
# Dissolved or duplicate records in countryinfo.
SKIP = {"ANT", "SCG", "UMI", "BVT", "HMD", "ATA"}

# Preferred English short name first, then other names; replaces countryinfo's name + altSpellings.
NAMES = {
    "USA": ["United States", "United States of America", "US", "USA", "U.S.", "U.S.A.", "America"],
    "GBR": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain",
            "United Kingdom of Great Britain and Northern Ireland"],
    "RUS": ["Russia", "Russian Federation"],
    "CHN": ["China", "People's Republic of China", "PRC", "Mainland China"],
    "TWN": ["Taiwan", "Republic of China"],
    "PRK": ["North Korea", "Democratic People's Republic of Korea", "DPRK"],
    "KOR": ["South Korea", "Republic of Korea", "ROK"],
    "COD": ["Democratic Republic of the Congo", "DR Congo", "DRC", "D.R. Congo", "Congo-Kinshasa",
            "Democratic Republic of Congo"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville", "Congo", "Republic of Congo"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire", "Republic of Côte d'Ivoire"],
    "TLS": ["East Timor", "Timor-Leste", "Timor Leste"],
    "MKD": ["North Macedonia", "Macedonia", "Republic of North Macedonia"],
    "SWZ": ["Eswatini", "Swaziland", "Kingdom of Eswatini"],
    "CZE": ["Czech Republic", "Czechia"],
    "MMR": ["Myanmar", "Burma", "Republic of the Union of Myanmar"],
    "VAT": ["Holy See", "Vatican", "Vatican City", "Vatican City State"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories", "Palestinian territories"],
    "ARE": ["United Arab Emirates", "UAE", "U.A.E.", "Emirates"],
    "NLD": ["Netherlands", "The Netherlands", "Holland", "Kingdom of the Netherlands"],
    "BHS": ["Bahamas", "The Bahamas", "Commonwealth of the Bahamas"],
    "GMB": ["Gambia", "The Gambia", "Republic of the Gambia"],
    "CPV": ["Cape Verde", "Cabo Verde", "Republic of Cabo Verde"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "VNM": ["Vietnam", "Viet Nam", "Socialist Republic of Vietnam"],
    "LAO": ["Laos", "Lao PDR", "Lao People's Democratic Republic"],
    "SYR": ["Syria", "Syrian Arab Republic"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "TUR": ["Turkey", "Türkiye", "Turkiye", "Republic of Turkey"],
    "BOL": ["Bolivia", "Plurinational State of Bolivia"],
    "VEN": ["Venezuela", "Bolivarian Republic of Venezuela"],
    "TZA": ["Tanzania", "United Republic of Tanzania"],
    "MDA": ["Moldova", "Republic of Moldova"],
    "BRN": ["Brunei", "Brunei Darussalam"],
    "KNA": ["Saint Kitts and Nevis", "St Kitts and Nevis", "St. Kitts and Nevis"],
    "LCA": ["Saint Lucia", "St Lucia", "St. Lucia"],
    "VCT": ["Saint Vincent and the Grenadines", "St Vincent and the Grenadines",
            "St. Vincent and the Grenadines"],
    "STP": ["Sao Tome and Principe", "São Tomé and Príncipe"],
    "BIH": ["Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnia"],
    "VGB": ["British Virgin Islands"],
    "VIR": ["US Virgin Islands", "U.S. Virgin Islands"],
    "MAF": ["Saint Martin"],
    "SXM": ["Sint Maarten"],
    "BES": ["Caribbean Netherlands", "Bonaire"],
    "ALA": ["Åland Islands", "Aland Islands", "Åland"],
    "HKG": ["Hong Kong"],
    "MAC": ["Macau", "Macao"],
    "SHN": ["Saint Helena", "St Helena"],
}
# Alternative spellings countryinfo lists that would match common English words or are wrong.
BAD_ALT = {"Island", "Mann", "Prathet", "Thai", "Montenegrin", "Togolese", "Portuguesa", "Mexicanos",
           "Guiana", "Lao", "Mannin", "Amerika Sāmoa", "Sranangron", "Sarnam", "Nihon", "Nippon"}

# Capital first, then other seats of government that act for it in the news.
CAPITALS = {
    "USA": ["Washington", "Washington D.C.", "Washington, D.C.", "Washington DC"],
    "IND": ["New Delhi", "Delhi"],
    "UKR": ["Kyiv", "Kiev"],
    "CHN": ["Beijing", "Peking"],
    "BOL": ["La Paz", "Sucre"],
    "NLD": ["The Hague", "Amsterdam"],
    "ZAF": ["Pretoria", "Cape Town"],
    "KAZ": ["Astana", "Nur-Sultan"],
    "MMR": ["Naypyidaw", "Nay Pyi Taw", "Naypyitaw"],
    "CIV": ["Yamoussoukro", "Abidjan"],
    "LKA": ["Colombo", "Sri Jayawardenepura Kotte"],
    "TZA": ["Dodoma", "Dar es Salaam"],
    "BEN": ["Porto-Novo", "Cotonou"],
    "MYS": ["Kuala Lumpur", "Putrajaya"],
    "SWZ": ["Mbabane", "Lobamba"],
    "CHE": ["Bern", "Berne"],
    "YEM": ["Sanaa", "Sana'a"],
    "VAT": ["Vatican City"],
    "PSE": ["Ramallah"],
    "HKG": [],
    "MAC": [],
    "BES": ["Kralendijk"],
    "ISL": ["Reykjavik", "Reykjavík"],
    "CPV": ["Praia"],
    "COL": ["Bogota", "Bogotá"],
    "CMR": ["Yaounde", "Yaoundé"],
    "PRY": ["Asuncion", "Asunción"],
    "BRA": ["Brasilia", "Brasília"],
    "TGO": ["Lome", "Lomé"],
    "MDA": ["Chisinau", "Chișinău", "Chişinău"],
    "CRI": ["San Jose", "San José"],
    "MDV": ["Male", "Malé"],
    "PYF": ["Papeete", "Papeetē"],
    "GUM": ["Hagatna", "Hagåtña"],
    "NCL": ["Noumea", "Nouméa"],
    "FRO": ["Torshavn", "Tórshavn"],
    "TCD": ["N'Djamena", "Ndjamena"],
    "ESH": ["Laayoune", "El Aaiún"],
    "KOR": ["Seoul"],
    "PRK": ["Pyongyang"],
    "SDN": ["Khartoum"],
    "TWN": ["Taipei"],
    "GBR": ["London"],
}

# Adjectives (modifier use: "Pakistani officials") — replaces countryinfo's single demonym.
ADJ = {
    "ARG": ["Argentine", "Argentinian", "Argentinean"], "CPV": ["Cape Verdean"],
    "ISL": ["Icelandic"], "KGZ": ["Kyrgyz", "Kyrgyzstani", "Kirghiz"], "TJK": ["Tajik", "Tajikistani"],
    "UZB": ["Uzbek", "Uzbekistani"], "KAZ": ["Kazakh", "Kazakhstani"], "MDV": ["Maldivian"],
    "ECU": ["Ecuadorian", "Ecuadorean"], "COM": ["Comorian"], "SAU": ["Saudi", "Saudi Arabian"],
    "SVN": ["Slovenian", "Slovene"], "SVK": ["Slovak", "Slovakian"], "PHL": ["Philippine", "Filipino"],
    "BIH": ["Bosnian"], "BWA": ["Botswanan", "Motswana"], "LSO": ["Basotho", "Mosotho"],
    "GNB": ["Bissau-Guinean"], "SUR": ["Surinamese"], "VAT": ["Vatican"], "GBR": ["British", "UK", "U.K."],
    "USA": ["American", "US", "U.S."], "HKG": ["Hong Kong"], "MAC": ["Macanese"],
    "NLD": ["Dutch"], "CZE": ["Czech"], "KOR": ["South Korean"], "PRK": ["North Korean"],
    "COD": ["Congolese"], "COG": [], "DOM": ["Dominican"], "DMA": [], "IOT": [], "MNP": [],
    "ATF": [], "MTQ": ["Martinican"], "MYT": ["Mahoran"], "REU": ["Reunionese"], "SPM": [],
    "SJM": [], "GGY": [], "JEY": [], "IMN": ["Manx"], "GIB": ["Gibraltarian"], "CXR": [],
    "TLS": ["East Timorese", "Timorese"], "MKD": ["Macedonian", "North Macedonian"],
    "SWZ": ["Swazi", "Eswatini"], "MMR": ["Burmese", "Myanmar"], "PSE": ["Palestinian"],
    "ARE": ["Emirati"], "TUR": ["Turkish"], "CIV": ["Ivorian"], "TWN": ["Taiwanese"],
    "NZL": ["New Zealand"], "AZE": ["Azerbaijani", "Azeri"], "BLR": ["Belarusian", "Belarusan"],
    "KNA": ["Kittitian", "Nevisian"], "ATG": ["Antiguan", "Barbudan"], "TTO": ["Trinidadian", "Tobagonian"],
    "GRL": ["Greenlandic"], "ESH": ["Sahrawi", "Western Saharan"], "VNM": ["Vietnamese"],
    "BHS": ["Bahamian"], "FSM": ["Micronesian"], "BES": [], "VGB": [], "VIR": [], "ALA": [],
    "SXM": [], "MAF": [], "BLM": [], "TCA": [], "CUW": ["Curaçaoan"], "GUF": ["French Guianese"],
    "IRL": ["Irish"], "SRB": ["Serbian"], "MNE": ["Montenegrin"], "GLP": ["Guadeloupean"],
    "PCN": [], "SGS": [], "CCK": [], "NFK": [], "WLF": [], "SHN": [], "TKL": ["Tokelauan"],
}
# Plural nouns for the people of a country ("Pakistanis said"); regular "-s" plurals are derived.
PEOPLE = {
    "GBR": ["Britons", "British"], "DNK": ["Danes"], "NLD": ["Dutch"], "FIN": ["Finns"],
    "FRA": ["French", "Frenchmen"], "IRL": ["Irish"], "POL": ["Poles"], "ESP": ["Spaniards"],
    "SWE": ["Swedes"], "TUR": ["Turks"], "CHE": ["Swiss"], "CHN": ["Chinese"], "JPN": ["Japanese"],
    "KGZ": ["Kyrgyz"], "TJK": ["Tajiks"], "UZB": ["Uzbeks"], "KAZ": ["Kazakhs"], "SAU": ["Saudis"],
    "PHL": ["Filipinos"], "BWA": ["Batswana"], "LSO": ["Basotho"], "ISL": ["Icelanders"],
    "SVK": ["Slovaks"], "SVN": ["Slovenians", "Slovenes"], "CZE": ["Czechs"], "NZL": ["New Zealanders"],
    "LUX": ["Luxembourgers"], "MMR": ["Burmese"], "VNM": ["Vietnamese"], "THA": ["Thais"],
    "PRT": ["Portuguese"], "LBN": ["Lebanese"], "SDN": ["Sudanese"], "SEN": ["Senegalese"],
    "NPL": ["Nepalis", "Nepalese"], "BTN": ["Bhutanese"], "TWN": ["Taiwanese"], "SSD": ["South Sudanese"],
    "TGO": ["Togolese"], "GAB": ["Gabonese"], "BEN": ["Beninese"], "COD": ["Congolese"],
    "GUY": ["Guyanese"], "SUR": ["Surinamese"], "MLT": ["Maltese"], "SYC": ["Seychellois"],
    "MCO": ["Monegasques"], "IMN": ["Manx"], "MDG": ["Malagasy"], "GRL": ["Greenlanders"],
    "ESH": ["Sahrawis"], "IDN": ["Indonesians"], "AZE": ["Azerbaijanis", "Azeris"],
    "MHL": ["Marshallese"], "FRO": ["Faroese"], "GNB": ["Bissau-Guineans"], "TLS": ["Timorese"],
}
NO_PLURAL = re.compile(r"(ese|ss|sh|ch|ic|[^aeiou]y)$")

# Place names countryinfo lists as provinces that are too generic to stand alone.
GENERIC = {"Central", "Capital", "Northern", "Southern", "Eastern", "Western", "North", "South", "East",
           "West", "Coast", "Lakes", "Islands", "Upper", "Lower", "Centre", "Center", "Interior",
           "Federal", "Northwest", "Northeast", "Southwest", "Southeast", "Mountain", "Plateau", "Valley",
           "Bay", "Lake", "River", "Sea", "Highlands", "Lowlands", "Delta", "Littoral", "Savanes",
           "Maritime", "Kara", "Coastal", "Orange", "Borders", "Central Region", "Capital District",
           "Far North", "Far West", "Littoral", "Est", "Ouest", "Nord", "Sud", "Centre-Est", "Tete",
           "Reading", "Bury", "Sutton", "Poole", "Halton", "Merton", "Brent", "Harrow", "Kent", "Derby",
           "Essex", "Norfolk", "Suffolk", "Surrey", "Devon", "Durham", "York", "Bath", "Jersey",
           "Victoria", "Queensland", "Amazonas", "Grand", "Saint", "Bolivar", "Independencia",
           "Libertad", "Progreso", "Union", "Mayor", "Hope", "Bonaire", "Guadeloupe", "Martinique",
           "Mayotte", "Reunion", "Réunion", "Aruba", "Paris"}
# Countries whose province lists are districts, transliterations or duplicates of cities.
REGION_LIST_TOO_NOISY = {"GBR", "SVN", "PHL", "MKD", "NZL", "RUS", "PRI", "THA", "AZE", "LTU", "GEO",
                         "MDA", "ISL", "LVA", "UGA", "BFA", "GIN", "HUN", "MAR", "DZA", "GRC", "CIV"}
# Regions added by hand (for countries whose generated list is skipped, or missing ones).
EXTRA_REGIONS = {
    "GBR": ["Scotland", "Wales", "England", "Northern Ireland"],
    "RUS": ["Chechnya", "Dagestan", "Tatarstan", "Siberia", "Crimea", "Ingushetia", "North Ossetia",
            "Kaliningrad"],
    "UKR": ["Donbas", "Donbass"],
    "PHL": ["Mindanao", "Luzon", "Visayas"],
    "GEO": ["Abkhazia", "South Ossetia", "Adjara"],
    "MDA": ["Transnistria"],
    "AZE": ["Nagorno-Karabakh", "Nakhchivan"],
    "IND": ["Kashmir"],
    "PAK": ["Baluchistan", "Waziristan", "Gilgit-Baltistan", "Azad Kashmir"],
    "ESP": ["Catalonia", "Basque Country"],
    "IRQ": ["Kurdistan Region", "Iraqi Kurdistan"],
    "CHN": ["Tibet", "Inner Mongolia"],
    "ISR": ["Golan Heights"],
    "PSE": ["Gaza", "Gaza Strip", "West Bank"],
}
# Regions whose generated name would collide with a better-known place of another country.
DROP_REGIONS = {("UKR", "Crimea")}


def latin(s):
    return all(ord(c) < 0x250 or c in "’ʻ" for c in s)


def plural(adj):
    if NO_PLURAL.search(adj) or " " in adj and adj.endswith(("ese", "ish")):
        return None
    if adj.endswith("an") or adj.endswith("i") or adj.endswith("er") or adj.endswith("ot") \
            or adj.endswith("e") or adj.endswith("k") or adj.endswith("n") or adj.endswith("o"):
        return adj + "s"
    return None


def main():
    rows = {}
    regions = {}
    for c in all_countries():
        d = c.info()
        iso = (d.get("ISO") or {}).get("alpha3")
        name = d.get("name")
        if not iso or iso in SKIP or name in ("Scotland", "Wales"):
            continue
        r = rows.setdefault(iso, {"names": [], "adj": [], "capital": [], "regions": []})
        alts = [a.strip() for a in (d.get("altSpellings") or []) if a and a.strip()]
        for n in [name] + alts:
            if len(n) <= 3 and n.isupper():  # ISO codes: "PK", "PAK"
                continue
            if n in BAD_ALT or not latin(n) or "," in n or n in r["names"]:
                continue
            r["names"].append(n)
        cap = d.get("capital")
        if isinstance(cap, list):
            cap = cap[0] if cap else None
        if cap and cap not in r["capital"] and "/" not in cap:
            r["capital"].append(cap)
        dem = d.get("demonym") or ""
        for a in re.split(r"[,/]", dem):
            a = a.strip()
            if a and a != "None" and a not in r["adj"]:
                r["adj"].append(a)
        if iso not in REGION_LIST_TOO_NOISY:
            for p in d.get("provinces") or []:
                for part in re.split(r"\s*[\(\)\[\]]\s*", p):
                    part = part.strip()
                    if part and part not in r["regions"] and latin(part):
                        r["regions"].append(part)
    # Kosovo has no ISO 3166 code; CAMEO and the World Bank use KSV.
    rows["KSV"] = {"names": ["Kosovo", "Republic of Kosovo"], "adj": ["Kosovar", "Kosovan"],
                   "capital": ["Pristina", "Prishtina"], "regions": []}
    for iso, r in rows.items():
        if iso in NAMES:
            r["names"] = NAMES[iso] + [n for n in r["names"] if n not in NAMES[iso]]
        if iso in CAPITALS:
            r["capital"] = CAPITALS[iso]
        if iso in ADJ:
            r["adj"] = ADJ[iso]
        r["regions"] = [x for x in r["regions"] + EXTRA_REGIONS.get(iso, [])
                        if (iso, x) not in DROP_REGIONS]
    # Demonyms shared with a sovereign state are dropped from territories.
    state_adj = {a for iso, r in rows.items() if iso in UN_MEMBERS | OBSERVERS for a in r["adj"]}
    for iso, r in rows.items():
        if iso not in UN_MEMBERS | OBSERVERS | DISPUTED | {"KSV"}:
            r["adj"] = [a for a in r["adj"] if a not in state_adj]
    # A region name is kept only when it names no country, capital or other region.
    taken = {}
    for iso, r in rows.items():
        for n in r["names"] + r["capital"] + r["adj"]:
            taken.setdefault(n.lower(), set()).add("*")
    count = {}
    for iso, r in rows.items():
        for x in r["regions"]:
            count.setdefault(x.lower(), set()).add(iso)
    missing = UN_MEMBERS - rows.keys()
    if missing:
        sys.exit(f"countryinfo lacks UN members: {sorted(missing)}")
    with open(OUT / "countries.tsv", "w", encoding="utf-8") as f:
        f.write("# Generated by crates/actors/tools/gen_countries.py from countryinfo (MIT), with the\n"
                "# corrections listed in that script. Edit the script, not this file, then rerun it.\n"
                "# code\tstatus\tnames\tadjectives\tpeople\tcapitals\n")
        for iso in sorted(rows):
            r = rows[iso]
            status = ("state" if iso in UN_MEMBERS else "observer" if iso in OBSERVERS
                      else "disputed" if iso in DISPUTED | {"KSV"} else "territory")
            people = PEOPLE.get(iso) or [p for p in (plural(a) for a in r["adj"][:1]) if p]
            f.write("\t".join([iso, status, ";".join(r["names"]), ";".join(r["adj"]), ";".join(people),
                               ";".join(r["capital"])]) + "\n")
    n_regions = 0
    with open(OUT / "regions.tsv", "w", encoding="utf-8") as f:
        f.write("# Generated by crates/actors/tools/gen_countries.py from countryinfo (MIT) provinces,\n"
                "# without names that are generic, shared by several countries, or also a country/capital.\n"
                "# code\tnames\n")
        for iso in sorted(rows):
            for x in rows[iso]["regions"]:
                if x in GENERIC or len(count[x.lower()]) > 1 or x.lower() in taken or len(x) < 4:
                    continue
                f.write(f"{iso}\t{x}\n")
                n_regions += 1
    print(f"{len(rows)} countries/territories, {n_regions} regions")


if __name__ == "__main__":
    main()
