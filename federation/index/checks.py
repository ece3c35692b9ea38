"""Whether a member may enter the index (docs/federation-protocol.md, "Harvest" step 3): the
shapes, the code lists, the identifiers, the authority of the peer over every IRI it mints, the
limits on size, and what the index cannot store (blank nodes, NUL characters, broken IRIs).

The readers (``reader.read_page``, ``reader.read_records``) run these checks on every member as
they read it; ``check`` runs them on a member built elsewhere, from its N-Triples."""

from __future__ import annotations

import re
from collections.abc import Callable

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
from federation.index.members import Member, Problem, ReadLimits
from federation.index.shapes import compiled, identifier_form_ok, text_of, violations
from federation.index.triples import Blank, RecordGraph, Value, parse

_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_RECORD = re.compile(rf"(.+)/(actors|actions|groups)/({_UUID})")
# An absolute IRI: a scheme, then no character N-Triples forbids, valid %-escapes, at most one
# fragment. (The parse is lenient about IRIs; this is the check it skipped.) A run of allowed
# characters is fast to match; %-escapes, rare, take the slower expression.
_FORBIDDEN = r"\x00-\x20<>\"{}|^`\\#"
_IRI = re.compile(
    rf"[A-Za-z][A-Za-z0-9+.-]*:(?:[^{_FORBIDDEN}%]|%[0-9A-Fa-f]{{2}})*"
    rf"(?:#(?:[^{_FORBIDDEN}%]|%[0-9A-Fa-f]{{2}})*)?"
)
_PLAIN_IRI = rf"[A-Za-z][A-Za-z0-9+.-]*:[^{_FORBIDDEN}%]*(?:#[^{_FORBIDDEN}%]*)?"
_PLAIN_IRIS = re.compile(rf"(?:{_PLAIN_IRI}\n)*{_PLAIN_IRI}")  # several, one per line

_NORMALISE: dict[str, Callable[[str], str]] = {
    "siren": normalize_siren,
    "siret": normalize_siret,
    "rna": normalize_rna,
    "uai": normalize_uai,
    "finess": normalize_finess,
    "insee": normalize_insee_commune,
}

_valid_iris: set[str] = set()  # IRIs already found valid (predicates, concepts, classes …)


def problem(code: str, message: str, message_en: str, path: str | None = None) -> Problem:
    return Problem(code, message, message_en, path)


def kind_of_iri(iri: str) -> str | None:
    """ "actor", "action" or "group" for a record IRI of any node; None for anything else."""
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
    for part in parsed.graphs.values():
        graph.problems += part.problems
        graph.blank = graph.blank or part.blank
        graph.exact = graph.exact and part.exact
        graph.lines += part.lines
        for subject, props in part.nodes.items():
            graph.nodes.setdefault(subject, {}).update(props)
    member.problems += parsed.problems + graph.problems
    if member.activity == "delete":
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
    if kind is None or not any(terms.KINDS.get(t) == kind for t in types):
        problems.append(
            problem(
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
    count = graph.count()
    if count > limits.max_triples_per_member:
        return [
            problem(
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
    for values in _all_values(graph):
        for value in values:
            if value.__class__ is tuple and len(value[0]) > limits.max_literal_chars:
                return [
                    problem(
                        "literal_too_long",
                        f"Un texte dépasse {limits.max_literal_chars} caractères "
                        f"({len(value[0])}).",
                        f"A literal is longer than {limits.max_literal_chars} characters "
                        f"({len(value[0])}).",
                    )
                ]
    return []


def _all_values(graph: RecordGraph) -> list[list[Value]]:
    return [values for props in graph.nodes.values() for values in props.values()]


def check_form(graph: RecordGraph) -> list[Problem]:
    """What the index cannot hold: blank nodes, NUL characters, IRIs that are not IRIs."""
    problems = []
    if graph.blank:
        problems.append(
            problem(
                "blank_node",
                "Nœud anonyme (blank node) : les parties d'une fiche sont des IRI {fiche}#partie.",
                "Blank node: the parts of a record are IRIs {record}#part.",
            )
        )
    if graph.nul and any(
        value.__class__ is tuple and "\x00" in value[0]
        for values in _all_values(graph)
        for value in values
    ):
        problems.append(
            problem(
                "nul_character",
                "Un texte contient le caractère NUL (U+0000).",
                "A literal holds the NUL character (U+0000).",
            )
        )
    problems += [_bad_iri(iri) for iri in _invalid_iris(graph)]
    return problems


def _invalid_iris(graph: RecordGraph) -> list[str]:
    """The IRIs of ``graph`` that are not IRIs. Those seen before (predicates, concepts,
    actors …) are remembered; the rest are checked in one regular expression match."""
    valid, nodes = _valid_iris, graph.nodes
    new: list[str] = [subject for subject in nodes if subject.__class__ is str]
    for props in nodes.values():
        for predicate, values in props.items():
            if predicate not in valid:
                new.append(predicate)
            for value in values:
                if value.__class__ is str and value not in valid and value not in nodes:
                    new.append(value)
    if _PLAIN_IRIS.fullmatch("\n".join(new)) is not None:
        bad = []
    else:
        bad = [iri for iri in new if _IRI.fullmatch(iri) is None]
    if len(valid) > 100_000:
        valid.clear()
    valid.update(iri for iri in new if "#" not in iri and iri not in bad)  # parts: seen once
    return bad


def _bad_iri(iri: str) -> Problem:
    shown = iri[:200]
    return problem("invalid_iri", f"IRI invalide : <{shown}>", f"Invalid IRI: <{shown}>")


def check_authority(graph: RecordGraph, iri: str, base_url: str) -> list[Problem]:
    """A peer publishes only under its own base URL: the record IRI, every subject (the record
    or its parts ``{record}#…``) and the network the record is attributed to."""
    problems = []
    match = _RECORD.fullmatch(iri)
    if match is None or match.group(1) != base_url:
        problems.append(
            problem(
                "authority",
                f"La fiche {iri} n'est pas une IRI {base_url}/actors|actions|groups/{{uuid}} "
                "du pair.",
                f"Record {iri} is not an IRI {base_url}/actors|actions|groups/{{uuid}} of the "
                "peer.",
            )
        )
    start = len(iri) + 1
    for subject in graph.nodes:
        if subject.__class__ is Blank or subject == iri:
            continue
        if not (subject.startswith(iri) and subject[start - 1 : start] == "#"):
            problems.append(
                problem(
                    "authority",
                    f"Sujet hors de la fiche {iri} : {subject[:200]}",
                    f"Subject outside record {iri}: {subject[:200]}",
                )
            )
    network = f"{base_url}/network"
    props = graph.props(iri)
    for predicate in (terms.ATTRIBUTED_TO, terms.UNIT_OF):
        for value in props.get(predicate) or ():
            if value.__class__ is str and value != network:
                problems.append(
                    problem(
                        "authority",
                        f"La fiche est rattachée à un autre réseau que {network} : {value}",
                        f"The record belongs to another network than {network}: {value}",
                        terms.curie(predicate),
                    )
                )
    return problems


def check_currencies(graph: RecordGraph) -> list[Problem]:
    """Currencies are codes of the currency list (the shapes check only their form)."""
    known = terms.currency_codes()
    problems = []
    for props in graph.nodes.values():
        for value in props.get(terms.CURRENCY) or ():
            if value.__class__ is tuple and value[0] not in known and len(value[0]) == 3:
                problems.append(
                    problem(
                        "unknown_code",
                        f"Devise inconnue de la liste des devises : {value[0]}",
                        f"Currency unknown to the currency list: {value[0]}",
                        terms.curie(terms.CURRENCY),
                    )
                )
    return problems


def check_identifiers(graph: RecordGraph, iri: str) -> list[Problem]:
    """SIREN, SIRET, RNA, UAI, FINESS and INSEE numbers are real ones: check keys and ranges
    (the shapes check only their form)."""
    problems = []
    kinds = terms.codes(terms.CODED[terms.DCT_TYPE])
    for node in graph.props(iri).get(terms.ADMS_IDENTIFIER) or ():
        props = graph.props(node) if node.__class__ is str else {}
        types = props.get(terms.DCT_TYPE) or []
        notations = props.get(terms.NOTATION) or []
        if len(types) != 1 or len(notations) != 1 or types[0] not in kinds:
            continue  # the shapes report it
        kind = kinds[types[0]]
        number = text_of(notations[0])
        if not identifier_form_ok(kind, number):
            continue  # the shapes report it
        try:
            normalised = _NORMALISE[kind](number)
        except IdentifierError as error:
            problems.append(problem("invalid_identifier", error.message, error.message_en, kind))
            continue
        if normalised != number:
            problems.append(
                problem(
                    "invalid_identifier",
                    f"Identifiant {kind} non normalisé : « {number} » (attendu : {normalised}).",
                    f"Identifier {kind} not in its canonical form: “{number}” (expected "
                    f"{normalised}).",
                    kind,
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
        or terms.KINDS.get(former[0]) != kind
    ):
        problems.append(
            problem(
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
