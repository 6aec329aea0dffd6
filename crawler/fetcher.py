"""One HTTP fetch: guarded redirects, size caps, timeouts -> a FetchResult.

Redirects are followed here rather than by httpx so that every hop passes the
address guard and the site-host rule before any byte is sent to it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from crawler.addresses import AddressGuard, HostResolutionError
from crawler.connect import guarded_transport
from crawler.constants import (
    ACCEPT_HEADER,
    ACCEPT_LANGUAGE,
    CONNECT_TIMEOUT_S,
    DEFAULT_PORTS,
    HTTP_NOT_MODIFIED,
    REDIRECT_STATUSES,
    RETRYABLE_STATUSES,
    STREAM_CHUNK_BYTES,
)
from crawler.decoding import CappedBody, accept_encoding
from crawler.errors import (
    BlockedAddressError,
    BodyTooLargeError,
    ConnectionFailedError,
    CrawlError,
    FetchFailedError,
    FetchTimeoutError,
    RedirectError,
)
from crawler.models import CrawlSettings, FetchResult, Role
from crawler.politeness import parse_retry_after
from crawler.urls import canonicalize, host_of

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FetchRequest:
    site_id: str
    url: str  # canonical
    role: Role
    depth: int = 0
    discovered_from: str | None = None
    hinted_published: datetime | None = None
    validators: tuple[str | None, str | None] | None = None  # (etag, last_modified)
    max_bytes: int | None = None  # None: CrawlSettings.max_body_bytes


@dataclass(frozen=True, slots=True)
class Attempt:
    """A FetchResult plus what the retry policy needs to know about it."""

    result: FetchResult
    reason: str | None = None  # short failure kind for statistics; None when not a failure
    transient: bool = False  # asking again later may succeed
    retry_after_s: float | None = None  # the server's Retry-After, when given


def make_client(
    settings: CrawlSettings, transport: httpx.AsyncBaseTransport | None, guard: AddressGuard
) -> httpx.AsyncClient:
    """The shared client. trust_env=False: a proxy from the environment would bypass the guard;
    the default transport connects only to addresses the guard allows."""
    timeout = httpx.Timeout(settings.timeout_s, connect=min(CONNECT_TIMEOUT_S, settings.timeout_s))
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": ACCEPT_HEADER,
        "Accept-Language": ACCEPT_LANGUAGE,
        "Accept-Encoding": accept_encoding(),
    }
    return httpx.AsyncClient(
        transport=transport or guarded_transport(guard),
        headers=headers,
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
    )


class Fetcher:
    def __init__(
        self, client: httpx.AsyncClient, settings: CrawlSettings, guard: AddressGuard
    ) -> None:
        self._client = client
        self._settings = settings
        self._guard = guard

    async def fetch(self, request: FetchRequest, site_hosts: Collection[str]) -> Attempt:
        """Fetch `request.url`, following redirects within `site_hosts`; never raises."""
        hops = _Hops(request.url)
        try:
            return await asyncio.wait_for(
                self._fetch_hops(request, site_hosts, hops), self._settings.timeout_s
            )
        except TimeoutError:
            return self._failed(request, hops.current, FetchTimeoutError("timeout"))
        except httpx.TimeoutException:
            return self._failed(request, hops.current, FetchTimeoutError("timeout"))
        except httpx.TransportError as exc:
            error = ConnectionFailedError(f"connection error ({type(exc).__name__}: {exc})")
            return self._failed(request, hops.current, error)
        except CrawlError as exc:
            return self._failed(request, hops.current, exc)
        except Exception as exc:  # a bug or an exotic library error must not end the crawl
            log.exception("unexpected error fetching %s", hops.current)
            error = FetchFailedError(f"internal error ({type(exc).__name__}: {exc})")
            return self._failed(request, hops.current, error)

    async def _fetch_hops(
        self, request: FetchRequest, site_hosts: Collection[str], hops: _Hops
    ) -> Attempt:
        for _ in range(self._settings.max_redirects + 1):
            await self._check_address(hops.current)
            response = await self._client.send(self._build(request, hops.current), stream=True)
            try:
                target = self._redirect_target(response, hops.current)
                if target is None:
                    return await self._complete(request, hops.current, response)
            finally:
                await response.aclose()
            hops.follow(target, site_hosts)
        raise RedirectError(f"more than {self._settings.max_redirects} redirects")

    def _build(self, request: FetchRequest, url: str) -> httpx.Request:
        headers: dict[str, str] = {}
        if request.validators is not None:
            etag, last_modified = request.validators
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
        return self._client.build_request("GET", url, headers=headers)

    async def _check_address(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname
        if host is None:
            raise RedirectError(f"no host in {url}")
        try:
            await self._guard.check(host, parts.port or DEFAULT_PORTS[parts.scheme])
        except HostResolutionError as exc:
            raise ConnectionFailedError(str(exc)) from None

    @staticmethod
    def _redirect_target(response: httpx.Response, url: str) -> str | None:
        if response.status_code not in REDIRECT_STATUSES:
            return None
        location = response.headers.get("location")
        if not location:
            return None  # a redirect without a target is just a response
        target = canonicalize(location, base=url)
        if target is None:
            raise RedirectError(f"redirect to a non-http(s) URL: {location[:200]}")
        return target

    async def _complete(self, request: FetchRequest, url: str, response: httpx.Response) -> Attempt:
        status = response.status_code
        body = b""
        if 200 <= status < 300:
            body = await self._read_body(
                response, request.max_bytes or self._settings.max_body_bytes
            )
        result = self._result(request, url, status, response, body)
        if 200 <= status < 300 or status == HTTP_NOT_MODIFIED:
            return Attempt(result)
        if request.role == "robots" and 400 <= status < 500:
            return Attempt(result)  # RFC 9309: no robots.txt (4xx) means no rules, not a failure
        reason = f"HTTP {status}"
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        failed = replace(result, error=reason)
        return Attempt(failed, reason, status in RETRYABLE_STATUSES, retry_after)

    async def _read_body(self, response: httpx.Response, limit: int) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise BodyTooLargeError(f"body exceeds {limit} bytes (Content-Length {declared})")
        body = CappedBody(response.headers.get("content-encoding"), limit)
        async for chunk in response.aiter_raw(STREAM_CHUNK_BYTES):
            body.feed(chunk)
        return body.finish()

    def _result(
        self,
        request: FetchRequest,
        url: str,
        status: int,
        response: httpx.Response,
        body: bytes,
    ) -> FetchResult:
        headers = response.headers
        return FetchResult(
            site_id=request.site_id,
            url=request.url,
            final_url=url,
            role=request.role,
            status=status,
            fetched_at=datetime.now(UTC),
            headers=tuple(headers.multi_items()),
            body=body,
            content_type=headers.get("content-type"),
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            depth=request.depth,
            discovered_from=request.discovered_from,
            hinted_published=request.hinted_published,
        )

    @staticmethod
    def _failed(request: FetchRequest, url: str, error: CrawlError) -> Attempt:
        result = FetchResult(
            site_id=request.site_id,
            url=request.url,
            final_url=url,
            role=request.role,
            status=None,
            fetched_at=datetime.now(UTC),
            error=str(error),
            depth=request.depth,
            discovered_from=request.discovered_from,
            hinted_published=request.hinted_published,
        )
        reason, transient = failure_kind(error)
        return Attempt(result, reason, transient)


def failure_kind(error: CrawlError) -> tuple[str, bool]:
    """(short reason, transient) for an error raised while fetching."""
    if isinstance(error, FetchFailedError):
        return error.reason, error.transient
    if isinstance(error, BlockedAddressError):
        return "blocked address", False
    if isinstance(error, BodyTooLargeError):
        return "body too large", False
    return "fetch failed", False


class _Hops:
    """The redirect chain so far: catches loops and hops that leave the site."""

    def __init__(self, url: str) -> None:
        self.current = url
        self._seen = {url}

    def follow(self, target: str, site_hosts: Collection[str]) -> None:
        if target in self._seen:
            raise RedirectError(f"redirect loop ({self.current} -> {target})")
        host = host_of(target)
        if host is None or host not in site_hosts:
            raise RedirectError(f"redirect leaves site hosts (to {host})")
        self._seen.add(target)
        self.current = target
