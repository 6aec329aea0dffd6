"""Pages of a provincial radio-TV site on the VCCorp CMS (like truyenhinhthanhhoa.vn).

Traits kept from the real family: sapo as an h2 under the headline, a
names-only byline line ("Hương Hạnh- Quang Phú") and "dd/mm/yyyy hh:mm" above
the body, image alt texts "<headline>- Ảnh N.", a closing "Nguồn: ..." line,
related teasers with their own times ("09:44 , 19/03/2026"), a comments block,
JSON-LD and article:published_time in local time with no zone, and the
publisher (not a person) as the JSON-LD author.
"""

from __future__ import annotations

import json
from datetime import timedelta

from pipelines.miniweb import urls
from pipelines.miniweb.chrome import (
    dmy,
    esc,
    hm,
    image_path,
    image_slots,
    local_iso,
    today_token,
    year_token,
)
from pipelines.miniweb.content import MiniArticle, MiniSection, article_id
from pipelines.miniweb.view import SiteView

LAYOUT = "vccorp"
# Readers' comments: numbers here are not article figures.
COMMENTS = (
    ("Lê Thị Thu", "Nhà tôi ở xã bên cạnh cũng có 2 sản phẩm đang làm hồ sơ, mong được hướng dẫn."),
    ("Trịnh Văn Hải", "Sản phẩm quê mình được gắn sao là niềm tự hào, cần quảng bá mạnh hơn nữa."),
    ("Phạm Ngọc Ánh", "Mong tỉnh hỗ trợ bao bì, tem truy xuất cho các hộ nhỏ lẻ như gia đình tôi."),
    ("Hoàng Minh", "Đã mua thử 3 lần, chất lượng ổn định, giá hợp lý."),
)
COMMENT_GAP = timedelta(hours=3, minutes=17)


def teaser_time(article: MiniArticle) -> str:
    """The CMS writes teaser times as '09:44 , 19/03/2026'."""
    return f"{hm(article.published)} , {dmy(article.published)}"


def byline(article: MiniArticle) -> str:
    return "- ".join(article.authors)


def _page(view: SiteView, title: str, head: str, main: str) -> str:
    site = view.site
    menu = "".join(
        f'<li><a href="{urls.listing_path(LAYOUT, s.slug, 1)}" title="{esc(s.name)}">'
        f"{esc(s.name)}</a></li>"
        for s in site.sections
    )
    search = urls.search_url_path(LAYOUT)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="alternate" type="application/rss+xml" title="{esc(site.name)}" href="/rss/home.rss">
{head}
</head>
<body>
<header class="header">
  <div class="header__top">
    <span class="header__date">{today_token(LAYOUT)}</span>
    <span class="header__hotline">Đường dây nóng: {esc(site.hotline)}</span>
    <a class="header__search" href="{search}" rel="nofollow">Tìm kiếm</a>
  </div>
  <div class="header__logo"><a href="/" title="{esc(site.name)}">
    <img src="/images/logo.png" alt="{esc(site.short_name)}"></a></div>
  <nav class="header__menu">
    <ul><li><a href="/" title="Trang chủ">Trang chủ</a></li>{menu}</ul></nav>
</header>
<div class="main">
{main}
</div>
<footer class="footer">
  <p class="footer__name">{esc(site.name.upper())}</p>
  <p>Giấy phép hoạt động số 372/GP-BTTTT ngày 14/8/2020 của Bộ Thông tin và Truyền thông.</p>
  <p>Địa chỉ: Số 29 Đại lộ Hùng Vương, tỉnh {esc(site.province)}.
     Đường dây nóng: {esc(site.hotline)}</p>
  <p>© Bản quyền thuộc về {esc(site.name)} {site.founded} - {year_token()}.
     Ghi rõ nguồn "{esc(site.short_name)}" khi phát hành lại thông tin từ website này.</p>
</footer>
</body>
</html>
"""


def _stream_item(view: SiteView, article: MiniArticle, *, sapo: bool = True) -> str:
    lead = f'<p class="box-stream-sapo">{esc(article.lead)}</p>' if sapo else ""
    return f"""<div class="box-stream-item">
  <a class="box-stream-link-with-avatar" href="{article.path}" title="{esc(article.title)}">
    <img src="{image_path(view.site.id, article_id(article), 0)}" alt="{esc(article.title)}"></a>
  <h3><a class="box-stream-link-title" href="{article.path}"
       title="{esc(article.title)}">{esc(article.title)}</a></h3>
  <span class="box-stream-time">{teaser_time(article)}</span>
  {lead}
</div>"""


def _most_read(view: SiteView, exclude: MiniArticle | None) -> str:
    items = "".join(
        f'<li><a href="{a.path}" title="{esc(a.title)}">{esc(a.title)}</a></li>'
        for a in view.most_read(exclude)
    )
    return f'<aside class="box-most-read"><h3 class="title">Đọc nhiều</h3><ol>{items}</ol></aside>'


def home(view: SiteView) -> str:
    boxes = []
    for section in view.site.sections:
        items = "".join(_stream_item(view, a, sapo=False) for a in view.listing_page(section, 1))
        boxes.append(
            f'<section class="box-home"><h2><a href="{urls.listing_path(LAYOUT, section.slug, 1)}">'
            f"{esc(section.name)}</a></h2>{items}</section>"
        )
    latest = "".join(_stream_item(view, a) for a in view.latest())
    main = (
        f'<section class="box-focus"><h2>Tin mới</h2>{latest}</section>'
        + "".join(boxes)
        + _most_read(view, None)
    )
    head = f'<meta property="og:site_name" content="{esc(view.site.name)}">'
    return _page(view, view.site.name, head, main)


def listing(view: SiteView, section: MiniSection, page: int) -> str:
    items = "".join(_stream_item(view, a) for a in view.listing_page(section, page))
    pages = view.page_count(section)
    links = []
    for number in range(1, pages + 1):
        href = urls.listing_path(LAYOUT, section.slug, number)
        css = ' class="active"' if number == page else ""
        links.append(f'<a href="{href}" title="Trang {number}"{css}>{number}</a>')
    if page < pages:
        href = urls.listing_path(LAYOUT, section.slug, page + 1)
        links.append(f'<a href="{href}" title="Trang sau" class="next">Trang sau</a>')
    main = f"""<div class="box-category">
  <h1 class="box-category-title">{esc(section.name)}</h1>
  <div class="box-stream">{items}</div>
  <div class="paging">{" ".join(links)}</div>
</div>{_most_read(view, None)}"""
    title = f"{section.name} - Trang {page} | {view.site.name}"
    return _page(view, title, "", main)


def _json_ld(view: SiteView, article: MiniArticle) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": view.url(article.path)},
        "headline": article.title,
        "description": article.lead,
        "image": {"@type": "ImageObject", "url": view.url(image_path(view.site.id, "og", 0))},
        "datePublished": local_iso(article.published),
        "dateModified": local_iso(article.published + timedelta(minutes=4)),
        "author": {"@type": "Organization", "name": view.site.name},
        "publisher": {"@type": "Organization", "name": view.site.name},
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _body(view: SiteView, article: MiniArticle) -> str:
    captions = article.captions or ("",)  # the CMS shows at least one photo
    slots = image_slots(len(article.paragraphs), len(captions))
    key = article_id(article)
    parts = []
    for index, paragraph in enumerate(article.paragraphs):
        parts.append(f"<p>{esc(paragraph)}</p>")
        for number, (slot, caption) in enumerate(zip(slots, captions, strict=True), start=1):
            if slot == index:
                alt = esc(f"{article.title}- Ảnh {number}.")
                parts.append(
                    f'<figure class="VCSortableInPreviewMode" type="Photo"><div>'
                    f'<img src="{image_path(view.site.id, key, number)}" alt="{alt}" '
                    f'title="{alt}"></div><figcaption class="PhotoCMS_Caption">'
                    f"<p>{esc(caption)}</p></figcaption></figure>"
                )
    if article.source_credit:
        parts.append(
            f'<p style="text-align: right;"><b>Nguồn: {esc(article.source_credit)}</b></p>'
        )
    return "\n".join(parts)


def _comments(article: MiniArticle, seed: int) -> str:
    items = []
    for offset in range(2):
        name, text = COMMENTS[(seed + offset) % len(COMMENTS)]
        when = article.published + COMMENT_GAP * (offset + 1)
        items.append(
            f'<li class="comment-item"><b class="comment-name">{esc(name)}</b>'
            f'<span class="comment-time">{hm(when)} {dmy(when)}</span>'
            f'<p class="comment-text">{esc(text)}</p></li>'
        )
    return f"""<section class="detail-comment" id="commentpage">
  <h3 class="title">Ý kiến bạn đọc</h3>
  <ul>{"".join(items)}</ul>
  <a href="javascript:;" class="view-more">Xem thêm bình luận</a>
</section>"""


def article_page(view: SiteView, article: MiniArticle) -> str:
    section = view.site.section_named(article.section)
    url = view.url(article.path)
    related = "".join(_stream_item(view, a) for a in view.related(article))
    head = f"""<meta name="description" content="{esc(article.lead)}">
<meta name="author" content="{esc(view.site.name)}">
<link rel="canonical" href="{url}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(article.title)}">
<meta property="og:description" content="{esc(article.lead)}">
<meta property="og:url" content="{url}">
<meta property="og:image" content="{view.url(image_path(view.site.id, article_id(article), 1))}">
<meta property="og:site_name" content="{esc(view.site.name)}">
<meta property="article:published_time" content="{local_iso(article.published)}">
<meta property="article:section" content="{esc(article.section)}">
<script type="application/ld+json">
{_json_ld(view, article)}
</script>"""
    seed = int(article_id(article)[-3:])
    main = f"""<div class="detail__page"><div class="detail-container">
<div class="detail-social">
  <a rel="nofollow" href="javascript:;" class="sharefb" title="Chia sẻ Facebook">Facebook</a>
  <a rel="nofollow" href="javascript:;" class="zalo-share-button" title="Chia sẻ Zalo">Zalo</a>
  <a href="#commentpage" title="Bình luận"><span class="count">2</span></a>
</div>
<div class="detail-mcontent">
  <div class="detail-breadcrumb"><ul><li>
    <a href="{urls.listing_path(LAYOUT, section.slug, 1)}" data-role="cate-name"
       title="{esc(section.name)}">{esc(section.name)}</a></li></ul></div>
  <h1 class="detail-title" data-role="title">{esc(article.title)}</h1>
  <h2 class="detail-sapo" data-role="sapo">{esc(article.lead)}</h2>
  <div class="detail-info">
    <div class="detail-author">{esc(byline(article))}</div>
    <div class="detail-time"
         data-role="publishdate">{dmy(article.published)} {hm(article.published)}</div>
  </div>
  <div class="detail-content afcbc-body" data-role="content">
{_body(view, article)}
  </div>
  <div class="detail-tags">Từ khóa:
    <a href="{urls.search_url_path(LAYOUT)}" rel="nofollow">OCOP</a></div>
</div></div>
{_comments(article, seed)}
<section class="detail-related box-stream"><h3 class="title">Tin cùng chuyên mục</h3>
{related}
</section>
{_most_read(view, article)}
</div>"""
    return _page(view, f"{article.title} | {view.site.name}", head, main)


def search_page(view: SiteView) -> str:
    items = "".join(_stream_item(view, a) for a in view.latest())
    main = f'<div class="box-category"><h1>Kết quả tìm kiếm: ocop</h1>{items}</div>'
    return _page(
        view, f"Tìm kiếm | {view.site.name}", '<meta name="robots" content="noindex">', main
    )


def not_found(view: SiteView) -> str:
    main = (
        '<div class="page-404"><h1>Không tìm thấy trang</h1>'
        '<p>Đường dẫn không tồn tại hoặc đã bị gỡ bỏ. <a href="/">Về trang chủ</a></p></div>'
    )
    return _page(view, f"404 | {view.site.name}", '<meta name="robots" content="noindex">', main)
