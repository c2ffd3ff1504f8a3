#!/usr/bin/env python3
"""Generates a synthetic corpus of news-article text for the extraction benchmark.

    python3 benches/gen_articles.py --mb 50 --out /tmp/articles [--seed 42]

writes plain-text articles as DIR/000/article-000000.txt ... (1000 files per sub-directory) until
their total size reaches MB megabytes (10^6 bytes). The corpus is a pure function of the arguments
(one random.Random(seed) drives everything).

There is no network to fetch real articles, so the text is recombined from the project's own
wire-style dev set (data/eval/written/articles/*.txt): each article takes the headline of one dev article,
the dateline paragraph of another, 4 to 12 body paragraphs drawn from all of them (the sentences of
each paragraph shuffled) and a reporting credit. Every lexicon name found in that text
(benches/entities.json: names, aliases, country demonyms) is replaced by another entity of the
same type, the same one throughout an article, so the text keeps the density of names the dev
articles have (real wire copy) while the corpus mentions the whole lexicon rather than the few
dozen entities of 18 articles. Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

ARTICLES_PER_DIR = 1000
ROOT = Path(__file__).resolve().parent.parent

# A sentence ends at . ! or ? (optionally closed by a quote) followed by a space and a capital or a
# quote; good enough for recombining, and abbreviations such as "U.S. company" rarely meet a capital.
SENTENCE_END = re.compile(r'(?<=[.!?])["”]?\s+(?=["“A-Z])')


def load_entities():
    """Every surface form of the lexicon, mapped to (entity index, kind of form)."""
    entities = json.loads((ROOT / "benches/entities.json").read_text(encoding="utf-8"))
    forms = {}
    for index, entity in enumerate(entities):
        # The first entity listed keeps a shared form, as the extractor's gazetteer does.
        forms.setdefault(entity["name"], (index, "name"))
        for alias in entity.get("aliases", []):
            forms.setdefault(alias, (index, "alias"))
        for demonym in entity.get("demonyms", []):
            forms.setdefault(demonym, (index, "demonym"))
    by_type = {}
    for index, entity in enumerate(entities):
        by_type.setdefault(entity["type"], []).append(index)
    return entities, forms, by_type


def templates(text, forms):
    """The text cut into literal strings and entity slots (entity index, kind, form)."""
    alternatives = sorted((f for f in forms if len(f) > 1), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
    parts, at = [], 0
    for match in pattern.finditer(text):
        parts.append(text[at : match.start()])
        parts.append(forms[match.group()] + (match.group(),))
        at = match.end()
    parts.append(text[at:])
    return parts


def load_dev_set(forms):
    heads, leads, bodies, credits = [], [], [], []
    for path in sorted((ROOT / "data/eval/written/articles").glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        heads.append(templates(paragraphs[0], forms))
        leads.append(paragraphs[1])
        for paragraph in paragraphs[2:]:
            if paragraph.startswith("Reporting by"):
                credits.append(paragraph)
            elif not paragraph.startswith("Our Standards"):
                bodies.append(paragraph)
    return heads, leads, bodies, credits


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    entities, forms, by_type = load_entities()
    heads, leads, bodies, credits = load_dev_set(forms)
    # Sentences are shuffled per article, so paragraphs are kept as sentence lists and templated
    # sentence by sentence once here rather than per article.
    bodies = [[templates(s, forms) for s in SENTENCE_END.split(b)] for b in bodies]
    leads = [templates(lead, forms) for lead in leads]

    def fill(parts, chosen):
        out = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
                continue
            index, kind, form = part
            if index not in chosen:
                chosen[index] = rng.choice(by_type[entities[index]["type"]])
            new = entities[chosen[index]]
            if kind == "demonym":
                out.append(new["demonyms"][0] if new.get("demonyms") else form)
            elif kind == "alias" and new["type"] == "Person" and " " not in form:
                out.append(new["name"].split()[-1])  # a surname stands for a surname
            elif kind == "alias" and new.get("aliases"):
                out.append(rng.choice(new["aliases"]))
            else:
                out.append(new["name"])
        return "".join(out)

    limit = int(args.mb * 1_000_000)
    written = articles = 0
    while written < limit:
        chosen = {}
        paragraphs = [fill(rng.choice(heads), chosen), fill(rng.choice(leads), chosen)]
        for sentences in rng.sample(bodies, rng.randint(4, 12)):
            order = sentences[:]
            rng.shuffle(order)
            paragraphs.append(" ".join(fill(s, chosen) for s in order))
        paragraphs.append(rng.choice(credits))
        paragraphs.append("Our Standards: The FG Wire Trust Principles.")
        data = ("\n\n".join(paragraphs) + "\n").encode("utf-8")
        directory = os.path.join(args.out, f"{articles // ARTICLES_PER_DIR:03d}")
        if articles % ARTICLES_PER_DIR == 0:
            os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, f"article-{articles:06d}.txt"), "wb") as f:
            f.write(data)
        written += len(data)
        articles += 1
    print(f"gen_articles: {articles} articles, {written / 1e6:.1f} MB in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
