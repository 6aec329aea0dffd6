"""Case-insensitive matching without re.IGNORECASE.

An IGNORECASE pattern starting with a letter gives the regex engine no prefix
to skip ahead with and lower-cases every character it tries: several times
slower than a plain pattern. The rules instead run lower-case patterns over a
caseless copy of the text (same length, so offsets carry over) in which every
character is the one such a pattern would have to match.

The copy is the lower-cased text with the few letters IGNORECASE takes for
another letter's case variant, though str.lower keeps them apart ("ı", "ſ",
"İ", "ẛ"), folded; tests/figures/test_figures_caseless.py checks the claim
over every code point.
"""

from __future__ import annotations

import re

from extract.figures.normalize import lowered

_VARIANTS = {"İ": "i", "ı": "i", "ſ": "s", "ẛ": "ṡ"}
_FOLD = str.maketrans(_VARIANTS)


def caseless(text: str, low: str | None = None) -> str:
    """`text` as caseless patterns read it; `low` is `lowered(text)` when at hand."""
    low = lowered(text) if low is None else low
    if not any(variant in low for variant in _VARIANTS):
        return low
    return low.translate(_FOLD)


def compile_caseless(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written for re.IGNORECASE so that it matches caseless text.

    Literal letters are lower-cased (escapes such as \\S and \\W and group
    names are kept);
    a character range between letters would change meaning, so it is refused.
    """
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?P", i):  # a group name or reference stays as written
            end = pattern.index(">" if pattern.startswith("(?P<", i) else ")", i)
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        if in_class and char == "-" and _letter_range(pattern, i):
            raise ValueError(f"letter range in caseless pattern: {pattern!r}")
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class and out[-1] != "[":
            in_class = False
        out.append(caseless(char))
        i += 1
    return re.compile("".join(out))


def _letter_range(pattern: str, dash: int) -> bool:
    before, after = pattern[dash - 1], pattern[dash + 1 : dash + 2]
    return before.isalpha() or after.isalpha()


def word_start(word: str) -> str:
    """`word` with no letter or digit before it, as a pattern that stays literal-led.

    "(?<!\\w)word" and "\\bword" make the engine try the look-behind at every
    character; checking it after the literal lets it skip to the word's first
    letter. Same matches, same spans.
    """
    return f"{word}(?<!\\w{word})"
