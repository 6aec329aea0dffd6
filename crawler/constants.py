"""Fixed rules and limits of the crawler, in one place.

Values an operator may want to tune live in `CrawlSettings`; these are the ones
that encode protocol facts or safety margins and should change only with code.
"""

from __future__ import annotations

import re

# -- URLs --------------------------------------------------------------------------

# Query parameters that only track the visitor; dropping them gives one key per page.
TRACKING_PARAM_PREFIXES: tuple[str, ...] = ("utm_",)
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "zarsrc",  # Zalo share links, common on Vietnamese news sites
        "zalo_source",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
        "spm",
    }
)
DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}
ALLOWED_SCHEMES: frozenset[str] = frozenset(DEFAULT_PORTS)

# -- HTTP --------------------------------------------------------------------------

# Only what we can decompress ourselves under a size cap ("br" is added when brotli is installed).
ACCEPT_ENCODINGS: tuple[str, ...] = ("gzip", "deflate")
ACCEPT_HEADER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACCEPT_LANGUAGE = "vi,en;q=0.5"
CONNECT_TIMEOUT_S = 10.0  # capped by CrawlSettings.timeout_s
REDIRECT_STATUSES: frozenset[int] = frozenset({301, 302, 303, 307, 308})
# Statuses where waiting and asking again can help.
RETRYABLE_STATUSES: frozenset[int] = frozenset({408, 425, 429, 500, 502, 503, 504})
HTTP_NOT_MODIFIED = 304
STREAM_CHUNK_BYTES = 64 * 1024
# Results waiting for the consumer; when full, fetching pauses (bodies are up to max_body_bytes).
RESULT_QUEUE_SIZE = 32

# -- Politeness ----------------------------------------------------------------------

# Backoff waits are drawn from [BACKOFF_JITTER_FLOOR * d, d]: never zero, never in lock-step.
BACKOFF_JITTER_FLOOR = 0.5

# -- robots.txt (RFC 9309) -----------------------------------------------------------

ROBOTS_PATH = "/robots.txt"
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 asks parsers to read at least 500 KiB
# Crawl-delay above this is still honoured, but logged so an operator notices.
ROBOTS_CRAWL_DELAY_WARN_S = 30.0

# -- Discovery -------------------------------------------------------------------------

MAX_SITEMAP_DEPTH = 2  # index -> index -> urlset; deeper nesting is not followed
MAX_CHILD_SITEMAPS = 20  # newest children of one index (by <lastmod>)
GZIP_MAGIC = b"\x1f\x8b"

# Query parameters that carry a listing page number ("?page=2", "?trang=3").
PAGE_QUERY_PARAMS: frozenset[str] = frozenset(
    {"page", "p", "pg", "paged", "trang", "pageindex", "page_no", "pageno", "pagenum"}
)
# Path segments that carry a page number: "/trang-2", "/page-2", "trang2.html", "p2".
PAGE_SEGMENT_PATTERN = re.compile(r"^(?:trang|page|p)[-_]?(\d{1,4})(?:\.html?)?$", re.IGNORECASE)
# "/page/2" style: the marker word and the number are two segments.
PAGE_MARKER_SEGMENTS: frozenset[str] = frozenset({"page", "trang"})
# A trailing "-trang-2" / "-page-2" on a listing slug: "/kinh-te-trang-2.html".
PAGE_SUFFIX_PATTERN = re.compile(r"^(.+?)[-_](?:trang|page)[-_]?(\d{1,4})(\.html?)?$", re.I)
# A bare number as last segment ("/toan-tinh/2.html"): a pager only when the link text says so.
BARE_NUMBER_SEGMENT = re.compile(r"^(\d{1,4})(\.html?)?$")
# Link texts of pager links: "2", "Trang 2", "Sau", "Tiếp", "Next", "»", "›".
PAGER_TEXT_PATTERN = re.compile(
    r"^\s*(?:trang\s*)?(\d{1,4})\s*$|^\s*(?:sau|tiếp|trang sau|tiếp theo|next|»|›|>|>>)\s*$",
    re.IGNORECASE,
)

# -- Frontier across runs ------------------------------------------------------------

# An article URL that keeps failing transiently (timeouts, 5xx, 429, circuit open) is
# tried again in later runs, waiting longer each time, and given up after this many runs.
LEAD_MAX_RUNS = 5
LEAD_RETRY_BASE_S = 3600.0  # wait before the first later-run retry; doubles per failed run
LEAD_RETRY_MAX_S = 7 * 24 * 3600.0
ROBOTS_REFUSED_REASON = "disallowed by robots.txt"

# Feeds and sitemaps that write a time without an offset mean the local time of
# the sites this crawler is for: Vietnam.
SOURCE_TIME_ZONE = "Asia/Ho_Chi_Minh"

# Listing links taken for articles when a site has no article_url_pattern: a
# last path segment that is a headline slug (six words or more: Vietnamese
# headlines run long, section names do not) or that ends in a numeric id of
# five digits or more. A wrong guess costs one fetch, which extraction then
# refuses as not an article.
ARTICLE_URL_GUESS = re.compile(
    r"/(?:[^/]*?[a-z0-9]+(?:-[a-z0-9]+){5,}[^/]*|[^/]*\d{5,}(?:\.[a-z]{3,5})?)/?$"
)
