"""``federation token``: create, list and revoke API tokens."""

from __future__ import annotations

import click

from federation.auth.models import Role
from federation.auth.service import create_token, list_tokens, revoke_token
from federation.cli.context import engine, one_line_errors
from federation.db.engine import session_scope
from federation.db.migrate import upgrade


@click.group(help="API tokens (stored hashed; the secret is shown once).")
def token() -> None:
    pass


@token.command("create", help="Create a token; its secret is printed alone on the last line.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default="editor")
@click.option("--name", default="cli", show_default=True, help="What the token is for.")
@one_line_errors
def create(role: str, name: str) -> None:
    with engine() as built:
        upgrade(built)
        with session_scope(built) as session:
            issued = create_token(session, role=Role(role), name=name)
    click.echo(f"token {issued.token.prefix}… role={role} name={name}", err=True)
    click.echo(issued.secret)


@token.command("list", help="List tokens (never their secrets).")
@one_line_errors
def list_command() -> None:
    with engine() as built, session_scope(built) as session:
        for item in list_tokens(session):
            state = f"revoked {item.revoked:%Y-%m-%d}" if item.revoked else "active"
            used = f"{item.last_used:%Y-%m-%d %H:%M}" if item.last_used else "never"
            click.echo(
                f"{item.id}  {item.prefix}…  {item.role.value:<6}  {state:<18}  "
                f"last used {used}  {item.name}"
            )


@token.command("revoke", help="Revoke a token by its id or prefix.")
@click.argument("ident")
@one_line_errors
def revoke(ident: str) -> None:
    with engine() as built, session_scope(built) as session:
        item = revoke_token(session, ident)
    click.echo(f"revoked {item.prefix}… ({item.name})")
