"""Bylines: person names out of credit lines, structured data and author links.

A credit line may name people ("Hương Hạnh- Quang Phú", "Bài và ảnh: A, B
và C", "NHẬT XUÂN và 1 tác giả khác") or an outlet/agency ("Theo TTXVN",
"Nguồn: Bản tin THNM/TTV"); outlets go to `source_credit`, never to authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract import thresholds
from extract.text import fold, squash

# Prefixes that introduce a credit and are not part of a name.
_PREFIX = re.compile(
    r"^\s*(?:bài\s*(?:và|,|&|-)?\s*ảnh|bài\s*viết|bài|ảnh|video|clip|thực\s*hiện|"
    r"nhóm\s*pv|nhóm\s*phóng\s*viên|pv|ptv|btv|ctv|phóng\s*viên|tác\s*giả|"
    r"người\s*viết|written\s*by|by|theo|nguồn(?:\s*tin)?|source)\s*[:.\-–]?\s*",
    re.IGNORECASE,
)
# Trailing notes that are not part of a name: "(tổng hợp)", "(TH)", "(theo Reuters)".
_SUFFIX = re.compile(r"\s*[(\[][^)\]]{0,40}[)\]]\s*$")
_MORE_AUTHORS = re.compile(r"\s*và\s*(\d+)\s*tác\s*giả\s*khác\s*$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|/|&|\s+và\s+|\s+and\s+|\s*[-–—]\s+|\s+[-–—]\s*|\n)\s*")
_SOURCE_LEAD = re.compile(
    r"^\s*(?:theo|nguồn(?:\s+tin)?|source|according to)\b\s*:?\s*", re.IGNORECASE
)
# Agencies and words that name an organisation rather than a person.
AGENCIES = frozenset(
    {"ttxvn", "vna", "afp", "reuters", "ap", "bloomberg", "xinhua", "tass", "bbc", "cnn",
     "vov", "vtv", "ttv", "ttvn", "pv", "ptv", "btv", "ctv", "th", "tong hop", "tonghop"}
)  # fmt: skip
# AGENCIES as squash() keys, computed once: is_person_name runs on every name.
_AGENCY_KEYS = frozenset(squash(a) for a in AGENCIES)
_ORGANISATION_WORD = re.compile(
    r"\b(?:báo|tạp\s*chí|đài|cổng|bản\s*tin|thông\s*tấn|trung\s*tâm|ban|sở|bộ|ubnd|"
    r"hội|công\s*ty|tập\s*đoàn|truyền\s*hình|phát\s*thanh|online|news|times|post|"
    r"press|media|agency|group|journal|vn|com|net)\b",
    re.IGNORECASE,
)
_URLISH = re.compile(r"https?://|www\.|@|\.(?:vn|com|net|org)\b", re.IGNORECASE)
# A source element saying more than this is prose, not an outlet's name.
_MAX_SOURCE_LEN = 80
_DATE_LIKE = re.compile(r"\d{1,2}[/:-]\d{1,2}")
# Between the names of one structured author value ("A; B", "A, B").
_NAME_LIST_SEPARATOR = re.compile(r"\s*[;,]\s*")
_NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|[.'’-])*$")
# The longest _AGENCY_KEYS key (a name with more letters squashes longer),
# and the letters the keys start with.
_MAX_AGENCY_KEY_LEN = max(map(len, _AGENCY_KEYS))
_AGENCY_INITIALS = frozenset(key[0] for key in _AGENCY_KEYS)
# What _strip_decorations() trims off both ends, and the brackets that end a _SUFFIX.
_DECORATION_EDGES = " .:-–—,;|*"
_SUFFIX_ENDS = (")", "]")
# The words _SPLIT cuts at between white space, each with a space on both sides.
_SPLIT_AND, _SPLIT_AND_EN = " và ", " and "


@dataclass(frozen=True, slots=True)
class Credit:
    """What one credit line says."""

    authors: tuple[str, ...]
    source: str | None = None
    more_authors: int = 0  # "và 1 tác giả khác": names listed elsewhere


def title_case(name: str) -> str:
    """Vietnamese names shown ALL CAPS become "Nhật Xuân"; mixed case is kept."""
    if name.isupper() or name.islower():
        return " ".join(token[:1].upper() + token[1:].lower() for token in name.split())
    return name


def is_person_name(name: str) -> bool:
    """A plausible personal name: a few capitalised words, no digits, no outlet words."""
    # The tests are independent: the cheap ones on the words come first, so
    # that what is no name (a date, a phrase) is mostly told without the
    # patterns and the squash().
    name = fold(name)
    if not name or len(name) > thresholds.MAX_NAME_LEN:
        return False
    tokens = name.split()
    if not 1 <= len(tokens) <= thresholds.MAX_NAME_TOKENS:
        return False
    if len(tokens) == 1 and (len(name) < 3 or name.isupper()):
        return False  # single initials and acronyms are not names we can use
    if not all(_is_name_token(t) and t[0].isupper() for t in tokens):
        return False
    if _is_urlish(name) or _ORGANISATION_WORD.search(name):
        return False
    return not (_may_be_agency(name, tokens) and squash(name) in _AGENCY_KEYS)


def _is_name_token(token: str) -> bool:
    """Whether _NAME_TOKEN matches `token`. Its first class, [^\\W\\d_], takes
    every letter (and a few digits and numerals that are no decimal digit):
    a token of letters alone matches without the pattern."""
    return token.isalpha() or _NAME_TOKEN.match(token) is not None


def _is_urlish(name: str) -> bool:
    """Whether _URLISH finds something. Each of its branches holds a ".", an
    "@" or a ":", which have no other case: a name without them has none."""
    return ("." in name or "@" in name or ":" in name) and _URLISH.search(name) is not None


def _may_be_agency(name: str, tokens: list[str]) -> bool:
    """False when squash(name) cannot be an agency key. An ASCII letter
    first is the key's first character, lower-cased (squash() leaves ASCII
    letters as they are but for the case). Every letter squashes to one
    character or more (tests check each of Unicode's), so words of letters
    alone longer together than the longest key cannot be one either."""
    first = name[0]
    if first.isascii() and first.isalpha() and first.lower() not in _AGENCY_INITIALS:
        return False
    letters = sum(map(len, tokens))
    return letters <= _MAX_AGENCY_KEY_LEN or not "".join(tokens).isalpha()


def parse_credit(line: str) -> Credit | None:
    """Read one byline/credit line; None when it names neither person nor outlet."""
    text = fold(line)
    if not text or len(text) > thresholds.MAX_BYLINE_LEN:
        return None
    more = 0
    found_more = _MORE_AUTHORS.search(text)
    if found_more:
        more = int(found_more.group(1))
        text = text[: found_more.start()]
    is_source_line = bool(_SOURCE_LEAD.match(text))
    text = _strip_decorations(text)
    if not text:
        return None
    parts = _name_parts(text)
    # _strip_decorations() gives a text it leaves as it is: one part, the
    # whole text, is stripped already, and is one name (most credits are).
    if len(parts) == 1 and parts[0] == text:
        name = title_case(text)
        if name and is_person_name(name):
            return Credit((name,), None, more)
    else:
        names = [n for n in (title_case(_strip_decorations(part)) for part in parts) if n]
        if names and all(map(is_person_name, names)):
            return Credit(tuple(dict.fromkeys(names)), None, more)
    if is_source_line:
        return Credit((), text, 0)
    return None


def source_name(text: str) -> str | None:
    """The outlet named by a source element ("Nguồn: Báo X", "Theo TTXVN", "Báo X")."""
    edges = " .:-–—,;|*()[]"
    text = _SOURCE_LEAD.sub("", fold(text).strip(edges)).strip(edges)
    if not text or len(text) > _MAX_SOURCE_LEN or _DATE_LIKE.search(text):
        return None
    return text if any(c.isalpha() for c in text) else None


def _strip_decorations(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _strip_suffix(_PREFIX.sub("", text)).strip(_DECORATION_EDGES)
    return text


def _strip_suffix(text: str) -> str:
    """_SUFFIX.sub("", text). A match ends at a closing bracket and white
    space: a text whose last character but white space is none has none."""
    return _SUFFIX.sub("", text) if text.rstrip().endswith(_SUFFIX_ENDS) else text


def _name_parts(text: str) -> list[str]:
    """_SPLIT.split(text). Each of its separators holds a character that is
    neither a letter nor a space, or is "và" or "and" between white space: a
    text of letters and spaces without them is one part."""
    if text.replace(" ", "").isalpha() and _SPLIT_AND not in text and _SPLIT_AND_EN not in text:
        return [text]
    return _SPLIT.split(text)


def names_from_structured(names: list[str], site_names: list[str]) -> tuple[str, ...]:
    """Person names among JSON-LD/meta author values; sites and URLs dropped."""
    kept: list[str] = []
    for raw in names:
        for part in _name_list(raw):
            if _names_site(part, site_names):
                continue
            credit = parse_credit(part)
            if credit is not None:
                kept.extend(credit.authors)
    return tuple(dict.fromkeys(kept))


def _name_list(value: str) -> list[str]:
    """_NAME_LIST_SEPARATOR.split(value): a value without its ";" and ","
    (most hold one name) is one part."""
    if ";" not in value and "," not in value:
        return [value]
    return _NAME_LIST_SEPARATOR.split(value)


def _names_site(value: str, site_names: list[str]) -> bool:
    key = squash(value)
    return bool(key) and any(s and (s in key or key in s) for s in site_names if len(s) > 2)
