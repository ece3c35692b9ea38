"""``federation feed``: look after the node's change feed."""

from __future__ import annotations

import click

from federation.cli.context import engine, one_line_errors, settings
from federation.db.engine import session_scope
from federation.db.migrate import upgrade
from federation.feed.compaction import compact


@click.group(help="The change feed that peers harvest (docs/federation-protocol.md).")
def feed() -> None:
    pass


@feed.command(
    "compact",
    help="Remove superseded versions and deletions older than FED_FEED_RETENTION_DAYS "
    "(the beat task does it daily).",
)
@one_line_errors
def compact_command() -> None:
    with engine() as built:
        upgrade(built)
        with session_scope(built) as session:
            report = compact(session, settings())
    click.echo(f"feed compacted: {report}")
