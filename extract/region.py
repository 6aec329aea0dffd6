"""The article header region: the lines between the headline and the body.

Datelines and bylines live here (or just above the headline). Reading only
this region is what keeps the page header's "today" date, teaser times and
dates inside the body text out of the published time.
"""

from __future__ import annotations

from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom, thresholds
from extract.blocks import BLOCK_IDS, Block, BlockWalker

# How far up from the headline the region may start when no body was found.
_MAX_CLIMB = 4
# A headline is an element with a few nodes inside; one holding more than
# this is asked the slow way (see _headline_test).
_MAX_HEADLINE_NODES = 64
# What dom.ancestors() stops at, as tag ids: the <html> element (the one
# element named so) and the document node ("-document").
_TOP_IDS = dom.tag_ids(["html"]) | {LexborHTMLParser("").root.parent.tag_id}  # type: ignore[union-attr]


# What meeting_point() answers: the common ancestor and whether the
# headline is inside the body.
Meeting = tuple[LexborNode | None, bool]
# The header's lines and the index of the first one that ended at the
# headline or inside it, None when none did.
Window = tuple[list[Block], int | None]


def header_window(
    headline: LexborNode | None,
    body: LexborNode | None,
    first_paragraph: LexborNode | None,
    meeting: Meeting | None = None,
) -> Window:
    """Lines near the headline, up to (not into) the body, and the index of
    the headline's line (Window).

    The body starts at its container or, when the container also holds the
    headline, at its first paragraph. `meeting`, when given, is
    meeting_point(headline, body), which a caller that needs it too climbs
    to once. The walk that reads the lines asks each whether it is the
    headline's until one is, so the index comes with the lines (asking the
    lines again cost a second look at every node of the headline)."""
    if headline is None:
        return (_above_body(body) if body is not None else []), None
    if body is not None:
        root, inside = meeting if meeting is not None else meeting_point(headline, body)
        if not inside and root is not None and root.tag not in ("body", "html"):
            return _window(root, body, headline)
        body = first_paragraph
    root = headline
    for _ in range(_MAX_CLIMB):
        if root.parent is None or root.parent.tag in ("body", "html"):
            break
        root = root.parent
    return _window(root, body, headline)


def meeting_point(headline: LexborNode, body: LexborNode) -> Meeting:
    """(dom.common_ancestor(headline, body), dom.is_inside(headline, body))
    from one climb from each node: the headline's ancestors, read once (by
    tag id, not tag name), answer both, where the two climb them twice."""
    below_top = {headline.mem_id}
    node = headline.parent
    while node is not None and node.tag_id not in _TOP_IDS:
        below_top.add(node.mem_id)
        node = node.parent
    target = body.mem_id
    inside = target in below_top
    while node is not None and not inside:  # <html> and the document
        inside = node.mem_id == target
        node = node.parent
    current: LexborNode | None = body
    while current is not None:
        if current.mem_id in below_top:
            return current, inside
        current = current.parent
    return None, inside


def _lines(root: LexborNode, stop: LexborNode | None) -> list[Block]:
    return BlockWalker(stop=stop, skip_hidden=False).walk(root).blocks


def _window(root: LexborNode, stop: LexborNode | None, headline: LexborNode) -> Window:
    """The lines of `root` (up to `stop`) around the headline's: read from
    near the headline when that is shown to give the same (_near_window),
    else from the start of `root`."""
    near = _near_window(root, stop, headline)
    return near if near is not None else _whole_window(root, stop, headline)


def _whole_window(root: LexborNode, stop: LexborNode | None, headline: LexborNode) -> Window:
    """The lines of `root` (up to `stop`) around the headline's; the walk
    ends once it has the lines wanted after it. The walk asks every line it
    reads whether it is the headline's until one is: the first it marks is
    the first of the window that is."""
    after = thresholds.HEADER_TEXT_NODES_AFTER
    walker = BlockWalker(
        stop=stop, skip_hidden=False, mark=_headline_test(headline), after_mark=after
    )
    collected = walker.walk(root)
    blocks, index = collected.blocks, collected.marked
    if index is None:
        return blocks[:after], None
    start = max(index - thresholds.HEADER_TEXT_NODES_BEFORE, 0)
    return blocks[start : index + 1 + after], index - start


def _near_window(root: LexborNode, stop: LexborNode | None, headline: LexborNode) -> Window | None:
    """_whole_window() read from a block element shortly before the headline
    (BlockWalker.walk_from), or None when that is not shown to give the same.

    Up to two hundred lines of menus can stand before a headline, of which
    the window keeps twelve. The walk from a start gives the same lines as
    the walk from the start of `root` when the whole walk reaches the start
    (the elements above it are entered, the stop node does not stand before
    the headline) and cannot have ended at its limit of blocks before the
    lines kept. With too few lines before the headline, the lines before
    the start are read by a walk that ends there: the two walks read the
    region once, as the whole walk does. The lines before the start end
    before the headline, outside it: none of them is the headline's."""
    path = _path(root, headline)
    if path is None:
        return None
    probe = _Probe(stop)
    start = _start_before(path, probe, thresholds.HEADER_START_CHARS)
    if start is None or (stop is not None and _stops_first(stop, path)):
        return None
    if not all(probe.enters(node, depth) for depth, node in enumerate(path[1:-1], 1)):
        return None
    before, after = thresholds.HEADER_TEXT_NODES_BEFORE, thresholds.HEADER_TEXT_NODES_AFTER
    mark = _headline_test(headline)
    walker = BlockWalker(stop=stop, skip_hidden=False, mark=mark, after_mark=after)
    collected = walker.walk_from(root, start)
    index = collected.marked
    if index is None:
        return None
    # The blocks the whole walk may read before the start.
    room = thresholds.MAX_WALK_BLOCKS - index - after - 1
    if index >= before:
        if _bytes_before(start, root, room) is None:
            return None
        return collected.blocks[index - before : index + 1 + after], before
    head = BlockWalker(stop=start, skip_hidden=False).walk(root)
    if not head.reached_stop or len(head.blocks) > room:
        return None
    index += len(head.blocks)
    blocks = head.blocks + collected.blocks
    first = max(index - before, 0)
    return blocks[first : index + 1 + after], index - first


class _Probe:
    """BlockWalker(stop=stop, skip_hidden=False).enters(), the walker made
    when first asked: on most pages the text before the headline is too
    short for _start_before() to ask about any element."""

    __slots__ = ("_stop", "_walker")

    def __init__(self, stop: LexborNode | None) -> None:
        self._stop = stop
        self._walker: BlockWalker | None = None

    def enters(self, node: LexborNode, depth: int) -> bool:
        if self._walker is None:
            self._walker = BlockWalker(stop=self._stop, skip_hidden=False)
        return self._walker.enters(node, depth)


def _path(root: LexborNode, headline: LexborNode) -> list[LexborNode] | None:
    """`root`, the elements between, and the headline (None when it is the root)."""
    path = [headline]
    node = headline
    while node.mem_id != root.mem_id:
        parent = node.parent
        if parent is None:
            return None
        path.append(parent)
        node = parent
    return path[::-1] if len(path) > 1 else None


def _stops_first(stop: LexborNode, path: list[LexborNode]) -> bool:
    """Whether `stop` stands inside the root (path[0]) before the headline
    (path[-1]) in page order, or holds it: where the whole walk could end
    before the headline."""
    levels = {node.mem_id: level for level, node in enumerate(path)}
    branch, node = stop, stop
    while node.mem_id not in levels:
        branch = node
        parent = node.parent
        if parent is None:
            return False
        node = parent
    if node.mem_id == stop.mem_id:
        return True
    level = levels[node.mem_id] + 1
    if level == len(path):
        return False  # inside the headline
    sibling = path[level].prev
    while sibling is not None:
        if sibling.mem_id == branch.mem_id:
            return True
        sibling = sibling.prev
    return False


def _start_before(path: list[LexborNode], probe: _Probe, wanted: int) -> LexborNode | None:
    """The last block element before the headline (path[-1]) with `wanted`
    characters of text between, that the walk enters (probe.enters(), so
    walk_from() may start there), or None. Only a guess of where the lines
    kept start; _near_window checks what it gives."""
    text = 0
    for depth in range(len(path) - 1, 0, -1):
        found, text = _start_among(path[depth].prev, depth, text, probe, wanted)
        if found is not None:
            return found
    return None


def _start_among(
    sibling: LexborNode | None, depth: int, text: int, probe: _Probe, wanted: int
) -> tuple[LexborNode | None, int]:
    """_start_before() among `sibling` and those before it, at `depth`, with
    `text` characters read after them: an element that would make up the
    text wanted is looked into for a later start."""
    while sibling is not None:
        kind = sibling.tag_id
        if kind == dom.TEXT_ID:
            size = len(sibling.text_content or "")
        else:
            size = len(sibling.text_lexbor()) if kind >= dom.A_ID else 0
        if text + size >= wanted and kind in BLOCK_IDS and probe.enters(sibling, depth):
            inner, _ = _start_among(sibling.last_child, depth + 1, text, probe, wanted)
            return (inner if inner is not None else sibling), text + size
        text += size
        sibling = sibling.prev
    return None, text


def _bytes_before(start: LexborNode, root: LexborNode, cap: int) -> int | None:
    """A bound on the blocks the walk of `root` reads before `start`, when
    it is at most `cap` (else None, as when it cannot be told).

    Each block holds a text node of its own with a character other than
    white space, at least a byte: the text bytes before `start` bound the
    blocks. The text of an element is read at once here (lexbor copies it),
    where bytes that are not UTF-8 come out as U+FFFD (one character may be
    cut between text nodes): text without one was whole UTF-8, as many bytes
    as it encodes to."""
    total = 0
    node = start
    while node.mem_id != root.mem_id:
        sibling = node.prev
        while sibling is not None:
            kind = sibling.tag_id
            if kind == dom.TEXT_ID:
                text = sibling.text_content or ""
            else:
                text = sibling.text_lexbor() if kind >= dom.A_ID else ""
            if "\ufffd" in text:
                return None
            total += len(text) if text.isascii() else len(text.encode())
            if total > cap:
                return None
            sibling = sibling.prev
        parent = node.parent
        if parent is None:
            return None
        node = parent
    return total


def _above_body(body: LexborNode) -> list[Block]:
    parent = body.parent
    if parent is None:
        return []
    return _lines(parent, stop=body)[-thresholds.HEADER_TEXT_NODES_BEFORE :]


def _headline_test(headline: LexborNode) -> Callable[[LexborNode], bool]:
    """Whether a node is the headline or inside it (dom.is_inside).

    Nearly two hundred blocks can stand before the headline's, each ended
    deep in the page: climbing from each to the page root cost more than
    reading the region. A headline has a few nodes; their ids are asked.
    """
    ids: set[int] = set()
    for node in headline.traverse(include_text=True):
        if len(ids) >= _MAX_HEADLINE_NODES:
            return lambda node: dom.is_inside(node, headline)
        ids.add(node.mem_id)
    return lambda node: node.mem_id in ids
