"""Places: administrative units named in the text, and which one a figure is about.

Mentions are found block by block (segment.closed_blocks: runs of paragraphs
no mention crosses out of), the blocks with counts up front and an earlier
one only when an anaphor looks back into it; roles are worked out when a
look-up first needs them. What is found:
- a unit word and a capitalised name ("tỉnh Thanh Hóa", "huyện Thiệu Hóa",
  "thị trấn Yên Cát"); chains "thị trấn A, huyện B, tỉnh C" and "huyện B (C)"
  become one mention whose place is the most specific unit;
- a bare province name ("Thanh Hóa hoàn thành ...");
- "cả nước" / "toàn quốc" (national);
- anaphors "toàn tỉnh", "trên địa bàn huyện", "của tỉnh", a clause opening
  with "huyện ..." / "tỉnh ...": they stand for the nearest earlier unit of
  that level.
Each mention gets a role: issuer ("Văn phòng điều phối ... tỉnh X"), venue
("tại X", but a sentence opening "Tại X," names its topic), comparison ("sau
Hà Nội", "cùng cả nước"), rank scope ("thứ 2 cả nước", "dẫn đầu cả nước"),
dateline ("Hà Nội (TTXVN ...)"), or subject.

A figure's place, in order (phrasing catalogue §8): a mention in its clause
(nearest before the number, else the first after it, which covers "(huyện
X)"); the most recent subject mention earlier in the paragraph; the headline's
place; the outlet's province.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.figures.admin import (
    CENTRAL_CITIES,
    canonical_province,
    districts_named,
    units,
)
from extract.figures.caseless import caseless, compile_caseless, word_start
from extract.figures.charclass import LOWER, UPPER
from extract.figures.normalize import lowered
from extract.figures.segment import Span

NATIONAL = "national"
PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"
_LEVEL_RANK = {NATIONAL: 0, PROVINCE: 1, DISTRICT: 2, COMMUNE: 3}

SUBJECT_ROLE = "subject"
# Roles never taken as a figure's place, not even inside its clause.
_NEVER_ROLES = frozenset({"comparison", "scope", "dateline"})

_UNIT_WORDS = {
    "tỉnh": PROVINCE,
    "thành phố": PROVINCE,  # or district: decided by the name
    "tp.": PROVINCE,
    "tp": PROVINCE,
    "huyện": DISTRICT,
    "quận": DISTRICT,
    "thị xã": DISTRICT,
    "tx.": DISTRICT,
    "tx": DISTRICT,
    "thị trấn": COMMUNE,
    "tt.": COMMUNE,
    "xã": COMMUNE,
    "phường": COMMUNE,
}
# "tp." and "tx." name the same units as "tp" and "tx".
_ABBREVIATED_UNITS = {"tp.": "tp", "tx.": "tx"}
_NAME_WORD = rf"[{UPPER}][\w]*"
_MAX_NAME_WORDS = 4
# Unit words, found on the lower-cased text in one scan; what follows decides:
# a capitalised name makes a named unit ("huyện Thiệu Hóa"), a lower-case word
# after "toàn", "của", ... or at a clause start an anaphor. The words starting
# with "t" share one branch (a prefix tree, as _province_names builds): the
# engine tries an alternation at every "t", "h", "q", "x" and "p" of the text,
# and one branch instead of eight at each "t" makes the scan about a third
# faster. No word is a prefix of another at the same place, so the matches are
# those of the flat "tỉnh|thành\s+phố|thị\s+xã|...|tt\." alternation.
_UNIT_WORD = re.compile(
    r"t(?:ỉnh|hành\s+phố|hị\s+(?:xã|trấn)|p\.|p(?= )|x\.|t\.)|huyện|quận|xã|phường"
)
_NAME = re.compile(
    rf"\s*(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}|[ \t]+\d{{1,2}}(?!\d)){{0,{_MAX_NAME_WORDS}}}"
    rf"|\d{{1,2}}(?!\d))"
)
# Numbered wards and districts exist ("Phường 4", "Quận 1"); nowhere else.
_NUMBERED_UNITS = frozenset({"phường", "quận"})
# "Hợp tác xã" is a cooperative, not a commune (looked for only where "tác" is near).
_NOT_A_UNIT_BEFORE = re.compile(r"(?:hợp\s+tác|tổ\s+hợp\s+tác)\s+$")
# One literal-led pattern each: an alternation steps through every character.
_NATIONAL = (re.compile(r"cả\s+nước"), re.compile(r"toàn\s+quốc"))
_ANAPHOR_HEAD = re.compile(r"(?:toàn|trên\s+địa\s+bàn|cả|của)\s+$")
# "Năm 2024, huyện phấn đấu ...": a clause whose subject is the unit itself.
_CLAUSE_SUBJECT_UNITS = frozenset({"tỉnh", "huyện"})
_CLAUSE_OPENING = re.compile(r"(?:^|[,.;:…!?]|\b(?:thì|nên|và|nhưng))\s*$")
_ANAPHOR_LEVEL = {
    "tỉnh": PROVINCE,
    "huyện": DISTRICT,
    "thị xã": DISTRICT,
    "thành phố": DISTRICT,
    "xã": COMMUNE,
    "phường": COMMUNE,
}
_UPPER_SET = frozenset(UPPER)
_LOWER_SET = frozenset(LOWER)

_CHAIN_GLUE = re.compile(r"\s*(?:,|-|–|\()\s*$")
# Role patterns read the caseless clause before a mention, literal-led (caseless.py).
_COMPARISON = compile_caseless(
    rf"(?:{word_start('sau')}|{word_start('so')}\s+với|{word_start('hơn')}|{word_start('trước')}"
    rf"|{word_start('cùng')}|{word_start('như')})\s+$"
)
_VENUE = compile_caseless(word_start("tại") + r"\s+$")
# "Tại Hà Tĩnh, hiện có 431 ...": a sentence opening with "Tại X," names its topic.
_TOPIC = re.compile(r"^\s*Tại\s+$")
_RANK_SCOPE = compile_caseless(
    word_start("thứ") + r"\s+\d{1,2}\s+$|" + word_start("dẫn") + r"\s+đầu\s+$"
)
_DATELINE = re.compile(r"\s*\((?:TTXVN|[A-ZĐ]{2,6}(?:\s*\d|\)))")
# "(?<!\w)(?:Văn\s+phòng|Sở|...)(?!\w)", written literal-led.
_ORG_HEADS = (
    "Văn phòng",
    "Sở",
    "Ban",
    "Hội đồng",
    "Bộ",
    "Chi cục",
    "Trung tâm",
    "Liên minh",
    "Hiệp hội",
    "Hội",
    "Cục",
    "Phòng",
    "Công ty",
    "Hợp tác xã",
    "HTX",
    "Đài",
    "Báo",
    "Tổ",
    "Trường",
    "Viện",
    "Ngân hàng",
    "Quỹ",
    "Đoàn",
    "Tỉnh ủy",
    "Huyện ủy",
)
_ORG_HEAD = re.compile(
    "(?:"
    + "|".join(
        word_start(head.split()[0]) + "".join(r"\s+" + word for word in head.split()[1:])
        for head in _ORG_HEADS
    )
    + r")(?!\w)"
)
_GOVERNMENT = re.compile(r"UBND|[ỦU]ỷ?\s*ban\s+nhân\s+dân|Ủy\s+ban\s+nhân\s+dân|HĐND|chính\s+quyền")
# Everything up to the last clause break ("." matches a line break too).
_LAST_BREAK = re.compile(r".*[,;:.()\n]", re.S)
_ROLE_LOOKBACK = 80
_START = operator.attrgetter("start")


# Unit and Mention are not frozen: built for every place mention (see
# segment.Span on why).
@dataclass(slots=True)
class Unit:
    text: str | None  # as written; None for the outlet default
    level: str
    province: str | None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    units: tuple[Unit, ...]  # most specific first
    role: str
    anaphor: str | None = None  # the level an anaphor stands for

    def unit_at(self, level: str) -> Unit | None:
        return next((u for u in self.units if u.level == level), None)


def find_mentions(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    low: str | None = None,
    reach: tuple[int, int] | None = None,
    with_roles: bool = True,
) -> list[Mention]:
    """Mentions starting in text[start:end]; `low` is `text` lower-cased (same length).

    `reach` (default: start and end) bounds what the rules may read around a
    mention: a clause opening before an anaphor, a name after a unit word.
    Without roles every mention says SUBJECT_ROLE; role_of gives the real one.
    """
    end = len(text) if end is None else end
    low = lowered(text) if low is None else low
    floor, ceiling = (start, end) if reach is None else reach
    named, anaphors = _unit_words(text, low, start, end, floor, ceiling)
    if len(named) > 1:
        named = _chains(text, named)
    found = named + _bare_provinces(text, start, end, named) + _national(text, low, start, end)
    if anaphors:
        found += anaphors
    if len(found) > 1:
        found.sort(key=_START)
    if not with_roles:
        return found
    folded = caseless(text, low)
    return [_with_role(text, folded, m) for m in found]


def role_of(text: str, folded: str, mention: Mention) -> str:
    """The role of a mention found without roles; `folded` is caseless(text)."""
    return SUBJECT_ROLE if mention.anaphor is not None else _role(text, folded, mention)


# A headline opening with a bare district name: "Hậu Lộc: 8 sản phẩm ...", "Đức Thọ phấn đấu ...".
_HEAD_DISTRICT = re.compile(rf"\s*(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})")


def headline_mentions(headline: str, default_province: str | None) -> list[Mention]:
    """The headline's mentions; a bare district name opening it counts too.

    Only a district of the outlet's province (or a name no other province
    uses) is taken: headlines name their own area without the unit word.
    """
    found = find_mentions(headline)
    if any(m.anaphor is None and m.role == SUBJECT_ROLE for m in found):
        return found
    opening = _HEAD_DISTRICT.match(headline)
    if opening is None:
        return found
    words = opening.group("name").split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        matches = districts_named(name)
        provinces = {d.province for d in matches}
        province = None
        if default_province in provinces:
            province = default_province
        elif len(provinces) == 1 and default_province is None:
            province = provinces.pop()
        if province is not None:
            start = opening.start("name")
            unit = Unit(name, DISTRICT, province)
            return [Mention(start, start + len(name), (unit,), SUBJECT_ROLE), *found]
    return found


class PlaceIndex:
    """The document's mentions, with the look-ups a figure needs.

    Mentions are found per block (segment.closed_blocks): the blocks holding
    counts up front, an earlier block only when an anaphor's antecedent is
    sought in it.
    """

    def __init__(
        self,
        text: str,
        low: str,
        folded: str,
        blocks: Sequence[Span],
        counted: Sequence[int],
        headline: Sequence[Mention],
        default_province: str | None,
    ) -> None:
        self._text = text
        self._low = low
        self._folded = folded
        self._blocks = list(blocks)
        self._block_starts = [b.start for b in self._blocks]
        # What find_mentions over the blocks' whole stretch may read.
        self._reach = (0, self._blocks[-1].end) if self._blocks else (0, 0)
        self._found: list[list[Mention] | None] = [None] * len(self._blocks)
        self._roles: dict[int, str] = {}  # by id() of a found mention: worked out when asked
        self._starts: list[list[int]] = [[] for _ in self._blocks]
        for first, last in _runs(counted):
            self._read_run(first, last)
        self._headline = next(
            (self.resolve(m) for m in headline if m.anaphor is None and m.role not in _NEVER_ROLES),
            None,
        )
        self.default_province = default_province
        self.context_province = (
            self._headline.province if self._headline is not None else None
        ) or default_province

    def spans(self) -> list[tuple[int, int]]:
        """Named places in the blocks read so far (all the blocks with counts)."""
        return [
            (m.start, m.end)
            for found in self._found
            if found is not None
            for m in found
            if m.anaphor is None
        ]

    def in_clause(self, clause: Span, number_start: int) -> Unit | None:
        """Nearest usable mention before the number in the clause, else the first after."""
        found = self._between(clause.start, clause.end)
        for mention in reversed(found):
            if mention.end <= number_start and self._role(mention) not in _NEVER_ROLES:
                return self.resolve(mention)
        for mention in found:
            if mention.start >= number_start and self._role(mention) not in _NEVER_ROLES:
                return self.resolve(mention)
        return None

    def in_paragraph(self, paragraph: Span, before: int) -> Unit | None:
        for mention in reversed(self._between(paragraph.start, before)):
            if self._role(mention) == SUBJECT_ROLE:
                return self.resolve(mention)
        return None

    def fallback(self) -> Unit | None:
        if self._headline is not None:
            return self._headline
        if self.default_province is not None:
            return Unit(None, PROVINCE, self.default_province)
        return None

    def resolve(self, mention: Mention) -> Unit:
        """The unit a mention stands for; an anaphor's nearest earlier antecedent."""
        if mention.anaphor is None:
            return mention.units[0]
        level = mention.anaphor
        for earlier in self._earlier(mention.start):
            if earlier.anaphor is not None or self._role(earlier) in _NEVER_ROLES:
                continue
            unit = earlier.unit_at(level)
            if unit is not None:
                return unit
        if self._headline is not None and self._headline.level == level:
            return self._headline
        province = self.context_province if level != NATIONAL else None
        return Unit(self._text[mention.start : mention.end], level, province)

    def _read(self, index: int) -> list[Mention]:
        found = self._found[index]
        if found is None:
            block = self._blocks[index]
            found = find_mentions(
                self._text,
                block.start,
                block.end,
                low=self._low,
                reach=self._reach,
                with_roles=False,
            )
            self._found[index] = found
            self._starts[index] = [m.start for m in found]
        return found

    def _read_run(self, first: int, last: int) -> None:
        """Read blocks first..last in one pass: the same mentions as block by
        block (no mention crosses out of a block), one set of scans instead of
        one per block."""
        if first == last:
            self._read(first)
            return
        blocks = self._blocks
        found = find_mentions(
            self._text,
            blocks[first].start,
            blocks[last].end,
            low=self._low,
            reach=self._reach,
            with_roles=False,
        )
        starts = [m.start for m in found]
        cut = 0
        for index in range(first, last + 1):
            stop = len(found)
            if index < last:
                stop = bisect.bisect_left(starts, blocks[index + 1].start)
            self._found[index] = found[cut:stop]
            self._starts[index] = starts[cut:stop]
            cut = stop

    def _role(self, mention: Mention) -> str:
        role = self._roles.get(id(mention))
        if role is None:
            role = self._roles[id(mention)] = role_of(self._text, self._folded, mention)
        return role

    def _block_of(self, position: int) -> int:
        return max(0, bisect.bisect_right(self._block_starts, position) - 1)

    def _between(self, start: int, end: int) -> list[Mention]:
        """Mentions starting in [start, end), a stretch inside one block with counts."""
        # _block_of and _read, inline: a count asks this a few times.
        index = bisect.bisect_right(self._block_starts, start) - 1
        if index < 0:
            index = 0
        found = self._found[index]
        if found is None:
            found = self._read(index)
        starts = self._starts[index]
        return found[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def _earlier(self, position: int) -> Iterator[Mention]:
        """Mentions starting before `position`, nearest first, reading blocks as needed."""
        if not self._blocks:
            return
        index = self._block_of(position)
        found = self._read(index)
        yield from reversed(found[: bisect.bisect_left(self._starts[index], position)])
        for earlier in range(index - 1, -1, -1):
            yield from reversed(self._read(earlier))


def _runs(indices: Sequence[int]) -> list[tuple[int, int]]:
    """Runs of consecutive indices, as (first, last)."""
    runs: list[tuple[int, int]] = []
    for index in sorted(set(indices)):
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _unit_words(
    text: str, low: str, start: int, end: int, floor: int, ceiling: int
) -> tuple[list[Mention], list[Mention]]:
    named: list[Mention] = []
    anaphors: list[Mention] = []
    size = len(low)
    for match in _UNIT_WORD.finditer(low, start, end):
        s, e = match.span()
        if (s > 0 and low[s - 1].isalnum()) or (e < size and low[e].isalnum()):
            continue
        word = match.group()
        if word not in _UNIT_WORDS:
            word = " ".join(word.split())
        window = s - 14 if s > 14 else 0
        if low.find("tác", window, s) >= 0 and _NOT_A_UNIT_BEFORE.search(low, window, s):
            continue
        name = _NAME.match(text, e, ceiling)
        # "toàn huyện 28 sản phẩm": a count, not "Phường 4"
        if name is not None:
            written_name = name.group("name")
            if not written_name[0].isdigit() or word in _NUMBERED_UNITS:
                # One function call fewer per named unit, the common case.
                unit = _named_unit(_ABBREVIATED_UNITS.get(word, word), written_name)
                if unit is not None:
                    written = text[s : name.start("name")] + unit[0]
                    named.append(
                        Mention(
                            s, s + len(written), (Unit(written, unit[1], unit[2]),), SUBJECT_ROLE
                        )
                    )
                continue
        level = _ANAPHOR_LEVEL.get(word)
        if level is None:
            continue
        head = _ANAPHOR_HEAD.search(low, max(0, s - 16), s)
        if head is not None:
            anaphors.append(_anaphor(text, head.start(), e, level))
        elif (
            word in _CLAUSE_SUBJECT_UNITS
            and _next_is_lower(text, e)
            and _CLAUSE_OPENING.search(text, max(floor, s - 12), s)
        ):
            anaphors.append(_anaphor(text, s, e, level))
    return named, anaphors


def _next_is_lower(text: str, position: int) -> bool:
    while position < len(text) and text[position] in " \t":
        position += 1
    return position < len(text) and text[position] in _LOWER_SET


@lru_cache(maxsize=8192)  # pure; the same few dozen names recur in every article
def _named_unit(word: str, name: str) -> tuple[str, str, str | None] | None:
    """(name as kept, level, province) for a unit word and the words after it."""
    level = _UNIT_WORDS[word]
    words = name.split()
    if level == PROVINCE:
        for n in range(min(len(words), units().max_province_words), 0, -1):
            candidate = " ".join(words[:n])
            province = canonical_province(candidate)
            if province is None:
                continue
            if word.startswith(("thành", "tp")) and province not in CENTRAL_CITIES:
                return _district(" ".join(words), candidate, "thành phố")
            return _kept(name, n), PROVINCE, province
        if word.startswith(("thành", "tp")):
            return _district(" ".join(words), None, "thành phố")
        return None
    if level == DISTRICT:
        return _district(" ".join(words), None, word)
    return _kept(name, min(len(words), 3)), COMMUNE, None


def _district(name: str, known: str | None, word: str) -> tuple[str, str, str | None]:
    words = name.split()
    for n in range(min(len(words), 4), 0, -1):
        matches = districts_named(" ".join(words[:n]))
        if matches:
            provinces = {d.province for d in matches}
            province = provinces.pop() if len(provinces) == 1 else None
            return _kept(name, n), DISTRICT, province
    kept = known if known is not None else " ".join(words[:3])
    return _kept(name, len(kept.split())), DISTRICT, None


def _kept(name: str, n_words: int) -> str:
    """The first n words of `name`, with its original spacing."""
    parts = re.split(r"(\s+)", name)
    return "".join(parts[: 2 * n_words - 1])


def _chains(text: str, mentions: list[Mention]) -> list[Mention]:
    """Merge "xã A, huyện B, tỉnh C" and "huyện B (C)" into one mention."""
    merged: list[Mention] = []
    for mention in mentions:
        if merged:
            last = merged[-1]
            glue = text[last.end : mention.start]
            if (
                len(glue) <= 3
                and _CHAIN_GLUE.match(glue)
                and _LEVEL_RANK[mention.units[0].level] < _LEVEL_RANK[last.units[-1].level]
            ):
                end = mention.end
                if glue.strip() == "(" and text[end : end + 1] == ")":
                    end += 1
                merged[-1] = Mention(last.start, end, last.units + mention.units, SUBJECT_ROLE)
                continue
        merged.append(mention)
    # Most mentions are a lone unit, with no chain to take a province from.
    return [m if len(m.units) == 1 else _with_chain_provinces(m) for m in merged]


def _with_chain_provinces(mention: Mention) -> Mention:
    top = next((u.province for u in reversed(mention.units) if u.province), None)
    if top is None:
        return mention
    filled = tuple(
        u if u.province is not None or u.level == NATIONAL else Unit(u.text, u.level, top)
        for u in mention.units
    )
    return Mention(mention.start, mention.end, filled, mention.role, mention.anaphor)


def _bare_provinces(text: str, start: int, end: int, taken: list[Mention]) -> list[Mention]:
    """Province names outside the named mentions `taken` (in order of start)."""
    found: list[Mention] = []
    taken_starts: list[int] | None = None
    for match in _province_names().finditer(text, start, end):
        s, e = match.span()
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in _UPPER_SET):
            continue
        if taken:
            if taken_starts is None:
                taken_starts = [m.start for m in taken]
            if _overlaps(s, e, taken, taken_starts):
                continue
        name = match.group()
        found.append(Mention(s, e, (Unit(name, PROVINCE, canonical_province(name)),), SUBJECT_ROLE))
    return found


@cache
def _province_names() -> re.Pattern[str]:
    """Every province spelling as one prefix-tree pattern (longest spelling wins).

    A flat alternation of ~100 names makes the engine try each name at every
    character; the tree tries one branch per character.
    """
    return re.compile(rf"{_tree_pattern(units().province_spellings)}(?!\w)")


def _tree_pattern(words: Sequence[str]) -> str:
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(tree)


def _branch(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    alternatives = [re.escape(c) + _branch(sub) for c, sub in sorted(node.items()) if c]
    if not alternatives:
        return ""
    body = "|".join(alternatives)
    if "" in node:
        return f"(?:{body})?"
    return alternatives[0] if len(alternatives) == 1 else f"(?:{body})"


def _overlaps(s: int, e: int, taken: list[Mention], starts: list[int]) -> bool:
    """Whether [s, e) overlaps one of the two mentions starting last at or before e."""
    i = bisect.bisect_right(starts, e)
    if i > 0 and taken[i - 1].start < e and s < taken[i - 1].end:
        return True
    return i > 1 and taken[i - 2].start < e and s < taken[i - 2].end


def _national(text: str, low: str, start: int, end: int) -> list[Mention]:
    return [
        Mention(
            m.start(), m.end(), (Unit(text[m.start() : m.end()], NATIONAL, None),), SUBJECT_ROLE
        )
        for pattern in _NATIONAL
        for m in pattern.finditer(low, start, end)
        if not (m.start() > 0 and low[m.start() - 1].isalnum())
    ]


def _anaphor(text: str, start: int, end: int, level: str) -> Mention:
    return Mention(start, end, (Unit(text[start:end], level, None),), SUBJECT_ROLE, level)


def _with_role(text: str, folded: str, mention: Mention) -> Mention:
    if mention.anaphor is not None:
        return mention
    role = _role(text, folded, mention)
    if role == SUBJECT_ROLE:
        return mention
    return Mention(mention.start, mention.end, mention.units, role, None)


def _role(text: str, folded: str, mention: Mention) -> str:
    start = max(0, mention.start - _ROLE_LOOKBACK)
    lookback = text[start : mention.start]
    last = _LAST_BREAK.match(lookback)
    last_break = -1 if last is None else last.end() - 1
    clause_before = lookback[last_break + 1 :]
    folded = folded[start + last_break + 1 : mention.start]
    if mention.units[0].level == NATIONAL and _RANK_SCOPE.search(folded):
        return "scope"
    if _COMPARISON.search(folded):
        return "comparison"
    if _DATELINE.match(text, mention.end):
        return "dateline"
    if _VENUE.search(folded) and not (
        _TOPIC.match(clause_before) and (last_break < 0 or lookback[last_break] in ".\n")
    ):
        return "venue"
    if clause_before.islower():
        return SUBJECT_ROLE  # no capital letter: no _ORG_HEAD
    heads = list(_ORG_HEAD.finditer(clause_before))
    if heads and not _GOVERNMENT.search(clause_before, heads[-1].end()):
        return "issuer"
    return SUBJECT_ROLE
