"""The index's fast checks agree with pySHACL on schemas/shapes.ttl, and add what the shapes
leave to the node: code lists, identifier keys, authority, limits, the form of the RDF.

Cases: every example of tests/fixtures/shapes (valid, warning, invalid), and the valid examples
broken one rule at a time here. For each, the paths of our shape problems are exactly the paths
of pySHACL's violations."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from federation.index import terms
from federation.index.checks import check
from federation.index.members import Member, ReadLimits
from federation.index.shapes import compiled
from schemas.namespaces import SH, SHAPES
from schemas.vocabulary import shapes
from tests.conftest import FIXTURES
from tests.index.shacl import compare

BASE = "https://node.test"
EXAMPLES = FIXTURES / "shapes"
RECORD_EXAMPLES = sorted(
    path
    for folder in ("valid", "warning", "invalid")
    for path in (EXAMPLES / folder).glob("*.ttl")
    if not path.name.startswith("network")
)

ACTOR = f"{BASE}/actors/5fd16567-4988-4dda-8469-b4b8f6ebdad0"
ACTION = f"{BASE}/actions/ffb500ad-562d-4a1d-80a5-624ff129104e"
GROUP = f"{BASE}/groups/c9dd8321-98d3-4f5f-b351-2a37119b9ae7"
XSD = "http://www.w3.org/2001/XMLSchema#"


def ntriples_of(path: Path) -> str:
    return str(Graph().parse(path, format="turtle").serialize(format="nt"))


def example(name: str) -> str:
    return ntriples_of(EXAMPLES / "valid" / f"{name}.ttl")


@pytest.mark.parametrize(
    "path", RECORD_EXAMPLES, ids=lambda path: f"{path.parent.name}/{path.stem}"
)
def test_agrees_with_pyshacl_on_every_example(path: Path) -> None:
    verdicts = compare(ntriples_of(path).encode(), BASE)
    assert verdicts.ours == verdicts.theirs
    if path.parent.name != "invalid":
        assert verdicts.ours == set()
        assert verdicts.others == []


# -- the valid examples broken here, one rule at a time ----------------------------------------

Mutation = Callable[[str], str]


def drop(predicate: str, subject: str = "") -> Mutation:
    """Remove the triples of ``predicate`` (of the subject ending with ``subject``)."""

    def mutate(text: str) -> str:
        return "".join(
            line + "\n"
            for line in text.splitlines()
            if not (f"> <{predicate}> " in line and line.split(" ", 1)[0].endswith(f"{subject}>"))
        )

    return mutate


def add(line: str) -> Mutation:
    return lambda text: text + line + "\n"


def replace(old: str, new: str) -> Mutation:
    def mutate(text: str) -> str:
        assert old in text, old
        return text.replace(old, new)

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(text: str) -> str:
        for mutation in mutations:
            text = mutation(text)
        return text

    return mutate


NAME, DESCRIPTION = terms.NAME, terms.DESCRIPTION
CASES: dict[str, tuple[str, Mutation, set[str]]] = {
    # name: (example, mutation, codes of our other problems)
    "missing-name": ("action-full", drop(NAME, ACTION[-12:]), set()),
    "two-names": ("actor-association", add(f'<{ACTOR}> <{NAME}> "Autre nom" .'), set()),
    "name-with-language": (
        "group-pays",
        replace('"Groupe pays Burkina Faso"', '"Groupe pays Burkina Faso"@fr'),
        set(),
    ),
    "unknown-country-code": (
        "actor-association",
        replace("concept/country/BF>", "concept/country/ZZ>"),
        {"unknown_code"},
    ),
    "sector-of-another-scheme": (
        "action-full",
        replace("sector/14081>", "actor-type/association>"),
        set(),
    ),
    "unknown-sector": ("action-full", replace("sector/14081>", "sector/99999>"), {"unknown_code"}),
    "unknown-sdg": (
        "actor-association",
        replace("sdg/6.1>", "sdg/6.9>"),
        {"unknown_code"},
    ),
    "siren-bad-key": (
        "actor-association",
        replace('"775672272"', '"775672273"'),
        {"invalid_identifier"},
    ),
    "siren-eight-digits": ("actor-association", replace('"775672272"', '"77567227"'), set()),
    "unknown-currency": ("action-full", replace('"EUR"', '"XXY"'), {"unknown_code"}),
    "end-before-start": (
        "action-full",
        replace('"2026-12-31"^^', '"2023-12-31"^^'),
        set(),
    ),
    "impossible-date": ("action-full", replace('"2026-12-31"^^', '"2026-02-30"^^'), set()),
    "created-not-utc": (
        "group-pays",
        replace("T13:30:00+00:00", "T13:30:00+02:00"),
        set(),
    ),
    "version-not-a-number": ("group-pays", replace('"9"^^', '"neuf"^^'), set()),
    "country-shares-not-100": ("action-full", replace('"30"^^', '"20"^^'), set()),
    "amount-three-decimals": ("action-full", replace('"42500.50"', '"42500.505"'), set()),
    "participation-agent-and-name": (
        "action-full",
        add(
            f'<{ACTION}#participant-0> <{terms.PARTNER_NAME}> "Commune" .',
        ),
        set(),
    ),
    "agent-not-associated": ("action-full", drop(terms.ASSOCIATED_WITH), set()),
    "part-under-another-base": (
        "action-full",
        replace(f"<{ACTION}#budget>", "<https://other.test/actions/x#budget>"),
        {"authority"},
    ),
    "funding-as-blank-node": (
        "action-full",
        replace(f"<{ACTION}#funding-1>", "_:funding"),
        {"blank_node"},
    ),
    "membership-without-role": ("group-pays", drop(terms.GROUP_ROLE, "#member-1"), set()),
    "attributed-to-another-network": (
        "group-pays",
        replace(
            f"<{terms.ATTRIBUTED_TO}> <{BASE}/network>",
            f"<{terms.ATTRIBUTED_TO}> <https://other.test/network>",
        ),
        {"authority"},
    ),
    "type-missing": (
        "group-pays",
        drop(terms.TYPE, GROUP[-12:]),
        {"not_a_record"},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_agrees_with_pyshacl_on_broken_records(case: str) -> None:
    name, mutation, others = CASES[case]
    text = mutation(example(name))
    iri = {"actor": ACTOR, "action": ACTION, "group": GROUP}[name.split("-")[0]]
    verdicts = compare(text.encode(), BASE, iri)
    assert verdicts.ours == verdicts.theirs
    assert {problem.code for problem in verdicts.others} == others
    assert verdicts.ours or verdicts.others, "the broken record must be refused"


def test_agrees_with_pyshacl_whichever_triple_is_missing() -> None:
    lines = example("action-full").splitlines()
    disagreements = []
    for index, line in enumerate(lines):
        text = "".join(f"{kept}\n" for kept in lines[:index] + lines[index + 1 :])
        verdicts = compare(text.encode(), BASE, ACTION)
        if verdicts.ours != verdicts.theirs:
            disagreements.append((line, verdicts.ours, verdicts.theirs))
    assert disagreements == []


# -- beyond the shapes ------------------------------------------------------------------------


def member_of(text: str, iri: str) -> Member:
    return Member(iri, "update", 1, None, None, None, text.encode(), {}, [])


def test_literal_too_long() -> None:
    text = replace('"Groupe pays Burkina Faso"', '"' + "é" * 21_000 + '"')(example("group-pays"))
    problems = check(member_of(text, GROUP), base_url=BASE)
    assert [problem.code for problem in problems] == ["literal_too_long"]


def test_too_many_triples() -> None:
    text = example("group-pays") + "".join(
        f'<{GROUP}> <{terms.PLACE}> "lieu {n}" .\n' for n in range(30)
    )
    problems = check(member_of(text, GROUP), base_url=BASE, limits=ReadLimits(20, 20_000))
    assert [problem.code for problem in problems] == ["too_many_triples"]


def test_invalid_iri_is_a_syntax_error() -> None:
    old, new = "<https://www.lyon-solidarite-sahel.fr/>", "<https://www.lyon solidarite.fr/>"
    text = replace(old, new)(example("actor-association"))
    problems = check(member_of(text, ACTOR), base_url=BASE)
    assert [problem.code for problem in problems] == ["syntax"]


def test_nul_character() -> None:
    text = replace('"GT-BF"', '"GT\\u0000BF"')(example("group-pays"))
    problems = check(member_of(text, GROUP), base_url=BASE)
    assert "nul_character" in {problem.code for problem in problems}


def test_record_of_another_node_is_refused() -> None:
    problems = check(member_of(example("group-pays"), GROUP), base_url="https://peer.test")
    assert {problem.code for problem in problems} >= {"authority"}


def test_tombstone() -> None:
    tombstone = (
        f"<{GROUP}> <{terms.TYPE}> <{terms.TOMBSTONE}> .\n"
        f"<{GROUP}> <{terms.FORMER_TYPE}> <{terms.GROUP}> .\n"
    )
    member = Member(GROUP, "delete", 10, 3, None, "group", tombstone.encode(), {}, [])
    assert check(member, base_url=BASE) == []
    wrong = tombstone.replace(terms.GROUP, terms.ACTOR)
    member = Member(GROUP, "delete", 10, 3, None, "group", wrong.encode(), {}, [])
    assert [problem.code for problem in check(member, base_url=BASE)] == ["invalid_tombstone"]


def test_check_runs_once_per_member() -> None:
    member = member_of(drop(NAME, GROUP[-12:])(example("group-pays")), GROUP)
    first = list(check(member, base_url=BASE))
    assert first
    assert check(member, base_url=BASE) == first  # not reported twice


def test_messages_are_in_french_and_english() -> None:
    text = drop(NAME, GROUP[-12:])(example("group-pays"))
    (problem,) = check(member_of(text, GROUP), base_url=BASE)
    assert problem.path == "schema:name"
    assert "obligatoire" in problem.message
    assert "required" in problem.message_en


# -- the compiled shapes ----------------------------------------------------------------------


def test_every_violation_rule_is_compiled() -> None:
    graph = shapes()
    rules = {
        str(rule).removeprefix(str(SHAPES))
        for rule in graph.subjects(SH.severity, SH.Violation)
        if str(rule).startswith(str(SHAPES))
    }
    assert rules <= compiled().names


def test_every_code_passes_the_rule_of_its_property() -> None:
    # A value found among the codes skips the other constraints: each must pass them.
    checks = [
        check
        for node_checks in (*compiled().by_class.values(), *compiled().by_object_of.values())
        for node_check in node_checks
        for check in node_check.properties
        if check.codes is not None
    ]
    assert checks
    for rule in checks:
        assert rule.codes is not None
        for iri in rule.codes:
            rule.good.discard(iri)
            assert rule.value_ok(iri), (rule.name, iri)
            rule.good.add(iri)


def test_xsd_literals_are_read_as_rdflib_reads_them() -> None:
    from rdflib import Literal, URIRef

    from federation.index.literals import WELL_FORMED

    agreed = {
        "integer": ["0", "-5", "+7", "12345678901234567890", "1.0", "abc"],
        "decimal": ["0", "10000.50", "-0.5", ".5", "5.", "+1.5", "abc"],
        "date": ["2024-02-29", "2023-02-29", "2024-13-01", "2024-1-01", "20240101", "2024-01-01Z"],
        "dateTime": [
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00.5+02:00",
            "2024-01-01T25:00:00Z",
        ],
        "boolean": ["true", "false", "1", "0", "yes", "True"],
    }
    # rdflib accepts these, which are not XSD lexical forms: the index refuses them.
    stricter = {
        "integer": [" 5", "٣"],
        "decimal": ["1e3", "INF"],
        "dateTime": ["2024-01-01T00:00Z", "2024-01-01 00:00:00Z"],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib warns about what it cannot read
        for kind, lexicals in agreed.items():
            for lexical in lexicals:
                literal = Literal(lexical, datatype=URIRef(XSD + kind))
                assert WELL_FORMED[XSD + kind](lexical) == (not literal.ill_typed), (kind, lexical)
        for kind, lexicals in stricter.items():
            for lexical in lexicals:
                assert not Literal(lexical, datatype=URIRef(XSD + kind)).ill_typed
                assert not WELL_FORMED[XSD + kind](lexical), (kind, lexical)
