"""The endpoint's SPARQL 1.1 Service Description (what ``GET /sparql`` without a query gives a
machine): the languages and formats, the dataset (one named graph per source network, the
default graph being their union), and the time and result limits."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef

from federation.settings import Settings
from federation.sparql.formats import GraphFormat, ResultsFormat
from federation.sparql.store import Snapshot
from schemas.namespaces import DCTERMS, RDF, VOID, XSD

# Not in schemas.namespaces yet: the W3C's service description and format vocabularies.
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

RESULT_FORMATS = {
    ResultsFormat.JSON: FORMATS.SPARQL_Results_JSON,
    ResultsFormat.XML: FORMATS.SPARQL_Results_XML,
    ResultsFormat.CSV: FORMATS.SPARQL_Results_CSV,
    ResultsFormat.TSV: FORMATS.SPARQL_Results_TSV,
    GraphFormat.TURTLE: FORMATS.Turtle,
    GraphFormat.NTRIPLES: FORMATS["N-Triples"],
    GraphFormat.JSONLD: FORMATS["JSON-LD"],
    GraphFormat.RDFXML: FORMATS.RDF_XML,
}
RDFLIB_FORMATS = {
    GraphFormat.TURTLE: "turtle",
    GraphFormat.NTRIPLES: "nt",
    GraphFormat.JSONLD: "json-ld",
    GraphFormat.RDFXML: "xml",
}


def limits_fr(settings: Settings) -> str:
    return (
        f"Point d'accès en lecture seule sur l'index du nœud (ses fiches et celles des réseaux "
        f"moissonnés), un graphe nommé par réseau source ; le graphe par défaut est leur union. "
        f"Limite de temps : {settings.sparql_timeout_seconds:g} s par requête (au-delà, "
        f"réponse 503 sparql_timeout) ; au plus {settings.sparql_max_rows} solutions ou triplets "
        f"par réponse (en-têtes X-SPARQL-Result-Limit et X-SPARQL-Truncated). Pas de mise à jour "
        f"ni de SERVICE. L'en-tête X-Index-As-Of donne l'état de l'index interrogé."
    )


def limits_en(settings: Settings) -> str:
    return (
        f"Read-only endpoint over the node's index (its own records and the harvested "
        f"networks'), one named graph per source network; the default graph is their union. "
        f"Time limit: {settings.sparql_timeout_seconds:g} s per query (beyond, a 503 "
        f"sparql_timeout); at most {settings.sparql_max_rows} solutions or triples per answer "
        f"(headers X-SPARQL-Result-Limit and X-SPARQL-Truncated). No update, no SERVICE. The "
        f"X-Index-As-Of header gives the state of the index queried."
    )


def service_graph(settings: Settings, snapshot: Snapshot) -> Graph:
    """The service description, with the named graphs of the snapshot in use."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    graph.bind("dct", DCTERMS)
    graph.bind("void", VOID)
    endpoint = URIRef(f"{settings.base_url}/sparql")
    service = URIRef(f"{endpoint}#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, endpoint))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    # No graph in the store's own default graph: queries see the union of the named graphs.
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in RESULT_FORMATS.values():
        graph.add((service, SD.resultFormat, fmt))
    graph.add((service, DCTERMS.description, Literal(limits_fr(settings), lang="fr")))
    graph.add((service, DCTERMS.description, Literal(limits_en(settings), lang="en")))

    dataset = URIRef(f"{endpoint}#dataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, DCTERMS.modified, Literal(snapshot.as_of, datatype=XSD.dateTime)))
    default = BNode()
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add(
        (
            default,
            DCTERMS.description,
            Literal("L'union de tous les graphes nommés.", lang="fr"),
        )
    )
    graph.add((default, DCTERMS.description, Literal("The union of all named graphs.", lang="en")))
    graph.add((default, VOID.triples, Literal(snapshot.triples)))
    graph.add((default, VOID.entities, Literal(snapshot.records)))
    for iri, (records, triples) in sorted(snapshot.graphs.items()):
        named, content = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(iri)))
        graph.add((named, SD.graph, content))
        graph.add((content, RDF.type, SD.Graph))
        graph.add((content, VOID.triples, Literal(triples)))
        graph.add((content, VOID.entities, Literal(records)))
    return graph


def service_description(settings: Settings, snapshot: Snapshot, fmt: GraphFormat) -> bytes:
    written = service_graph(settings, snapshot).serialize(format=RDFLIB_FORMATS[fmt])
    return written.encode()
