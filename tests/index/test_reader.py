"""The index reader on a real node's dump and feed pages, as a peer gets them: one member per
record, the fields equal to the record's own values, the stored N-Triples equal to what the
node publishes; and a broken member refused without hiding the others."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import Session

from federation.actions.schemas import ActionPublic
from federation.actors.schemas import ActorPublic
from federation.common.records import RecordKind, record_iri
from federation.groups.schemas import WorkingGroupPublic
from federation.index import terms
from federation.index.members import Member, ReadLimits
from federation.index.reader import read_page, read_records
from federation.publication.models import RecordRdf
from federation.rdf.records import PublicRecord
from tests.conftest import BASE_URL
from tests.index.conftest import LIMITS, Node
from tests.index.shacl import pyshacl_paths

PEER = "https://peer.test"


def by_iri(members: list[Member]) -> dict[str, Member]:
    return {member.iri: member for member in members}


def actor_iri(actor_id: Any) -> str:
    return record_iri(BASE_URL, RecordKind.ACTOR, actor_id)


def decimal_text(value: Decimal | float | None) -> str | None:
    return None if value is None else str(Decimal(str(value)).normalize())


def same_decimal(text: str | None, value: Decimal | float | None) -> bool:
    return decimal_text(Decimal(text) if text is not None else None) == decimal_text(value)


def assert_fields_match(fields: dict[str, Any], record: PublicRecord) -> None:
    """What the reader read is what the record holds."""
    assert fields["version"] == record.version
    assert fields["external_id"] == record.external_id
    assert fields["description"] == record.description
    if isinstance(record, ActorPublic):
        assert fields["kind"] == "actor"
        assert fields["name"] == record.name
        assert fields["acronym"] == (record.acronym or None)
        assert fields["actor_type"] == record.actor_type
        identifiers = {
            "siren": record.siren,
            "siret": record.siret,
            "rna": record.rna,
            "uai": record.uai,
            "finess": record.finess,
            "insee": record.insee_code,
        }
        assert fields["identifiers"] == {k: v for k, v in identifiers.items() if v}
        address = fields["address"] or {}
        assert address.get("city") == (record.city or None)
        assert address.get("postal_code") == (record.postal_code or None)
        assert address.get("departement") == (record.departement or None)
        assert fields["website"] == (record.website or None)
        assert fields["email"] == (record.email or None)
        assert fields["countries"] == sorted(record.countries)
        assert fields["sectors"] == sorted(record.sectors)
        assert sorted(fields["sdgs"]) == sorted(record.sdgs)
    elif isinstance(record, ActionPublic):
        assert fields["kind"] == "action"
        assert fields["name"] == record.title
        assert fields["action_kind"] == record.kind
        assert fields["status"] == record.status
        for name in ("planned_start", "planned_end", "actual_start", "actual_end"):
            value = getattr(record, name)
            assert fields[name] == (value.isoformat() if value else None)
        start = record.actual_start or record.planned_start
        assert fields["year"] == (start.year if start else None)
        assert fields["countries"] == sorted(share.code for share in record.countries)
        for share in record.countries:
            assert same_decimal(fields["country_shares"].get(share.code), share.percentage)
        assert fields["sectors"] == sorted(share.code for share in record.sectors)
        for sector in record.sectors:
            assert same_decimal(fields["sector_shares"].get(sector.code), sector.percentage)
        assert sorted(fields["sdgs"]) == sorted(record.sdgs)
        assert fields["localities"] == sorted(record.localities)
        assert [
            (p["role"], p["actor"], p["name"], p["country"], p["organisation_type"])
            for p in fields["participants"]
        ] == [
            (
                p.role,
                actor_iri(p.actor_id) if p.actor_id else None,
                p.name or None,
                p.country or None,
                p.organisation_type or None,
            )
            for p in record.participants
        ]
        assert fields["actors"] == sorted(
            {actor_iri(p.actor_id) for p in record.participants if p.actor_id}
        )
        assert len(fields["fundings"]) == len(record.fundings)
        for read, funding in zip(fields["fundings"], record.fundings, strict=True):
            assert read["funder"] == (actor_iri(funding.funder_id) if funding.funder_id else None)
            assert read["funder_name"] == (funding.funder_name or None)
            assert Decimal(read["amount"]) == funding.amount
            assert isinstance(read["amount"], str)
            assert (read["currency"], read["year"], read["status"]) == (
                funding.currency,
                funding.year,
                funding.status,
            )
        if record.budget is None:
            assert fields["budget"] is None
        else:
            assert Decimal(fields["budget"]["amount"]) == record.budget.amount
            assert fields["budget"]["currency"] == record.budget.currency
    else:
        assert isinstance(record, WorkingGroupPublic)
        assert fields["kind"] == "group"
        assert fields["name"] == record.name
        assert fields["group_kind"] == record.kind
        assert fields["countries"] == ([record.country] if record.country else [])
        assert fields["sectors"] == ([record.theme] if record.theme else [])
        assert [(m["actor"], m["role"]) for m in fields["members"]] == [
            (actor_iri(m.actor_id), m.role) for m in record.members
        ]
    for sector in fields["sectors"]:
        assert sector[:3] in fields["sector_categories"]
    for sdg in fields.get("sdgs", []):
        assert sdg.split(".")[0] in fields["sdg_goals"]


# -- the dump ---------------------------------------------------------------------------------


def test_dump_gives_one_valid_member_per_record(node: Node, session: Session) -> None:
    members = read_records(node.dump(), base_url=BASE_URL, limits=LIMITS)
    assert [m.problems for m in members if m.problems] == []
    assert set(by_iri(members)) == set(node.records)
    stored = {
        record_iri(BASE_URL, RecordKind(row.kind), row.id): bytes(row.ntriples)
        for row in session.execute(select(RecordRdf)).scalars()
    }
    for member in members:
        record = node.records[member.iri]
        assert member.kind == member.fields["kind"]
        assert (member.activity, member.seq, member.published) == ("update", None, None)
        assert member.version == record.version
        assert member.ntriples == stored[member.iri]  # byte for byte what the node publishes
        assert_fields_match(member.fields, record)


def test_every_seeded_record_conforms_for_pyshacl_too(node: Node) -> None:
    members = read_records(node.dump(), base_url=BASE_URL, limits=LIMITS)
    kinds = set()
    for member in members:
        assert pyshacl_paths(member.ntriples) == set(), member.iri
        kinds.add(member.kind)
    assert kinds == {"actor", "action", "group"}


def test_dump_of_another_node_is_refused_for_authority(node: Node) -> None:
    members = read_records(node.dump(), base_url=PEER, limits=LIMITS)
    assert members
    for member in members:
        assert "authority" in {problem.code for problem in member.problems}


def test_syntax_error_in_one_record_of_the_dump_refuses_only_it(node: Node) -> None:
    dump = node.dump()
    members = read_records(dump, base_url=BASE_URL, limits=LIMITS)
    victim = members[3].iri
    lines = dump.split(b"\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"<{victim}> ".encode()))
    lines[index] = lines[index].replace(b"> <", b"> <<", 1)
    read = by_iri(read_records(b"\n".join(lines), base_url=BASE_URL, limits=LIMITS))
    assert set(read) == {m.iri for m in members}
    assert [p.code for p in read[victim].problems] == ["syntax"]
    assert f"ligne {index + 1}" in read[victim].problems[0].message
    assert [iri for iri, m in read.items() if m.problems] == [victim]
    for member in members:
        if member.iri != victim:
            assert read[member.iri].fields == member.fields


# -- the feed ---------------------------------------------------------------------------------


def test_feed_page_gives_the_same_members_as_the_dump(node: Node) -> None:
    dump = by_iri(read_records(node.dump(), base_url=BASE_URL, limits=LIMITS))
    page = read_page(node.feed(), base_url=BASE_URL, limits=LIMITS)
    assert page.problems == []
    assert [m.seq for m in page.members] == list(range(node.first, node.first + len(dump)))
    assert page.last_seq == node.first + len(dump) - 1
    for member in page.members:
        assert member.problems == []
        assert member.activity == "create"
        assert member.published is not None
        assert member.fields == dump[member.iri].fields
        assert member.ntriples == dump[member.iri].ntriples


def test_feed_after_an_update_and_a_delete(node: Node, editor: dict[str, str]) -> None:
    client = node.client
    action = next(r for r in node.records.values() if isinstance(r, ActionPublic))
    group = next(r for r in node.records.values() if isinstance(r, WorkingGroupPublic))
    response = client.patch(
        f"/api/actions/{action.id}", json={"title": "Titre changé"}, headers=editor
    )
    assert response.status_code == 200, response.text
    assert client.delete(f"/api/groups/{group.id}", headers=editor).status_code == 204
    page = read_page(node.feed(), base_url=BASE_URL, limits=LIMITS)
    update, delete = page.members[-2:]
    assert (update.iri, update.activity, update.version) == (action.iri, "update", 2)
    assert update.fields["name"] == "Titre changé"
    assert (delete.iri, delete.activity, delete.version) == (group.iri, "delete", group.version + 1)
    assert (delete.kind, delete.fields, delete.problems) == ("group", {}, [])
    assert f"<{terms.TOMBSTONE}>".encode() in delete.ntriples


def broken_page(
    page: bytes, seq: int, old: bytes, new: bytes, *, everywhere: bool = False
) -> bytes:
    """The page with ``old`` replaced by ``new`` in member ``seq``: in the first of its lines
    that has it, or in all of them."""
    graph = f" <{BASE_URL}/feed/events/{seq}> .".encode()
    lines = page.split(b"\n")
    chosen = [
        i
        for i, line in enumerate(lines)
        if line.endswith(graph)
        and old in line
        and not line.startswith(f"<{BASE_URL}/feed> ".encode())
    ]
    assert chosen
    for index in chosen if everywhere else chosen[:1]:
        lines[index] = lines[index].replace(old, new)
    return b"\n".join(lines)


def test_syntax_error_in_one_member_refuses_only_it(node: Node) -> None:
    page = node.feed()
    seq = node.first + 4
    broken = broken_page(page, seq, f'"^^<{terms.DATE_TIME}> <'.encode(), b'"^^<< <')
    read = read_page(broken, base_url=BASE_URL, limits=LIMITS)
    assert read.problems == []
    refused = [m for m in read.members if m.problems]
    assert [(m.seq, [p.code for p in m.problems]) for m in refused] == [(seq, ["syntax"])]
    assert len(read.members) == len(read_page(page, base_url=BASE_URL, limits=LIMITS).members)
    assert refused[0].iri  # recovered from its readable lines


def test_unreadable_page_metadata_is_a_page_problem(node: Node) -> None:
    page = node.feed()
    broken = page.replace(b"<https://w3id.org/tree#Node> .", b"<https://w3id.org/tree#Node .", 1)
    read = read_page(broken, base_url=BASE_URL, limits=LIMITS)
    assert [p.code for p in read.problems] == ["syntax"]
    assert all(not m.problems for m in read.members)


def first_of(node: Node, kind: type[Any]) -> PublicRecord:
    return next(r for r in node.records.values() if isinstance(r, kind))


def seq_of(page: bytes, iri: str) -> int:
    found = re.search(
        rb"<"
        + re.escape(f"{BASE_URL}/feed/events/".encode())
        + rb"([0-9]+)> <"
        + re.escape(str(terms.OBJECT).encode())
        + rb"> <"
        + re.escape(iri.encode())
        + rb">",
        page,
    )
    assert found is not None
    return int(found.group(1))


BROKEN: dict[str, tuple[type[Any], bytes, bytes, str]] = {
    # what breaks: (kind of record, old, new, code of the problem)
    "missing-name": (ActorPublic, f"<{terms.NAME}>".encode(), b"<https://schema.org/nom>", "shape"),
    "bad-concept-code": (
        ActionPublic,
        b"/concept/activity-status/",
        b"/concept/activity-status/9",
        "shape",
    ),
    "wrong-scheme": (ActionPublic, b"/concept/action-kind/", b"/concept/actor-type/", "shape"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_member_is_refused_alone(node: Node, case: str) -> None:
    kind, old, new, code = BROKEN[case]
    page = node.feed()
    seq = seq_of(page, first_of(node, kind).iri)
    read = read_page(broken_page(page, seq, old, new), base_url=BASE_URL, limits=LIMITS)
    refused = {m.seq: {p.code for p in m.problems} for m in read.members if m.problems}
    assert list(refused) == [seq]
    assert code in refused[seq]


def refused_in(node: Node, record: PublicRecord, old: bytes, new: bytes) -> dict[int, set[str]]:
    """The members refused once ``old`` is ``new`` in every line of ``record``'s member."""
    page = node.feed()
    seq = seq_of(page, record.iri)
    read = read_page(
        broken_page(page, seq, old, new, everywhere=True), base_url=BASE_URL, limits=LIMITS
    )
    refused = {m.seq or 0: {p.code for p in m.problems} for m in read.members if m.problems}
    assert list(refused) == [seq]
    return refused


def test_bad_siren_is_refused(node: Node) -> None:
    actor = next(r for r in node.records.values() if isinstance(r, ActorPublic) and r.siren)
    assert isinstance(actor, ActorPublic)
    assert actor.siren
    wrong = actor.siren[:-1] + str((int(actor.siren[-1]) + 1) % 10)
    refused = refused_in(node, actor, f'"{actor.siren}"'.encode(), f'"{wrong}"'.encode())
    assert next(iter(refused.values())) == {"invalid_identifier"}


def test_blank_node_is_refused(node: Node) -> None:
    action = first_of(node, ActionPublic)
    refused = refused_in(node, action, f"<{action.iri}#budget>".encode(), b"_:budget")
    assert {"blank_node", "shape"} <= next(iter(refused.values()))


def test_part_under_another_base_is_refused(node: Node) -> None:
    action = first_of(node, ActionPublic)
    foreign = b"<https://x.test/actions/" + action.iri.rsplit("/", 1)[1].encode() + b"#budget>"
    refused = refused_in(node, action, f"<{action.iri}#budget>".encode(), foreign)
    assert {"authority", "shape"} <= next(iter(refused.values()))


def test_literal_too_long_is_refused(node: Node) -> None:
    action = first_of(node, ActionPublic)
    name = f'<{terms.NAME}> "'.encode()
    refused = refused_in(node, action, name, name + b"x" * 25_000)
    assert next(iter(refused.values())) == {"literal_too_long"}


def test_too_many_triples_are_refused(node: Node) -> None:
    read = read_page(node.feed(), base_url=BASE_URL, limits=ReadLimits(max_triples_per_member=30))
    codes = {m.kind: {p.code for p in m.problems} for m in read.members}
    assert codes["action"] == {"too_many_triples"}


def test_event_iri_of_another_node_is_refused(node: Node) -> None:
    page = node.feed()
    seq = seq_of(page, first_of(node, ActorPublic).iri)
    foreign = b"https://x.test/feed/"
    broken = broken_page(page, seq, f"{BASE_URL}/feed/".encode(), foreign, everywhere=True)
    read = read_page(broken, base_url=BASE_URL, limits=LIMITS)
    refused = {m.seq: [p.code for p in m.problems] for m in read.members if m.problems}
    assert refused == {seq: ["authority"]}


def test_members_of_another_base_are_refused(node: Node) -> None:
    read = read_page(node.feed(), base_url=PEER, limits=LIMITS)
    assert read.members
    assert all("authority" in {p.code for p in m.problems} for m in read.members)
