"""Registering peers and answering for them: confirm or reject a held deletion, resume.

Only registered peers are ever fetched; registering reads the peer's node document (within the
harvest limits) and checks that it speaks our vocabulary and names itself by the URL given.

A held peer (a run would have deleted more than ``FED_HARVEST_MAX_DELETE_SHARE`` of its
records) waits for an admin:

- **confirm**: the deletions the peer had announced when it was held are applied by the next
  run (for a bootstrap: the records its dump no longer holds are removed);
- **reject**: nothing is deleted, the peer's records stay in the index as they are, and the
  peer is *suspended*: it is not harvested until an admin resumes it. Resuming harvests from
  where it stopped, so the same deletions are held again unless the peer has put the records
  back; reject is "not now, ask them", confirm is "yes, they meant it".
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from federation.auth.service import hash_token
from federation.common.listing import Page
from federation.errors import Conflict, FederationError, FieldError, NotFound, ValidationFailed
from federation.harvest import repository as harvest_repository
from federation.harvest.client import PeerClient, PeerResponseInvalid
from federation.harvest.schemas import (
    QuarantinedPublic,
    QuarantinePublic,
    RunPublic,
    RunsPublic,
)
from federation.index import service as index_service
from federation.peers import repository
from federation.peers.models import Peer, PeerState
from federation.peers.schemas import NodeDocument, PeerPublic, PeersPublic
from federation.settings import Settings
from schemas.vocabulary import VOCABULARY_VERSION

WELL_KNOWN = "/.well-known/rrma-federation"
INBOX_TOKEN_PREFIX = "fed_inbox_"  # noqa: S105 - a label, not a secret


def _bad_url(url: str, why: str, why_en: str, code: str = "invalid_url") -> ValidationFailed:
    return ValidationFailed([FieldError("url", code, f"{why} : {url[:200]}", f"{why_en}: {url}")])


def normalise_url(url: str) -> str:
    """A base URL as we store and compare it: scheme and host in lower case, no default
    port, no trailing slash, no query, fragment or credentials."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise _bad_url(text, "URL illisible", "unreadable URL") from None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in ("http", "https") or not host or any(c.isspace() for c in text):
        raise _bad_url(text, "une URL http(s) est attendue", "an http(s) URL is expected")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise _bad_url(
            text,
            "l'URL de base ne peut avoir ni requête, ni fragment, ni identifiants",
            "a base URL has no query, fragment or credentials",
        )
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    return f"{scheme}://{host}{parts.path.rstrip('/')}"


def _not_found(ident: object) -> NotFound:
    return NotFound("Pair", ident)


def get(session: Session, ident: str | int) -> Peer:
    """A peer by id, node id or base URL, or 404."""
    peer = (
        repository.get(session, ident)
        if isinstance(ident, int)
        else repository.by_ident(session, ident)
    )
    if peer is None:
        raise _not_found(ident)
    return peer


def read_node_document(client: PeerClient, base_url: str) -> NodeDocument:
    """The peer's node document, checked: it names itself by ``base_url``, speaks our
    vocabulary's major version, and every URL it gives is under its base URL."""
    url = f"{base_url}{WELL_KNOWN}"
    raw = client.get_json(url)
    try:
        document = NodeDocument.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise PeerResponseInvalid(
            url,
            f"document de nœud invalide ({where})",
            f"invalid node document ({where}: {first['msg']})",
        ) from None
    stated = normalise_url(document.base_url)
    if stated != base_url:
        raise ValidationFailed(
            [
                FieldError(
                    "url",
                    "base_url_mismatch",
                    f"le nœud déclare l'URL de base {stated[:200]}, pas {base_url}",
                    f"the node states its base URL is {stated}, not {base_url}",
                )
            ]
        )
    ours, theirs = VOCABULARY_VERSION().split(".")[0], document.vocabulary.version.split(".")[0]
    if ours != theirs:
        raise ValidationFailed(
            [
                FieldError(
                    "url",
                    "vocabulary_mismatch",
                    f"vocabulaire {document.vocabulary.version[:40]} incompatible avec le nôtre "
                    f"({VOCABULARY_VERSION()})",
                    f"vocabulary {document.vocabulary.version} does not match ours "
                    f"({VOCABULARY_VERSION()}): the major versions differ",
                )
            ]
        )
    for name in ("dump", "dump_state", "feed"):
        value = getattr(document, name)
        if not value.startswith(f"{base_url}/"):
            raise PeerResponseInvalid(
                url,
                f"l'URL {name} n'est pas sous l'URL de base du pair",
                f"the {name} URL {value[:200]} is not under the peer's base URL",
            )
    return document


def apply_document(peer: Peer, document: NodeDocument) -> None:
    """Take the URLs and names the node document gives (checked by read_node_document)."""
    peer.name = document.network
    peer.region = document.region
    peer.vocabulary_version = document.vocabulary.version
    peer.dump_url = document.dump
    peer.dump_state_url = document.dump_state
    peer.feed_url = document.feed
    peer.feed_page_size = document.feed_page_size


def register(
    session: Session,
    client: PeerClient,
    settings: Settings,
    base_url: str,
    interval: int | None = None,
) -> tuple[Peer, str]:
    """Register a peer by its base URL; returns it with its inbox token (shown once, kept
    hashed). Flushes only."""
    url = normalise_url(base_url)
    if url == normalise_url(settings.base_url):
        raise _bad_url(url, "c'est l'URL de ce nœud", "this is this node's own URL", "own_node")
    if repository.clashing(session, base_url=url) is not None:
        raise _duplicate(url)
    document = read_node_document(client, url)
    if repository.clashing(session, base_url=url, node_id=document.node) is not None:
        raise _duplicate(url, document.node)
    token = INBOX_TOKEN_PREFIX + secrets.token_urlsafe(32)
    peer = Peer(
        node_id=document.node,
        base_url=url,
        name=document.network,
        vocabulary_version=document.vocabulary.version,
        well_known_url=f"{url}{WELL_KNOWN}",
        dump_url=document.dump,
        interval_seconds=interval or settings.harvest_interval_seconds,
        inbox_token_hash=hash_token(token),
    )
    apply_document(peer, document)
    try:
        with session.begin_nested():  # a concurrent registration of the same peer
            repository.add(session, peer)
    except IntegrityError:
        raise _duplicate(url, document.node) from None
    return peer, token


def _duplicate(url: str, node_id: str | None = None) -> Conflict:
    what = f"{url} ({node_id})" if node_id else url
    return Conflict(
        [
            FieldError(
                "url", "duplicate", f"pair déjà enregistré : {what}", f"already a peer: {what}"
            )
        ]
    )


def public(session: Session, peer: Peer) -> PeerPublic:
    """What the API and the CLI show of a peer."""
    assert peer.id is not None
    return PeerPublic(
        id=peer.id,
        node_id=peer.node_id,
        name=peer.name,
        region=peer.region,
        base_url=peer.base_url,
        state=peer.state,
        stale=peer.state is PeerState.UNAVAILABLE,
        interval_seconds=peer.interval_seconds,
        cursor=peer.cursor,
        feed_last=peer.feed_last,
        lag=max(peer.feed_last - peer.cursor, 0),
        bootstrapping=peer.bootstrap_run is not None,
        records=index_service.count_for_peer(session, peer.id),
        failures=peer.failures,
        last_error=peer.last_error,
        last_attempt_at=peer.last_attempt_at,
        last_success_at=peer.last_success_at,
        added_at=peer.added_at,
    )


def list_peers(session: Session) -> PeersPublic:
    peers = [public(session, peer) for peer in repository.all_peers(session)]
    return PeersPublic(data=peers, count=len(peers))


def remove(session: Session, ident: str | int) -> Peer:
    """Forget a peer: its records leave the index, its runs and quarantine go with it."""
    peer = get(session, ident)
    assert peer.id is not None
    # No run has id 0: "the rows run 0 did not see" are all of the peer's rows.
    index_service.remove_unseen(session, peer_id=peer.id, run_id=0)
    repository.remove(session, peer)
    session.flush()
    return peer


def _wrong_state(peer: Peer, action: str, action_en: str) -> FederationError:
    return FederationError(
        message=f"Le pair {peer.node_id} est « {peer.state.value} » : impossible de {action}.",
        message_en=f"Peer {peer.node_id} is {peer.state.value}: cannot {action_en}.",
        status_code=409,
        code="peer_state",
    )


def confirm_deletions(session: Session, ident: str | int) -> Peer:
    """An admin confirms the held deletions: the next run applies them (flushes)."""
    peer = get(session, ident)
    if peer.state is not PeerState.HELD:
        raise _wrong_state(peer, "confirmer des suppressions", "confirm deletions")
    # A held bootstrap deletes what its dump lacked; a held feed walk, up to what the peer's
    # feed held when it was stopped.
    peer.deletions_confirmed_to = -1 if peer.bootstrap_run is not None else peer.feed_last
    peer.state = PeerState.ACTIVE
    peer.last_error = None
    session.flush()
    return peer


def reject_deletions(session: Session, ident: str | int) -> Peer:
    """An admin rejects the held deletions: the records stay and the peer is suspended until
    resumed (flushes)."""
    peer = get(session, ident)
    if peer.state is not PeerState.HELD:
        raise _wrong_state(peer, "refuser des suppressions", "reject deletions")
    peer.deletions_confirmed_to = None
    peer.state = PeerState.SUSPENDED
    peer.last_error = "mass deletion rejected by an admin; resume to harvest again"
    session.flush()
    return peer


def resume(session: Session, ident: str | int) -> Peer:
    """Harvest a suspended or unavailable peer again, from where it stopped (flushes)."""
    peer = get(session, ident)
    if peer.state is PeerState.HELD:
        raise _wrong_state(peer, "reprendre sans confirmer ou refuser", "resume: confirm or reject")
    peer.state = PeerState.ACTIVE
    peer.failures = 0
    peer.invalid_streak = 0
    session.flush()
    return peer


def peer_for_inbox_token(session: Session, token: str | None) -> Peer | None:
    """The peer whose inbox token this is (stored hashed, as API tokens are)."""
    if not token:
        return None
    return repository.by_inbox_hash(session, hash_token(token))


def runs(session: Session, ident: str | int, page: Page) -> RunsPublic:
    """A peer's harvest runs, the latest first."""
    peer = get(session, ident)
    assert peer.id is not None
    found, total = harvest_repository.runs_of(session, peer.id, page)
    return RunsPublic(data=[RunPublic.of(run) for run in found], count=total)


def quarantine(session: Session, ident: str | int, page: Page) -> QuarantinePublic:
    """A peer's quarantined members with their reasons, the latest first."""
    peer = get(session, ident)
    assert peer.id is not None
    found, total = harvest_repository.quarantine_of(session, peer.id, page)
    return QuarantinePublic(data=[QuarantinedPublic.of(row) for row in found], count=total)
