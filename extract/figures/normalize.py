"""NFC text with a map back to the caller's offsets.

Every rule matches precomposed Vietnamese letters, so decomposed input (some
CMSs emit NFD) is composed first; figure offsets must still index the text the
caller passed, hence the map. Already-composed text (nearly all) costs nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NormalText:
    text: str
    # origin[i] is the caller's offset of normalised character i; one extra
    # entry for the end. None when the text needed no change.
    origin: tuple[int, ...] | None

    def original(self, offset: int) -> int:
        return offset if self.origin is None else self.origin[offset]


def normalize(text: str) -> NormalText:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return NormalText(text, None)
    pieces: list[str] = []
    origin: list[int] = []
    cluster_start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and unicodedata.combining(text[i]):
            continue
        composed = unicodedata.normalize("NFC", text[cluster_start:i])
        pieces.append(composed)
        origin.extend([cluster_start] * len(composed))
        cluster_start = i
    origin.append(len(text))
    return NormalText("".join(pieces), tuple(origin))


def lowered(text: str) -> str:
    """Lower-case text of the same length, so offsets carry over.

    Lower-case scans with literal-led patterns are much faster than
    IGNORECASE ones; the rare characters whose lower case is longer ("İ")
    are kept as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
