"""``python -m federation`` is the ``federation`` command."""

from federation.cli.main import cli

cli()
