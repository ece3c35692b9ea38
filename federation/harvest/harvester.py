"""One harvest of one peer: the lifecycle (bootstrap or walk the feed, read, check, apply,
quarantine, advance) with one place, ``commit_page``, where a page's members are judged.

A run that only walks the feed does not read the node document again (it was read when the
peer was registered, and is read at every bootstrap): when nothing changed, the run costs one
conditional request for the open page.

Every page of the feed and every batch of the dump is one transaction: the valid members are
applied to the index, the invalid ones quarantined, the cursor (or the dump position)
advanced, the run's counts updated, then committed. A crash resumes at the last commit, and a
member is applied only when its version is newer, so nothing is lost or applied twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session

from federation.common.fields import utcnow
from federation.errors import ValidationFailed
from federation.feed.models import Activity
from federation.harvest import quarantine, repository, safety
from federation.harvest.batches import batches
from federation.harvest.client import PeerClient, PeerResponseInvalid, ResponseTooLarge
from federation.harvest.models import HarvestRun, RunMode, RunStatus
from federation.index import checks, reader
from federation.index import service as index_service
from federation.peers.models import Peer, PeerState
from federation.peers.service import apply_document, read_node_document
from federation.settings import Settings

NQUADS = "application/n-quads"
NTRIPLES = "application/n-triples"


CONFLICT = quarantine.reason(
    "conflict",
    "Cette fiche est déjà dans l'index, publiée par une autre source.",
    "This record is already in the index, published by another source.",
)


class CursorExpired(Exception):
    """The feed no longer reaches back to our cursor (compacted, or reset): bootstrap."""


class MemberStatus(StrEnum):
    VALID = "valid"
    INVALID = "invalid"


@dataclass
class Judged:
    member: reader.Member
    status: MemberStatus
    reasons: list[dict[str, object]]


class DumpState(BaseModel):
    feed_seq: int = Field(ge=0, le=2**62)


class Harvester:
    """Harvests one peer within one run; the caller owns the run row and its outcome."""

    def __init__(
        self,
        session: Session,
        settings: Settings,
        client: PeerClient,
        peer: Peer,
        run: HarvestRun,
        *,
        on_page: Callable[[], object] | None = None,
    ) -> None:
        self.session = session
        self.settings = settings
        self.client = client
        self.peer = peer
        self.run = run
        self.on_page = on_page
        self.limits = reader.ReadLimits(
            max_triples_per_member=settings.harvest_max_triples_per_member,
            max_literal_chars=settings.harvest_max_literal_chars,
        )
        self.seen = 0  # members judged in this run
        self.deletes = 0  # deletions applied in this run (for the mass-deletion hold)
        self.records = 0  # the peer's records in the index when the feed walk started
        self.quarantined = 0
        self.stopped = False  # held or suspended
        self.requests_before = client.requests
        self.bytes_before = client.bytes

    @property
    def peer_id(self) -> int:
        assert self.peer.id is not None
        return self.peer.id

    @property
    def run_id(self) -> int:
        assert self.run.id is not None
        return self.run.id

    # -- lifecycle -----------------------------------------------------------------------

    def harvest(self) -> None:
        """Bootstrap when the peer was never harvested (or a bootstrap is under way), then walk
        the feed; a feed that no longer reaches our cursor sends us back to the dump, once."""
        bootstrapped = False
        if self.peer.bootstrap_run is not None or (
            self.peer.cursor == 0 and self.peer.last_success_at is None
        ):
            self.bootstrap()
            bootstrapped = True
        while not self.stopped:
            try:
                self.walk()
                return
            except CursorExpired:
                if bootstrapped:
                    raise PeerResponseInvalid(
                        self.peer.feed_url or self.peer.base_url,
                        "le flux ne rejoint pas la position donnée par /dump/state",
                        "the feed does not reach the position /dump/state gave",
                    ) from None
                self.bootstrap()
                bootstrapped = True

    def bootstrap(self) -> None:
        """Read the whole dump (resuming after the last record applied), then delete the
        peer's rows the dump no longer holds, unless that is a mass deletion."""
        peer = self.peer
        self.run.mode = RunMode.BOOTSTRAP
        if peer.bootstrap_run is None:
            try:
                apply_document(peer, read_node_document(self.client, peer.base_url))
            except ValidationFailed as error:  # it no longer names itself so, or speaks another
                raise PeerResponseInvalid(  # vocabulary: the peer's doing, like a bad answer
                    peer.well_known_url, error.errors[0].message, error.errors[0].message_en
                ) from None
            state_url = peer.dump_state_url or f"{peer.base_url}/dump/state"
            raw = self.client.get_json(state_url)
            try:
                state = DumpState.model_validate(raw)
            except ValidationError:
                raise PeerResponseInvalid(
                    state_url, "feed_seq absent ou invalide", "feed_seq missing or invalid"
                ) from None
            peer.bootstrap_seq = state.feed_seq
            peer.bootstrap_after = None
            peer.bootstrap_run = self.run_id
            peer.last_page_etag = None
            self._commit()
        while True:
            progressed = False
            after = peer.bootstrap_after
            try:
                with self.client.open(
                    peer.dump_url,
                    accept=NTRIPLES,
                    media_types=(NTRIPLES,),
                    params={"after": after} if after else None,
                ) as opened:
                    for batch in batches(opened.chunks):
                        members = reader.read_records(
                            batch.body, base_url=peer.base_url, limits=self.limits
                        )
                        self.commit_page(members, after=batch.last_iri)
                        progressed = True
                        if self.stopped:
                            return
                break
            except ResponseTooLarge:
                # Each response is bounded; the next one resumes after the last record applied.
                if not progressed:
                    raise
        self._finish_bootstrap()

    def _finish_bootstrap(self) -> None:
        peer = self.peer
        assert peer.bootstrap_run is not None
        unseen = index_service.count_unseen(
            self.session, peer_id=self.peer_id, run_id=peer.bootstrap_run
        )
        total = index_service.count_for_peer(self.session, self.peer_id)
        confirmed = peer.deletions_confirmed_to == -1
        if (
            unseen
            and not confirmed
            and safety.deletes_too_many(self.settings, deletes=unseen, records=total)
        ):
            self._hold(unseen, total)
            return
        if unseen:
            self.run.deleted += index_service.remove_unseen(
                self.session, peer_id=self.peer_id, run_id=peer.bootstrap_run
            )
        peer.cursor = peer.bootstrap_seq or 0
        peer.feed_last = max(peer.feed_last, peer.cursor)
        peer.bootstrap_seq = peer.bootstrap_after = peer.bootstrap_run = None
        if confirmed:
            peer.deletions_confirmed_to = None
        self.run.cursor_to = peer.cursor
        self._commit()

    def walk(self) -> None:
        """Walk the feed from the page holding ``cursor + 1`` to the open page."""
        peer = self.peer
        if peer.feed_url is None:
            raise PeerResponseInvalid(peer.base_url, "pas de flux annoncé", "no feed announced")
        size = peer.feed_page_size
        self.records = index_service.count_for_peer(self.session, self.peer_id)
        number = peer.cursor // size
        first = True
        while not self.stopped:
            url = f"{peer.feed_url}/{number}"
            fetched = self.client.get(
                url,
                accept=NQUADS,
                media_types=(NQUADS,),
                statuses=(200, 304, 404, 410),
                etag=peer.last_page_etag if first else None,
            )
            if fetched.status == 304:
                if self.run.mode is RunMode.INCREMENTAL and first:
                    self.run.mode = RunMode.UNCHANGED
                return
            if fetched.status == 410 or (fetched.status == 404 and first):
                raise CursorExpired  # compacted past us, or the peer's feed went back
            if fetched.status == 404:
                return
            last = _header_int(fetched.headers.get("x-feed-last"), url, "X-Feed-Last")
            horizon = _header_int(fetched.headers.get("x-feed-horizon", "0"), url, "X-Feed-Horizon")
            # Compaction removed events up to horizon - 1: a cursor there has seen them all
            # (the feed's pages tell the horizon; ``?since=`` is not needed).
            if 0 < peer.cursor < horizon - 1:
                raise CursorExpired
            peer.feed_last = last
            closed = last >= (number + 1) * size
            page = reader.read_page(fetched.body, base_url=peer.base_url, limits=self.limits)
            low, high = number * size, (number + 1) * size
            members = [m for m in page.members if m.seq is None or m.seq > peer.cursor]
            # A page never shows an event past the X-Feed-Last it is sent with: the open page
            # brings us up to that.
            seq_to = high if closed else max(peer.cursor, min(last, high))
            self.commit_page(
                members,
                page_problems=list(page.problems),
                seq_to=seq_to,
                seq_range=(low, high),
                etag=None if closed else fetched.headers.get("etag"),
                excerpt=fetched.body,
            )
            if self.run.mode is not RunMode.BOOTSTRAP and (members or page.problems):
                self.run.mode = RunMode.INCREMENTAL
            if not closed:
                return
            number += 1
            first = False

    # -- one page ------------------------------------------------------------------------

    def judge(
        self, members: Sequence[reader.Member], seq_range: tuple[int, int] | None
    ) -> list[Judged]:
        """Each member valid or invalid with its reasons: what the reader found, then the
        checks (shapes, code lists, identifiers, authority)."""
        judged = []
        for member in members:
            reasons = quarantine.reasons_of(member.problems)
            if (
                seq_range is not None
                and member.seq is not None
                and not seq_range[0] < member.seq <= seq_range[1]
            ):
                reasons.append(
                    quarantine.reason(
                        "seq_out_of_page",
                        f"numéro de séquence {member.seq} hors de la page",
                        f"sequence number {member.seq} outside the page",
                    )
                )
            if not reasons:
                problems = checks.check(member, base_url=self.peer.base_url, limits=self.limits)
                reasons = quarantine.reasons_of(problems)
            status = MemberStatus.INVALID if reasons else MemberStatus.VALID
            judged.append(Judged(member, status, reasons))
        return judged

    def commit_page(
        self,
        members: Sequence[reader.Member],
        *,
        page_problems: Sequence[reader.Problem] = (),
        seq_to: int | None = None,
        seq_range: tuple[int, int] | None = None,
        after: str | None = None,
        etag: str | None = None,
        excerpt: bytes = b"",
    ) -> None:
        """Judge, apply, quarantine and advance, in one transaction; or stop before a mass
        deletion (the page is not applied) or after a flood of invalid members."""
        peer, run = self.peer, self.run
        judged = self.judge(members, seq_range)
        valid = [j.member for j in judged if j.status is MemberStatus.VALID]
        deletes = [m for m in valid if m.activity == Activity.DELETE]
        confirmed_to = peer.deletions_confirmed_to
        counted = [m for m in deletes if confirmed_to is None or (m.seq or 0) > confirmed_to]
        if counted and safety.deletes_too_many(
            self.settings, deletes=self.deletes + len(counted), records=self.records
        ):
            self._hold(self.deletes + len(counted), self.records)
            return
        now = utcnow()
        counts = index_service.apply(
            self.session,
            valid,
            source=peer.node_id,
            peer_id=self.peer_id,
            fetched_at=now,
            run_id=peer.bootstrap_run or self.run_id,
        )
        rows = [
            quarantine.row(
                peer_id=self.peer_id,
                run_id=self.run_id,
                at=now,
                reasons=j.reasons,
                iri=j.member.iri,
                seq=j.member.seq,
                excerpt=j.member.ntriples,
            )
            for j in judged
            if j.status is MemberStatus.INVALID
        ]
        rows += [
            quarantine.row(
                peer_id=self.peer_id,
                run_id=self.run_id,
                at=now,
                reasons=[CONFLICT],
                iri=member.iri,
                seq=member.seq,
                excerpt=member.ntriples,
            )
            for member in counts.conflicts
        ]
        if page_problems:
            rows.append(
                quarantine.row(
                    peer_id=self.peer_id,
                    run_id=self.run_id,
                    at=now,
                    reasons=quarantine.reasons_of(page_problems),
                    excerpt=excerpt,
                )
            )
        room = max(quarantine.MAX_PER_RUN - self.quarantined, 0)
        repository.quarantine(self.session, rows[:room])
        self.quarantined += min(len(rows), room)
        self.deletes += len(counted)
        self.seen += len(judged) + (1 if page_problems else 0)
        run.added += counts.added
        run.updated += counts.updated
        run.deleted += counts.deleted
        run.unchanged += counts.unchanged
        run.rejected += len(rows)
        if seq_to is not None:
            peer.cursor = max(peer.cursor, seq_to)
            run.cursor_to = peer.cursor
        if after is not None:
            peer.bootstrap_after = after
        if confirmed_to is not None and confirmed_to >= 0 and peer.cursor >= confirmed_to:
            peer.deletions_confirmed_to = None
        peer.last_page_etag = etag
        if safety.is_flood(
            self.settings, rejected=run.rejected, seen=self.seen, streak=peer.invalid_streak
        ):
            peer.state = PeerState.SUSPENDED
            peer.last_error = (
                f"suspended: {run.rejected} of {self.seen} members refused in one run "
                f"(more than {self.settings.harvest_max_invalid_share:.0%})"
            )
            run.status = RunStatus.SUSPENDED
            self.stopped = True
        self._commit()
        if self.on_page is not None:
            self.on_page()

    # -- outcomes ------------------------------------------------------------------------

    def _hold(self, deletes: int, records: int) -> None:
        """Stop before a mass deletion: nothing of it is applied, the peer waits for an admin."""
        self.peer.state = PeerState.HELD
        self.peer.last_error = (
            f"held: this run would delete {deletes} of the peer's {records} records (more than "
            f"{self.settings.harvest_max_delete_share:.0%}); confirm or reject"
        )
        self.run.status = RunStatus.HELD
        self.stopped = True
        self._commit()

    def _commit(self) -> None:
        self.run.requests = self.client.requests - self.requests_before
        self.run.bytes = self.client.bytes - self.bytes_before
        self.session.commit()


def _header_int(value: str | None, url: str, name: str) -> int:
    if value is None or not value.strip().isdigit() or len(value.strip()) > 18:
        raise PeerResponseInvalid(
            url, f"en-tête {name} absent ou invalide", f"header {name} missing or invalid"
        )
    return int(value.strip())
