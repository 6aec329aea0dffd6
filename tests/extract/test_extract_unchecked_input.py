"""UTF-8 pages go to the parser unchecked; only suspect kept text sends a page
through the checked decoding again (the rule in extract/charset.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborNode

from extract import dom, extract_article
from extract.article import _extract_parsed
from extract.article import _suspect as region_suspect
from extract.body import find_containers
from extract.charset import checked_parser_input, suspect_text
from extract.models import Article, NotArticle, PageContext, document_text
from extract.structured import StructuredData

CTX = PageContext(url="https://tinh.example/tin/ocop-1.html")
TITLE = "Hà Tĩnh có thêm 25 sản phẩm OCOP"
PARAGRAPHS = (
    "Tỉnh Hà Tĩnh vừa công nhận thêm 25 sản phẩm OCOP đạt 3 sao, nâng tổng số lên 412 sản phẩm.",
    "Đây là kết quả của chương trình Mỗi xã một sản phẩm, theo Sở Nông nghiệp và Môi trường.",
    "Các sản phẩm mới gồm nước mắm, chè xanh, cam bù và mật ong rừng của các hợp tác xã.",
)
UTF8_META = b'<meta charset="utf-8">'


def _page(
    paragraphs: tuple[bytes, ...] = tuple(p.encode() for p in PARAGRAPHS),
    *,
    meta: bytes = UTF8_META,
    script: bytes = b"",
) -> bytes:
    title = TITLE.encode()
    return (
        b"<html><head>" + meta + b"<title>" + title + b"</title><script>" + script
        + b"</script></head><body><article><h1>" + title + b"</h1>"
        + b"".join(b"<p>" + p + b"</p>" for p in paragraphs)
        + b"</article></body></html>"
    )  # fmt: skip


def _checked(body: bytes) -> Article | NotArticle:
    """The plain computation: every page decoded by the checked path."""
    return _extract_parsed(checked_parser_input(body, CTX.headers), CTX, False)[0]


def _suspect(article: Article) -> bool:
    """Kept text with a replacement character or a legacy-font Đ (eth)."""
    texts = [article.title, article.lead or "", *article.paragraphs, *article.captions]
    texts += [*article.authors, article.section or "", article.source_credit or ""]
    texts += [article.canonical_url or "", article.language or ""]
    return any(char in text for text in texts for char in "\ufffd\u00d0\u00f0")


def test_invalid_bytes_in_a_script_leave_the_declared_utf8_text_intact() -> None:
    page = _page(script=b'var x = "\xff\xfe\xc3";')
    result = extract_article(page, CTX)
    assert isinstance(result, Article)
    assert result.title == TITLE and result.paragraphs == PARAGRAPHS


def test_invalid_bytes_in_the_article_text_decode_the_page_as_before() -> None:
    broken = (PARAGRAPHS[0].encode()[:40] + b"\xff" + PARAGRAPHS[0].encode()[40:],)
    page = _page(broken + tuple(p.encode() for p in PARAGRAPHS[1:]))
    result = extract_article(page, CTX)
    assert result == _checked(page)
    assert checked_parser_input(page) != page  # the checked path did decode it


def test_undeclared_legacy_encoded_text_is_detected_not_read_as_utf8() -> None:
    page = _page(tuple(p.encode("cp1258", "replace") for p in PARAGRAPHS), meta=b"")
    result = extract_article(page, CTX)
    assert isinstance(result, Article)
    assert not _suspect(result)
    assert result == _checked(page)


def test_legacy_font_eth_in_the_text_is_repaired() -> None:
    eth = tuple(p.replace("Đ", "Ð").encode() for p in PARAGRAPHS)
    result = extract_article(_page(eth), CTX)
    assert isinstance(result, Article)
    assert result.paragraphs[1].startswith("Đây là")


_PIECES = [p.encode() for p in PARAGRAPHS] + [
    PARAGRAPHS[0].replace("Đ", "Ð").encode(),
    PARAGRAPHS[1].replace("Đ", "Ð").encode(),
    PARAGRAPHS[2].encode("cp1258", "replace"),
    PARAGRAPHS[0].encode()[:33] + b"\xe1\xba" + PARAGRAPHS[0].encode()[33:],
    b"Theo Ban ch\xf0 \xef\xbf\xbd OCOP",
]
_SCRIPTS = [b"", b"var a = 1;", b"var b = '\xff\xfe';", "var c = 'Ð';".encode(), b"\xc3"]
_METAS = [UTF8_META, b"", b'<meta charset="windows-1258">', b'<meta charset="iso-8859-1">']


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5).map(tuple),
    st.sampled_from(_METAS),
    st.sampled_from(_SCRIPTS),
)
def test_unchecked_bytes_differ_from_the_checked_path_only_for_clean_kept_text(
    paragraphs: tuple[bytes, ...], meta: bytes, script: bytes
) -> None:
    page = _page(paragraphs, meta=meta, script=script)
    result, checked = extract_article(page, CTX), _checked(page)
    if result != checked:
        # Allowed only where the checked path would have decoded the page
        # differently for bytes the article does not keep.
        assert checked_parser_input(page) is not page
        assert isinstance(result, Article) and not _suspect(result)


_ENGLISH = b"".join(
    b"<p>The province now has %d OCOP products rated three stars or more, and the "
    b"programme runs in every district.</p>" % (250 + i)
    for i in range(6)
)


def _latin1_page(head: bytes, byline: bytes = b"") -> bytes:
    """An undeclared windows-1252 page, ASCII but for what `head` and `byline` hold."""
    return (
        b"<html><head>" + head + b"<title>OCOP</title></head><body><article>"
        b"<h1>Bac Giang has 250 OCOP products</h1>"
        + byline
        + _ENGLISH
        + b"</article></body></html>"
    )


def test_a_latin1_author_name_in_a_meta_tag_sends_the_page_through_detection() -> None:
    # The broken name never reaches the kept authors (it is no person's
    # name with U+FFFD in it): the metadata itself must be looked at.
    page = _latin1_page(b'<meta name="author" content="Jos\xe9 Garc\xeda">')
    result = extract_article(page, CTX)
    assert isinstance(result, Article) and result.authors == ("José García",)


def test_a_latin1_visible_byline_sends_the_page_through_detection() -> None:
    page = _latin1_page(b"", byline=b'<p class="author">By Jos\xe9 Garc\xeda</p>')
    result = extract_article(page, CTX)
    assert isinstance(result, Article) and result.authors == ("José García",)


def test_a_broken_byte_in_the_canonical_link_is_not_kept_as_a_replacement_character() -> None:
    page = _latin1_page(b'<link rel="canonical" href="https://tinh.example/t\xe9t.html">')
    result = extract_article(page, CTX)
    assert isinstance(result, Article) and result == _checked(page)
    assert "\ufffd" not in (result.canonical_url or "")


_SIGNS = st.sampled_from(["", "\ufffd", "\u00d0", "\u00f0"])


@settings(max_examples=200, deadline=None)
@given(inside=_SIGNS, outside=_SIGNS, read=st.booleans())
def test_the_region_check_gives_the_same_answer_from_the_body_text_read_before(
    inside: str, outside: str, read: bool
) -> None:
    """The region's text is part of the body's: a body text read earlier and
    free of signs clears the region without its read; otherwise the region
    itself still decides (a sign outside it does not make it suspect)."""
    clean = extract_article(_page(), CTX)
    assert isinstance(clean, Article)
    markup = f"<body><p>Trước {outside}</p><div id=r><p>Bài {inside}</p></div><p>Sau</p></body>"
    tree = dom.parse(markup)
    region = tree.css_first("#r")
    plain = dom.ElementText(tree.body)
    given_text = dom.ElementText(tree.body)
    if read:
        given_text.read()
    expected = _suspect_region(clean, region, plain)
    assert _suspect_region(clean, region, given_text) == expected == bool(inside)


def _suspect_region(clean: Article, region: LexborNode | None, body: dom.ElementText) -> bool:
    document = document_text(clean.title, clean.lead, clean.paragraphs)
    return region_suspect(clean, document, StructuredData(), region, body)


def _plain_suspect_texts(article: Article, data: StructuredData) -> bool:
    """The kept texts and the metadata looked at as one join, each kept text
    in it on its own (no document made of them)."""
    texts = [article.title, article.lead or "", *article.paragraphs, *article.authors]
    texts += [*article.captions, article.section or "", article.source_credit or ""]
    return suspect_text([*texts, *data.texts()])


# Short texts that may hold a sign, or a line break beside where one could be.
_TEXTS = st.text(st.sampled_from(["a", "\n", "\ufffd", "\u00d0", "\u00f0", "Đ", " "]), max_size=3)


@settings(max_examples=300, deadline=None)
@given(
    st.tuples(_TEXTS, st.none() | _TEXTS, st.lists(_TEXTS, max_size=3).map(tuple)),
    st.tuples(*(st.lists(_TEXTS, max_size=2).map(tuple) for _ in range(2))),
    st.tuples(st.none() | _TEXTS, st.none() | _TEXTS, st.none() | _TEXTS),
)
def test_the_kept_texts_are_suspect_as_when_each_is_looked_at_in_one_join(
    body: tuple[str, str | None, tuple[str, ...]],
    lists: tuple[tuple[str, ...], tuple[str, ...]],
    singles: tuple[str | None, str | None, str | None],
) -> None:
    # _suspect() looks at the document in place of its title, lead and paragraphs.
    (title, lead, paragraphs), (authors, captions), (section, credit, headline) = (
        body,
        lists,
        singles,
    )
    article = Article(
        url=CTX.url,
        canonical_url=None,
        title=title,
        lead=lead,
        paragraphs=paragraphs,
        published_at=None,
        modified_at=None,
        authors=authors,
        section=section,
        source_credit=credit,
        captions=captions,
        language=None,
        figures=(),
    )
    data = StructuredData(headline=headline)
    document = document_text(title, lead, paragraphs)
    found = region_suspect(article, document, data, None, dom.ElementText(None))
    assert found == _plain_suspect_texts(article, data)


def test_the_density_walk_reads_the_body_text_through_the_reader_it_is_given() -> None:
    """A large boilerplate-named box with few links, met before the walk has
    seen enough text to settle it, makes the walk read the body's text: it
    reads it through the shared reader, which then holds it for the charset
    check."""
    line = "<p>Thông tin tòa soạn và địa chỉ liên hệ.</p>"
    aside = f"<div class='sidebar'>{line * 40}</div>"
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 4)
    tree = dom.parse(f"<body>{aside}<article><h1>{TITLE}</h1>{story}</article></body>")
    body = dom.ElementText(tree.body)
    assert find_containers(tree, None, body)
    assert body.text is not None and body.text == tree.body.text_lexbor()
