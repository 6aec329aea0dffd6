"""A misbehaving news site on 127.0.0.1 for end-to-end crawl tests.

`FaultSite` serves a listing of articles; any article path can be told to fail in
one of the ways real provincial sites do (slow, reset, 5xx/429 with Retry-After,
truncated, gzip bomb, redirect loop, off-site or blocked redirects, a 50 MB page,
a lying charset, broken markup, robots.txt refusal) and it can grow an infinite
calendar. Redirect targets are only ever loopback addresses (127.0.0.2, [::1]),
which the crawler must refuse before connecting.
"""

from __future__ import annotations

import gzip
import re
import socket
import struct
import time
import unicodedata
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

from crawl_testkit import Hit, Reply, Route, TestWeb, by_hit

ARTICLE_PATTERN = r"/(?:tin-tuc|lich/\d{4}/\d{2})/[a-z0-9-]+\.html$"
LISTING_PATH = "/tin-tuc/"
CALENDAR_START = "/lich/2024/01/"
LISTING_ETAG = '"listing-v1"'
_CALENDAR_PAGE = re.compile(r"^/lich/(\d{4})/(\d{2})/$")
_CALENDAR_ARTICLE = re.compile(r"^/lich/(\d{4})/(\d{2})/su-kien\.html$")


def article_title(slug: str) -> str:
    return f"Huyện Yên Định công nhận sản phẩm OCOP mới: {slug}"


def article_html(slug: str, title: str | None = None) -> str:
    """A plain article page the extractor accepts: headline, time, byline, paragraphs."""
    paragraphs = "".join(
        f"<p>Đợt {n}: Ủy ban nhân dân huyện vừa tổ chức hội nghị đánh giá, phân hạng sản "
        f"phẩm thuộc Chương trình Mỗi xã một sản phẩm tại xã thứ {n}, với sự tham gia của "
        "nhiều hợp tác xã, doanh nghiệp và hộ sản xuất trên địa bàn.</p>"
        for n in range(1, 7)
    )
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{title or article_title(slug)}</title></head><body>"
        f"<article><h1>{title or article_title(slug)}</h1>"
        "<time datetime='2024-03-05T08:30:00+07:00'>05/03/2024 08:30</time>"
        "<p class='author'>Minh Anh</p>" + paragraphs + "</article></body></html>"
    )


# -- faults ---------------------------------------------------------------------------


def slow(delay_s: float, reply: Reply) -> Callable[[BaseHTTPRequestHandler], Reply]:
    """Answer correctly, but only after `delay_s`."""

    def write(handler: BaseHTTPRequestHandler) -> Reply:
        time.sleep(delay_s)
        return reply

    return write


def reset(handler: BaseHTTPRequestHandler) -> None:
    """Close with RST (SO_LINGER zero) before any response."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()


def truncated(body: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
    """Promise twice the body in Content-Length, send half, hang up."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body) * 2))
        handler.end_headers()
        handler.wfile.write(body[: len(body) // 2])
        handler.wfile.flush()
        handler.close_connection = True

    return write


def gzip_bomb(expanded_bytes: int) -> Reply:
    """A small gzip body that expands to `expanded_bytes` of zeros."""
    packed = gzip.compress(b"\0" * expanded_bytes, compresslevel=9)
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
    return Reply(200, packed, headers)


def huge(total_bytes: int) -> Callable[[BaseHTTPRequestHandler], None]:
    """A page of `total_bytes`, streamed without Content-Length so only streaming caps it."""
    chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"

    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        sent = 0
        try:
            while sent < total_bytes:
                handler.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler stopped reading at its cap, as it should

    return write


def status(code: int, retry_after: str | None = None) -> Reply:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return Reply(code, b"", headers)


def then_ok(first: Reply, page: Reply) -> Route:
    """`first` for the first request, `page` for every later one."""
    served: list[Hit] = []

    @by_hit
    def route(hit: Hit) -> Reply:
        served.append(hit)
        return first if len(served) == 1 else page

    return route


def redirect(location: str) -> Reply:
    return Reply(302, b"", {"Location": location})


# Windows-1258 writes Vietnamese as a base letter (maybe with its hat or horn) plus a
# separate tone mark; these are the tone marks.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def windows_1258(text: str) -> bytes:
    """`text` as windows-1258 bytes, decomposing the tones the code page cannot hold whole."""
    out: list[str] = []
    for char in text:
        try:
            char.encode("cp1258")
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        marks = parts[1:]
        base = unicodedata.normalize(
            "NFC", parts[0] + "".join(m for m in marks if m not in _TONE_MARKS)
        )
        out.append(base + "".join(m for m in marks if m in _TONE_MARKS))
    return "".join(out).encode("cp1258")


def mislabelled(html: str, real_encoding: str, declared: str) -> Reply:
    """Bytes in `real_encoding` sent under `charset=declared` (no <meta charset> to help)."""
    html = html.replace("<meta charset='utf-8'>", "")
    data = windows_1258(html) if real_encoding == "windows-1258" else html.encode(real_encoding)
    return Reply(200, data, {"Content-Type": f"text/html; charset={declared}"})


def malformed(slug: str) -> Reply:
    """Unclosed tags, a stray </div>, bad nesting and a raw control byte."""
    page = article_html(slug).replace("</article></body></html>", "<div><p><b>Hết")
    page = page.replace("<article>", "</div><article><table><tr>").replace("<h1>", "<h1 class=x")
    return Reply(200, page.encode() + b"\x00\xff", {"Content-Type": "text/html"})


# -- the site -----------------------------------------------------------------------


class FaultSite(TestWeb):
    """A news site: /robots.txt, the listing /tin-tuc/ and its articles, plus faults."""

    __test__ = False

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[str] = []  # slugs listed on the listing page
        self.disallowed: list[str] = []
        self.calendar_months = 0  # >0: the listing links the calendar trap
        self._listing_body = b""

    def add_article(self, slug: str, route: Route | None = None) -> str:
        """List `slug` and serve it (normally, or through `route`); returns its path."""
        path = f"/tin-tuc/{slug}.html"
        self.articles.append(slug)
        self.routes[path] = route if route is not None else self.article_reply(slug)
        return path

    @staticmethod
    def article_reply(slug: str) -> Reply:
        body = article_html(slug).encode()
        return Reply(200, body, {"Content-Type": "text/html; charset=utf-8"})

    def disallow(self, prefix: str) -> None:
        self.disallowed.append(prefix)

    def publish(self) -> None:
        """Serve robots.txt and the listing as configured so far."""
        rules = "".join(f"Disallow: {prefix}\n" for prefix in self.disallowed)
        self.page("/robots.txt", f"User-agent: *\n{rules}", "text/plain")
        links = "".join(
            f"<li><a href='/tin-tuc/{slug}.html'>{article_title(slug)}</a></li>"
            for slug in self.articles
        )
        self._listing_body = f"<html><body><ul>{links}</ul></body></html>".encode()
        self.routes[LISTING_PATH] = by_hit(lambda hit: self._listing(hit))

    def _listing(self, hit: Hit) -> Reply:
        """The listing honours If-None-Match, like a well-run CMS."""
        if hit.headers.get("if-none-match") == LISTING_ETAG:
            return Reply(304, b"", {"ETag": LISTING_ETAG})
        headers = {"Content-Type": "text/html; charset=utf-8", "ETag": LISTING_ETAG}
        return Reply(200, self._listing_body, headers)

    def article_paths(self) -> list[str]:
        return [path for path in self.paths() if path.endswith(".html")]


def calendar_route(handler: BaseHTTPRequestHandler) -> Reply:
    """Any month, forever: each links the previous and next month and one event article."""
    path = handler.path
    if (match := _CALENDAR_ARTICLE.match(path)) is not None:
        slug = f"su-kien-{match.group(1)}-{match.group(2)}"
        return FaultSite.article_reply(slug)
    match = _CALENDAR_PAGE.match(path)
    if match is None:
        return Reply(404, b"not found")
    year, month = int(match.group(1)), int(match.group(2))
    before = (year, month - 1) if month > 1 else (year - 1, 12)
    after = (year, month + 1) if month < 12 else (year + 1, 1)
    body = (
        "<html><body>"
        f"<a rel='prev' href='/lich/{before[0]}/{before[1]:02d}/'>«</a> "
        f"<a rel='next' href='/lich/{after[0]}/{after[1]:02d}/'>»</a> "
        f"<a href='/lich/{year}/{month:02d}/su-kien.html'>Sự kiện tháng {month}</a>"
        "</body></html>"
    )
    return Reply(200, body.encode(), {"Content-Type": "text/html; charset=utf-8"})


class CalendarRoutes(dict[str, Route]):
    """Exact routes, then everything under /lich/ answered by the endless calendar."""

    def get(self, path: str, default: Route | None = None) -> Route | None:  # type: ignore[override]
        if path in self:
            return self[path]
        if path.startswith("/lich/"):
            return calendar_route
        return default


def with_calendar(site: FaultSite) -> None:
    site.routes = CalendarRoutes(site.routes)
