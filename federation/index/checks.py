"""Whether a member may enter the index (docs/federation-protocol.md, "Harvest" step 3): the
shapes, the code lists, the identifiers, the authority of the peer over every IRI it mints, the
limits on size, and what the index cannot store (blank nodes, NUL characters).

The readers (``reader.read_page``, ``reader.read_records``) run these checks on every member as
they read it; ``check`` runs them on a member built elsewhere, from its N-Triples."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from federation.feed.models import Activity
from federation.identifiers import (
    IdentifierError,
    normalize_finess,
    normalize_insee_commune,
    normalize_rna,
    normalize_siren,
    normalize_siret,
    normalize_uai,
)
from federation.index import terms
from federation.index.constraints import identifier_form_ok
from federation.index.literals import text_of
from federation.index.members import Member, Problem, ReadLimits
from federation.index.shapes import compiled, violations
from federation.index.triples import Blank, Literal, RecordGraph, parse

_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_RECORD = re.compile(rf"(.+)/(actors|actions|groups)/({_UUID})")
_NORMALISE: dict[str, Callable[[str], str]] = {
    "siren": normalize_siren,
    "siret": normalize_siret,
    "rna": normalize_rna,
    "uai": normalize_uai,
    "finess": normalize_finess,
    "insee": normalize_insee_commune,
}


def kind_of_iri(iri: str) -> str | None:
    """The kind ("actor", "action", "group") of a record IRI of any node; None if it is not
    one."""
    match = _RECORD.fullmatch(iri)
    return terms.KIND_PATHS[match.group(2)] if match else None


def check(member: Member, *, base_url: str, limits: ReadLimits | None = None) -> list[Problem]:
    """Fill ``member.problems`` with every reason to refuse it, and return them.

    The readers already ran these checks on the members they return (then this does nothing);
    a member built elsewhere is checked from its N-Triples."""
    if member.checked == base_url:
        return member.problems
    parsed = parse(member.ntriples, quads=False)
    graph = RecordGraph(member.iri, nul=parsed.nul)
    for part in parsed.graphs.values():  # one graph, whatever the subjects (authority says)
        graph.problems += part.problems
        graph.blank = graph.blank or part.blank
        graph.exact = graph.exact and part.exact
        graph.lines += part.lines
        for subject, props in part.nodes.items():  # a blank node may be in two parts
            merged = graph.nodes.setdefault(subject, defaultdict(list))
            for predicate, values in props.items():
                merged[predicate] += values
    member.problems += parsed.problems + graph.problems
    if not member.problems:
        if member.activity == Activity.DELETE:
            member.problems += check_tombstone(graph, member.iri, base_url=base_url)
        else:
            member.problems += check_record(
                graph, member.iri, base_url=base_url, limits=limits or ReadLimits()
            )
    member.checked = base_url
    return member.problems


# -- a record ---------------------------------------------------------------------------------


def check_record(
    graph: RecordGraph, iri: str, *, base_url: str, limits: ReadLimits
) -> list[Problem]:
    """Every reason to refuse the record ``iri`` described by ``graph``."""
    problems = check_limits(graph, limits)
    if problems:  # too big to look at further
        return problems
    problems += check_form(graph)
    problems += check_authority(graph, iri, base_url)
    props = graph.props(iri)
    kind = kind_of_iri(iri)
    types = props.get(terms.TYPE) or []
    if kind is None or not any(isinstance(t, str) and terms.KINDS.get(t) == kind for t in types):
        problems.append(
            Problem(
                "not_a_record",
                f"{iri} n'est pas une fiche : une IRI {{base}}/actors|actions|groups/{{uuid}} "
                "typée rrma:Actor, rrma:Action ou rrma:WorkingGroup selon le cas.",
                f"{iri} is not a record: an IRI {{base}}/actors|actions|groups/{{uuid}} typed "
                "rrma:Actor, rrma:Action or rrma:WorkingGroup to match.",
                terms.curie(terms.TYPE),
            )
        )
    problems += violations(graph, iri)
    problems += check_currencies(graph)
    problems += check_identifiers(graph, iri)
    return problems


def check_limits(graph: RecordGraph, limits: ReadLimits) -> list[Problem]:
    """The limits on size: triples per member, characters per literal."""
    count = len(graph.lines) if graph.exact else graph.count()
    if count > limits.max_triples_per_member:
        return [
            Problem(
                "too_many_triples",
                f"Trop de triplets pour une fiche : {count} (au plus "
                f"{limits.max_triples_per_member}).",
                f"Too many triples for one record: {count} (at most "
                f"{limits.max_triples_per_member}).",
            )
        ]
    # A line holds its literal and more, and a character takes at least one byte: when no
    # line is longer than the limit, no literal is.
    if graph.exact and graph.lines and max(map(len, graph.lines)) <= limits.max_literal_chars:
        return []
    longest = max((len(v[0]) for v in _literals(graph)), default=0)
    if longest <= limits.max_literal_chars:
        return []
    return [
        Problem(
            "literal_too_long",
            f"Un texte dépasse {limits.max_literal_chars} caractères ({longest}).",
            f"A literal is longer than {limits.max_literal_chars} characters ({longest}).",
        )
    ]


def _literals(graph: RecordGraph) -> list[Literal]:
    return [
        value
        for props in graph.nodes.values()
        for values in props.values()
        for value in values
        if isinstance(value, tuple)
    ]


def check_form(graph: RecordGraph) -> list[Problem]:
    """What the index cannot hold: blank nodes, NUL characters. (IRIs that are not IRIs are
    syntax errors: the parse checks them.)"""
    problems = []
    if graph.blank:
        problems.append(
            Problem(
                "blank_node",
                "Nœud anonyme (blank node) : les parties d'une fiche sont des IRI {fiche}#partie.",
                "Blank node: the parts of a record are IRIs {record}#part.",
            )
        )
    if graph.nul and any("\x00" in value[0] for value in _literals(graph)):
        problems.append(
            Problem(
                "nul_character",
                "Un texte contient le caractère NUL (U+0000).",
                "A literal holds the NUL character (U+0000).",
            )
        )
    return problems


def check_authority(graph: RecordGraph, iri: str, base_url: str) -> list[Problem]:
    """A peer publishes only under its own base URL: the record IRI, every subject (the record
    or its parts ``{record}#…``) and the network the record is attributed to."""
    problems = []
    match = _RECORD.fullmatch(iri)
    if match is None or match.group(1) != base_url:
        problems.append(
            Problem(
                "authority",
                f"La fiche {iri} n'est pas une IRI {base_url}/actors|actions|groups/{{uuid}} "
                "du pair.",
                f"Record {iri} is not an IRI {base_url}/actors|actions|groups/{{uuid}} of the "
                "peer.",
            )
        )
    parts = f"{iri}#"
    problems += [
        Problem(
            "authority",
            f"Sujet hors de la fiche {iri} : {subject[:200]}",
            f"Subject outside record {iri}: {subject[:200]}",
        )
        for subject in graph.nodes
        if subject != iri and not subject.startswith(parts) and not isinstance(subject, Blank)
    ]
    network = f"{base_url}/network"
    props = graph.props(iri)
    problems += [
        Problem(
            "authority",
            f"La fiche est rattachée à un autre réseau que {network} : {value}",
            f"The record belongs to another network than {network}: {value}",
            terms.curie(predicate),
        )
        for predicate in (terms.ATTRIBUTED_TO, terms.UNIT_OF)
        for value in props.get(predicate) or ()
        if isinstance(value, str) and value != network
    ]
    return problems


def check_currencies(graph: RecordGraph) -> list[Problem]:
    """Currencies are codes of the currency list (the shapes check only their form)."""
    known = terms.currency_codes()
    return [
        Problem(
            "unknown_code",
            f"Devise inconnue de la liste des devises : {value[0]}",
            f"Currency unknown to the currency list: {value[0]}",
            terms.curie(terms.CURRENCY),
        )
        for props in graph.nodes.values()
        for value in props.get(terms.CURRENCY) or ()
        # A currency not of three capitals breaks the shapes: reported there.
        if isinstance(value, tuple) and value[0] not in known and len(value[0]) == 3
    ]


def check_identifiers(graph: RecordGraph, iri: str) -> list[Problem]:
    """SIREN, SIRET, RNA, UAI, FINESS and INSEE numbers are real ones: check keys and ranges
    (the shapes check only their form)."""
    problems = []
    kinds = terms.codes(terms.CODED[terms.DCT_TYPE])
    path = terms.curie(terms.NOTATION)
    for node in graph.props(iri).get(terms.ADMS_IDENTIFIER) or ():
        props = graph.props(node) if isinstance(node, str) else {}
        types = props.get(terms.DCT_TYPE) or []
        notations = props.get(terms.NOTATION) or []
        if len(types) != 1 or len(notations) != 1 or not isinstance(types[0], str):
            continue  # the shapes report it
        kind = kinds.get(types[0])
        if kind is None:
            continue
        number = text_of(notations[0])
        if not identifier_form_ok(kind, number):
            continue  # the shapes report it
        try:
            normalised = _NORMALISE[kind](number)
        except IdentifierError as error:
            problems.append(Problem("invalid_identifier", error.message, error.message_en, path))
            continue
        if normalised != number:
            problems.append(
                Problem(
                    "invalid_identifier",
                    f"Identifiant {kind} non normalisé : « {number} » (attendu : {normalised}).",
                    f"Identifier {kind} not in its canonical form: “{number}” (expected "
                    f"{normalised}).",
                    path,
                )
            )
    return problems


# -- a deletion -------------------------------------------------------------------------------


def check_tombstone(graph: RecordGraph, iri: str, *, base_url: str) -> list[Problem]:
    """A deleted record's tombstone: ``as:Tombstone``, the former class matching the IRI, and
    nothing but the record's own IRI as subject."""
    problems = check_form(graph) + check_authority(graph, iri, base_url)
    props = graph.props(iri)
    former = props.get(terms.FORMER_TYPE) or []
    kind = kind_of_iri(iri)
    if (
        terms.TOMBSTONE not in (props.get(terms.TYPE) or ())
        or len(former) != 1
        or kind is None
        or not isinstance(former[0], str)
        or terms.KINDS.get(former[0]) != kind
    ):
        problems.append(
            Problem(
                "invalid_tombstone",
                f"La suppression de {iri} n'a pas de pierre tombale valide (as:Tombstone, "
                "as:formerType de la classe de la fiche).",
                f"The deletion of {iri} has no valid tombstone (as:Tombstone, as:formerType "
                "of the record's class).",
                terms.curie(terms.FORMER_TYPE),
            )
        )
    return problems


def shapes_ready() -> None:
    """Compile the shapes now (else the first record read pays for it)."""
    compiled()
