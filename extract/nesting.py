"""How deep the markup nests, read from the raw bytes before parsing.

HTML tree construction looks down the stack of open elements at every
block-level start tag ("is there a <p> in button scope?"), so parsing costs
grows with the square of the nesting depth: 20,000 unclosed <div>s take
lexbor a third of a second, 200,000 take a minute. No real page nests more
than a few hundred deep, so a deeper one is refused before it is parsed.
Pages with fewer tags than MAX_TAGS_UNCHECKED are not measured: even fully
nested they parse in a few tens of milliseconds.
"""

from __future__ import annotations

import re
from itertools import accumulate

from extract import thresholds

# Start and end tags of the elements whose start tags scan the stack and
# that nest into each other (a <p> or <li> closes the previous one instead).
_BLOCK_TAG = re.compile(
    rb"<(/?)(?:div|section|article|aside|nav|header|footer|main|ul|ol|dl|blockquote|"
    rb"center|fieldset|figure|details|form|menu|dir|address|hgroup)(?=[\s>/])",
    re.IGNORECASE,
)
_STEP = {b"": 1, b"/": -1}


def max_block_depth(body: bytes) -> int:
    """Deepest nesting of block elements (end tags without a start count as closes)."""
    return max(accumulate(map(_STEP.__getitem__, _BLOCK_TAG.findall(body))), default=0)


def too_deep(body: bytes) -> bool:
    """Whether parsing this page would be slow for its nesting alone."""
    # A page with few tags cannot nest deep enough to be slow, whatever its
    # shape: real pages (a few thousand tags) stop at this cheap count.
    if not more_tags_than(body, thresholds.MAX_TAGS_UNCHECKED):
        return False
    return max_block_depth(body) > thresholds.MAX_BLOCK_NESTING


def more_tags_than(body: bytes, limit: int) -> bool:
    """Whether `body` holds more than `limit` (>= 0) "<": body.count(b"<") > limit.

    count() compares every byte of the page (about 3.5 GB/s). replace() with
    a count finds each "<" with memchr, which passes over the text between
    tags many bytes at a time, and stops after `limit` of them: the page's
    last "<" is still there after the first `limit` are replaced exactly
    when there are more. That costs a copy of the page and a memchr per tag:
    under half the count's time on real pages (a tag every 100-200 bytes).
    """
    last = body.rfind(b"<")
    return last >= 0 and body.replace(b"<", b" ", limit)[last] == _LT


_LT = ord("<")
