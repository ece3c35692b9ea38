"""The ``federation`` command: run a node, import spreadsheets, manage tokens."""

from __future__ import annotations

import json
from pathlib import Path

import click
import uvicorn
from sqlalchemy import Engine
from sqlmodel import Session

from federation.cli.context import engine, one_line_errors, settings
from federation.cli.demo import demo
from federation.cli.feed import feed
from federation.cli.harvest import harvest
from federation.cli.peers import peers
from federation.cli.ping import ping
from federation.cli.tokens import token
from federation.cli.worker import worker
from federation.db.engine import session_scope
from federation.db.migrate import current_revision, head_revision, upgrade
from federation.imports.columns import Kind
from federation.imports.service import ImportReport, import_file
from federation.index import derived
from federation.network.service import ensure_network
from federation.publication.backfill import backfill
from federation.sample.seed import seed as seed_directory


@click.group(help="Un nœud de la fédération des RRMA / a node of the RRMA federation.")
def cli() -> None:
    pass


cli.add_command(token)
cli.add_command(peers)
cli.add_command(harvest)
cli.add_command(feed)
cli.add_command(worker)
cli.add_command(ping)
cli.add_command(demo)


@cli.group(help="Database schema (Alembic migrations).")
def db() -> None:
    pass


@db.command("upgrade", help="Bring the database to the latest schema; data is kept.")
@one_line_errors
def db_upgrade() -> None:
    with engine() as built:
        before = current_revision(built)
        upgrade(built)
        with session_scope(built) as session:
            ensure_network(session, settings())
            backfill(session, settings().base_url)
        rebuilt = _rebuild_derived(built)
        click.echo(f"database at {head_revision()} (was {before or 'empty'})")
        if rebuilt:
            click.echo(f"search, same-actor and report tables built for {rebuilt} index rows")


@cli.group(help="The cross-region index (own and harvested records).")
def index() -> None:
    pass


@index.command(
    "rebuild",
    help="Build the search, same-actor and report tables again from the index rows "
    "(admins' same-actor decisions are kept).",
)
@one_line_errors
def index_rebuild() -> None:
    with engine() as built:
        upgrade(built)
        with session_scope(built) as session:
            count = derived.rebuild(session)
    click.echo(f"search, same-actor and report tables built for {count} index rows")


@db.command("current", help="Print the schema revision of the database.")
@one_line_errors
def db_current() -> None:
    with engine() as built:
        click.echo(current_revision(built) or "empty")


@cli.command(help="Serve the node's API (migrates the database first).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, type=int, show_default=True)
@one_line_errors
def serve(host: str, port: int) -> None:
    _prepare()
    click.echo(f"node {settings().node_id} at http://{host}:{port}/ (API docs: /docs)")
    uvicorn.run("federation.api.main:app", host=host, port=port, log_level="info")


@cli.command("import", help="Import a CSV or XLSX file of actors, actions or groups.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--kind", type=click.Choice([k.value for k in Kind]), help="Kind of a CSV file.")
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--strict", is_flag=True, help="Write nothing if any row is bad.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@one_line_errors
def import_command(
    file: Path, kind: str | None, dry_run: bool, strict: bool, as_json: bool
) -> None:
    _prepare()
    with engine() as built, Session(built) as session:
        report = import_file(
            session,
            file,
            base_url=settings().base_url,
            kind=Kind(kind) if kind else None,
            dry_run=dry_run,
            strict=strict,
        )
        if report.should_write:
            session.commit()
        else:
            session.rollback()
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        _print_report(report)
    if report.errors and (strict or dry_run):
        raise SystemExit(1)


def _print_report(report: ImportReport) -> None:
    for error in report.errors:
        click.echo(
            f"{error.table}:{error.line}: [{error.column}] {error.message} / {error.message_en}"
        )
    for warning in report.warnings:
        click.echo(f"warning: {warning}")
    for kind, counts in report.counts.items():
        click.echo(
            f"{kind}: {counts.created} created, {counts.updated} updated, "
            f"{counts.unchanged} unchanged, {counts.rejected} rejected"
        )
    if report.dry_run:
        click.echo("dry run: nothing written / simulation : rien n'a été écrit")
    elif not report.should_write:
        click.echo("strict: bad rows found, nothing written / rien n'a été écrit")


@cli.command(help="Load generated sample data (a realistic regional directory).")
@click.option("--actions", type=click.IntRange(1, 1_000_000), default=500, show_default=True)
@click.option("--seed", "seed_value", type=int, default=0, show_default=True)
@one_line_errors
def seed(actions: int, seed_value: int) -> None:
    _prepare()
    with engine() as built, session_scope(built) as session:
        report = seed_directory(
            session,
            actions=actions,
            seed=seed_value,
            region=settings().region,
            base_url=settings().base_url,
        )
    _print_report(report)


def _prepare() -> None:
    """Migrate the database, record the network, and bring the stored RDF up to date: a new
    or upgraded node needs no separate step."""
    with engine() as built:
        upgrade(built)
        with session_scope(built) as session:
            ensure_network(session, settings())
            republished = backfill(session, settings().base_url)
        rebuilt = _rebuild_derived(built)
    if republished:
        click.echo(f"published the linked data of {republished} records")
    if rebuilt:
        click.echo(f"search, same-actor and report tables built for {rebuilt} index rows")


def _rebuild_derived(built: Engine) -> int:
    """After a migration that added derived tables to a database with an index: fill them."""
    with session_scope(built) as session:
        return derived.rebuild(session) if derived.missing(session) else 0
