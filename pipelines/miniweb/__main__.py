"""`python -m pipelines.miniweb`: serve the mini-web until Ctrl+C, for people to browse."""

from __future__ import annotations

import signal
import time

from pipelines.miniweb.server import MiniWeb

# How long one wait for Ctrl+C lasts. A signal that lands just before a
# blocking wait begins is only acted on when the wait returns, so the wait
# is short and repeated rather than endless.
SIGNAL_POLL_S = 0.2


def main() -> int:
    # Started from a script's background job, a process inherits SIGINT as
    # ignored, and Python then leaves it ignored: Ctrl+C (or `kill -INT`)
    # would not stop the server it promises to stop.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with MiniWeb() as web:
        try:
            _print_sites(web)
            print(f"{len(web.articles)} articles. Press Ctrl+C to stop.", flush=True)
            while True:
                time.sleep(SIGNAL_POLL_S)
        except KeyboardInterrupt:
            print("stopping")
    return 0


def _print_sites(web: MiniWeb) -> None:
    for site in web.sites:
        print(f"{site.id:<12} {site.base_url}  {site.name} ({site.province})")
        for feed in site.feeds:
            print(f"{'':<12} feed     {feed}")
        for sitemap in site.sitemaps:
            print(f"{'':<12} sitemap  {sitemap}")


if __name__ == "__main__":
    raise SystemExit(main())
