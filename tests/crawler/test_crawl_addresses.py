"""The address guard's decisions (pure: nothing is contacted in these tests)."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from crawler.addresses import AddressGuard
from crawler.errors import BlockedAddressError, CrawlError


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:10.0.0.1",
        "ff02::1",
    ],
)
def test_guard_refuses_non_public_addresses_by_default(address: str) -> None:
    reason = AddressGuard(False).refusal(ipaddress.ip_address(address))
    assert reason is not None and reason.startswith("blocked address")


@pytest.mark.parametrize("address", ["1.1.1.1", "2001:4860:4860::8888"])
def test_guard_accepts_public_addresses(address: str) -> None:
    assert AddressGuard(False).refusal(ipaddress.ip_address(address)) is None


def test_guard_allows_only_listed_private_addresses() -> None:
    guard = AddressGuard(("127.0.0.1", "10.0.0.0/8"))
    assert guard.refusal(ipaddress.ip_address("127.0.0.1")) is None
    assert guard.refusal(ipaddress.ip_address("10.9.9.9")) is None
    assert guard.refusal(ipaddress.ip_address("127.0.0.2")) == (
        "blocked address 127.0.0.2 (not in allow_private_addresses)"
    )
    assert guard.refusal(ipaddress.ip_address("1.1.1.1")) is None


def test_guard_allow_true_allows_everything() -> None:
    assert AddressGuard(True).refusal(ipaddress.ip_address("192.168.0.1")) is None


def test_guard_check_raises_for_a_refused_literal_host() -> None:
    with pytest.raises(BlockedAddressError, match=r"blocked address ::1"):
        asyncio.run(AddressGuard(("127.0.0.1",)).check("::1", 80))


def test_guard_rejects_a_malformed_allow_list_with_advice() -> None:
    with pytest.raises(CrawlError, match="not an IP address or network"):
        AddressGuard(("not-an-address",))
