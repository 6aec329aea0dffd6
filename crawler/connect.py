"""Connections only to vetted addresses.

The fetcher checks a host's addresses before each request, but the HTTP client
would resolve the name again when it connects, and a hostile DNS server can
answer differently the second time (DNS rebinding). This network backend
resolves once, checks every address with the guard, and connects to the very
address it checked; TLS still verifies the certificate against the host name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from crawler.addresses import AddressGuard, resolve
from crawler.errors import BlockedAddressError, CrawlError


class GuardedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, guard: AddressGuard, inner: httpcore.AsyncNetworkBackend | None = None):
        self._guard = guard
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await resolve(host, port)
        for address in addresses:
            reason = self._guard.refusal(address)
            if reason is not None:
                raise BlockedAddressError(reason)
        return await self._inner.connect_tcp(
            str(addresses[0]), port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise BlockedAddressError("unix sockets are never crawled")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def guarded_transport(guard: AddressGuard) -> httpx.AsyncHTTPTransport:
    """httpx's own transport (request mapping, errors, keep-alive) over the guarded backend.

    httpx takes no network backend argument, so it is set on the transport's
    connection pool; `tests/crawler/test_crawl_addresses.py` fails if a new httpx
    or httpcore moves it.
    """
    transport = httpx.AsyncHTTPTransport(trust_env=False)
    pool = getattr(transport, "_pool", None)
    if pool is None or not hasattr(pool, "_network_backend"):
        raise CrawlError(
            "this httpx/httpcore version hides its network backend, so the address guard "
            "cannot check connections: install httpx 0.28 (see pyproject.toml)"
        )
    pool._network_backend = GuardedBackend(guard)
    return transport
