"""A human-readable page of the vocabulary, generated from the ontology itself."""

from __future__ import annotations

from html import escape

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from schemas.namespaces import OWL, RDF, RDFS


def _label(graph: Graph, node: Node, predicate: URIRef, lang: str) -> str:
    for value in graph.objects(node, predicate):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def _short(graph: Graph, node: Node) -> str:
    try:
        prefix, _, name = graph.compute_qname(str(node), generate=False)
        return f"{prefix}:{name}"
    except (ValueError, KeyError):
        return str(node)


def _section(graph: Graph, title: str, rdf_types: list[URIRef], details: list[URIRef]) -> str:
    nodes = sorted({s for t in rdf_types for s in graph.subjects(RDF.type, t)}, key=str)
    items = []
    for node in nodes:
        anchor = str(node).rsplit("#", 1)[-1]
        facts = "".join(
            f"<dt>{escape(_short(graph, p))}</dt><dd>{escape(_short(graph, o))}</dd>"
            for p in details
            for o in sorted(graph.objects(node, p), key=str)
        )
        items.append(
            f'<section id="{escape(anchor)}"><h3><code>{escape(_short(graph, node))}</code></h3>'
            f'<p lang="fr">{escape(_label(graph, node, RDFS.label, "fr"))} — '
            f"{escape(_label(graph, node, RDFS.comment, 'fr'))}</p>"
            f'<p lang="en">{escape(_label(graph, node, RDFS.label, "en"))} — '
            f"{escape(_label(graph, node, RDFS.comment, 'en'))}</p>"
            f"<dl>{facts}</dl></section>"
        )
    return f"<h2>{escape(title)}</h2>\n" + "\n".join(items)


def render_vocabulary(ontology: Graph, version: str, links: dict[str, str]) -> bytes:
    classes = _section(ontology, "Classes", [OWL.Class, RDFS.Class], [RDFS.subClassOf])
    properties = _section(
        ontology,
        "Propriétés / Properties",
        [OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property],
        [RDFS.domain, RDFS.range],
    )
    files = " · ".join(f'<a href="{escape(url)}">{escape(name)}</a>' for name, url in links.items())
    page = f"""<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vocabulaire de la fédération des RRMA {escape(version)}</title></head>
<body><main>
<h1>Vocabulaire de la fédération des RRMA / RRMA federation vocabulary</h1>
<p>Version {escape(version)}. {files}</p>
{classes}
{properties}
</main></body></html>
"""
    return page.encode()
