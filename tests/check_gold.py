"""Checks gold fact sheets of the evaluation set against their article texts.

Usage: check_gold.py SPLIT...   (a folder holding articles/<id>.txt and gold/<id>.json, or the
name of a split under data/eval/: dev, test, written)

Every sheet must be valid against ontology/factsheet.schema.json, name its own file's id, carry
line 1 of the article as its title, refer only to entities it declares, and quote each evidence
exactly at its span (offsets in Unicode characters). Prints one line per problem and exits 1 if
there is any; prints a summary and exits 0 otherwise.
"""
import json
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((ROOT / "ontology" / "factsheet.schema.json").read_text(encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

problems = []
documents = facts = 0
if len(sys.argv) < 2:
    sys.exit("usage: check_gold.py SPLIT... (e.g. dev test written, or folders)")
for argument in sys.argv[1:]:
    split = pathlib.Path(argument)
    if not split.is_dir() and (ROOT / "data" / "eval" / argument).is_dir():
        split = ROOT / "data" / "eval" / argument
    # A mistyped split must fail, not pass as an empty one.
    if not (split / "articles").is_dir() or not (split / "gold").is_dir():
        problems.append(f"{argument}: no articles/ and gold/ folders here; give a split name "
                        "(dev, test, written) or a folder that holds both")
        continue
    articles = {p.stem for p in (split / "articles").glob("*.txt")}
    golds = {p.stem for p in (split / "gold").glob("*.json")}
    for missing in sorted(articles ^ golds):
        problems.append(f"{split}: {missing} has an article or a gold sheet but not both")
    for stem in sorted(articles & golds):
        where = split / "gold" / f"{stem}.json"
        text = (split / "articles" / f"{stem}.txt").read_text(encoding="utf-8")
        try:
            sheet = json.loads(where.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not JSON: {error}")
            continue
        for error in validator.iter_errors(sheet):
            pointer = "/" + "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{where}{pointer}: {error.message}")
        article = sheet.get("article", {})
        if article.get("id") != stem:
            problems.append(f"{where}/article/id: {article.get('id')!r} is not the file's id {stem!r}")
        if article.get("title") != text.split("\n", 1)[0]:
            problems.append(f"{where}/article/title: differs from line 1 of the article")
        ids = [e.get("id") for e in sheet.get("entities", [])]
        for duplicate in {i for i in ids if ids.count(i) > 1}:
            problems.append(f"{where}/entities: id {duplicate!r} is declared twice")
        declared = set(ids)
        for n, fact in enumerate(sheet.get("facts", [])):
            at = f"{where}/facts/{n}"
            facts += 1
            ends = [("subject", fact.get("subject"))]
            if isinstance(fact.get("object"), str):
                ends.append(("object", fact["object"]))
            place = fact.get("qualifiers", {}).get("place")
            if place is not None:
                ends.append(("qualifiers/place", place))
            for field, value in ends:
                if value not in declared:
                    problems.append(f"{at}/{field}: {value!r} is no entity of this sheet")
            span, evidence = fact.get("span"), fact.get("evidence")
            if span is None or evidence is None:
                problems.append(f"{at}: needs both evidence and span")
            elif text[span[0]:span[1]] != evidence:
                found = text.find(evidence)
                hint = f" (the evidence is at [{found}, {found + len(evidence)}])" if found >= 0 else " (the evidence is not in the text)"
                problems.append(f"{at}/span: {span} does not quote the evidence{hint}")
        documents += 1

for problem in problems:
    print(problem)
if problems:
    sys.exit(1)
print(f"{documents} documents, {facts} facts: all consistent")
