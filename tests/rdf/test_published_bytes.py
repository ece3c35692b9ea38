"""A record's published N-Triples stay byte for byte what they were: peers compare the bytes
(feed pages, dumps, digests), so a faster write path must not change one of them.

``tests/fixtures/rdf/published.json`` holds records (actors, actions, groups; text that
N-Triples must escape) with the text the write path made for them before it was rebuilt for
speed. After a deliberate change of the mapping, write the new text with
``python -m tests.rdf.test_published_bytes`` and review the diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from federation.actions.schemas import ActionPublic
from federation.actors.schemas import ActorPublic
from federation.groups.schemas import WorkingGroupPublic
from federation.rdf.ntriples import graph_of, serialize
from federation.rdf.records import PublicRecord, record_ntriples, record_triples

FIXTURE = Path(__file__).parent.parent / "fixtures" / "rdf" / "published.json"
MODELS: dict[str, type[PublicRecord]] = {
    "actors": ActorPublic,
    "actions": ActionPublic,
    "groups": WorkingGroupPublic,
}
CASES: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))


def record_of(case: dict[str, Any]) -> PublicRecord:
    return MODELS[case["kind"]].model_validate(case["record"])


@pytest.mark.parametrize("case", CASES, ids=[f"{c['kind']}-{i}" for i, c in enumerate(CASES)])
def test_the_published_text_is_unchanged(case: dict[str, Any]) -> None:
    record = record_of(case)
    count, text = record_ntriples(record)
    assert text == case["ntriples"]
    assert count == text.count("\n") == len(graph_of(record_triples(record)))
    assert serialize(record_triples(record)) == text


def regenerate() -> None:
    for case in CASES:
        case["ntriples"] = record_ntriples(record_of(case))[1]
    FIXTURE.write_text(json.dumps(CASES, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    regenerate()
