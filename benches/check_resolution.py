#!/usr/bin/env python3
"""Checks factgraph's entity resolution on a corpus of benches/gen_corpus.py against the
generator's truth file.

    python3 benches/check_resolution.py TRUTH.tsv NAMES.tsv ENTITIES

TRUTH.tsv is `gen_corpus.py --truth`'s file; NAMES.tsv is the answer of
`factgraph query --format tsv 'SELECT ?e ?n WHERE { ?e rdfs:label|skos:altLabel ?n }'` on the
store the corpus was ingested into; ENTITIES the `entities` figure of that ingest's JSON report.

Every name and alias the generator writes carries its pool entity's index as a word of digits,
so each stored entity's names say which pool entities it gathers. What is expected: one stored
entity per pool entity, and a second one for a pool entity that some mention wrote possessive
("Talex Systems 00012's"): factgraph folds "X's" to "xs" on purpose (it cannot tell a
possessive from a name that ends in "s"), so that name is a key of its own, and a possessive
mention joins the entity only through a name it shares, which the generator does not give it.
Titles, other legal forms, "The", case and aliases are undone by resolution, so a pool entity
written with them and not possessive is one stored entity.

Prints the figures and exits 1 if any stored entity gathers two pool entities (a wrong merge),
if a pool entity is spread over more or fewer stored entities than expected (a wrong split), or
if the ingest's entity count is not the expected one.
"""

import collections
import csv
import re
import sys

POOL_INDEX = re.compile(r"(?<![0-9])([0-9]{5,})(?![0-9])")


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    truth_path, names_path, reported = sys.argv[1], sys.argv[2], int(sys.argv[3])

    # Expected stored entities per pool entity: one for its plain mentions, one for its
    # possessive ones.
    kinds: dict[int, set[bool]] = collections.defaultdict(set)
    forms: collections.Counter = collections.Counter()
    with open(truth_path, encoding="utf-8") as truth:
        for row in csv.DictReader(truth, delimiter="\t"):
            kinds[int(row["pool_index"])].add(row["form"] == "possessive")
            forms[row["form"]] += 1
    expected_per_pool = {index: len(k) for index, k in kinds.items()}
    expected = sum(expected_per_pool.values())
    with_possessive = sum(True in k for k in kinds.values())

    names: dict[str, set[str]] = collections.defaultdict(set)
    with open(names_path, encoding="utf-8") as answer:
        next(answer)  # the header
        for line in answer:
            entity, name = line.rstrip("\n").split("\t", 1)
            names[entity].add(name)

    stored_per_pool: collections.Counter = collections.Counter()
    merged = []
    for entity, entity_names in names.items():
        indexes = {int(m) for name in entity_names for m in POOL_INDEX.findall(name)}
        if len(indexes) > 1:
            merged.append((entity, sorted(entity_names)))
        for index in indexes:
            stored_per_pool[index] += 1
    split = sorted(
        (index, stored_per_pool[index], wanted)
        for index, wanted in expected_per_pool.items()
        if stored_per_pool[index] != wanted
    )
    unknown = sorted(set(stored_per_pool) - set(expected_per_pool))

    print(f"mentions by form: {', '.join(f'{form} {n:,}' for form, n in forms.most_common())}")
    print(f"pool entities mentioned (truth): {len(kinds):,}")
    print(f"of them written possessive somewhere, each expected as a second entity: {with_possessive:,}")
    print(f"expected entities after resolution: {expected:,}")
    print(f"factgraph entities after resolution: {reported:,} (ingest report), {len(names):,} (store)")
    print(f"stored entities gathering two pool entities (wrong merges): {len(merged):,}")
    print(f"pool entities over another number of stored entities than expected (wrong splits): {len(split):,}")
    failed = bool(merged or split or unknown) or reported != expected or len(names) != expected
    for entity, entity_names in merged[:5]:
        print(f"  merged: {entity}: {entity_names}", file=sys.stderr)
    for index, stored, wanted in split[:5]:
        print(f"  split: pool entity {index} is {stored} stored entities, expected {wanted}", file=sys.stderr)
    if unknown:
        print(f"  stored names carry pool indexes the truth does not have: {unknown[:5]}", file=sys.stderr)
    if failed:
        print("check_resolution: FAILED: entity resolution does not match the corpus's truth", file=sys.stderr)
        return 1
    print("entity resolution matches the truth")
    return 0


if __name__ == "__main__":
    sys.exit(main())
