"""Pages of a provincial government portal on NukeViet (like tayninh.gov.vn).

Traits kept from the real family: "Thứ tư - 31/01/2024 16:33" dates, the lead
as bold "hometext", "Tác giả: ..." and "Nguồn tin: ..." lines after the body,
no JSON-LD and no date metadata, a print view linked from each article, a
rating widget and a visitor counter full of numbers, "Những tin mới hơn / cũ
hơn" lists with dates, and a charset declared only in <meta charset>.
"""

from __future__ import annotations

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

LAYOUT = "portal"
NEIGHBOURS = 3  # items in "Những tin mới hơn" and "Những tin cũ hơn"


def display_date(article: MiniArticle) -> str:
    moment = article.published
    return f"{weekday(moment, lower=True)} - {dmy(moment)} {hm(moment)}"


def views_of(article: MiniArticle) -> str:
    """A view counter with comma thousands, as NukeViet prints it."""
    count = 1_000 + int(article_id(article)) * 7 % 9_000
    return f"{count:,}"


def _page(view: SiteView, title: str, head: str, main: str) -> str:
    site = view.site
    menu = "".join(
        f'<li><a href="{urls.listing_path(LAYOUT, s.slug, 1)}" title="{esc(s.name)}">'
        f"{esc(s.name)}</a></li>"
        for s in site.sections
    )
    return f"""<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<meta name="generator" content="NukeViet v4.5">
<link rel="alternate" href="/vi/news/rss/" title="Tin Tức" type="application/rss+xml">
{head}
</head>
<body>
<div class="body-bg"><div class="wraper">
<header>
  <div class="site-banner"><a href="/"><img src="/images/banner.jpg" alt="{esc(site.name)}"></a>
  <p class="site-name">{esc(site.name.upper())}</p></div>
  <div class="header-nav"><span class="current-time">{today_token(LAYOUT)}</span>
  <a href="{urls.search_url_path(LAYOUT)}" title="Tìm kiếm">Tìm kiếm</a></div>
</header>
<nav class="second-nav"><ul class="nav navbar-nav">
  <li><a href="/" title="Trang nhất">Trang nhất</a></li>{menu}</ul></nav>
<div class="row"><div class="col-md-16">
{main}
</div>
<div class="col-md-8">
  <div class="panel panel-default"><div class="panel-heading">Thống kê truy cập</div>
  <ul class="counter list-none">
    <li><span>Đang truy cập</span><span>37</span></li>
    <li><span>Hôm nay</span><span>1,284</span></li>
    <li><span>Tháng hiện tại</span><span>31,457</span></li>
    <li><span>Tổng lượt truy cập</span><span>2289145</span></li>
  </ul></div>
</div></div>
<footer id="footer">
  <p><strong>Cơ quan chủ quản: Văn phòng Điều phối Chương trình xây dựng nông thôn mới tỉnh
  {esc(site.province)}</strong></p>
  <p>Địa chỉ: Số 18 đường Trần Phú, phường Tân Dân. Điện thoại: {esc(site.hotline)}.
  Email: vanphongntm@example.invalid</p>
  <p>Chịu trách nhiệm chính: Chánh Văn phòng Điều phối. © Copyright {year_token()}</p>
</footer>
</div></div>
</body>
</html>
"""


def _list_item(article: MiniArticle) -> str:
    return f"""<div class="panel panel-default"><div class="panel-body">
  <h3><a href="{article.path}" title="{esc(article.title)}">{esc(article.title)}</a></h3>
  <ul class="list-inline text-muted"><li>{dmy(article.published)} {hm(article.published)}</li>
    <li>Lượt xem: {views_of(article)}</li></ul>
  <div class="text-muted">{esc(article.lead)}</div>
</div></div>"""


def home(view: SiteView) -> str:
    blocks = "".join(
        f'<div class="panel"><div class="panel-heading"><a href="'
        f'{urls.listing_path(LAYOUT, s.slug, 1)}">{esc(s.name)}</a></div>'
        + "".join(_list_item(a) for a in view.listing_page(s, 1))
        + "</div>"
        for s in view.site.sections
    )
    latest = "".join(
        f'<li><a href="{a.path}">{esc(a.title)}</a> ({dmy(a.published)})</li>'
        for a in view.latest()
    )
    main = (
        f'<div class="news-home">{blocks}'
        f'<div class="panel"><h2>Tin mới</h2><ul>{latest}</ul></div></div>'
    )
    return _page(view, view.site.name, "", main)


def listing(view: SiteView, section: MiniSection, page: int) -> str:
    items = "".join(_list_item(a) for a in view.listing_page(section, page))
    pages = view.page_count(section)
    links = []
    for number in range(1, pages + 1):
        href = urls.listing_path(LAYOUT, section.slug, number)
        if number == page:
            links.append(f'<li class="active"><a href="#">{number}</a></li>')
        else:
            links.append(f'<li><a href="{href}" title="Trang {number}">{number}</a></li>')
    if page < pages:
        href = urls.listing_path(LAYOUT, section.slug, page + 1)
        links.append(f'<li><a href="{href}" title="Trang sau">»</a></li>')
    main = f"""<div class="news_column">
  <h1 class="page-title">{esc(section.name)}</h1>
  {items}
  <div class="text-center"><ul class="pagination">{"".join(links)}</ul></div>
</div>"""
    title = f"{section.name} - Trang {page} - {view.site.name}"
    return _page(view, title, "", main)


def _body(view: SiteView, article: MiniArticle) -> str:
    slots = image_slots(len(article.paragraphs), len(article.captions))
    key = article_id(article)
    parts = []
    for index, paragraph in enumerate(article.paragraphs):
        parts.append(f'<p style="text-align: justify;">{esc(paragraph)}</p>')
        for number, (slot, caption) in enumerate(zip(slots, article.captions, strict=True), 1):
            if slot == index:
                parts.append(
                    f'<figure class="image"><img src="{image_path(view.site.id, key, number)}" '
                    f'alt="{esc(caption)}"><figcaption>{esc(caption)}</figcaption></figure>'
                )
    return "\n".join(parts)


def _footer_lines(article: MiniArticle) -> str:
    lines = []
    if article.authors:
        lines.append(
            f'<p class="h5 text-right"><strong>Tác giả: </strong>'
            f"{esc(', '.join(article.authors))}</p>"
        )
    if article.source_credit:
        lines.append(
            f'<p class="h5 text-right"><strong>Nguồn tin: </strong>'
            f"<em>{esc(article.source_credit)}</em></p>"
        )
    return "".join(lines)


def _neighbours(view: SiteView, article: MiniArticle) -> str:
    position = view.articles.index(article)
    newer = view.articles[max(0, position - NEIGHBOURS) : position]
    older = view.articles[position + 1 : position + 1 + NEIGHBOURS]

    def block(title: str, items: tuple[MiniArticle, ...]) -> str:
        if not items:
            return ""
        rows = "".join(
            f'<li><a href="{a.path}" title="{esc(a.title)}">{esc(a.title)}</a> '
            f"<em>({dmy(a.published)})</em></li>"
            for a in items
        )
        return f'<p class="h3"><strong>{title}</strong></p><ul class="related">{rows}</ul>'

    return block("Những tin mới hơn", newer) + block("Những tin cũ hơn", older)


def article_page(view: SiteView, article: MiniArticle) -> str:
    section = view.site.section_named(article.section)
    url = view.url(article.path)
    head = f"""<meta name="description" content="{esc(article.lead)}">
<link rel="canonical" href="{url}">
<meta property="og:title" content="{esc(article.title)}">
<meta property="og:type" content="website">
<meta property="og:description" content="{esc(article.lead)}">
<meta property="og:url" content="{url}">"""
    main = f"""<ul class="breadcrumbs list-none"><li><a href="/">Trang nhất</a></li>
  <li><a href="{urls.listing_path(LAYOUT, section.slug, 1)}">{esc(section.name)}</a></li></ul>
<div class="news_column panel panel-default"><div class="panel-body">
  <h1 class="title margin-bottom-lg">{esc(article.title)}</h1>
  <div class="row margin-bottom-lg"><span class="h5">{display_date(article)}</span>
    <ul class="list-inline text-right">
      <li><a class="dimgray" rel="nofollow" title="Gửi bài viết qua email"
        href="javascript:void(0);">Gửi email</a></li>
      <li><a class="dimgray" title="In ra" href="{urls.print_path(article.path)}">In ra</a></li>
    </ul></div>
  <div class="clearfix">
    <div class="hometext m-bottom"><strong>{esc(article.lead)}</strong></div></div>
  <div id="news-bodyhtml" class="bodytext margin-bottom-lg">
{_body(view, article)}
  </div>
  <div class="margin-bottom-lg">{_footer_lines(article)}</div>
</div></div>
<div class="news_column panel panel-default"><div class="panel-body">
  <p>Tổng số điểm của bài viết là: 23 trong 5 đánh giá</p>
  <p>Xếp hạng: 4.6 - 5 phiếu bầu. Click để đánh giá bài viết</p>
</div></div>
<div class="news_column panel panel-default">
  <div class="panel-body">{_neighbours(view, article)}</div></div>"""
    return _page(view, f"{article.title} - {view.site.name}", head, main)


def print_page(view: SiteView, article: MiniArticle) -> str:
    """The bare print view: the same text, reachable from the article, not an article URL."""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{esc(article.title)}</title>
<meta name="robots" content="noindex, nofollow"></head>
<body onload="window.print()">
<div id="print">
  <p class="site-name">{esc(view.site.name)}</p>
  <h1>{esc(article.title)}</h1>
  <p class="date">{display_date(article)}</p>
  <div class="hometext"><strong>{esc(article.lead)}</strong></div>
  <div class="bodytext">{_body(view, article)}</div>
  {_footer_lines(article)}
  <p class="url">URL của bản tin này: {esc(view.url(article.path))}</p>
</div>
</body></html>
"""


def search_page(view: SiteView) -> str:
    items = "".join(_list_item(a) for a in view.latest())
    main = f'<div class="news_column"><h1>Kết quả tìm kiếm</h1>{items}</div>'
    return _page(
        view, f"Tìm kiếm - {view.site.name}", '<meta name="robots" content="noindex">', main
    )


def not_found(view: SiteView) -> str:
    main = '<div class="alert alert-danger">Lỗi 404: Trang bạn yêu cầu không tồn tại.</div>'
    return _page(view, f"Thông báo - {view.site.name}", "", main)
