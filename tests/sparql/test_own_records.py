"""The node's own records, written through the API and the importer then synced into the index
by ``sync_own``, answered by SPARQL as the index holds them."""

from __future__ import annotations

import json
from collections import Counter

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session

from federation.index.models import IndexRecord
from federation.index.own import sync_own
from federation.sample.seed import seed
from federation.settings import Settings
from federation.sparql.service import SparqlService
from schemas.namespaces import CONCEPT, SCHEMA
from tests.api.helpers import create
from tests.conftest import BASE_URL
from tests.factories import actor_payload
from tests.sparql.conftest import OWN_GRAPH
from tests.sparql.helpers import BY_COUNTRY, counts, get, ok


def test_synced_records_are_answered_as_the_index_holds_them(
    client: TestClient,
    session: Session,
    settings: Settings,
    editor: dict[str, str],
    sparql: SparqlService,
) -> None:
    seed(session, actions=8, seed=3, region="Occitanie", base_url=BASE_URL)
    session.commit()
    actor = create(client, "/api/actors", actor_payload(name="Les Amis du Sahel"), editor)
    sync_own(session, settings)
    session.commit()
    rows = list(session.execute(select(IndexRecord)).scalars())
    expected: Counter[str] = Counter()
    for row in rows:
        if row.kind == "action":
            for code in json.loads(row.data)["countries"]:
                expected[str(CONCEPT[f"country/{code}"])] += 1
    assert counts(get(client, BY_COUNTRY)) == expected

    graphs = "SELECT ?g (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?type } } GROUP BY ?g"
    body = ok(get(client, graphs), "application/sparql-results+json").json()
    [only] = body["results"]["bindings"]
    assert only["g"]["value"] == OWN_GRAPH
    name = f"SELECT ?s WHERE {{ ?s <{SCHEMA.name}> 'Les Amis du Sahel' }}"
    [found] = ok(get(client, name), "application/sparql-results+json").json()["results"]["bindings"]
    assert found["s"]["value"] == actor["iri"]
