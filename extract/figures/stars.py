"""Star classes attached to a count.

Forms (spec "Star classes"): "3 sao" is 3-3; "3-4 sao", "từ 3 đến 4 sao" and
"3 sao, 4 sao" are 3-4; "(từ) 3 sao trở lên" is 3-5; "cấp quốc gia" / "cấp Trung
ương" is 5-5; an upgrade's class is its destination ("lên 4 sao"), its origin
("nâng hạng từ 3 sao") is none; the inverted
"4 sao là N sản phẩm" puts the class before the number.
"""

from __future__ import annotations

from extract.figures.caseless import compile_caseless

Stars = tuple[int, int]

_STAR = r"([1-5])\s*sao"
# Destination of an upgrade, done or planned: wins over any other class.
DESTINATION = compile_caseless(rf"lên\s+(?:hạng\s+|chuẩn\s+)?(?:OCOP\s+)?{_STAR}")
_FORMS = compile_caseless(
    rf"(?P<from>(?:từ\s+)?{_STAR}(?:\s+OCOP)?\s+trở\s+lên)"
    rf"|(?P<range>(?:từ\s+)?([1-5])\s*(?:-|–|đến|tới)\s*{_STAR})"
    rf"|(?P<list>{_STAR}\s*(?:,|và|hoặc|/)\s*{_STAR})"
    rf"|(?P<single>{_STAR})"
    r"|(?P<national>cấp\s+(?:quốc\s+gia|Trung\s+ương)|OCOP\s+quốc\s+gia)"
)
# "4 sao là 12 sản phẩm", "hạng 4 sao có 12", "4 sao, gồm 03 sản phẩm".
INVERTED_TAIL = compile_caseless(
    rf"{_STAR}(?:\s+OCOP)?\s*,?\s*(?:là|có|gồm|với|đối\s+với|cho|:)\s*(?:có\s+)?"
    r"(?:(?:hơn|trên|gần|khoảng)\s+)?$"
)
# An upgrade's origin class names no class of the count ("6 sản phẩm nâng hạng từ 3 sao").
ORIGIN = compile_caseless(r"(?:nâng\s+(?:hạng|cấp|sao)|nâng)\s+(?:\S+\s+){0,3}?từ\s+$")
POTENTIAL_FIVE = compile_caseless(r"tiềm\s+năng\s+(?:đạt\s+)?(?:hạng\s+)?5\s*sao")


def stars_after(text: str, start: int, end: int) -> Stars | None:
    """The class written in text[start:end] (a count's own noun phrase).

    `text` is caseless (caseless.py). Every form holds "sao", or "quốc" /
    "trung" of the national forms: a phrase with none of them (most) is passed
    over without a search. ("ocop" also leads a national form, but it is in
    most count phrases and would let nearly every phrase through.)
    """
    if (
        text.find("sao", start, end) < 0
        and text.find("quốc", start, end) < 0
        and text.find("trung", start, end) < 0
    ):
        return None
    destination = DESTINATION.search(text, start, end)
    if destination:
        k = int(destination.group(1))
        return k, k
    match = _FORMS.search(text, start, end)
    while (
        match is not None
        and match.group("single")
        and ORIGIN.search(text, max(start, match.start() - 24), match.start())
    ):
        match = _FORMS.search(text, match.end(), end)  # "nâng hạng từ 3 sao": the origin
    if match is None:
        return None
    if match.group("from"):
        return int(match.group(2)), 5
    if match.group("range"):
        return _ordered(int(match.group(4)), int(match.group(5)))
    if match.group("list"):
        return _ordered(int(match.group(7)), int(match.group(8)))
    if match.group("single"):
        k = int(match.group(10))
        return k, k
    return 5, 5


def stars_before(text: str, start: int, floor: int) -> Stars | None:
    """The inverted form: a class right before the count (`text` is caseless)."""
    window = max(floor, start - 40)
    if text.find("sao", window, start) < 0:
        return None
    match = INVERTED_TAIL.search(text, window, start)
    if match is None:
        return None
    k = int(match.group(1))
    return k, k


def _ordered(a: int, b: int) -> Stars:
    return (a, b) if a <= b else (b, a)
