#!/usr/bin/env python3
"""Generates a synthetic corpus of factgraph fact sheets for benchmarks.

    python3 benches/gen_corpus.py --sheets 100000 --out /tmp/corpus [--seed 42]
        [--facts-per-sheet 10] [--entities E] [--truth FILE] [--identical-names]

writes N sheets as DIR/000/sheet-000000.json ... (1000 files per sub-directory). The corpus is a
pure function of the arguments.

Entities come from one global pool (default max(1000, N)); how often each is mentioned follows a
Zipf law (exponent 1.1), so a few entities appear in many sheets and most in few. Each mention
writes its pool entity the way news copy varies a name (see `NameForms`): as the pool has it
(with its alias, if it has one), with a title ("President Karo Vennberg 00012"), with another
legal form or none ("Talex Systems 00012 Corp." for "Talex Systems 00012 Inc"), after "The",
in upper or lower case, by its alias alone ("Vennberg 00012"), or possessive ("Talex Systems
00012's"). Every name and alias carries the entity's pool index, so no two pool entities share
a name key, and resolution has to undo the variation to merge the mentions of one entity.
`--truth FILE` records which pool entity each mention is (see `write_truth`).
`--identical-names` writes every mention as the pool has it, as the generator did before the
variants (the same corpus, byte for byte, as before them).

Which variants factgraph's resolution undoes, and so how many entities an ingest of the corpus
should end with, is for the reader of the truth file to say (benches/ingest.sh checks it).

Every fact respects the domain and range of its predicate in the factgraph ontology. Standard
library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import itertools
import json
import os
import random
import sys
import time
from typing import NamedTuple

ZIPF_EXPONENT = 1.1
SHEETS_PER_DIR = 1000

# Class mix of the pool.
CLASS_WEIGHTS = {
    "Person": 30,
    "Company": 35,
    "GovernmentBody": 10,
    "SoftwareApplication": 10,
    "LegalInstrument": 10,
    "Country": 5,
}
CLASSES = tuple(CLASS_WEIGHTS)

AGENTS = ("Person", "Company", "GovernmentBody")
ACTORS = AGENTS + ("LegalInstrument",)  # Agent or LegalInstrument

# predicate: (domain classes, range classes, relative weight when the pair allows it)
PREDICATES = {
    "signs": (("Person",), ("LegalInstrument",), 4),
    "implements": (AGENTS, ("LegalInstrument",), 3),
    "bans": (ACTORS, CLASSES, 2),
    "targets": (ACTORS, CLASSES, 2),
    "sanctions": (ACTORS, AGENTS, 2),
    "ownedBy": (("Company", "SoftwareApplication"), AGENTS, 4),
    "employedBy": (("Person",), ("Company", "GovernmentBody"), 4),
    "basedIn": (AGENTS, ("Country",), 3),
    "developedBy": (("SoftwareApplication",), AGENTS, 4),
    "urges": (AGENTS, AGENTS, 1),
    "sues": (AGENTS, AGENTS, 1),
    "accuses": (AGENTS, AGENTS, 1),
}

# (subject class, object class) -> predicates that allow the pair
VALID = {
    (s, o): tuple(p for p, (dom, rng, _) in PREDICATES.items() if s in dom and o in rng)
    for s in CLASSES
    for o in CLASSES
}

FIRST_NAMES = (
    "Karo", "Mira", "Tomas", "Lena", "Ivo", "Anya", "Pavel", "Rina", "Sami", "Oren", "Talia",
    "Niko", "Elsa", "Jonas", "Dara", "Felix", "Hana", "Luca", "Maren", "Omar", "Petra", "Ravi",
    "Selin", "Teo", "Uma", "Vera", "Yusuf", "Zara", "Aiko", "Bruno", "Celia", "Emil", "Greta",
    "Hugo", "Ines", "Kenji", "Lior", "Nadia", "Otto", "Rosa",
)
SURNAME_HEADS = (
    "Venn", "Hal", "Mor", "Kest", "Dra", "Lun", "Sor", "Bel", "Tor", "Vik", "Ash", "Cor", "Fen",
    "Gar", "Ril", "Wex", "Nor", "Stal", "Brem", "Quill",
)
SURNAME_TAILS = (
    "berg", "ford", "ley", "ski", "ov", "ington", "ton", "ard", "mann", "ez", "ini", "wood",
    "strom", "holt",
)
STEM_HEADS = (
    "Tal", "Vex", "Cor", "Nov", "Zen", "Quan", "Lum", "Astr", "Kyr", "Om", "Pyx", "Sol", "Ver",
    "Hex", "Orb", "Tri", "Mag", "Cel", "Dyn", "Syn",
)
STEM_TAILS = ("ex", "ia", "on", "ix", "ora", "ant", "is", "yn", "ara", "eon", "ico", "um")
SECTORS = (
    "Systems", "Semiconductor", "Telecom", "Capital", "Logistics", "Energy", "Robotics", "Media",
    "Pharma", "Networks", "Motors", "Bank", "Software", "Mining", "Airlines",
)
LEGAL_FORMS = ("", "", "", " Inc", " Ltd", " Corp", " Holdings", " Group", " PLC", " Co")
BODIES = (
    "Ministry of Commerce", "Trade Commission", "Securities Regulator", "Customs Authority",
    "Data Protection Office", "Department of Industry", "Central Bank", "Competition Bureau",
    "Foreign Affairs Ministry", "Export Control Agency",
)
APP_TAILS = ("ly", "ify", "Pay", "Chat", "Go", "Hub", "Cam", "Maps", "Link", "Box")
INSTRUMENTS = (
    "Executive Order", "Trade Regulation", "Sanctions Directive", "Export Control Order",
    "Data Security Act", "Investment Decree", "Foreign Investment Rule", "Entity List Amendment",
    "Cybersecurity Law", "Tariff Schedule",
)
COUNTRY_TAILS = ("ia", "land", "stan", "onia", "ea", "ica", "ovia", "ria")

PUBLISHED_START = datetime.date(2020, 1, 1).toordinal()
PUBLISHED_DAYS = datetime.date(2021, 12, 31).toordinal() - PUBLISHED_START + 1

EVIDENCE = {
    "signs": (
        "{s} signed {o} on Tuesday, officials said, after weeks of closed-door talks with advisers.",
        "In a brief ceremony, {s} put a signature to {o}, which takes effect within thirty days.",
    ),
    "implements": (
        "{s} said it had begun implementing {o}, issuing guidance to the firms affected by the rules.",
        "Officials confirmed that {s} is now implementing {o} across all of its regional offices.",
    ),
    "bans": (
        "Under the new measures, {s} bans {o}, a move that analysts said could ripple through markets.",
        "{s} has banned {o} with immediate effect, according to a notice published late on Friday.",
    ),
    "targets": (
        "The measure announced by {s} targets {o} directly, people familiar with the matter said.",
        "Analysts noted that {s} appears to be targeting {o} in the latest round of restrictions.",
    ),
    "sanctions": (
        "{s} imposed sanctions on {o}, freezing assets and barring transactions with its partners.",
        "In a statement, {s} said it was sanctioning {o} over what it called repeated violations.",
    ),
    "ownedBy": (
        "{s} is owned by {o}, according to filings reviewed by reporters earlier this week.",
        "Corporate records show that {s} is ultimately owned by {o} through a chain of holdings.",
    ),
    "employedBy": (
        "{s}, who is employed by {o}, declined to comment on the report when reached by phone.",
        "{s} has worked for {o} for several years, colleagues said, most recently as a senior adviser.",
    ),
    "basedIn": (
        "{s}, which is based in {o}, said it would study the decision before deciding how to respond.",
        "Headquartered in {o}, {s} has expanded rapidly over the past decade, the filing shows.",
    ),
    "developedBy": (
        "{s} was developed by {o}, which launched the service to millions of users two years ago.",
        "The app {s}, developed by {o}, has drawn scrutiny over how it handles personal data.",
    ),
    "urges": (
        "{s} urged {o} to reconsider the plan, warning of serious consequences if it went ahead.",
        "In a letter seen by reporters, {s} urges {o} to act quickly before the deadline expires.",
    ),
    "sues": (
        "{s} filed a lawsuit against {o} in federal court on Monday, seeking to block the measure.",
        "{s} is suing {o}, arguing that the decision was unlawful and exceeded its authority.",
    ),
    "accuses": (
        "{s} accused {o} of violating the agreement, a charge that was denied in a statement.",
        "Speaking to reporters, {s} accused {o} of acting in bad faith during the negotiations.",
    ),
}
EVIDENCE_FILLERS = (
    ", the report said",
    ", according to people familiar with the matter",
    ", a spokesperson confirmed",
    ", documents show",
)
SIGNED_EVIDENCE = "{s} was signed on {d}, according to the text published in the official gazette this week."
HEADLINES = {
    "signs": "{s} signs {o}",
    "implements": "{s} moves to implement {o}",
    "bans": "{s} bans {o}",
    "targets": "{s} targets {o} in new measures",
    "sanctions": "{s} sanctions {o}",
    "ownedBy": "Filings show {o} owns {s}",
    "employedBy": "{s} of {o} speaks out",
    "basedIn": "{s} weighs its future in {o}",
    "developedBy": "{o} under scrutiny over {s}",
    "urges": "{s} urges {o} to act",
    "sues": "{s} sues {o}",
    "accuses": "{s} accuses {o}",
}


def acronym(words: str) -> str:
    return "".join(w[0] for w in words.split() if w[0].isupper())


class PoolEntity(NamedTuple):
    name: str
    cls: str
    aliases: list[str]
    # The name without a legal form (companies) or as it is (others).
    base: str


def make_entity(rng: random.Random, index: int, cls: str, width: int) -> PoolEntity:
    """Pool entity `index`. Every name and alias contains the zero-padded index as a word of its
    own, so name keys never collide between pool entities."""
    num = str(index).zfill(width)
    alias: str | None = None
    want_alias = rng.random() < 1 / 3
    base = None
    if cls == "Person":
        surname = rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_TAILS)
        name = f"{rng.choice(FIRST_NAMES)} {surname} {num}"
        alias = f"{surname} {num}"
    elif cls == "Company":
        stem = rng.choice(STEM_HEADS) + rng.choice(STEM_TAILS)
        base = f"{stem} {rng.choice(SECTORS)} {num}"
        name = f"{base}{rng.choice(LEGAL_FORMS)}"
        alias = f"{stem} {num}"
    elif cls == "GovernmentBody":
        place = rng.choice(STEM_HEADS) + rng.choice(COUNTRY_TAILS)
        body = rng.choice(BODIES)
        name = f"{body} of {place} {num}"
        alias = f"{acronym(body)}{place[0]} {num}"
    elif cls == "SoftwareApplication":
        stem = rng.choice(STEM_HEADS) + rng.choice(APP_TAILS)
        name = f"{stem} {num}"
        alias = f"{stem} App {num}"
    elif cls == "LegalInstrument":
        kind = rng.choice(INSTRUMENTS)
        name = f"{kind} {num}"
        alias = f"{acronym(kind)} {num}"
    else:  # Country
        place = rng.choice(STEM_HEADS) + rng.choice(COUNTRY_TAILS)
        name = f"{place} {num}"
        alias = f"Republic of {place} {num}"
    return PoolEntity(name, cls, [alias] if want_alias else [], base or name)


# How a mention writes its entity, with relative weights. "titled" is a title before a person's
# name, another legal form after a company's (none included), "The" before anything else.
FORM_WEIGHTS = {
    "pool": 60,
    "titled": 12,
    "upper": 4,
    "lower": 4,
    "alias": 12,
    "possessive": 3,
}
FORMS = tuple(FORM_WEIGHTS)
TITLES = ("President", "Mr.", "Dr.", "Former Minister", "Chief Executive", "Senator", "Judge")
OTHER_LEGAL_FORMS = ("", " Corp.", " Inc.", " Ltd", " Holdings", " Group", " PLC", " Co.", " Corporation")


class NameForms:
    """Draws how each mention is written, from a generator of its own (seeded from the corpus
    seed), so that `--identical-names` leaves the main draws, and so the corpus, as they were."""

    def __init__(self, seed: int):
        self.rng = random.Random(f"name-forms-{seed}")

    def write(self, entity: PoolEntity) -> tuple[str, list[str], str]:
        """Name, aliases and form of one mention of `entity`."""
        rng = self.rng
        form = rng.choices(FORMS, weights=list(FORM_WEIGHTS.values()))[0]
        name, aliases = entity.name, list(entity.aliases)
        if form == "titled":
            if entity.cls == "Person":
                name = f"{rng.choice(TITLES)} {name}"
            elif entity.cls == "Company":
                name = entity.base + rng.choice(OTHER_LEGAL_FORMS)
            else:
                name = f"The {name}"
        elif form == "upper":
            name = name.upper()
        elif form == "lower":
            name = name.lower()
        elif form == "alias":
            if not aliases:
                return name, aliases, "pool"
            # The alias alone, as a later paragraph or another paper names the entity.
            name, aliases = aliases[0], []
        elif form == "possessive":
            name, aliases = f"{entity.base}'s", []
        return name, aliases, form


def build_pool(rng: random.Random, size: int) -> list[PoolEntity]:
    width = max(5, len(str(size - 1)))
    classes = rng.choices(CLASSES, weights=list(CLASS_WEIGHTS.values()), k=size)
    return [make_entity(rng, i, cls, width) for i, cls in enumerate(classes)]


def zipf_cumulative(size: int, exponent: float) -> list[float]:
    return list(itertools.accumulate((i + 1) ** -exponent for i in range(size)))


def evidence_for(rng: random.Random, predicate: str, s: str, o: str) -> str:
    templates = EVIDENCE[predicate]
    text = rng.choice(templates).format(s=s, o=o)
    if len(text) > 150:  # long names: the shorter wording
        text = min((t.format(s=s, o=o) for t in templates), key=len)
    if len(text) < 100:
        text = text[:-1] + rng.choice(EVIDENCE_FILLERS) + "."
    return text


class Generator:
    def __init__(
        self, seed: int, entities: int, facts_per_sheet: int, name_forms: NameForms | None, truth: bool
    ):
        self.rng = random.Random(seed)
        self.name_forms = name_forms
        # (article id, entity id in the sheet, pool index, form) of every mention written, kept
        # only for a truth file (a million sheets make six million of them).
        self.mentions: list[tuple[str, str, int, str]] | None = [] if truth else None
        self.pool = build_pool(self.rng, entities)
        self.cumulative = zipf_cumulative(entities, ZIPF_EXPONENT)
        self.total_weight = self.cumulative[-1]
        self.facts_per_sheet = facts_per_sheet
        self.sample_size = min(entities, facts_per_sheet // 2 + 2)
        self.used: set[int] = set()
        self.facts_written = 0

    def draw(self) -> int:
        index = bisect.bisect_right(self.cumulative, self.rng.random() * self.total_weight)
        return min(index, len(self.pool) - 1)

    def sample(self, chosen: list[int], seen: set[int], count: int) -> None:
        """Adds `count` distinct Zipf-drawn pool entities to `chosen`."""
        target = min(len(self.pool), len(chosen) + count)
        while len(chosen) < target:
            index = self.draw()
            if index not in seen:
                seen.add(index)
                chosen.append(index)

    def candidates(self, chosen: list[int]) -> dict[str, list[tuple[int, int]]]:
        """Every valid (subject, object) pair of the chosen entities, by predicate."""
        pool = self.pool
        by_predicate: dict[str, list[tuple[int, int]]] = {}
        for s in chosen:
            s_class = pool[s].cls
            for o in chosen:
                if s == o:
                    continue
                for predicate in VALID[(s_class, pool[o].cls)]:
                    pairs = by_predicate.get(predicate)
                    if pairs is None:
                        by_predicate[predicate] = [(s, o)]
                    else:
                        pairs.append((s, o))
        return by_predicate

    def sheet(self, number: int, width: int) -> dict:
        rng = self.rng
        pool = self.pool
        chosen: list[int] = []
        seen: set[int] = set()
        self.sample(chosen, seen, self.sample_size)

        instruments = [i for i in chosen if pool[i].cls == "LegalInstrument"]
        dated = self.facts_per_sheet > 0 and bool(instruments) and rng.random() < 0.2
        wanted = self.facts_per_sheet - dated

        by_predicate = self.candidates(chosen)
        attempts = 0
        while sum(map(len, by_predicate.values())) < wanted and len(chosen) < len(pool) and attempts < 50:
            # Rare: too few valid pairs (say, only countries and apps); mention one more entity.
            attempts += 1
            self.sample(chosen, seen, 1)
            by_predicate = self.candidates(chosen)

        triples: list[tuple[int, str, int]] = []
        predicates = list(by_predicate)
        weights = [PREDICATES[p][2] for p in predicates]
        while len(triples) < wanted and predicates:
            k = rng.choices(range(len(predicates)), weights=weights)[0]
            predicate = predicates[k]
            pairs = by_predicate[predicate]
            j = rng.randrange(len(pairs))
            pairs[j], pairs[-1] = pairs[-1], pairs[j]
            s, o = pairs.pop()
            if not pairs:
                del predicates[k]
                del weights[k]
            triples.append((s, predicate, o))

        referenced = {s for s, _, _ in triples} | {o for _, _, o in triples}
        signed = None
        if dated:
            signed = rng.choice(instruments)
            referenced.add(signed)
        article_id = f"bench-{number:0{width}d}"
        local: dict[int, str] = {}
        # The name each mention is written with, which its evidence sentences use too.
        written: dict[int, str] = {}
        entities = []
        for index in chosen:
            if index in referenced:
                local_id = f"e{len(local)}"
                local[index] = local_id
                pooled = pool[index]
                if self.name_forms is None:
                    name, aliases, form = pooled.name, pooled.aliases, "pool"
                else:
                    name, aliases, form = self.name_forms.write(pooled)
                written[index] = name
                entity = {"id": local_id, "name": name, "type": pooled.cls}
                if aliases:
                    entity["aliases"] = list(aliases)
                entities.append(entity)
                if self.mentions is not None:
                    self.mentions.append((article_id, local_id, index, form))
        self.used.update(local)

        facts = []
        for s, predicate, o in triples:
            facts.append({
                "subject": local[s],
                "predicate": predicate,
                "object": local[o],
                "evidence": evidence_for(rng, predicate, written[s], written[o]),
                "confidence": round(rng.uniform(0.5, 1.0), 2),
                "extractor": "generator",
            })
        if signed is not None:
            date = datetime.date.fromordinal(PUBLISHED_START + rng.randrange(PUBLISHED_DAYS)).isoformat()
            facts.append({
                "subject": local[signed],
                "predicate": "signedDate",
                "object": {"date": date},
                "evidence": SIGNED_EVIDENCE.format(s=written[signed], d=date),
                "confidence": round(rng.uniform(0.5, 1.0), 2),
                "extractor": "generator",
            })
        self.facts_written += len(facts)

        if triples:
            s, predicate, o = triples[0]
            title = HEADLINES[predicate].format(s=written[s], o=written[o])
        else:
            title = f"Bench report {number}"
        published = datetime.date.fromordinal(PUBLISHED_START + rng.randrange(PUBLISHED_DAYS)).isoformat()
        return {
            "article": {
                "id": article_id,
                "title": title,
                "publisher": "Bench Wire",
                "published": published,
                "language": "en",
            },
            "entities": entities,
            "facts": facts,
        }


def write_truth(path: str, generator: Generator) -> None:
    """One line per mention: article id, the entity's id in that sheet, its pool index, how its
    name was written (a key of FORM_WEIGHTS), and the name itself; a header line first."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("article\tentity\tpool_index\tform\tpool_name\n")
        for article, local_id, index, form in generator.mentions:
            out.write(f"{article}\t{local_id}\t{index}\t{form}\t{generator.pool[index].name}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic factgraph fact-sheet corpus.")
    parser.add_argument("--sheets", type=int, required=True, help="number of fact sheets")
    parser.add_argument("--out", required=True, help="output directory (sheets go in sub-directories of 1000)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--facts-per-sheet", type=int, default=10, help="facts per sheet (default 10)")
    parser.add_argument("--entities", type=int, default=None, help="size of the global entity pool (default max(1000, sheets))")
    parser.add_argument(
        "--continue-after",
        type=int,
        default=0,
        metavar="N",
        help="write the sheets that would follow the first N of a corpus made with the same seed and pool: new articles about the same entities",
    )
    parser.add_argument(
        "--truth",
        metavar="FILE",
        help="write which pool entity each mention of the written sheets is, as TSV (see write_truth)",
    )
    parser.add_argument(
        "--identical-names",
        action="store_true",
        help="write every mention of an entity as the pool has it, with no variants (the corpus of earlier benchmark runs)",
    )
    args = parser.parse_args()
    if args.sheets < 0 or args.facts_per_sheet < 0 or args.continue_after < 0:
        parser.error("--sheets, --facts-per-sheet and --continue-after must not be negative")
    entities = args.entities if args.entities is not None else max(1000, args.sheets)
    if entities < 2:
        parser.error("--entities must be at least 2")

    started = time.perf_counter()
    name_forms = None if args.identical_names else NameForms(args.seed)
    generator = Generator(args.seed, entities, args.facts_per_sheet, name_forms, truth=bool(args.truth))
    last = max(args.continue_after + args.sheets - 1, 0)
    width = max(6, len(str(last)))
    dir_width = max(3, len(str(last // SHEETS_PER_DIR)))
    os.makedirs(args.out, exist_ok=True)
    for number in range(args.continue_after):
        generator.sheet(number, width)
    generator.facts_written = 0
    generator.used.clear()
    if generator.mentions is not None:
        generator.mentions.clear()
    written = 0
    current_dir = None
    for number in range(args.continue_after, args.continue_after + args.sheets):
        shard = os.path.join(args.out, f"{number // SHEETS_PER_DIR:0{dir_width}d}")
        if shard != current_dir:
            os.makedirs(shard, exist_ok=True)
            current_dir = shard
        data = json.dumps(generator.sheet(number, width), ensure_ascii=False).encode("utf-8")
        with open(os.path.join(shard, f"sheet-{number:0{width}d}.json"), "wb") as f:
            f.write(data)
        written += len(data)
    if args.truth:
        write_truth(args.truth, generator)
    seconds = time.perf_counter() - started
    print(
        f"gen_corpus: {args.sheets} sheets, {generator.facts_written} facts, "
        f"{len(generator.used)} distinct entities (pool {entities}), {written} bytes "
        f"({written / 1e6:.1f} MB) in {seconds:.1f} s -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
