"""``federation harvest [PEER]``: one harvest now, in the foreground, with its report."""

from __future__ import annotations

import sys

import click

from federation.cli.context import engine, one_line_errors, settings
from federation.db.engine import session_scope
from federation.db.migrate import upgrade
from federation.harvest.client import PeerUnreachable
from federation.harvest.models import RunStatus
from federation.harvest.service import HARVESTABLE
from federation.harvest.service import harvest as harvest_peer
from federation.peers import repository, service


@click.command(help="Harvest a peer now (every active or unavailable peer when none is named).")
@click.argument("peer", required=False)
@one_line_errors
def harvest(peer: str | None) -> None:
    with engine() as built:
        upgrade(built)
        with session_scope(built) as session:
            found = (
                [service.get(session, peer)] if peer else repository.all_peers(session, HARVESTABLE)
            )
            targets = [(p.id, p.node_id) for p in found if p.id is not None]
        if not targets:
            click.echo("no peer to harvest / aucun pair à moissonner")
            return
        failed = False
        for peer_id, node_id in targets:
            try:
                report = harvest_peer(built, settings(), peer_id)
            except PeerUnreachable as error:
                wait = f" (retry after {error.retry_after:g} s)" if error.retry_after else ""
                click.echo(f"{node_id}: failed — {error.message_en}{wait}")
                failed = True
                continue
            click.echo(report.line())
            failed = failed or report.status is RunStatus.FAILED
    if failed:
        sys.exit(1)
