"""``federation demo``: the demo federation on one machine, with nothing installed but Python."""

from __future__ import annotations

import signal
import time
from pathlib import Path
from types import FrameType

import click

from federation.cli.context import one_line_errors
from federation.demo.launcher import DemoOptions, describe, running


@click.command(
    help="Start a demo federation: three regional nodes with sample data and a national node "
    "harvesting them, each with its worker and beat (SQLite, embedded broker)."
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--base-port", default=8000, type=int, show_default=True, help="national node; regional +1..+3"
)
@click.option(
    "--actions",
    type=click.IntRange(1, 100_000),
    default=300,
    show_default=True,
    help="per regional node",
)
@click.option(
    "--interval",
    type=click.IntRange(1, 3600),
    default=5,
    show_default=True,
    help="harvest interval (s)",
)
@click.option(
    "--data-dir", type=click.Path(path_type=Path), default=Path("./data/demo"), show_default=True
)
@one_line_errors
def demo(host: str, base_port: int, actions: int, interval: int, data_dir: Path) -> None:
    options = DemoOptions(host, base_port, actions, interval, data_dir)
    # `kill` stops the whole federation like Ctrl-C does, and so does Ctrl-C when a shell
    # started us in the background (which ignores SIGINT for background jobs).
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    with running(options, say=click.echo) as federation:
        click.echo(describe(options))
        try:
            while not federation.dead():
                time.sleep(1)
            click.echo(f"arrêté / stopped: {', '.join(federation.dead())}", err=True)
            raise SystemExit(1)
        except KeyboardInterrupt:
            click.echo("arrêt / stopping ...")


def _interrupt(_signal: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt
