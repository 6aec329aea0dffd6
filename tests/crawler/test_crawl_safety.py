"""Retries, redirects, the address guard and size/time limits, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import re
import socket
import struct
import time
import zlib
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler

import httpx
import pytest
from crawl_testkit import Hit, Reply, TestWeb, by_hit, crawl, fast_settings

from crawler.addresses import AddressGuard
from crawler.errors import BlockedAddressError
from crawler.fetcher import make_client
from crawler.models import CrawlSettings, FetchResult, SiteSpec


def fetch_one(
    web: TestWeb, path: str, settings: CrawlSettings | None = None, **site_fields: object
) -> tuple[FetchResult, list[FetchResult]]:
    """Crawl a site whose only start URL is `path`; return that fetch's result."""
    spec = SiteSpec("test", web.base + "/", start_urls=(web.url(path),), **site_fields)  # type: ignore[arg-type]
    results, _ = crawl(settings or fast_settings(), [spec])
    listing = [r for r in results if r.role == "listing"]
    assert len(listing) == 1
    return listing[0], results


def flaky(*replies: Reply) -> by_hit:  # type: ignore[valid-type]
    """Answer with `replies` in turn, then keep answering with the last one."""
    served: list[Hit] = []

    @by_hit
    def route(hit: Hit) -> Reply:
        served.append(hit)
        return replies[min(len(served), len(replies)) - 1]

    return route


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_seconds_is_waited_before_retrying(web: TestWeb, status: int) -> None:
    web.routes["/x"] = flaky(Reply(status, b"", {"Retry-After": "1"}), Reply(200, b"ok"))
    result, _ = fetch_one(web, "/x")
    assert result.ok and result.body == b"ok"
    first, second = web.hits_for("/x")
    assert second.at - first.at >= 1.0


def test_retry_after_http_date_is_waited_before_retrying(web: TestWeb) -> None:
    web.routes["/x"] = flaky(
        Reply(503, b"", {"Retry-After": formatdate(time.time() + 2, usegmt=True)}),
        Reply(200, b"ok"),
    )
    result, _ = fetch_one(web, "/x")
    assert result.ok
    first, second = web.hits_for("/x")
    assert second.at - first.at >= 1.0  # HTTP dates have whole seconds: between 1 and 2 s


def test_retry_after_beyond_the_limit_fails_instead_of_waiting(web: TestWeb) -> None:
    web.routes["/x"] = Reply(429, b"", {"Retry-After": "3600"})
    result, _ = fetch_one(web, "/x")
    assert result.error is not None and "exceeds max_retry_after_s" in result.error
    assert len(web.hits_for("/x")) == 1


def test_server_error_is_retried_with_backoff_then_reported(web: TestWeb) -> None:
    web.routes["/x"] = Reply(500, b"boom")
    result, _ = fetch_one(web, "/x", fast_settings(max_attempts=3))
    assert result.error == "HTTP 500 after 3 attempts"
    assert result.status == 500
    hits = web.hits_for("/x")
    assert len(hits) == 3
    assert all(later.at - earlier.at >= 0.05 / 2 for earlier, later in itertools.pairwise(hits))


def test_not_found_is_not_retried(web: TestWeb) -> None:
    result, _ = fetch_one(web, "/missing")
    assert result.error == "HTTP 404"
    assert len(web.hits_for("/missing")) == 1


def test_redirects_are_followed_within_the_site(web: TestWeb) -> None:
    web.routes["/old"] = Reply(301, b"", {"Location": "/new?utm_source=x"})
    web.page("/new", "<html>moved</html>")
    result, _ = fetch_one(web, "/old")
    assert result.ok and result.url == web.url("/old") and result.final_url == web.url("/new")


def test_redirect_loop_is_detected(web: TestWeb) -> None:
    web.routes["/a"] = Reply(302, b"", {"Location": "/b"})
    web.routes["/b"] = Reply(302, b"", {"Location": "/a"})
    result, _ = fetch_one(web, "/a")
    assert result.error is not None and result.error.startswith("redirect loop")


def test_too_many_redirects_are_refused(web: TestWeb) -> None:
    for n in range(10):
        web.routes[f"/r{n}"] = Reply(302, b"", {"Location": f"/r{n + 1}"})
    result, _ = fetch_one(web, "/r0", fast_settings(max_redirects=3))
    assert result.error == "more than 3 redirects"
    assert len(web.hits) == 1 + 4  # robots.txt and four hops


def test_redirect_off_site_is_refused_without_contacting_the_target(web: TestWeb) -> None:
    web.routes["/x"] = Reply(302, b"", {"Location": f"http://localhost:{web.port}/elsewhere"})
    result, _ = fetch_one(web, "/x")
    assert result.error == "redirect leaves site hosts (to localhost)"
    assert "/elsewhere" not in web.paths()


def test_redirect_to_non_http_scheme_is_refused(web: TestWeb) -> None:
    web.routes["/x"] = Reply(302, b"", {"Location": "file:///etc/passwd"})
    result, _ = fetch_one(web, "/x")
    assert result.error is not None and result.error.startswith("redirect to a non-http(s) URL")


@pytest.mark.parametrize(("target", "address"), [("127.0.0.2", "127.0.0.2"), ("[::1]", "::1")])
def test_redirect_to_an_address_outside_the_allow_list_is_refused(
    web: TestWeb, target: str, address: str
) -> None:
    # The target host is declared part of the site, so only the address guard can stop it.
    web.routes["/x"] = Reply(302, b"", {"Location": f"http://{target}:{web.port}/inside"})
    result, _ = fetch_one(web, "/x", extra_hosts=("127.0.0.2", "::1"))
    assert result.error == f"blocked address {address} (not in allow_private_addresses)"
    assert result.final_url == f"http://{target}:{web.port}/inside"  # where it would have gone


def test_loopback_is_refused_when_private_addresses_are_not_allowed(web: TestWeb) -> None:
    spec = SiteSpec("test", web.base + "/", start_urls=(web.url("/x"),))
    results, crawler = crawl(fast_settings(allow_private_addresses=False), [spec])
    assert web.hits == []
    assert results[0].role == "robots"
    assert results[0].error is not None and results[0].error.startswith("blocked address 127.0.0.1")
    assert crawler.stats.failures_by_reason == {"blocked address": 1}


def test_body_over_the_cap_is_refused_by_content_length(web: TestWeb) -> None:
    web.page("/big", b"x" * 5000)
    result, _ = fetch_one(web, "/big", fast_settings(max_body_bytes=4000))
    assert result.error == "body exceeds 4000 bytes (Content-Length 5000)"


def stream_without_length(body: bytes, chunk: int = 1000) -> object:
    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for start in range(0, len(body), chunk):
            handler.wfile.write(body[start : start + chunk])

    return write


def test_body_over_the_cap_is_refused_while_streaming(web: TestWeb) -> None:
    web.routes["/big"] = stream_without_length(b"x" * 50_000)
    result, _ = fetch_one(web, "/big", fast_settings(max_body_bytes=4000))
    assert result.error == "body exceeds 4000 bytes"


def test_gzip_bomb_is_stopped_early(web: TestWeb) -> None:
    member = gzip.compress(b"\0" * 10_000_000)  # about 10 KB each
    members = 2000  # 20 GB if fully expanded, about 20 MB on the wire
    sent = {"members": 0}

    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Connection", "close")  # no Content-Length to give the size away
        handler.end_headers()
        for _ in range(members):
            handler.wfile.write(member)
            sent["members"] += 1

    web.routes["/bomb"] = write
    result, _ = fetch_one(web, "/bomb", fast_settings(max_body_bytes=1_000_000))
    assert result.error == "decompressed body exceeds 1000000 bytes"
    assert sent["members"] < members


def test_deflate_body_is_decoded(web: TestWeb) -> None:
    web.routes["/d"] = Reply(
        200, zlib.compress(b"<html>OCOP</html>"), {"Content-Encoding": "deflate"}
    )
    result, _ = fetch_one(web, "/d")
    assert result.ok and result.body == b"<html>OCOP</html>"


def reset_connection(handler: BaseHTTPRequestHandler) -> None:
    """Close with RST: SO_LINGER with a zero timeout."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def test_connection_reset_is_retried_then_reported(web: TestWeb) -> None:
    web.routes["/reset"] = reset_connection
    result, _ = fetch_one(web, "/reset", fast_settings(max_attempts=2))
    assert result.status is None
    assert result.error is not None
    assert result.error.startswith("connection error") and result.error.endswith("after 2 attempts")
    assert len(web.hits_for("/reset")) == 2


def trickle(handler: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte every 0.1 s: only a total timeout stops it."""
    handler.send_response(200)
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    for _ in range(30):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.1)


def test_slow_response_times_out(web: TestWeb) -> None:
    web.routes["/slow"] = trickle
    result, _ = fetch_one(web, "/slow", fast_settings(timeout_s=0.5, max_attempts=1))
    assert result.error == "timeout"
    assert result.status is None


def test_circuit_opens_after_consecutive_failures_on_a_host(web: TestWeb) -> None:
    links = "".join(f'<a href="/tin/{n}.html">{n}</a>' for n in range(6))
    web.page("/kinh-te", links)
    for n in range(6):
        web.routes[f"/tin/{n}.html"] = Reply(500, b"down")

    spec = SiteSpec(
        "test",
        web.base + "/",
        start_urls=(web.url("/kinh-te"),),
        article_url_pattern=re.compile(r"/tin/\d+\.html"),
    )
    settings = fast_settings(max_attempts=1, circuit_breaker_failures=2, concurrency_per_host=1)
    results, crawler = crawl(settings, [spec])
    errors = [r.error for r in results if r.role == "article"]
    assert errors == [
        "HTTP 500",
        "HTTP 500",
        "circuit open",
        "circuit open",
        "circuit open",
        "circuit open",
    ]
    assert len([p for p in web.paths() if p.startswith("/tin/")]) == 2
    assert crawler.stats.failures_by_reason == {"HTTP 500": 2, "circuit open": 4}
    assert results[0].role == "robots" and results[0].status == 404 and results[0].error is None


def test_identifying_user_agent_is_sent(web: TestWeb) -> None:
    web.page("/x", "ok")
    fetch_one(web, "/x")
    assert web.hits_for("/x")[0].headers["user-agent"].startswith("ocop-news/")


def _get_through_client(web: TestWeb, allow: tuple[str, ...]) -> httpx.Response:
    async def get() -> httpx.Response:
        async with make_client(fast_settings(), None, AddressGuard(allow)) as client:
            return await client.get(web.url("/x"))

    return asyncio.run(get())


def test_client_checks_the_address_it_connects_to_not_only_the_one_checked_before(
    web: TestWeb,
) -> None:
    # Sent without the fetcher's own check first: only the connection itself can refuse.
    web.page("/x", "<html>ok</html>")
    with pytest.raises(BlockedAddressError, match=r"blocked address 127\.0\.0\.1"):
        _get_through_client(web, allow=("127.0.0.2",))
    assert "/x" not in web.paths()
    assert _get_through_client(web, allow=("127.0.0.1",)).status_code == 200
    assert web.paths() == ["/x"]
