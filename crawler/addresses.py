"""The address guard: never let a page steer the crawler onto internal networks.

Every request and every redirect hop resolves its host first and is refused when
any address it resolves to is private, loopback, link-local, multicast or reserved,
unless the configuration allows that address explicitly.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable

from crawler.errors import BlockedAddressError, CrawlError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressGuard:
    """Decides whether the crawler may connect to a host."""

    def __init__(self, allow_private: bool | tuple[str, ...]) -> None:
        self._allow_all = allow_private is True
        self._allowed: tuple[IPNetwork, ...] = ()
        if isinstance(allow_private, tuple):
            self._allowed = tuple(_parse_network(item) for item in allow_private)

    def refusal(self, address: IPAddress) -> str | None:
        """Why `address` may not be contacted, or None when it may."""
        address = _unmapped(address)
        if self._allow_all or any(address in network for network in self._allowed):
            return None
        if address.is_global and not address.is_multicast:
            return None
        if self._allowed:
            return f"blocked address {address} (not in allow_private_addresses)"
        return (
            f"blocked address {address} (private, loopback, link-local, multicast or reserved; "
            "list it in allow_private_addresses to crawl it)"
        )

    async def check(self, host: str, port: int) -> None:
        """Resolve `host` and raise BlockedAddressError if any of its addresses is refused."""
        for address in await resolve(host, port):
            reason = self.refusal(address)
            if reason is not None:
                raise BlockedAddressError(reason)


async def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses of `host`; the lookup runs in a thread so the event loop never blocks."""
    literal = _literal(host)
    if literal is not None:
        return [literal]
    try:
        infos = await asyncio.to_thread(
            socket.getaddrinfo, host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )
    except (OSError, UnicodeError) as exc:
        raise HostResolutionError(f"cannot resolve host {host!r}: {exc}") from None
    return _unique(ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos)


class HostResolutionError(CrawlError):
    """The host name does not resolve; check the site's URL or the machine's DNS."""


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _unmapped(address: IPAddress) -> IPAddress:
    """::ffff:10.0.0.1 reaches 10.0.0.1, so judge the IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _parse_network(text: str) -> IPNetwork:
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        raise CrawlError(
            f"allow_private_addresses: {text!r} is not an IP address or network "
            "(write e.g. '127.0.0.1' or '10.0.0.0/8')"
        ) from None


def _unique(addresses: Iterable[IPAddress]) -> list[IPAddress]:
    return list(dict.fromkeys(addresses))
