"""Text normalisation shared by every layer: NFC, whitespace folding, keys."""

from __future__ import annotations

import html
import re
import unicodedata

# Zero-width and soft-hyphen characters break tokens without being visible
# (fold() tests for each of them by name before using the pattern; a test
# checks that it knows every one of these).
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
_NON_ALNUM = re.compile(r"[\W_]+")
# What str.split() takes for whitespace among ASCII characters.
_ASCII_SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def fold(text: str) -> str:
    """NFC, invisible characters removed, whitespace runs to one space, trimmed."""
    # str.split knows every Unicode space, NBSP included. Every block of
    # every page passes here: ASCII text (known without a scan) needs nothing
    # more, and a chain of `in` tests finds the rare invisible characters
    # several times faster than the pattern.
    if text.isascii():
        return " ".join(text.split())
    if (
        "\u200b" in text
        or "\u200c" in text
        or "\u200d" in text
        or "\u2060" in text
        or "\ufeff" in text
        or "\u00ad" in text
    ):
        text = _INVISIBLE.sub("", text)
    text = " ".join(text.split())
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def visible_len(text: str) -> int:
    """Characters that are not whitespace: a cheap size for density measures."""
    if text.isascii():  # counting the ASCII spaces beats splitting the text
        return len(text) - sum(map(text.count, _ASCII_SPACES))
    return sum(map(len, text.split()))


def unescape_all(text: str, rounds: int = 3) -> str:
    """Undo HTML entities, also when a CMS escaped them twice ("&amp;#7871;")."""
    for _ in range(rounds):
        if "&" not in text:
            break
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


def match_key(text: str) -> str:
    """The comparison key of the scoring spec: NFC, folded whitespace, casefold."""
    return fold(text).casefold()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def squash(text: str) -> str:
    """Accent-free, lower-case, letters and digits only: "Dân Trí" -> "dantri"."""
    return _NON_ALNUM.sub("", strip_accents(text).lower())


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())
