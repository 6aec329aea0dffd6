"""The sites config: the shipped real-site list loads; every error names file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.config import load_config, parse_config
from pipelines.errors import ConfigError

MINIMAL = """
[crawler]
allow_private_addresses = ["127.0.0.1"]
min_delay_s = 0.5

[[sites]]
id = "alpha"
name = "Báo Alpha"
province = "Nghệ An"
base_url = "http://127.0.0.1:8000/"
start_urls = ["http://127.0.0.1:8000/"]
article_url_pattern = '-post\\d+\\.html$'
"""


def test_shipped_default_config_lists_at_least_ten_real_regional_sites() -> None:
    config = load_config(None)
    assert len(config.sites) >= 10
    ids = {site.id for site in config.sites}
    assert {"baothanhhoa", "baonghean", "truyenhinhthanhhoa", "nongnghiep"} <= ids
    assert config.crawler.allow_private_addresses is False
    for site in config.sites:
        assert site.spec.base_url.startswith("https://")
        assert site.spec.article_url_pattern is not None


def test_minimal_config_fills_defaults_and_compiles_pattern() -> None:
    config = parse_config(MINIMAL, "sites.toml")
    site = config.sites[0]
    assert config.crawler.allow_private_addresses == ("127.0.0.1",)
    assert config.crawler.default_min_delay_s == 0.5
    assert site.spec.max_pages == 200 and site.spec.min_delay_s is None
    assert site.spec.article_url_pattern.search("http://127.0.0.1:8000/x-post12.html")
    assert site.province == "Nghệ An" and site.selectors is None


def test_toml_syntax_error_reports_the_line() -> None:
    with pytest.raises(ConfigError, match=r"sites.toml: invalid TOML: .*line 3"):
        parse_config("[crawler]\nmin_delay_s = 1\nbroken = = 2\n", "sites.toml")


def test_wrong_type_names_the_key_and_its_line() -> None:
    text = MINIMAL.replace("min_delay_s = 0.5", 'min_delay_s = "slow"')
    with pytest.raises(ConfigError, match=r"sites.toml:4: min_delay_s must be a number"):
        parse_config(text, "sites.toml")


def test_missing_required_site_key_names_the_site_table_line() -> None:
    text = MINIMAL.replace('name = "Báo Alpha"\n', "")
    with pytest.raises(ConfigError, match=r"sites.toml:6: missing required key 'name'"):
        parse_config(text, "sites.toml")


def test_invalid_url_pattern_is_reported_with_its_line() -> None:
    text = MINIMAL.replace("'-post\\d+\\.html$'", "'-post(\\d+'")
    with pytest.raises(ConfigError, match=r"sites.toml:12: invalid regular expression"):
        parse_config(text, "sites.toml")


def test_unknown_key_lists_the_allowed_ones() -> None:
    text = MINIMAL.replace('province = "Nghệ An"', 'provinse = "Nghệ An"')
    with pytest.raises(ConfigError, match=r"unknown key\(s\) provinse .*allowed: .*province"):
        parse_config(text, "sites.toml")


def test_duplicate_site_ids_are_refused() -> None:
    second = MINIMAL.split("[[sites]]")[1]
    with pytest.raises(ConfigError, match="duplicate site id 'alpha'"):
        parse_config(MINIMAL + "\n[[sites]]" + second, "sites.toml")


def test_non_http_base_url_is_refused() -> None:
    text = MINIMAL.replace('base_url = "http://127.0.0.1:8000/"', 'base_url = "ftp://x/"')
    with pytest.raises(ConfigError, match=r"sites.toml:10: 'ftp://x/' is not an http\(s\) URL"):
        parse_config(text, "sites.toml")


def test_bad_private_address_entry_is_refused() -> None:
    text = MINIMAL.replace('["127.0.0.1"]', '["localhost-ish"]')
    with pytest.raises(ConfigError, match="not an IP address or network"):
        parse_config(text, "sites.toml")


def test_config_without_sites_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"no \[\[sites\]\] tables"):
        parse_config("[crawler]\n", "sites.toml")


def test_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_selecting_an_unknown_site_id_lists_known_ids() -> None:
    config = parse_config(MINIMAL, "sites.toml")
    assert config.select(["alpha"]).sites == config.sites
    with pytest.raises(ConfigError, match=r"unknown site id.*beta.*known ids: alpha"):
        config.select(["beta"])


def test_selectors_table_becomes_overrides() -> None:
    text = MINIMAL + '\n[sites.selectors]\ntitle = "h1.story"\nbody = "div.content"\n'
    selectors = parse_config(text, "sites.toml").sites[0].selectors
    assert selectors is not None
    assert (selectors.title, selectors.body, selectors.byline) == ("h1.story", "div.content", None)


def test_retry_and_circuit_settings_are_read_from_the_crawler_table() -> None:
    text = MINIMAL.replace(
        "min_delay_s = 0.5",
        "min_delay_s = 0.5\nmax_attempts = 5\nmax_retry_after_s = 30\ncircuit_breaker_failures = 2",
    )
    crawler = parse_config(text, "sites.toml").crawler
    assert (crawler.max_attempts, crawler.max_retry_after_s, crawler.circuit_breaker_failures) == (
        5,
        30.0,
        2,
    )


def test_the_readme_config_example_is_a_valid_config() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    config = parse_config(example, "README.md")
    site = config.sites[0]
    assert site.id == "baonghean" and site.selectors is not None
    assert config.crawler.max_attempts == 3 and config.crawler.circuit_breaker_failures == 5
