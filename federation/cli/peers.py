"""``federation peers``: register the nodes this node harvests, and answer for them."""

from __future__ import annotations

import click

from federation.cli.context import engine, one_line_errors, settings
from federation.common.listing import Page
from federation.db.engine import session_scope
from federation.db.migrate import upgrade
from federation.harvest.client import PeerClient
from federation.peers import service
from federation.peers.schemas import MAX_INTERVAL, MIN_INTERVAL, PeerPublic

PEER_HELP = "A peer's id, node id or base URL."


@click.group(help="Peers: the nodes this node harvests (only these are ever fetched).")
def peers() -> None:
    pass


@peers.command("add", help="Register a peer by its base URL; prints its inbox token once.")
@click.argument("url")
@click.option(
    "--interval",
    type=click.IntRange(MIN_INTERVAL, MAX_INTERVAL),
    default=None,
    help="Harvest every … seconds (default FED_HARVEST_INTERVAL_SECONDS).",
)
@one_line_errors
def add(url: str, interval: int | None) -> None:
    with engine() as built:
        upgrade(built)
        with PeerClient(settings()) as client, session_scope(built) as session:
            peer, token = service.register(session, client, settings(), url, interval)
            shown = service.public(session, peer)
    click.echo(
        f"peer {shown.node_id} ({shown.base_url}) registered, harvested every "
        f"{shown.interval_seconds} s",
        err=True,
    )
    click.echo("inbox token for the peer's admin (shown once, on the next line):", err=True)
    click.echo(token)


def _when(peer: PeerPublic) -> str:
    return f"{peer.last_success_at:%Y-%m-%d %H:%M}" if peer.last_success_at else "never"


@peers.command("list", help="Each peer: state, last success, lag, records, last error.")
@one_line_errors
def list_command() -> None:
    with engine() as built, session_scope(built) as session:
        found = service.list_peers(session).data
    if not found:
        click.echo("no peers / aucun pair")
        return
    click.echo(
        f"{'id':>4}  {'node':<24} {'state':<12} {'last success':<16} {'lag':>7} "
        f"{'records':>8}  last error"
    )
    for peer in found:
        state = f"{peer.state.value}{' (stale)' if peer.stale else ''}"
        error = (peer.last_error or "").splitlines()[0][:80] if peer.last_error else ""
        click.echo(
            f"{peer.id:>4}  {peer.node_id:<24} {state:<12} {_when(peer):<16} {peer.lag:>7} "
            f"{peer.records:>8}  {error}"
        )


@peers.command("remove", help="Forget a peer; its records leave the index.")
@click.argument("peer")
@one_line_errors
def remove(peer: str) -> None:
    with engine() as built, session_scope(built) as session:
        gone = service.remove(session, peer)
    click.echo(f"removed peer {gone.node_id} ({gone.base_url})")


@peers.command("confirm", help="Confirm a held mass deletion: the next harvest applies it.")
@click.argument("peer")
@one_line_errors
def confirm(peer: str) -> None:
    with engine() as built, session_scope(built) as session:
        found = service.confirm_deletions(session, peer)
    click.echo(f"{found.node_id}: deletions confirmed; the next harvest applies them")


@peers.command("reject", help="Reject a held mass deletion: records kept, peer suspended.")
@click.argument("peer")
@one_line_errors
def reject(peer: str) -> None:
    with engine() as built, session_scope(built) as session:
        found = service.reject_deletions(session, peer)
    click.echo(f"{found.node_id}: deletions rejected; records kept; suspended until resumed")


@peers.command("resume", help="Harvest a suspended or unavailable peer again.")
@click.argument("peer")
@one_line_errors
def resume(peer: str) -> None:
    with engine() as built, session_scope(built) as session:
        found = service.resume(session, peer)
    click.echo(f"{found.node_id}: {found.state.value}")


@peers.command("runs", help="A peer's harvest runs, the latest first.")
@click.argument("peer")
@click.option("--limit", type=click.IntRange(1, 1_000), default=20, show_default=True)
@one_line_errors
def runs(peer: str, limit: int) -> None:
    with engine() as built, session_scope(built) as session:
        found = service.runs(session, peer, Page(limit=limit))
    for run in found.data:
        click.echo(
            f"{run.id:>6}  {run.started_at:%Y-%m-%d %H:%M:%S}  {run.status.value:<9} "
            f"{run.mode.value:<11} +{run.added} ~{run.updated} -{run.deleted} "
            f"={run.unchanged} !{run.rejected}  {run.requests} req {run.bytes} B "
            f"{run.duration_ms / 1000:.1f} s  feed {run.cursor_from}→{run.cursor_to}"
            f"{'  ' + run.error.splitlines()[0][:120] if run.error else ''}"
        )
    click.echo(f"{len(found.data)} of {found.count} runs")


@peers.command("quarantine", help="A peer's refused members and why, the latest first.")
@click.argument("peer")
@click.option("--limit", type=click.IntRange(1, 1_000), default=20, show_default=True)
@one_line_errors
def quarantine(peer: str, limit: int) -> None:
    with engine() as built, session_scope(built) as session:
        found = service.quarantine(session, peer, Page(limit=limit))
    for row in found.data:
        reasons = "; ".join(f"{r.code}: {r.message_en}" for r in row.reasons)
        click.echo(f"{row.at:%Y-%m-%d %H:%M}  run {row.run_id}  {row.iri or '(page)'}  {reasons}")
    click.echo(f"{len(found.data)} of {found.count} quarantined members")
