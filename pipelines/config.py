"""The sites config (TOML): loading and validation.

Every problem is reported with the file, the line and the key, so a user can
fix a config without reading our code.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.models import DEFAULT_USER_AGENT, CrawlSettings, SiteSpec
from extract.models import SelectorOverrides
from pipelines.errors import ConfigError

DEFAULT_CONFIG_NAME = "sites.toml"  # shipped inside the `pipelines` package
DEFAULT_MAX_PAGES = 200  # article fetches per site and run
SITE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

CRAWLER_KEYS = {
    "user_agent",
    "timeout_s",
    "max_body_bytes",
    "concurrency_per_host",
    "allow_private_addresses",
    "min_delay_s",
    "max_listing_pages",
    "max_redirects",
    "max_attempts",
    "max_retry_after_s",
    "circuit_breaker_failures",
}
SITE_KEYS = {
    "id",
    "name",
    "province",
    "base_url",
    "start_urls",
    "feeds",
    "sitemaps",
    "article_url_pattern",
    "selectors",
    "max_pages",
    "min_delay_s",
    "extra_hosts",
}
SELECTOR_KEYS = {"title", "published", "byline", "body"}


@dataclass(frozen=True, slots=True)
class SiteConfig:
    id: str
    name: str
    province: str | None
    spec: SiteSpec
    selectors: SelectorOverrides | None


@dataclass(frozen=True, slots=True)
class AppConfig:
    source: str
    crawler: CrawlSettings
    sites: tuple[SiteConfig, ...]

    def select(self, site_ids: list[str] | None) -> AppConfig:
        """Only the named sites; unknown ids are an error listing the known ones."""
        if not site_ids:
            return self
        known = {site.id: site for site in self.sites}
        unknown = [site_id for site_id in site_ids if site_id not in known]
        if unknown:
            raise ConfigError(
                f"unknown site id(s) {', '.join(unknown)} in {self.source}; "
                f"known ids: {', '.join(sorted(known))}"
            )
        chosen = tuple(known[site_id] for site_id in dict.fromkeys(site_ids))
        return AppConfig(self.source, self.crawler, chosen)


def default_config_text() -> str:
    return resources.files("pipelines").joinpath(DEFAULT_CONFIG_NAME).read_text("utf-8")


def load_config(path: str | Path | None = None) -> AppConfig:
    """Load `path`, or the shipped list of real regional sites when None."""
    if path is None:
        return parse_config(default_config_text(), f"<built-in {DEFAULT_CONFIG_NAME}>")
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    return parse_config(text, str(path))


def parse_config(text: str, source: str) -> AppConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: invalid TOML: {exc}") from None
    where = _Locator(text, source)
    _reject_unknown(data, {"crawler", "sites"}, "top level", where.top)
    crawler = _parse_crawler(_table(data.get("crawler", {}), "[crawler]", where.top), where)
    raw_sites = data.get("sites")
    if not isinstance(raw_sites, list) or not raw_sites:
        raise ConfigError(f"{source}: no [[sites]] tables: add at least one site")
    sites = tuple(_parse_site(raw, index, crawler, where) for index, raw in enumerate(raw_sites))
    _reject_duplicate_ids(sites, where)
    return AppConfig(source, crawler, sites)


# -- [crawler] -------------------------------------------------------------------


def _parse_crawler(raw: Mapping[str, Any], where: _Locator) -> CrawlSettings:
    def at(key: str) -> str:
        return where.crawler_key(key)

    _reject_unknown(raw, CRAWLER_KEYS, "[crawler]", lambda: where.crawler_key(None))
    defaults = CrawlSettings()
    return CrawlSettings(
        user_agent=_string(raw, "user_agent", DEFAULT_USER_AGENT, at),
        timeout_s=_number(raw, "timeout_s", defaults.timeout_s, at, minimum=0.1),
        max_body_bytes=int(_number(raw, "max_body_bytes", defaults.max_body_bytes, at, 1024)),
        concurrency_per_host=int(
            _number(raw, "concurrency_per_host", defaults.concurrency_per_host, at, 1)
        ),
        allow_private_addresses=_private_addresses(raw, at),
        max_redirects=int(_number(raw, "max_redirects", defaults.max_redirects, at, 0)),
        default_min_delay_s=_number(raw, "min_delay_s", defaults.default_min_delay_s, at, 0),
        max_listing_pages=int(_number(raw, "max_listing_pages", defaults.max_listing_pages, at, 1)),
        max_attempts=int(_number(raw, "max_attempts", defaults.max_attempts, at, 1)),
        max_retry_after_s=_number(raw, "max_retry_after_s", defaults.max_retry_after_s, at, 0),
        circuit_breaker_failures=int(
            _number(raw, "circuit_breaker_failures", defaults.circuit_breaker_failures, at, 1)
        ),
    )


def _private_addresses(raw: Mapping[str, Any], at: Callable[[str], str]) -> bool | tuple[str, ...]:
    value = raw.get("allow_private_addresses", False)
    if isinstance(value, bool):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ConfigError(
                    f"{at('allow_private_addresses')}: {item!r} is not an IP address or network"
                ) from None
        return tuple(value)
    raise ConfigError(
        f"{at('allow_private_addresses')}: must be true, false or a list of addresses/networks"
    )


# -- [[sites]] -------------------------------------------------------------------


def _parse_site(raw: Any, index: int, crawler: CrawlSettings, where: _Locator) -> SiteConfig:
    def at(key: str) -> str:
        return where.site_key(index, key)

    if not isinstance(raw, dict):
        raise ConfigError(f"{where.site_key(index, None)}: each [[sites]] entry must be a table")
    _reject_unknown(raw, SITE_KEYS, f"[[sites]] #{index + 1}", lambda: where.site_key(index, None))
    site_id = _required_string(raw, "id", at)
    if not SITE_ID_PATTERN.match(site_id):
        raise ConfigError(
            f"{at('id')}: site id {site_id!r} must be lower-case letters, digits, '-' or '_'"
        )
    base_url = _url(_required_string(raw, "base_url", at), "base_url", at)
    spec = SiteSpec(
        id=site_id,
        base_url=base_url,
        start_urls=_urls(raw, "start_urls", at),
        feeds=_urls(raw, "feeds", at),
        sitemaps=_urls(raw, "sitemaps", at),
        article_url_pattern=_pattern(raw, at),
        max_pages=int(_number(raw, "max_pages", DEFAULT_MAX_PAGES, at, minimum=1)),
        min_delay_s=_optional_number(raw, "min_delay_s", at),
        extra_hosts=_hosts(raw, at),
    )
    if not (spec.start_urls or spec.feeds or spec.sitemaps):
        raise ConfigError(
            f"{where.site_key(index, None)}: site {site_id!r} has no start_urls, feeds or "
            "sitemaps: give at least one place to discover articles"
        )
    return SiteConfig(
        id=site_id,
        name=_required_string(raw, "name", at),
        province=_optional_string(raw, "province", at),
        spec=spec,
        selectors=_selectors(raw, at),
    )


def _selectors(raw: Mapping[str, Any], at: Callable[[str], str]) -> SelectorOverrides | None:
    if "selectors" not in raw:
        return None
    table = raw["selectors"]
    if not isinstance(table, dict):
        raise ConfigError(f"{at('selectors')}: must be a table of CSS selectors")
    _reject_unknown(table, SELECTOR_KEYS, "[sites.selectors]", lambda: at("selectors"))
    values = {key: _optional_string(table, key, at) for key in SELECTOR_KEYS}
    return SelectorOverrides(**values)


def _pattern(raw: Mapping[str, Any], at: Callable[[str], str]) -> re.Pattern[str] | None:
    text = _optional_string(raw, "article_url_pattern", at)
    if text is None:
        return None
    try:
        return re.compile(text)
    except re.error as exc:
        raise ConfigError(
            f"{at('article_url_pattern')}: invalid regular expression: {exc}"
        ) from None


def _reject_duplicate_ids(sites: tuple[SiteConfig, ...], where: _Locator) -> None:
    seen: set[str] = set()
    for index, site in enumerate(sites):
        if site.id in seen:
            raise ConfigError(f"{where.site_key(index, 'id')}: duplicate site id {site.id!r}")
        seen.add(site.id)


# -- value checks ----------------------------------------------------------------


def _table(value: Any, name: str, at: Callable[[], str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{at()}: {name} must be a table")
    return value


def _reject_unknown(
    raw: Mapping[str, Any], allowed: set[str], name: str, at: Callable[[], str]
) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ConfigError(
            f"{at()}: unknown key(s) {', '.join(unknown)} in {name}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )


def _required_string(raw: Mapping[str, Any], key: str, at: Callable[[str], str]) -> str:
    value = _optional_string(raw, key, at)
    if not value:
        raise ConfigError(f"{at(key)}: missing required key {key!r}")
    return value


def _optional_string(raw: Mapping[str, Any], key: str, at: Callable[[str], str]) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{at(key)}: {key} must be a string, got {type(value).__name__}")
    return value.strip() or None


def _string(raw: Mapping[str, Any], key: str, default: str, at: Callable[[str], str]) -> str:
    return _optional_string(raw, key, at) or default


def _number(
    raw: Mapping[str, Any],
    key: str,
    default: float,
    at: Callable[[str], str],
    minimum: float = 0,
) -> float:
    value = _optional_number(raw, key, at)
    if value is None:
        return default
    if value < minimum:
        raise ConfigError(f"{at(key)}: {key} must be at least {minimum}, got {value}")
    return value


def _optional_number(raw: Mapping[str, Any], key: str, at: Callable[[str], str]) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{at(key)}: {key} must be a number, got {value!r}")
    if value < 0:
        raise ConfigError(f"{at(key)}: {key} must not be negative, got {value}")
    return float(value)


def _url(value: str, key: str, at: Callable[[str], str]) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{at(key)}: {value!r} is not an http(s) URL")
    return value


def _urls(raw: Mapping[str, Any], key: str, at: Callable[[str], str]) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{at(key)}: {key} must be a list of URLs")
    return tuple(_url(item, key, at) for item in value)


def _hosts(raw: Mapping[str, Any], at: Callable[[str], str]) -> tuple[str, ...]:
    value = raw.get("extra_hosts", [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ConfigError(f"{at('extra_hosts')}: extra_hosts must be a list of host names")
    return tuple(item.lower() for item in value)


class _Locator:
    """Finds the line of a key in the TOML text, for error messages.

    tomllib reports positions only for syntax errors, so keys are looked up in
    the text: the n-th `[[sites]]` header, then the key's line inside it.
    """

    _KEY_LINE = r"^\s*{key}\s*="

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = text.splitlines()
        self.site_starts = [
            number for number, line in enumerate(self.lines) if line.strip() == "[[sites]]"
        ]
        self.crawler_start = next(
            (n for n, line in enumerate(self.lines) if line.strip() == "[crawler]"), None
        )

    def top(self) -> str:
        return self.source

    def crawler_key(self, key: str | None) -> str:
        if self.crawler_start is None:
            return self.source
        return self._key_in_block(self.crawler_start, key)

    def site_key(self, index: int, key: str | None) -> str:
        if index >= len(self.site_starts):
            return f"{self.source} ([[sites]] #{index + 1})"
        return self._key_in_block(self.site_starts[index], key)

    def _key_in_block(self, start: int, key: str | None) -> str:
        if key is not None:
            pattern = re.compile(self._KEY_LINE.format(key=re.escape(key)))
            for number in range(start + 1, len(self.lines)):
                line = self.lines[number].strip()
                if line.startswith("[") and not line.startswith("[sites."):
                    break
                if pattern.match(self.lines[number]):
                    return f"{self.source}:{number + 1}"
        return f"{self.source}:{start + 1}"
