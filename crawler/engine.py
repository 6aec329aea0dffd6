"""The crawler: discover each site's articles and fetch them, yielding every fetch.

Per site, discovery runs feeds, then sitemaps, then listings (so the freshest
sources fill the max_pages budget first) while article workers fetch what has
been accepted so far. Sites run in parallel; hosts are throttled by the session.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping, Sequence

import httpx

from crawler.addresses import AddressGuard
from crawler.constants import (
    MAX_CHILD_SITEMAPS,
    MAX_SITEMAP_DEPTH,
    RESULT_QUEUE_SIZE,
    ROBOTS_REFUSED_REASON,
)
from crawler.feeds import feed_leads
from crawler.fetcher import Fetcher, FetchRequest, make_client
from crawler.frontier import (
    ArticleLead,
    Frontier,
    LeadStore,
    MemoryFrontier,
    NullLeadStore,
    Offer,
    SourceValidators,
)
from crawler.leads import Lead
from crawler.links import listing_links
from crawler.models import CrawlSettings, CrawlStats, FetchResult, Role, SiteSpec
from crawler.session import CrawlSession, SiteScope
from crawler.sitemaps import SitemapError, parse_sitemap
from crawler.urls import canonicalize, host_of, host_twin

log = logging.getLogger(__name__)

Validators = tuple[str | None, str | None]
_DONE = None


class Crawler:
    def __init__(
        self,
        settings: CrawlSettings,
        sites: Sequence[SiteSpec],
        *,
        is_known: Callable[[str], bool] = lambda url: False,
        validators: Mapping[str, Validators] | None = None,
        refresh: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        leads: LeadStore | None = None,
    ) -> None:
        self.settings = settings
        self.sites = tuple(sites)
        self.stats = CrawlStats()
        self._is_known = is_known
        self._validators = {
            canonicalize(url) or url: pair for url, pair in (validators or {}).items()
        }
        self._refresh = refresh
        self._transport = transport
        self._leads: LeadStore = leads if leads is not None else NullLeadStore()
        self._guard = AddressGuard(settings.allow_private_addresses)  # a bad allow list fails here

    async def run(self) -> AsyncIterator[FetchResult]:
        """Yield every fetch (success, 304 or failure) as it completes; never raises for a site."""
        results: asyncio.Queue[FetchResult | None] = asyncio.Queue(RESULT_QUEUE_SIZE)
        async with make_client(self.settings, self._transport, self._guard) as client:
            fetcher = Fetcher(client, self.settings, self._guard)
            session = CrawlSession(self.settings, fetcher, self.stats, results.put)
            crawls = [
                asyncio.create_task(self._crawl_site(session, site), name=f"crawl {site.id}")
                for site in self.sites
            ]
            closer = asyncio.create_task(_signal_when_done(crawls, results))
            try:
                while (result := await results.get()) is not _DONE:
                    yield result
            finally:
                for task in (*crawls, closer):
                    task.cancel()
                await asyncio.gather(*crawls, closer, return_exceptions=True)

    async def _crawl_site(self, session: CrawlSession, site: SiteSpec) -> None:
        leads = self._leads

        def is_known(url: str) -> bool:
            return self._is_known(url) or leads.is_settled(url)

        frontier = MemoryFrontier(site.max_pages, is_known, refresh=self._refresh)
        await SiteCrawl(self.settings, site, session, frontier, self._validators, leads).run()


async def _signal_when_done(
    crawls: list[asyncio.Task[None]], results: asyncio.Queue[FetchResult | None]
) -> None:
    outcomes = await asyncio.gather(*crawls, return_exceptions=True)
    for task, outcome in zip(crawls, outcomes, strict=True):
        if isinstance(outcome, Exception):
            log.error("%s stopped by an internal error", task.get_name(), exc_info=outcome)
    await results.put(_DONE)


def site_hosts(site: SiteSpec) -> frozenset[str]:
    """Hosts that belong to the site: base_url's (and its www twin), configured URLs', extras."""
    hosts: set[str] = set()
    base_host = host_of(canonicalize(site.base_url) or "")
    if base_host:
        hosts.update((base_host, host_twin(base_host)))
    for url in (*site.start_urls, *site.feeds, *site.sitemaps):
        host = host_of(canonicalize(url) or "")
        if host:
            hosts.add(host)
    hosts.update(host.strip("[]").lower() for host in site.extra_hosts)
    return frozenset(hosts)


class SiteCrawl:
    """Discovery and article fetching for one site."""

    def __init__(
        self,
        settings: CrawlSettings,
        site: SiteSpec,
        session: CrawlSession,
        frontier: Frontier,
        validators: Mapping[str, Validators],
        leads: LeadStore | None = None,
    ) -> None:
        self._settings = settings
        self._leads: LeadStore = leads if leads is not None else NullLeadStore()
        self._unsaved: list[ArticleLead] = []  # offered since the last source was settled
        self._site = site
        self._session = session
        self._frontier = frontier
        self._validators = validators
        delay = site.min_delay_s if site.min_delay_s is not None else settings.default_min_delay_s
        self._scope = SiteScope(site.id, site_hosts(site), delay)
        self._fetched_discovery: set[str] = set()
        self._disallowed: set[str] = set()
        self._wake = asyncio.Condition()
        self._discovering = True

    async def run(self) -> None:
        async with asyncio.TaskGroup() as workers:
            for _ in range(max(1, self._settings.concurrency_per_host)):
                workers.create_task(self._article_worker())
            try:
                await self._discover()
            finally:
                async with self._wake:
                    self._discovering = False
                    self._wake.notify_all()

    # -- discovery ------------------------------------------------------------------

    async def _discover(self) -> None:
        await self._resume()
        for url in self._configured(self._site.feeds, "feed"):
            await self._discover_feed(url)
        for url in await self._sitemaps():
            await self._discover_sitemap(url, depth=0, source=None)
        for url in self._configured(self._site.start_urls, "start"):
            await self._crawl_listing(url)

    async def _sitemaps(self) -> list[str]:
        """The configured sitemaps; when none are configured, those the site's
        robots.txt names on the site's own hosts (many regional sites list one there)."""
        configured = self._configured(self._site.sitemaps, "sitemap")
        if configured:
            return configured
        base = canonicalize(self._site.base_url)
        if base is None:
            return []
        named = await self._session.robots_sitemaps(base, self._scope)
        return [url for url in named if host_of(url) in self._scope.hosts]

    async def _resume(self) -> None:
        """Leads an earlier run discovered but did not finish come first (already stored)."""
        for lead in self._leads.resume(self._site.id):
            await self._offer_lead(lead)
        self._unsaved.clear()

    def _configured(self, urls: Sequence[str], kind: str) -> list[str]:
        canonical: list[str] = []
        for raw in urls:
            url = canonicalize(raw)
            if url is None:
                log.warning("site %s: %s URL %r is not http(s); skipped", self._site.id, kind, raw)
            else:
                canonical.append(url)
        return canonical

    async def _discover_feed(self, url: str) -> None:
        result = await self._fetch_source(url, "feed", depth=0, source=None)
        if result is not None:
            for lead in feed_leads(result.body, result.final_url):
                await self._offer(lead, source=url, depth=1)
            self._source_done(result)

    async def _discover_sitemap(self, url: str, depth: int, source: str | None) -> None:
        limit = self._settings.max_sitemap_bytes
        result = await self._fetch_source(url, "sitemap", depth, source, max_bytes=limit)
        if result is None:
            return
        try:
            content = parse_sitemap(result.body, result.final_url, limit)
        except SitemapError as exc:
            log.warning("site %s: %s", self._site.id, exc)
            return
        pattern = self._site.article_url_pattern
        for lead in content.pages:
            if pattern is None or pattern.search(lead.url):
                await self._offer(lead, source=url, depth=depth + 1)
        self._source_done(result)
        if depth >= MAX_SITEMAP_DEPTH:
            if content.children:
                log.warning(
                    "site %s: sitemap nesting deeper than %d at %s not followed",
                    self._site.id,
                    MAX_SITEMAP_DEPTH,
                    url,
                )
            return
        for child in content.children[:MAX_CHILD_SITEMAPS]:
            await self._discover_sitemap(child.url, depth + 1, source=url)

    async def _crawl_listing(self, start: str) -> None:
        """A listing and its further pages, up to max_listing_pages pages in all."""
        queue: deque[tuple[str, int, str | None]] = deque([(start, 0, None)])
        scheduled = {start}
        while queue and not self._frontier.full:
            url, depth, source = queue.popleft()
            result = await self._fetch_source(url, "listing", depth, source)
            if result is None:
                continue
            links = listing_links(
                result.body,
                result.final_url,
                listing_url=start,
                article_pattern=self._site.article_url_pattern,
                site_hosts=self._scope.hosts,
                content_type=result.content_type,
            )
            for article in links.articles:
                await self._offer(Lead(article), source=url, depth=depth + 1)
            self._source_done(result)
            for page in links.next_pages:
                if len(scheduled) >= self._settings.max_listing_pages:
                    break
                if page not in scheduled:
                    scheduled.add(page)
                    queue.append((page, depth + 1, url))

    async def _fetch_source(
        self,
        url: str,
        role: Role,
        depth: int,
        source: str | None,
        max_bytes: int | None = None,
    ) -> FetchResult | None:
        """Fetch a feed, sitemap or listing page; its body when there is something to parse."""
        if self._frontier.full or url in self._fetched_discovery:
            return None
        self._fetched_discovery.add(url)
        if host_of(url) not in self._scope.hosts:
            log.info("site %s: %s %s is off-site; skipped", self._site.id, role, url)
            return None
        if not await self._session.robots_allows(url, self._scope):
            return None
        request = FetchRequest(
            self._site.id,
            url,
            role,
            depth=depth,
            discovered_from=source,
            validators=self._validators.get(url),
            max_bytes=max_bytes,
        )
        result = await self._session.fetch(request, self._scope)
        return result if result.ok else None

    async def _offer(self, lead: Lead, source: str, depth: int) -> None:
        await self._offer_lead(ArticleLead(lead.url, source, depth, lead.published))

    async def _offer_lead(self, lead: ArticleLead) -> None:
        url = lead.url
        if host_of(url) not in self._scope.hosts or url in self._disallowed:
            return
        if not await self._session.robots_allows(url, self._scope):
            self._disallowed.add(url)
            self._leads.refuse(self._site.id, url, ROBOTS_REFUSED_REASON)
            return
        outcome = self._frontier.offer(lead)
        if outcome is Offer.KNOWN:
            self._session.count_known()
        elif outcome in (Offer.ACCEPTED, Offer.FULL):
            self._unsaved.append(lead)  # beyond the budget it waits, pending, for a later run
        if outcome is Offer.ACCEPTED:
            async with self._wake:
                self._wake.notify()

    def _source_done(self, result: FetchResult) -> None:
        """Store the source's leads, then its validators (never the other way round)."""
        if self._unsaved:
            self._leads.add(self._site.id, self._unsaved)
            self._unsaved = []
        validators = SourceValidators(result.url, result.etag, result.last_modified)
        self._leads.source_done(self._site.id, validators)

    # -- articles -------------------------------------------------------------------

    async def _article_worker(self) -> None:
        while (lead := await self._next_lead()) is not None:
            request = FetchRequest(
                self._site.id,
                lead.url,
                "article",
                depth=lead.depth,
                discovered_from=lead.discovered_from,
                hinted_published=lead.published,
            )
            await self._session.fetch(request, self._scope)

    async def _next_lead(self) -> ArticleLead | None:
        async with self._wake:
            await self._wake.wait_for(lambda: self._frontier.pending() > 0 or not self._discovering)
            return self._frontier.pop()
