"""Reading a feed page as a harvester does: split into members by graph name."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

Triples = set[tuple[str, str, str]]


def _triple(quad: ox.Quad) -> tuple[str, str, str]:
    return (str(quad.subject), str(quad.predicate), str(quad.object))


def split_page(
    body: bytes, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS
) -> tuple[Triples, dict[str, Triples]]:
    """(the default graph, {graph name: its triples}) of a page, terms written as N-Triples."""
    default: Triples = set()
    members: dict[str, Triples] = defaultdict(set)
    for quad in ox.parse(body, format=fmt):
        if isinstance(quad.graph_name, ox.DefaultGraph):
            default.add(_triple(quad))
        else:
            members[quad.graph_name.value].add(_triple(quad))
    return default, dict(members)


def ntriples_set(body: bytes) -> Triples:
    return {_triple(quad) for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
