"""Pages of a provincial party newspaper (like baohatinh.vn, baonghean.vn).

Traits kept from the real family: "Thứ Tư, 27/12/2023 - 10:00" dates (and a
header clock in the same style showing today), leads that begin
"(Baoxyz.vn) -", photo captions ending "Ảnh: ...", the byline as the body's
last right-aligned paragraph (in capitals for one author, "A và B" for two,
"Theo TTXVN" for agency copy), article:published_time with +07:00, and a
BreadcrumbList JSON-LD that is not the article.
"""

from __future__ import annotations

import json

from pipelines.miniweb import urls
from pipelines.miniweb.chrome import (
    dmy,
    esc,
    hm,
    image_path,
    image_slots,
    today_token,
    weekday,
    year_token,
)
from pipelines.miniweb.content import MiniArticle, MiniSection, article_id
from pipelines.miniweb.view import SiteView

LAYOUT = "party"
WEATHER = "27°C"


def display_date(article: MiniArticle) -> str:
    moment = article.published
    return f"{weekday(moment)}, {dmy(moment)} - {hm(moment)}"


def signature(article: MiniArticle) -> str:
    """The closing credit line as the paper prints it."""
    if not article.authors:
        return f"Theo {article.source_credit}" if article.source_credit else ""
    if len(article.authors) == 1:
        line = article.authors[0].upper()
    else:
        line = ", ".join(article.authors[:-1]) + " và " + article.authors[-1]
    if article.source_credit:
        line += f" (Theo {article.source_credit})"
    return line


def _page(view: SiteView, title: str, head: str, main: str) -> str:
    site = view.site
    menu = "".join(
        f'<li class="menu__item"><a href="{urls.listing_path(LAYOUT, s.slug, 1)}">'
        f"{esc(s.name)}</a></li>"
        for s in site.sections
    )
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(title)}</title>
<link rel="alternate" type="application/rss+xml" href="/rss/home.rss" title="Tin mới">
{head}
</head>
<body>
<div class="topbar">
  <span class="topbar__date">{today_token(LAYOUT)}</span>
  <span class="topbar__weather">{esc(site.province)}: {WEATHER}</span>
  <form class="topbar__search" action="{urls.SEARCH_PATHS[LAYOUT]}" method="get">
    <input type="text" name="keywords"><a href="{urls.search_url_path(LAYOUT)}">Tìm kiếm</a></form>
</div>
<header class="site-header"><a class="logo" href="/"><img src="/images/logo.png"
  alt="{esc(site.name)}"></a>
  <span class="slogan">Cơ quan của Đảng bộ tỉnh {esc(site.province)}</span>
</header>
<nav class="menu"><ul><li class="menu__item"><a href="/">Trang chủ</a></li>{menu}</ul></nav>
<div class="container">
{main}
</div>
<footer class="site-footer">
  <p><strong>{esc(site.name.upper())}</strong> - Cơ quan của Đảng bộ tỉnh {esc(site.province)}</p>
  <p>Giấy phép số 45/GP-BTTTT ngày 20/02/2021. Tổng Biên tập: Trần Quang Vinh</p>
  <p>Tòa soạn: Số 48 đường Phan Đình Phùng, phường Thành Sen. Điện thoại: {esc(site.hotline)}</p>
  <p>© {site.founded} - {year_token()} {esc(site.name)}. Ghi rõ nguồn khi trích dẫn.</p>
</footer>
</body>
</html>
"""


def _story(view: SiteView, article: MiniArticle, *, summary: bool = True) -> str:
    lead = f'<p class="story__summary">{esc(article.lead)}</p>' if summary else ""
    return f"""<article class="story">
  <a class="story__thumb" href="{article.path}">
    <img src="{image_path(view.site.id, article_id(article), 0)}" alt="{esc(article.title)}"></a>
  <h3 class="story__heading"><a class="cms-link" href="{article.path}">{esc(article.title)}</a></h3>
  <time class="story__time">{dmy(article.published)} {hm(article.published)}</time>
  {lead}
</article>"""


def _most_read(view: SiteView, exclude: MiniArticle | None) -> str:
    items = "".join(
        f'<li><span class="rank">{rank}</span><a href="{a.path}">{esc(a.title)}</a></li>'
        for rank, a in enumerate(view.most_read(exclude), start=1)
    )
    return f'<aside class="sidebar"><h3 class="box-title">Đọc nhiều</h3><ol>{items}</ol></aside>'


def home(view: SiteView) -> str:
    latest = view.latest()
    top = _story(view, latest[0]) if latest else ""
    rest = "".join(_story(view, a, summary=False) for a in latest[1:])
    zones = "".join(
        f'<section class="zone"><h2 class="zone__title"><a href="'
        f'{urls.listing_path(LAYOUT, s.slug, 1)}">{esc(s.name)}</a></h2>'
        + "".join(_story(view, a, summary=False) for a in view.listing_page(s, 1)[:3])
        + "</section>"
        for s in view.site.sections
    )
    main = f'<section class="hot-news">{top}{rest}</section>{zones}{_most_read(view, None)}'
    head = f'<meta property="og:site_name" content="{esc(view.site.name)}">'
    return _page(view, f"{view.site.name} - Tin tức {view.site.province}", head, main)


def listing(view: SiteView, section: MiniSection, page: int) -> str:
    stories = "".join(_story(view, a) for a in view.listing_page(section, page))
    pages = view.page_count(section)
    links = []
    if page > 1:
        href = urls.listing_path(LAYOUT, section.slug, page - 1)
        links.append(f'<li><a href="{href}" rel="prev">« Trang trước</a></li>')
    for number in range(1, pages + 1):
        href = urls.listing_path(LAYOUT, section.slug, number)
        if number == page:
            links.append(f'<li class="active"><span>{number}</span></li>')
        else:
            links.append(f'<li><a href="{href}">{number}</a></li>')
    if page < pages:
        href = urls.listing_path(LAYOUT, section.slug, page + 1)
        links.append(f'<li><a href="{href}" rel="next">Trang sau »</a></li>')
    main = f"""<div class="category">
  <h1 class="category__title">{esc(section.name)}</h1>
  {stories}
  <ul class="pagination">{"".join(links)}</ul>
</div>{_most_read(view, None)}"""
    return _page(view, f"{section.name} - Trang {page} - {view.site.name}", "", main)


def _breadcrumb_ld(view: SiteView, section: MiniSection) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": view.url("/")},
            {
                "@type": "ListItem",
                "position": 2,
                "name": section.name,
                "item": view.url(urls.listing_path(LAYOUT, section.slug, 1)),
            },
        ],
    }
    return json.dumps(data, ensure_ascii=False)


def _body(view: SiteView, article: MiniArticle) -> str:
    slots = image_slots(len(article.paragraphs), len(article.captions))
    key = article_id(article)
    parts = []
    for index, paragraph in enumerate(article.paragraphs):
        parts.append(f"<p>{esc(paragraph)}</p>")
        for number, (slot, caption) in enumerate(zip(slots, article.captions, strict=True), 1):
            if slot == index:
                parts.append(
                    f'<table class="picture" align="center"><tbody><tr><td class="pic">'
                    f'<img src="{image_path(view.site.id, key, number)}" alt=""></td></tr>'
                    f'<tr><td class="caption"><p>{esc(caption)}</p></td></tr></tbody></table>'
                )
    credit = signature(article)
    if credit:
        parts.append(f'<p style="text-align: right;"><strong>{esc(credit)}</strong></p>')
    return "\n".join(parts)


def article_page(view: SiteView, article: MiniArticle) -> str:
    section = view.site.section_named(article.section)
    url = view.url(article.path)
    related = "".join(
        f'<li><a href="{a.path}">{esc(a.title)}</a> '
        f'<span class="time">({dmy(a.published)})</span></li>'
        for a in view.related(article)
    )
    head = f"""<meta name="description" content="{esc(article.lead)}">
<link rel="canonical" href="{url}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(article.title)}">
<meta property="og:description" content="{esc(article.lead)}">
<meta property="og:url" content="{url}">
<meta property="og:site_name" content="{esc(view.site.name)}">
<meta property="article:published_time" content="{article.published.isoformat()}">
<meta property="article:section" content="{esc(article.section)}">
<script type="application/ld+json">{_breadcrumb_ld(view, section)}</script>"""
    main = f"""<div class="breadcrumb"><a href="/">Trang chủ</a> ›
  <a href="{urls.listing_path(LAYOUT, section.slug, 1)}">{esc(section.name)}</a></div>
<article class="article">
  <h1 class="article__title">{esc(article.title)}</h1>
  <div class="article__meta">
    <time class="article__date">{display_date(article)}</time>
    <div class="article__share">Chia sẻ: <a href="javascript:;" rel="nofollow">Facebook</a>
      <a href="javascript:;" rel="nofollow">Zalo</a>
      <a href="javascript:window.print()">In</a></div>
  </div>
  <div class="article__sapo"><strong>{esc(article.lead)}</strong></div>
  <div class="article__body">
{_body(view, article)}
  </div>
</article>
<section class="related"><h3 class="box-title">Tin liên quan</h3><ul>{related}</ul></section>
{_most_read(view, article)}"""
    return _page(view, f"{article.title} - {view.site.name}", head, main)


def search_page(view: SiteView) -> str:
    stories = "".join(_story(view, a) for a in view.latest())
    main = f'<div class="category"><h1>Tìm kiếm: ocop</h1>{stories}</div>'
    return _page(
        view, f"Tìm kiếm - {view.site.name}", '<meta name="robots" content="noindex">', main
    )


def not_found(view: SiteView) -> str:
    main = '<div class="error"><h1>404</h1><p>Trang bạn tìm không tồn tại.</p></div>'
    return _page(view, f"Không tìm thấy - {view.site.name}", "", main)
