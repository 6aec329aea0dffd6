"""`python -m pipelines.miniweb`: serve the mini-web until Ctrl+C, for people to browse."""

from __future__ import annotations

import threading

from pipelines.miniweb.server import MiniWeb


def main() -> int:
    with MiniWeb() as web:
        for site in web.sites:
            print(f"{site.id:<12} {site.base_url}  {site.name} ({site.province})")
            for feed in site.feeds:
                print(f"{'':<12} feed     {feed}")
            for sitemap in site.sitemaps:
                print(f"{'':<12} sitemap  {sitemap}")
        print(f"{len(web.articles)} articles. Press Ctrl+C to stop.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopping")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
