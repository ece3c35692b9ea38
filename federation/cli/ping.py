"""``federation ping``: tell a peer that this node changed, so that it harvests us early."""

from __future__ import annotations

import click
import httpx

from federation.cli.context import fail, one_line_errors

PING_TIMEOUT_SECONDS = 10.0


def inbox_url(url: str) -> str:
    """The inbox of a node, given its base URL or its inbox URL."""
    url = url.rstrip("/")
    return url if url.endswith("/inbox") else f"{url}/inbox"


@click.command(help="Ping a peer's inbox (URL: its base URL) so that it harvests this node soon.")
@click.argument("url")
@click.option(
    "--token",
    envvar="FED_PING_TOKEN",
    required=True,
    help="The inbox token the peer issued to this node (or FED_PING_TOKEN).",
)
@one_line_errors
def ping(url: str, token: str) -> None:
    target = inbox_url(url)
    if not target.startswith(("http://", "https://")):
        fail(f"not an http(s) URL: {url}")
    try:
        response = httpx.post(
            target,
            headers={"Authorization": f"Bearer {token}"},
            json={},
            timeout=PING_TIMEOUT_SECONDS,
        )
    except httpx.HTTPError as error:
        fail(f"{target} unreachable: {error}")
        return
    if response.status_code == 401:
        fail(f"{target} refused the token (401) / jeton refusé")
    elif response.status_code != 202:
        fail(f"{target} answered {response.status_code}: {response.text[:200]}")
    elif response.json().get("scheduled"):
        click.echo(f"{target}: harvest scheduled / moissonnage programmé")
    else:
        click.echo(f"{target}: a harvest was already scheduled / déjà programmé")
