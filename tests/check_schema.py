"""Validates files against the fact-sheet JSON Schema with the `jsonschema` package.

Usage: check_schema.py SCHEMA FILE...; prints `valid` or `invalid` and the file, one line each.
"""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
for path in sys.argv[2:]:
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        verdict = "valid" if validator.is_valid(document) else "invalid"
    except (UnicodeDecodeError, json.JSONDecodeError):
        verdict = "invalid"
    print(f"{verdict}\t{path}")
