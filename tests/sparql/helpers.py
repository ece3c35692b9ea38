"""Queries on the known index of the conftest, and reading their answers."""

from __future__ import annotations

from fastapi.testclient import TestClient
from httpx import Response

from schemas.namespaces import CONCEPT, RRMA, SCHEMA

PREFIX = f"PREFIX rrma: <{RRMA}>\nPREFIX schema: <{SCHEMA}>\n"
BY_COUNTRY = (
    PREFIX
    + """SELECT ?country (COUNT(?action) AS ?actions)
WHERE { ?action a rrma:Action ; rrma:recipientCountry ?country }
GROUP BY ?country ORDER BY ?country"""
)
# Actions by recipient country in the conftest's index.
EXPECTED = {str(CONCEPT[f"country/{code}"]): n for code, n in (("BF", 2), ("ML", 1), ("SN", 2))}
# Every record's name, in SPARQL's order (code points).
ALL_NAMES = [
    "Association « Solidarité »",
    "Maraîchage au Sénégal",
    "Puits au Burkina",
    "Santé au Mali",
    "École à Ouagadougou",
]
NAMES = PREFIX + "SELECT ?name WHERE { ?record schema:name ?name } ORDER BY ?name"
ACTIONS = (
    PREFIX
    + "CONSTRUCT { ?a a rrma:Action ; schema:name ?n } WHERE { ?a a rrma:Action ; schema:name ?n }"
)

# Seven copies of every triple joined with each other: 15^7 (170 million) rows to count,
# about a minute of work.
RUNAWAY = (
    f"SELECT (COUNT(*) AS ?n) WHERE {{ {' . '.join(f'?s{i} ?p{i} ?o{i}' for i in range(7))} }}"
)


def get(client: TestClient, query: str, accept: str = "", **params: str) -> Response:
    headers = {"Accept": accept} if accept else {}
    return client.get("/sparql", params={"query": query, **params}, headers=headers)


def ok(response: Response, media: str) -> Response:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    return response


def counts(response: Response) -> dict[str, int]:
    bindings = ok(response, "application/sparql-results+json").json()["results"]["bindings"]
    return {row["country"]["value"]: int(row["actions"]["value"]) for row in bindings}
