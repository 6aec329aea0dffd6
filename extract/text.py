"""Text normalisation shared by every layer: NFC, whitespace folding, keys."""

from __future__ import annotations

import html
import re
import unicodedata

# Zero-width and soft-hyphen characters break tokens without being visible
# (_fold_spaces() tests for each of them by name before using the pattern; a
# test checks that it knows every one of these).
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
_NON_ALNUM = re.compile(r"[\W_]+")
_WORD = re.compile(r"\w+")
# squash()'s byte passes: what is neither ASCII nor a mark of U+0300-U+036F
# (such a character goes to the pattern), the ASCII bytes that are no
# letter or digit, and the ASCII lower-casing table.
_NOT_ASCII_NOR_MARK = re.compile(r"[^\x00-\x7f\u0300-\u036f]")
_ASCII_NON_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
# What str.split() takes for whitespace among ASCII characters, as bytes.
_ASCII_SPACE_BYTES = b" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def fold(text: str) -> str:
    """NFC, invisible characters removed, whitespace runs to one space, trimmed."""
    # Every block of every page passes here, and most of them (once their
    # ends are trimmed) are folded already: printable text holds no space but
    # the ASCII one and none of the invisible characters (Unicode counts both
    # as "other" or "separator"), so without a double space there is nothing
    # to fold. Only the composition is left: normalize() hands NFC text back
    # after a quick check (asking is_normalized() first checked twice).
    text = text.strip()
    if not text.isprintable() or "  " in text:
        text = _fold_spaces(text)
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _fold_spaces(text: str) -> str:
    # str.split knows every Unicode space, NBSP included. A chain of `in`
    # tests finds the rare invisible characters several times faster than
    # the pattern.
    if not text.isascii() and (
        "\u200b" in text
        or "\u200c" in text
        or "\u200d" in text
        or "\u2060" in text
        or "\ufeff" in text
        or "\u00ad" in text
    ):
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


def visible_len(text: str) -> int:
    """Characters that are not whitespace: a cheap size for density measures."""
    # Splitting a long text costs a string per word; deleting the ASCII
    # spaces from its UTF-8 bytes costs a fraction of that. What other spaces
    # are left (NBSP...) are rare, so few words are left to split.
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_SPACE_BYTES))
    squeezed = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_SPACE_BYTES)
    return sum(map(len, squeezed.decode("utf-8", "surrogatepass").split()))


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
    # Site names, hosts and English names are ASCII, which has no accents:
    # decomposing them only to join every character back cost the most.
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def squash(text: str) -> str:
    """Accent-free, lower-case, letters and digits only: "Dân Trí" -> "dantri".

    The key site names, bylines and structured authors are compared by. It
    is strip_accents() then lower case then letters and digits alone, in
    one pattern pass: no combining mark NFD splits off is a letter or digit
    (nor does lower() make one), so the pattern drops them with the rest
    (tests/extract/test_extract_byline_keys.py checks every character).

    The pattern costs about 30 ns a character. Vietnamese text decomposes
    into ASCII and the marks of U+0300-U+036F, none of which is a letter or
    digit: such a text (and ASCII text) keeps its ASCII letters and digits,
    which deleting bytes from its ASCII encoding keeps in a few C passes."""
    if not text.isascii():
        text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).lower()
        if _NOT_ASCII_NOR_MARK.search(text) is not None:
            return _NON_ALNUM.sub("", text)
        return text.encode("ascii", "ignore").translate(None, _ASCII_NON_ALNUM).decode("ascii")
    return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NON_ALNUM).decode("ascii")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def has_words(text: str) -> bool:
    """Whether words(text) lists any: asked of the casefolded text, as
    casefolding can make a word character of one that is none (U+0345)."""
    return _WORD.search(text.casefold()) is not None
