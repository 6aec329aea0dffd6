"""Character classes for Vietnamese text that Python's `re` does not provide."""

from __future__ import annotations


def _letters(upper: bool) -> str:
    ranges = [(0x41, 0x5B), (0x61, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00)]
    chars = (chr(c) for lo, hi in ranges for c in range(lo, hi))
    return "".join(c for c in chars if c.isalpha() and (c.isupper() if upper else c.islower()))


# Upper- and lower-case Latin letters with every Vietnamese diacritic.
UPPER = _letters(upper=True)
LOWER = _letters(upper=False)
