"""Exceptions raised by the crawl stage."""


class CrawlError(Exception):
    """Base class for crawler errors."""


class BlockedAddressError(CrawlError):
    """The target resolves to an address the configuration does not allow."""


class BodyTooLargeError(CrawlError):
    """The response body (or its decompressed form) exceeds the configured cap."""


# Added by the crawler helper. Each failure class carries a short `reason` used as the
# key of CrawlStats.failures_by_reason, and whether retrying later may help.


class FetchFailedError(CrawlError):
    """One fetch attempt failed; the message says why in words."""

    reason = "fetch failed"
    transient = False


class FetchTimeoutError(FetchFailedError):
    """The server did not answer completely within CrawlSettings.timeout_s."""

    reason = "timeout"
    transient = True


class ConnectionFailedError(FetchFailedError):
    """The connection could not be made or was broken (refused, reset, protocol error)."""

    reason = "connection error"
    transient = True


class RedirectError(FetchFailedError):
    """A redirect loops, goes on too long, leaves the site or leaves http(s)."""

    reason = "redirect refused"


class ContentDecodingError(FetchFailedError):
    """The body's Content-Encoding is unknown or the compressed data is corrupt."""

    reason = "content decoding"
