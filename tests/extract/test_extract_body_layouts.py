"""Body container rules of density.py / body.py and the listing rules of pagetype.py,
on page layouts written for these tests."""

from __future__ import annotations

from extract import extract_article
from extract.models import Article, NotArticle, PageContext

CTX = PageContext(url="https://site.example/tin-tuc/bai-viet-123.htm")
SENTENCE = (
    "The regional council approved the plan after a long debate, and the farmers who "
    "grow the certified products will receive support for packaging next year."
)
MENU = "".join(f'<li><a href="/s{i}">Section number {i}</a></li>' for i in range(25))
TEASERS = "".join(
    f'<li><a href="/t{i}.htm">A related story headline number {i} for readers</a></li>'
    for i in range(15)
)


def page(article: str, *, head: str = "", title: str = "Council backs the plan") -> bytes:
    return f"""<html><head><title>{title} - Site</title>{head}</head><body>
    <div class="top"><ul class="navbar">{MENU}</ul></div>
    <div class="wrap"><h1>{title}</h1>{article}</div>
    <div class="bottom"><ul>{TEASERS}</ul><p>Copyright Site 2026</p></div>
    </body></html>""".encode()


def paragraphs(prefix: str, count: int) -> str:
    return "".join(f"<p>{prefix} {i}. {SENTENCE}</p>" for i in range(count))


def body_of(result: Article | NotArticle) -> list[str]:
    assert isinstance(result, Article), result
    return ([result.lead] if result.lead else []) + list(result.paragraphs)


def test_a_how_to_split_into_sibling_step_sections_is_found_whole() -> None:
    steps = "".join(
        f'<div class="section steps"><h3>Method {m}</h3><ol>'
        + "".join(f"<li><b>Step {m}.{s}.</b> {SENTENCE}</li>" for s in range(3))
        + "</ol></div>"
        for m in range(3)
    )
    body = body_of(extract_article(page(f'<div id="bodycontents">{steps}</div>'), CTX))
    assert sum(1 for p in body if p.startswith("Step")) == 9
    assert "Method 2" in body
    assert not any("Section number" in p or "related story" in p for p in body)


def test_a_story_cut_by_an_inline_box_of_links_continues_after_it() -> None:
    box = f'<aside class="inline-box"><ul>{TEASERS}</ul></aside>'
    story = (
        f'<div class="part">{paragraphs("First part", 6)}</div>{box}'
        f'<div class="part">{paragraphs("Second part", 3)}</div>'
    )
    body = body_of(extract_article(page(f"<article>{story}</article>"), CTX))
    assert sum(1 for p in body if p.startswith("First part")) == 6
    assert sum(1 for p in body if p.startswith("Second part")) == 3
    assert not any("related story" in p for p in body)


def test_a_boilerplate_looking_name_on_the_text_wrapper_does_not_hide_the_text() -> None:
    ad = f'<div id="ad-details"><blockquote>{paragraphs("Seller says", 8)}</blockquote></div>'
    body = body_of(extract_article(page(ad), CTX))
    assert sum(1 for p in body if p.startswith("Seller says")) == 8


def test_a_short_list_typed_with_line_breaks_counts_as_prose() -> None:
    lines = "<br>".join(f"Item {i}: 2GB RAM" for i in range(40))
    body = body_of(extract_article(page(f'<div class="desc"><p>{lines}</p></div>'), CTX))
    assert sum(1 for p in body if p.startswith("Item")) == 40


def test_paragraphs_placed_right_in_the_body_element_are_the_body() -> None:
    html = f"<html><body><h1>Council backs the plan</h1>{paragraphs('Para', 5)}</body></html>"
    body = body_of(extract_article(html.encode(), CTX))
    assert len(body) == 5


def test_a_known_cms_container_inside_the_dense_region_is_preferred() -> None:
    article = (
        '<p class="description">A short sapo that sums the story up in one sentence.</p>'
        f'<div class="fck_detail">{paragraphs("Body", 6)}</div>'
    )
    result = extract_article(page(article), CTX)
    assert isinstance(result, Article)
    assert result.lead == "A short sapo that sums the story up in one sentence."
    assert len(result.paragraphs) == 6


def test_a_home_page_without_a_visible_headline_is_refused_as_home() -> None:
    blocks = "".join(
        f'<div class="box"><a href="/n{i}.htm">News headline number {i} about the region</a>'
        f"<span>Short teaser {i}.</span></div>"
        for i in range(40)
    )
    footer = f"<footer><p>{SENTENCE} {SENTENCE}</p><p>{SENTENCE}</p></footer>"
    head = "<head><title>Regional news, fresh every hour</title></head>"
    html = f"<html>{head}<body>{blocks}{footer}</body></html>"
    result = extract_article(html.encode(), PageContext(url="https://site.example/"))
    assert isinstance(result, NotArticle) and result.page_type == "home"
    section = extract_article(html.encode(), PageContext(url="https://site.example/kinh-te/"))
    assert isinstance(section, NotArticle) and section.page_type == "listing"


def test_a_short_article_with_a_visible_headline_on_a_page_of_teasers_is_an_article() -> None:
    result = extract_article(page(paragraphs("Short", 3)), CTX)
    assert isinstance(result, Article)
    assert len(result.paragraphs) == 3


def test_a_box_of_teasers_with_sapos_stays_out_of_a_short_article() -> None:
    items = "".join(
        f'<div class="box-item"><h3><a href="/r{i}.htm">Another story headline number {i} '
        f"for the readers</a></h3><span>10:0{i} , 27/12/2023</span><p>{SENTENCE}</p></div>"
        for i in range(4)
    )
    article = f'<div class="detail-content">{paragraphs("Short", 3)}</div>'
    html = page(f"{article}<section class='box-stream'>{items}</section>")
    body = body_of(extract_article(html, CTX))
    assert [p[:7] for p in body] == ["Short 0", "Short 1", "Short 2"]
