"""``federation worker``: a Celery worker of this node, with beat unless told otherwise."""

from __future__ import annotations

import click
from celery.bin.celery import celery as celery_command

from federation.broker import broker_url
from federation.cli.context import one_line_errors, settings
from federation.queue import queue_name

# The worker's Celery app is named, not imported: the node never imports ``workers``.
WORKER_APP = "workers.main"


def worker_arguments(
    *, queue: str, name: str, concurrency: int, beat: bool, loglevel: str
) -> list[str]:
    """The ``celery`` command line of one worker of a node."""
    arguments = [
        "--app", WORKER_APP, "worker",
        "--queues", queue,
        "--hostname", name,
        "--concurrency", str(concurrency),
        "--loglevel", loglevel,
        # Gossip and mingle are chatter between workers that this project does not use.
        "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    if beat:
        # Beat keeps its state in FED_DATA_DIR (beat-NODE_ID), set by the worker's app.
        arguments.append("--beat")
    return arguments


@click.command(
    context_settings={"ignore_unknown_options": True},
    help=(
        "Run a Celery worker for this node: harvests, and with beat (the default) the "
        "schedule. Run exactly one beat per node; add workers with --no-beat to scale out. "
        "Extra options after -- go to 'celery worker'."
    ),
)
@click.option("--no-beat", is_flag=True, help="Do not run beat in this worker.")
@click.option("--concurrency", type=click.IntRange(1, 64), default=2, show_default=True)
@click.option(
    "--name",
    default=None,
    help="Worker name (default: NODE_ID@HOSTNAME); give each extra worker on one host its own.",
)
@click.option(
    "--loglevel",
    type=click.Choice(["debug", "info", "warning", "error"]),
    default="info",
    show_default=True,
)
@click.argument("celery_options", nargs=-1, type=click.UNPROCESSED)
@one_line_errors
def worker(
    no_beat: bool,
    concurrency: int,
    name: str | None,
    loglevel: str,
    celery_options: tuple[str, ...],
) -> None:
    node = settings()
    # Starts the embedded Redis now when there is no FED_REDIS_URL (whose password, if any,
    # is not printed).
    broker = "FED_REDIS_URL" if node.redis_url else f"embedded Redis {broker_url(node)}"
    click.echo(
        f"worker of node {node.node_id} on queue {queue_name(node)} ({broker})"
        f"{'' if no_beat else ', with beat'}",
        err=True,
    )
    arguments = worker_arguments(
        queue=queue_name(node),
        name=name or f"{node.node_id}@%h",
        concurrency=concurrency,
        beat=not no_beat,
        loglevel=loglevel,
    )
    node.data_dir.mkdir(parents=True, exist_ok=True)
    celery_command.main(args=[*arguments, *celery_options], prog_name="federation worker")
