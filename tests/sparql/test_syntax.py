"""What the endpoint reads in a query before pyoxigraph does: updates, SERVICE, FROM."""

from __future__ import annotations

import pytest

from federation.sparql.syntax import calls_service, is_update, names_dataset


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "PREFIX ex: <http://ex/> DELETE WHERE { ?s ex:p ?o }",
        "BASE <http://ex/>\n# a comment with SELECT\nload <http://ex/data.ttl>",
        "PREFIX : <http://ex/>\nCLEAR ALL",
        "WITH <http://ex/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DROP GRAPH <http://ex/g>",
    ],
)
def test_updates_are_recognised(text: str) -> None:
    assert is_update(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?o }",
        "PREFIX insert: <http://ex/> SELECT ?delete WHERE { ?delete insert:p 'DELETE' }",
        "# INSERT DATA\nASK { ?s ?p ?o }",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "",
    ],
)
def test_queries_are_not_updates(text: str) -> None:
    assert not is_update(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent ?endpoint { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE<http://evil.example/>{ ?s ?p ?o } }",
        "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ex:a\\# SERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p 'a' SERVICE <http://x/> { } }",
    ],
)
def test_service_calls_are_found(text: str) -> None:
    assert calls_service(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p 'Service civique' }",
        'SELECT * WHERE { ?s ?p """un SERVICE\nen deux lignes""" }',
        "SELECT ?service WHERE { ?service <http://ex/SERVICE> ?o }",
        "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ex:service ?o } # SERVICE <x:y> {}",
    ],
)
def test_the_word_service_elsewhere_is_not_a_call(text: str) -> None:
    assert not calls_service(text)


def test_dataset_clauses_are_found() -> None:
    assert names_dataset("SELECT * FROM <http://ex/g> WHERE { ?s ?p ?o }")
    assert names_dataset("SELECT * from named <http://ex/g> WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert not names_dataset("SELECT ?from WHERE { ?from <http://ex/FROM> 'FROM' }")
