"""Runs SELECT, ASK and CONSTRUCT against factgraph's endpoint with two Python SPARQL clients,
SPARQLWrapper and rdflib's SPARQLStore, and checks their answers agree with the store.

usage: sparql_clients.py ENDPOINT_URL EXPECTED_COMPANIES
"""

import sys
import warnings

from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

PREFIX = "PREFIX fg: <https://w3id.org/factgraph/ontology#>\n"
SELECT = PREFIX + "SELECT ?e WHERE { ?e a fg:Company }"
ASK = PREFIX + "ASK { ?s fg:bans ?o }"
CONSTRUCT = PREFIX + "CONSTRUCT { ?s fg:bans ?o } WHERE { ?s fg:bans ?o }"
COUNT_BANS = PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?s fg:bans ?o }"


def wrapper(endpoint, query, form, method=None):
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(form)
    if method:
        client.setMethod(method)
    return client.query().convert()


def main():
    endpoint, companies = sys.argv[1], int(sys.argv[2])
    # A client warning (say, an unexpected Content-Type) is a failure.
    warnings.simplefilter("error")
    failures = []

    def check(name, got, expected):
        status = "ok" if got == expected else "FAIL"
        print(f"{status}  {name}: {got!r} (expected {expected!r})")
        if got != expected:
            failures.append(name)

    rows = wrapper(endpoint, SELECT, JSON)["results"]["bindings"]
    check("SPARQLWrapper SELECT json", len(rows), companies)
    xml_rows = wrapper(endpoint, SELECT, XML, POST).getElementsByTagName("result")
    check("SPARQLWrapper SELECT xml POST", len(xml_rows), companies)
    check("SPARQLWrapper ASK json", wrapper(endpoint, ASK, JSON)["boolean"], True)
    bans = int(wrapper(endpoint, COUNT_BANS, JSON)["results"]["bindings"][0]["n"]["value"])
    turtle = wrapper(endpoint, CONSTRUCT, TURTLE)
    built = Graph().parse(data=turtle, format="turtle")
    check("SPARQLWrapper CONSTRUCT turtle", len(built), bans)

    store = SPARQLStore(endpoint)
    check("rdflib SPARQLStore SELECT", len(list(store.query(SELECT))), companies)
    check("rdflib SPARQLStore ASK", store.query(ASK).askAnswer, True)
    check("rdflib SPARQLStore CONSTRUCT", len(store.query(CONSTRUCT).graph), bans)

    if failures:
        print(f"{len(failures)} failed: {', '.join(failures)}")
        sys.exit(1)
    print("all clients agree")


if __name__ == "__main__":
    main()
