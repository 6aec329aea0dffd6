"""robots.txt rules for one origin, read as RFC 9309 says.

Outcomes of fetching /robots.txt: 2xx -> the rules apply; 4xx -> no rules (the site
has none); 5xx or no answer -> the site is unreachable, so nothing may be crawled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from protego import Protego

from crawler.constants import ROBOTS_CRAWL_DELAY_WARN_S, ROBOTS_PATH
from crawler.models import FetchResult
from crawler.urls import canonicalize, origin_of

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RobotsPolicy:
    rules: Protego | None  # None: no rules, everything allowed (unless disallow_all)
    disallow_all: bool = False

    def allows(self, url: str, agent: str) -> bool:
        if self.disallow_all:
            return False
        return self.rules is None or bool(self.rules.can_fetch(url, agent))

    def delay_s(self, agent: str) -> float:
        """The wait between requests these rules ask for (Crawl-delay or Request-rate)."""
        if self.rules is None:
            return 0.0
        delay = float(self.rules.crawl_delay(agent) or 0.0)
        rate = self.rules.request_rate(agent)
        if rate is not None and rate.requests > 0:
            delay = max(delay, rate.seconds / rate.requests)
        if delay > ROBOTS_CRAWL_DELAY_WARN_S:
            log.warning("robots.txt asks for %.0f s between requests; honouring it", delay)
        return delay

    def sitemaps(self, robots_location: str) -> tuple[str, ...]:
        """The `Sitemap:` lines, resolved against the robots.txt URL."""
        if self.rules is None:
            return ()
        found = (canonicalize(url, base=robots_location) for url in self.rules.sitemaps)
        return tuple(dict.fromkeys(url for url in found if url is not None))


ALLOW_ALL = RobotsPolicy(None)
DISALLOW_ALL = RobotsPolicy(None, disallow_all=True)


def robots_url(url: str) -> str:
    return origin_of(url) + ROBOTS_PATH


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups name: "ocop-news/0.1 (...)" -> "ocop-news"."""
    return user_agent.split("/", 1)[0].split(" ", 1)[0].strip() or user_agent


def policy_from_fetch(result: FetchResult) -> RobotsPolicy:
    if result.status is not None and 200 <= result.status < 300:
        return RobotsPolicy(Protego.parse(result.body.decode("utf-8-sig", errors="replace")))
    if result.status is not None and 400 <= result.status < 500:
        return ALLOW_ALL
    log.warning("robots.txt unreachable (%s): not crawling %s", result.error, result.url)
    return DISALLOW_ALL
