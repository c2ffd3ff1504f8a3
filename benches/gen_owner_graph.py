"""Writes fact sheets of a dense ownership and employment graph, for the runaway-query runs in
BENCHMARKS.md ("Hardening"): SHEETS sheets of up to 2,000 facts each over 20,000 entities,
odd ids companies, even ids persons; `ownedBy` between companies and `employedBy` from persons
to companies, drawn at random with a fixed seed.

Usage: python3 benches/gen_owner_graph.py OUT_DIR [SHEETS]   (100 sheets by default)
"""
import json
import pathlib
import random
import sys

ENTITIES = 20_000


def main():
    out = pathlib.Path(sys.argv[1])
    sheets = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    for number in range(sheets):
        kinds, facts = {}, []
        for _ in range(2000):
            if rng.random() < 0.5:
                a, b, predicate = rng.randrange(ENTITIES) | 1, rng.randrange(ENTITIES) | 1, "ownedBy"
            else:
                a, b, predicate = rng.randrange(ENTITIES) & ~1, rng.randrange(ENTITIES) | 1, "employedBy"
            if a == b:
                continue
            for entity in (a, b):
                kinds[entity] = "Company" if entity % 2 else "Person"
            facts.append({"subject": f"e{a}", "predicate": predicate, "object": f"e{b}"})
        sheet = {
            "article": {"id": f"big-{number:03}", "title": f"Sheet {number}"},
            "entities": [
                {"id": f"e{i}", "name": f"Entity {i}", "type": kind} for i, kind in kinds.items()
            ],
            "facts": facts,
        }
        (out / f"{number:03}.json").write_text(json.dumps(sheet), encoding="utf-8")


if __name__ == "__main__":
    main()
