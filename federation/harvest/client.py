"""Fetching from a registered peer within limits: bytes per response (streamed, cut beyond),
time per request and per run, redirects only to the same origin; failures as typed errors."""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from federation import __version__
from federation.errors import FederationError
from federation.settings import Settings

MAX_REDIRECTS = 3
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_RETRY_AFTER = 86_400.0  # a peer cannot ask us to wait more than a day


class PeerUnreachable(FederationError):
    """The peer cannot be reached or is failing for now (network, timeout, 429, 5xx): retry
    later, after ``retry_after`` seconds when the peer said so."""

    def __init__(
        self, url: str, reason: str, reason_en: str, *, retry_after: float | None = None
    ) -> None:
        super().__init__(
            message=f"Pair injoignable ({url}) : {reason}",
            message_en=f"Peer unreachable ({url}): {reason_en}",
            status_code=502,
            code="peer_unreachable",
        )
        self.url = url
        self.retry_after = retry_after


class PeerResponseInvalid(FederationError):
    """The peer answered, but not something we accept (4xx, wrong type, too large, redirect
    elsewhere): retrying soon would get the same answer."""

    def __init__(self, url: str, reason: str, reason_en: str) -> None:
        super().__init__(
            message=f"Réponse du pair refusée ({url}) : {reason}",
            message_en=f"Peer response refused ({url}): {reason_en}",
            status_code=502,
            code="peer_response_invalid",
        )
        self.url = url


class ResponseTooLarge(PeerResponseInvalid):
    """The body went past ``FED_HARVEST_MAX_RESPONSE_BYTES``; reading stopped there."""

    def __init__(self, url: str, limit: int) -> None:
        super().__init__(
            url,
            f"réponse de plus de {limit} octets",
            f"response larger than {limit} bytes",
        )
        self.limit = limit


@dataclass
class Opened:
    """A response whose status was accepted; ``chunks`` reads the body within the limits."""

    url: str  # after redirects
    status: int
    headers: httpx.Headers
    chunks: Iterator[bytes]


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host, url.port or default


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds (it may be a number or an HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return max(0.0, min(seconds, MAX_RETRY_AFTER))


def media_type(headers: httpx.Headers) -> str:
    value: str = headers.get("content-type", "")
    return value.split(";", maxsplit=1)[0].strip().lower()


class PeerClient:
    """The HTTP client of one harvester: every request within the limits, and counted."""

    def __init__(self, settings: Settings, *, transport: httpx.BaseTransport | None = None):
        self.max_bytes = settings.harvest_max_response_bytes
        self.timeout = settings.harvest_timeout_seconds
        self.deadline: float | None = None  # time.monotonic() value; set per run
        self.requests = 0
        self.bytes = 0
        self._http = httpx.Client(
            transport=transport,
            follow_redirects=False,
            timeout=self.timeout,
            headers={"User-Agent": f"rrma-federation/{__version__} (harvester)"},
        )

    def __enter__(self) -> PeerClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def start_run(self, seconds: float) -> None:
        """From now on, no request may go on past ``seconds`` from now."""
        self.deadline = time.monotonic() + seconds

    def get(
        self,
        url: str,
        *,
        accept: str,
        media_types: tuple[str, ...] = (),
        statuses: tuple[int, ...] = (200,),
        etag: str | None = None,
        params: dict[str, str] | None = None,
    ) -> Fetched:
        """GET a whole body: at most the byte limit, and within the timeout end to end (a peer
        sending one byte at a time does not hold us longer)."""
        started = time.monotonic()
        with self.open(
            url,
            accept=accept,
            media_types=media_types,
            statuses=statuses,
            etag=etag,
            params=params,
        ) as opened:
            parts = []
            for chunk in opened.chunks:
                parts.append(chunk)
                if time.monotonic() - started > self.timeout:
                    raise PeerUnreachable(
                        opened.url,
                        f"réponse trop lente (plus de {self.timeout:g} s)",
                        f"response too slow (over {self.timeout:g} s)",
                    )
            return Fetched(opened.url, opened.status, opened.headers, b"".join(parts))

    def get_json(self, url: str) -> object:
        """A JSON document (the node document), within the limits."""
        fetched = self.get(url, accept="application/json", media_types=("application/json",))
        try:
            return json.loads(fetched.body)
        except ValueError as error:
            raise PeerResponseInvalid(url, "JSON illisible", f"unreadable JSON: {error}") from None

    @contextmanager
    def open(
        self,
        url: str,
        *,
        accept: str,
        media_types: tuple[str, ...] = (),
        statuses: tuple[int, ...] = (200,),
        etag: str | None = None,
        params: dict[str, str] | None = None,
    ) -> Iterator[Opened]:
        """A streamed GET: redirects followed only to the same origin (at most three), the
        status checked, then the body read chunk by chunk within the limits."""
        start = httpx.URL(url, params=params)
        current = start
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        for _hop in range(MAX_REDIRECTS + 1):
            response = self._send(current, headers)
            if response.status_code not in REDIRECT_STATUSES:
                break
            location = response.headers.get("location", "")
            response.close()
            try:
                target = current.join(location)
            except httpx.InvalidURL:
                target = None
            if target is None or not location or origin(target) != origin(start):
                raise PeerResponseInvalid(
                    str(current),
                    f"redirection refusée vers {location[:200]!r} (autre hôte)",
                    f"redirect refused to {location[:200]!r} (another host)",
                )
            current = target
        else:
            response.close()
            raise PeerResponseInvalid(
                url, f"plus de {MAX_REDIRECTS} redirections", f"more than {MAX_REDIRECTS} redirects"
            )
        try:
            self._check(response, str(current), statuses, media_types)
            yield Opened(str(current), response.status_code, response.headers, self._body(response))
        finally:
            self.bytes += response.num_bytes_downloaded
            response.close()

    def _remaining(self, url: httpx.URL) -> float:
        if self.deadline is None:
            return self.timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise PeerUnreachable(
                str(url), "temps alloué à la collecte dépassé", "the run's deadline has passed"
            )
        return min(self.timeout, left)

    def _send(self, url: httpx.URL, headers: dict[str, str]) -> httpx.Response:
        timeout = self._remaining(url)
        request = self._http.build_request("GET", url, headers=headers, timeout=timeout)
        self.requests += 1
        try:
            return self._http.send(request, stream=True)
        except httpx.TimeoutException:
            raise PeerUnreachable(
                str(url), f"délai dépassé ({timeout:g} s)", f"timed out ({timeout:g} s)"
            ) from None
        except httpx.HTTPError as error:
            raise PeerUnreachable(
                str(url), f"erreur réseau : {type(error).__name__}", f"network error: {error!r}"
            ) from None

    def _check(
        self,
        response: httpx.Response,
        url: str,
        statuses: tuple[int, ...],
        media_types: tuple[str, ...],
    ) -> None:
        status = response.status_code
        if status == 429 or status >= 500:
            raise PeerUnreachable(
                url,
                f"le pair répond HTTP {status}",
                f"the peer answers HTTP {status}",
                retry_after=retry_after_seconds(response.headers.get("retry-after")),
            )
        if status not in statuses:
            raise PeerResponseInvalid(
                url, f"réponse HTTP {status} inattendue", f"unexpected HTTP {status}"
            )
        if status == 200 and media_types and media_type(response.headers) not in media_types:
            found = media_type(response.headers)[:100] or "none"
            raise PeerResponseInvalid(
                url,
                f"type de contenu {found!r} au lieu de {', '.join(media_types)}",
                f"content type {found!r} instead of {', '.join(media_types)}",
            )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise ResponseTooLarge(url, self.max_bytes)

    def _body(self, response: httpx.Response) -> Iterator[bytes]:
        url = str(response.url)
        read = 0
        try:
            for chunk in response.iter_bytes():
                read += len(chunk)
                if read > self.max_bytes:
                    raise ResponseTooLarge(url, self.max_bytes)
                if self.deadline is not None and time.monotonic() > self.deadline:
                    raise PeerUnreachable(
                        url, "temps alloué à la collecte dépassé", "the run's deadline has passed"
                    )
                yield chunk
        except httpx.TimeoutException:
            raise PeerUnreachable(url, "délai de lecture dépassé", "read timed out") from None
        except httpx.DecodingError as error:
            raise PeerResponseInvalid(
                url, "contenu compressé illisible", f"undecodable body: {error}"
            ) from None
        except httpx.HTTPError as error:
            raise PeerUnreachable(
                url, f"erreur réseau : {type(error).__name__}", f"network error: {error!r}"
            ) from None
