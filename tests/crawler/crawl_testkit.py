"""A small scriptable web server on 127.0.0.1 for crawler tests, and a crawl runner.

Each test gets its own server on a free port; routes map a path (with query) to a
canned reply or to a function that writes the response itself (for resets,
trickling and compression bombs). The server records when each request arrived.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crawler.engine import Crawler
from crawler.models import CrawlSettings, FetchResult, SiteSpec

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Hit:
    path: str
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


Writer = Callable[[BaseHTTPRequestHandler], None]
Route = Reply | Writer | Callable[[Hit], Reply]


class TestWeb:
    """Routes and request log of one server."""

    __test__ = False  # not a test class

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer((LOOPBACK, 0), _handler_for(self))
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://{LOOPBACK}:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def page(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        **headers: str,
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Reply(200, data, {"Content-Type": content_type, **headers})

    def paths(self) -> list[str]:
        with self._lock:
            return [hit.path for hit in self.hits]

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if hit.path == path]

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _handler_for(web: TestWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hit = Hit(self.path, time.monotonic(), {k.lower(): v for k, v in self.headers.items()})
            web.record(hit)
            route = web.routes.get(self.path)
            if route is None:
                route = Reply(404, b"not found")
            if callable(route) and not isinstance(route, Reply):
                try:
                    outcome = route(hit) if _wants_hit(route) else route(self)
                except (BrokenPipeError, ConnectionResetError):
                    return
                if not isinstance(outcome, Reply):
                    return
                route = outcome
            self._send(route)

        def _send(self, reply: Reply) -> None:
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in reply.headers:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def _wants_hit(route: Callable[..., object]) -> bool:
    return getattr(route, "wants_hit", False)


def by_hit(function: Callable[[Hit], Reply]) -> Callable[[Hit], Reply]:
    """Mark a route function that decides its Reply from the request."""
    function.wants_hit = True  # type: ignore[attr-defined]
    return function


def fast_settings(**overrides: object) -> CrawlSettings:
    """Settings for tests: loopback allowed, no delays, quick retries."""
    values: dict[str, object] = {
        "allow_private_addresses": (LOOPBACK,),
        "default_min_delay_s": 0.0,
        "timeout_s": 5.0,
        "backoff_base_s": 0.05,
        "backoff_max_s": 0.2,
        "max_retry_after_s": 5.0,
    }
    values.update(overrides)
    return CrawlSettings(**values)  # type: ignore[arg-type]


def crawl(
    settings: CrawlSettings, sites: Sequence[SiteSpec], **options: object
) -> tuple[list[FetchResult], Crawler]:
    """Run a crawl to the end and return everything it yielded."""
    crawler = Crawler(settings, sites, **options)  # type: ignore[arg-type]

    async def collect() -> list[FetchResult]:
        return [result async for result in crawler.run()]

    return asyncio.run(collect()), crawler


def by_role(results: Sequence[FetchResult], role: str) -> list[FetchResult]:
    return [result for result in results if result.role == role]
