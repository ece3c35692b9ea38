"""The feed over HTTP: negotiation, caching of closed and open pages, conditional requests,
the horizon's 410, clean refusals of bad input, and the stream's description."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from sqlmodel import Session

from federation.common.fields import utcnow
from federation.feed.pages import PAGE_SIZE, feed_state, read_page
from federation.feed.repository import raise_horizon
from schemas.namespaces import DCAT, LDES, RDF, RRMA, TREE
from tests.api.helpers import error_of
from tests.conftest import BASE_URL
from tests.feed.conftest import AppendEvents, Seeded, close_a_page
from tests.feed.helpers import split_page

IMMUTABLE = "public, max-age=31536000, immutable"
NQUADS = {"Accept": "application/n-quads"}


def test_closed_pages_are_immutable_and_the_open_page_revalidates(
    client: TestClient, session: Session, append_events: AppendEvents
) -> None:
    closed = close_a_page(session, append_events, extra=1)
    state = feed_state(session)
    page = client.get(f"/feed/{closed}", headers=NQUADS)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("application/n-quads")
    assert page.headers["cache-control"] == IMMUTABLE
    assert page.headers["x-feed-last"] == str(state.last)
    assert page.headers["x-feed-horizon"] == "0"
    _, members = split_page(page.content)
    assert len(members) == len(read_page(session, closed, state).events) > 0

    current = client.get(f"/feed/{closed + 1}", headers=NQUADS)
    assert current.status_code == 200
    assert current.headers["cache-control"] == "no-cache"
    etag = current.headers["etag"]
    assert etag.startswith('"')  # strong
    again = client.get(f"/feed/{closed + 1}", headers={**NQUADS, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["x-feed-last"] == str(state.last)
    assert again.headers["etag"] == etag

    append_events(1)
    changed = client.get(f"/feed/{closed + 1}", headers={**NQUADS, "If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert len(split_page(changed.content)[1]) == 2
    assert client.get(f"/feed/{closed + 2}").status_code == 404


def test_the_empty_page_after_a_full_one_is_open(
    client: TestClient, session: Session, append_events: AppendEvents
) -> None:
    closed = close_a_page(session, append_events, extra=0)
    empty = client.get(f"/feed/{closed + 1}")
    assert empty.status_code == 200
    assert empty.headers["cache-control"] == "no-cache"
    default, members = split_page(empty.content)
    assert members == {}
    assert default
    error_of(client.get(f"/feed/{closed + 2}"), 404, "not_found")


def test_an_empty_feed_has_its_first_page_open(client: TestClient) -> None:
    first = client.get("/feed/0")
    assert first.status_code == 200
    assert first.headers["x-feed-last"] == "0"
    assert client.get("/feed/1").status_code == 404


@pytest.mark.parametrize(
    ("name", "accept", "media"),
    [
        ("0", "application/n-quads", "application/n-quads"),
        ("0", None, "application/n-quads"),
        ("0", "application/trig", "application/trig"),
        ("0", "text/turtle", "text/turtle"),
        ("0", "application/ld+json", "application/ld+json"),
        ("0.nq", "text/html", "application/n-quads"),
        ("0.trig", None, "application/trig"),
        ("0.ttl", None, "text/turtle"),
        ("0.nt", None, "application/n-triples"),
        ("0.jsonld", None, "application/ld+json"),
    ],
)
def test_pages_by_negotiation(
    client: TestClient, seeded: Seeded, name: str, accept: str | None, media: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    page = client.get(f"/feed/{name}", headers=headers)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith(media)
    assert page.headers["vary"] == "Accept"
    fmt = ox.RdfFormat.from_media_type(media)
    assert fmt is not None
    assert list(ox.parse(page.content, format=fmt))
    assert seeded.all


def test_head_gives_the_headers_only(client: TestClient, seeded: Seeded) -> None:
    head = client.head("/feed/0", headers=NQUADS)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == client.get("/feed/0", headers=NQUADS).headers["etag"]
    assert head.headers["x-feed-last"]
    assert client.head("/feed").status_code == 200
    assert seeded.all


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/feed/-1", 400, "invalid_feed_page"),
        ("/feed/abc", 400, "invalid_feed_page"),
        ("/feed/1.5", 400, "invalid_feed_page"),
        ("/feed/99999999999999999999", 400, "invalid_feed_page"),
        ("/feed/0.xyz", 404, "unknown_format"),
        ("/feed/0?since=-1", 422, "validation_error"),
        ("/feed/0?since=abc", 422, "validation_error"),
        ("/feed/0?since=99999999999999999999999", 422, "validation_error"),
        ("/feed/5", 404, "not_found"),
    ],
)
def test_bad_pages_and_cursors_are_refused_cleanly(
    client: TestClient, url: str, status: int, code: str
) -> None:
    error_of(client.get(url), status, code)


def test_pages_answer_406_for_an_unknown_type(client: TestClient) -> None:
    error_of(client.get("/feed/0", headers={"Accept": "image/png"}), 406, "not_acceptable")


def test_a_cursor_below_the_horizon_must_bootstrap_again(
    client: TestClient, session: Session, append_events: AppendEvents
) -> None:
    append_events(4)
    last = feed_state(session).last
    raise_horizon(session, last - 1, utcnow())
    assert client.get(f"/feed/0?since={last - 2}").status_code == 200  # saw all removed
    expired = client.get(f"/feed/0?since={last - 3}")
    error = error_of(expired, 410, "feed_cursor_expired")
    assert f"{BASE_URL}/dump" in error["message"]
    assert f"{BASE_URL}/dump" in error["message_en"]
    assert client.get(f"/feed/0?since={last - 1}").status_code == 200
    assert client.get("/feed/0?since=0").status_code == 200
    assert client.get("/feed/0").headers["x-feed-horizon"] == str(last - 1)


def test_the_stream_is_described_in_rdf_and_json(
    client: TestClient, session: Session, append_events: AppendEvents
) -> None:
    append_events(2)
    state = feed_state(session)
    described = client.get("/feed", headers={"Accept": "text/turtle"})
    assert described.status_code == 200
    assert described.headers["x-feed-last"] == str(state.last)
    graph = Graph().parse(data=described.text, format="turtle")
    feed = URIRef(f"{BASE_URL}/feed")
    assert (feed, RDF.type, LDES.EventStream) in graph
    assert (feed, TREE.view, URIRef(f"{BASE_URL}/feed/0")) in graph
    assert graph.value(feed, RRMA.pageSize) == Literal(PAGE_SIZE)
    assert graph.value(feed, RRMA.lastSequence) == Literal(state.last)
    assert graph.value(feed, RRMA.horizon) == Literal(0)
    assert graph.value(feed, LDES.retentionPolicy) is not None

    for request in (
        client.get("/feed", headers={"Accept": "application/json"}),
        client.get("/feed.json"),
        client.get("/feed?format=json"),
    ):
        assert request.headers["content-type"] == "application/json"
        assert request.json() == {
            "feed": f"{BASE_URL}/feed",
            "first_page": f"{BASE_URL}/feed/0",
            "open_page": f"{BASE_URL}/feed/{state.open_page}",
            "page_size": PAGE_SIZE,
            "last_seq": state.last,
            "horizon": 0,
            "retention_days": 30,
            "dump": f"{BASE_URL}/dump",
        }
    etag = client.get("/feed.json").headers["etag"]
    assert client.get("/feed.json", headers={"If-None-Match": etag}).status_code == 304
    assert (
        client.get("/feed", headers={"Accept": "application/ld+json"})
        .headers["content-type"]
        .startswith("application/ld+json")
    )


def test_the_node_document_and_the_catalogue_name_the_feed(client: TestClient) -> None:
    document = client.get("/.well-known/rrma-federation").json()
    assert document["feed"] == f"{BASE_URL}/feed"
    assert document["feed_page_size"] == PAGE_SIZE
    assert document["inbox"] == f"{BASE_URL}/inbox"
    assert document["region"] == "Bourgogne-Franche-Comté"
    assert document["sparql"] == f"{BASE_URL}/sparql"
    assert client.get(document["feed"].removeprefix(BASE_URL)).status_code == 200
    catalog = Graph().parse(data=client.get("/catalog.ttl").text, format="turtle")
    services = set(catalog.subjects(DCAT.endpointURL, URIRef(f"{BASE_URL}/feed")))
    assert services == {URIRef(f"{BASE_URL}/catalog#feed")}
