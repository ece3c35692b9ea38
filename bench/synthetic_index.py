"""An index of many networks for the search, similarity, clustering, report and export benches.

Each of the 12 regions' sample directory (``federation.sample``: realistic names, texts, codes,
identifiers) is turned straight into index rows, the dicts ``federation.index.service`` writes
(the same ``data`` keys as docs/federation-protocol.md, "Index row fields"), without going
through RDF: the RDF reading is bench_harvest.py's business; these benches measure what is
built on the rows. Rows are written with the index's own insert and ``index.derived.changed``,
so the search tables and the clusters are built as a harvest builds them.

``cached_index(actions, networks, seed)`` returns a migrated SQLite file under /tmp holding
the index (built once per parameters and code version of the derived tables, then copied)."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session

from federation.common.records import RecordKind, record_iri
from federation.db.engine import make_engine
from federation.db.migrate import head_revision, upgrade
from federation.index import derived, repository
from federation.peers.models import Peer
from federation.sample.generator import SampleDirectory, generate_directory
from federation.sample.places import regions

CACHE = Path(tempfile.gettempdir())
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
BATCH = 2_000


def node_of(region: str) -> str:
    return "rrma-" + hashlib.sha1(region.encode()).hexdigest()[:6]  # noqa: S324 (a name)


def base_of(region: str) -> str:
    return f"https://{node_of(region)}.example.org"


def rows_of(directory: SampleDirectory, region: str, peer_id: int) -> Iterator[dict[str, Any]]:
    """The index rows of one region's directory, as a harvest of that region would write."""
    base = base_of(region)
    source = node_of(region)
    actor_iris = [record_iri(base, RecordKind.ACTOR, i) for i in directory.actor_ids]
    by_id = dict(zip(directory.actor_ids, actor_iris, strict=True))
    when = EPOCH
    for n, actor in enumerate(directory.actors):
        identifiers = {
            key: value
            for key, value in (
                ("siren", actor.siren),
                ("siret", actor.siret),
                ("rna", actor.rna),
                ("uai", actor.uai),
                ("finess", actor.finess),
                ("insee", actor.insee_code),
            )
            if value
        }
        address = None
        if actor.city or actor.address or actor.postal_code:
            address = {
                "street": actor.address,
                "postal_code": actor.postal_code,
                "city": actor.city,
                "departement": actor.departement,
                "region": actor.region,
            }
        data = {
            "kind": "actor",
            "external_id": actor.external_id,
            "acronym": actor.acronym,
            "actor_type": actor.actor_type,
            "identifiers": dict(sorted(identifiers.items())),
            "address": address,
            "website": str(actor.website) if actor.website else None,
            "email": actor.email,
            "contact_name": actor.contact_name if actor.contact_consent else None,
            "countries": sorted(set(actor.countries)),
            "sectors": sorted(set(actor.sectors)),
            "sdgs": list(actor.sdgs),
        }
        yield _row(
            actor_iris[n],
            "actor",
            source,
            peer_id,
            actor.name,
            actor.description,
            data,
            when + timedelta(minutes=n),
        )
    for action in directory.actions:
        start = action.actual_start or action.planned_start
        data = {
            "kind": "action",
            "external_id": action.external_id,
            "action_kind": action.kind,
            "status": action.status,
            "planned_start": _date(action.planned_start),
            "planned_end": _date(action.planned_end),
            "actual_start": _date(action.actual_start),
            "actual_end": _date(action.actual_end),
            "year": start.year if start else None,
            "countries": sorted({c.code for c in action.countries}),
            "country_shares": {
                c.code: str(c.percentage) for c in action.countries if c.percentage is not None
            },
            "sectors": sorted({s.code for s in action.sectors}),
            "sector_shares": {
                s.code: str(s.percentage) for s in action.sectors if s.percentage is not None
            },
            "sdgs": list(action.sdgs),
            "localities": sorted(set(action.localities)),
            "participants": [
                {
                    "role": p.role,
                    "actor": by_id.get(p.actor_id) if p.actor_id else None,
                    "name": p.name,
                    "country": p.country,
                    "organisation_type": p.organisation_type,
                }
                for p in action.participants
            ],
            "actors": sorted({by_id[p.actor_id] for p in action.participants if p.actor_id}),
            "fundings": [
                {
                    "funder": by_id.get(f.funder_id) if f.funder_id else None,
                    "funder_name": f.funder_name,
                    "amount": str(f.amount),
                    "currency": f.currency,
                    "year": f.year,
                    "status": f.status,
                }
                for f in action.fundings
            ],
            "budget": (
                {"amount": str(action.budget.amount), "currency": action.budget.currency}
                if action.budget
                else None
            ),
        }
        iri = record_iri(base, RecordKind.ACTION, _uuid(source, "action", action.title, when))
        when += timedelta(seconds=7)
        yield _row(iri, "action", source, peer_id, action.title, action.description, data, when)
    for group in directory.groups:
        data = {
            "kind": "group",
            "external_id": group.external_id,
            "group_kind": group.kind,
            "countries": [group.country] if group.country else [],
            "sectors": [group.theme] if group.theme else [],
            "members": [{"actor": by_id[m.actor_id], "role": m.role} for m in group.members],
        }
        iri = record_iri(base, RecordKind.GROUP, _uuid(source, "group", group.name, when))
        yield _row(iri, "group", source, peer_id, group.name, group.description, data, when)


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _uuid(*parts: object) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, "|".join(map(str, parts)) + str(uuid.uuid4()))


def _row(  # noqa: PLR0917 (one row's columns, in the table's order)
    iri: str,
    kind: str,
    source: str,
    peer_id: int,
    name: str,
    description: str | None,
    data: dict[str, Any],
    modified: datetime,
) -> dict[str, Any]:
    from federation.index.fields import _sdg_goals, _sector_categories  # the index's own rules

    data = {**data, "created": modified.isoformat(), "modified": modified.isoformat(), "version": 1}
    data["sector_categories"] = _sector_categories(data["sectors"])
    if "sdgs" in data:
        data["sdg_goals"] = _sdg_goals(data["sdgs"])
    return {
        "iri": iri,
        "kind": kind,
        "source": source,
        "peer_id": peer_id,
        "version": 1,
        "modified": modified,
        "fetched_at": modified + timedelta(hours=1),
        "seen_run": None,
        "name": name,
        "description": description,
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        "ntriples": b"",
    }


def build_index(database: Path, *, actions: int, networks: int = 12, seed: int = 0) -> None:
    """Write an index of about ``actions`` actions spread over ``networks`` regions."""
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    per_network = max(1, actions // networks)
    for peer_id, region in enumerate(regions()[:networks], start=1):
        directory = generate_directory(actions=per_network, seed=seed, region=region)
        batch: list[dict[str, Any]] = []
        with Session(engine) as session:
            session.add(_peer(peer_id, region))
            session.flush()
            for row in rows_of(directory, region, peer_id):
                batch.append(row)
                if len(batch) >= BATCH:
                    _write(session, batch)
                    batch = []
            _write(session, batch)
            session.commit()
    engine.dispose()


def _peer(peer_id: int, region: str) -> Peer:
    base = base_of(region)
    return Peer(
        id=peer_id,
        node_id=node_of(region),
        base_url=base,
        name=f"Réseau régional {region}",
        region=region,
        vocabulary_version="1.0",
        well_known_url=f"{base}/.well-known/rrma-node",
        feed_url=f"{base}/feed",
        dump_url=f"{base}/dump",
        last_success_at=EPOCH + timedelta(days=30),
    )


def _write(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        repository.insert(session, rows)
        derived.changed(session, [], rows)


def _code_version() -> str:
    """Changes when the derived tables' code changes, so a stale cache is rebuilt."""
    root = Path(__file__).resolve().parent.parent / "federation"
    digest = hashlib.sha256(str(head_revision()).encode())
    for package in ("search", "clusters", "reports", "index"):
        for path in sorted((root / package).glob("*.py")):
            digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


def cached_index(actions: int, networks: int = 12, seed: int = 0) -> Path:
    """A SQLite file holding the index (built on first use; copy it before writing to it)."""
    path = CACHE / f"fed-bench-index-{actions}-{networks}-{seed}-{_code_version()}.db"
    if path.exists():
        return path
    # Two benches asking for the same index at once: one builds, the other waits for it.
    with path.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            started = time.perf_counter()
            partial = path.with_suffix(f".{os.getpid()}.partial")
            build_index(partial, actions=actions, networks=networks, seed=seed)
            os.replace(partial, path)
            print(f"built the index in {time.perf_counter() - started:.1f} s: {path}")
    return path


def working_copy(actions: int, networks: int = 12, seed: int = 0) -> Path:
    """A fresh copy of the cached index that a bench may write to."""
    source = cached_index(actions, networks, seed)
    target = Path(tempfile.mkdtemp(prefix="fed-bench-")) / "index.db"
    shutil.copyfile(source, target)
    return target
