"""Every tuning number of the extractor, in one place.

Each constant says why it has its value; change them here only, and re-run
the corpus tests (tests/extract) which measure what they affect.
"""

from __future__ import annotations

# --- charset ---------------------------------------------------------------
# Pages put <meta charset> late in a long <head> (tuoitre: after 150 KB of
# inline CSS), so the meta scan reads up to </head> but never more than this.
META_SCAN_LIMIT = 400_000
# charset-normalizer is slow on big inputs; a sample this large decides well.
DETECTION_SAMPLE = 64_000
# A share of NUL bytes above this means binary data (image, PDF), not HTML.
BINARY_NUL_RATIO = 0.01

# --- markup ----------------------------------------------------------------
# Block elements nested deeper than this make a page tag soup that is slow to
# parse (the cost grows with the square of the depth; see nesting.py); real
# pages stay under a few hundred.
MAX_BLOCK_NESTING = 1000
# Below this many tags the nesting is not measured: 8,000 nested <div>s still
# parse in about 50 ms, and real pages have 400 to 3,000 tags.
MAX_TAGS_UNCHECKED = 8000
# Walkers stop after this many blocks: real pages have a few hundred, and
# tag soup of a hundred thousand tiny paragraphs must not cost seconds.
MAX_WALK_BLOCKS = 5000
# Figures are read from at most this much of an article's text: real
# articles are far shorter, and a 5 MB page must not cost seconds there.
MAX_FIGURE_TEXT_CHARS = 200_000

# --- dates -----------------------------------------------------------------
# Publication years outside this window are misreadings (copyright lines,
# phone numbers, epoch zero).
EARLIEST_YEAR = 1995
# A visible date line longer than this is a sentence, not a dateline.
MAX_DATE_TEXT_LEN = 90
# Strings longer than this are never handed to dateparser (slow, and prone
# to finding a "date" in any sentence).
MAX_DATEPARSER_LEN = 60
# Metadata and visible time agree when they differ by at most this many
# minutes (metadata carries seconds; pages round or truncate).
DATE_AGREEMENT_MINUTES = 2

# --- page regions ----------------------------------------------------------
# How many text nodes before the headline still belong to the article header
# (category, dateline above the h1); further back is the site's chrome.
HEADER_TEXT_NODES_BEFORE = 12
# Without a body start, how many text nodes after the headline are header.
HEADER_TEXT_NODES_AFTER = 40
# The header walk starts about this many characters of text before the
# headline (enough for the lines it keeps before it, on most pages).
HEADER_START_CHARS = 400

# --- headline --------------------------------------------------------------
MAX_HEADLINE_LEN = 400
MIN_HEADLINE_LEN = 8
# Token overlap (of the shorter title) above which a visible title and a
# metadata title are the same headline worded slightly differently.
HEADLINE_SIMILARITY = 0.6

# --- bylines ---------------------------------------------------------------
MAX_BYLINE_LEN = 120
MAX_NAME_TOKENS = 6
MAX_NAME_LEN = 40

# --- body ------------------------------------------------------------------
# A known container (itemprop=articleBody, .fck_detail...) is trusted when it
# holds at least this much paragraph text.
MIN_KNOWN_CONTAINER_CHARS = 250
# Share of a block's text inside links above which it is navigation.
MAX_LINK_DENSITY = 0.5
# A short block (fewer chars than this) needs a lower link density to stay.
SHORT_BLOCK_CHARS = 80
MAX_SHORT_BLOCK_LINK_DENSITY = 0.34
# Density scoring counts a sentence-ending block as prose from this length up.
MIN_SCORED_PARAGRAPH_CHARS = 25
# Density scoring (density.py): a block is prose from this many characters
# outside links (or from MIN_SCORED_PARAGRAPH_CHARS when it ends a sentence).
PROSE_BLOCK_CHARS = 60
# Each character of a link-list block counts this much against its container.
LINK_TEXT_PENALTY = 1.0
# A block of at least TEASER_MIN_CHARS that is nearly all link (this share)
# is a teaser, and costs TEASER_PENALTY on top of its link text: about the
# length of the sapo that usually follows it in a box of teasers.
TEASER_MIN_CHARS = 25
TEASER_LINK_SHARE = 0.8
TEASER_PENALTY = 150
# Each character of a short non-prose line (menu label, button, date) counts
# this much against: chrome is short, but a frame has a lot of it.
CHROME_TEXT_PENALTY = 0.3
# A sibling of the winning container joins it when it scores at least this
# share of the winner's score and its score keeps this share of its prose
# (a story continued after an inline box, not a box of teasers with sapos).
SIBLING_MIN_SHARE = 0.1
SIBLING_PURITY = 0.75
# A boilerplate-named element is still walked (it wraps the article) when it
# holds this share of the page's text and at most this link density.
WRAPPER_TEXT_SHARE = 0.2
WRAPPER_LINK_DENSITY = 0.25
# A boilerplate-named element up to this size whose wrapper verdict the text
# walked so far cannot settle is guessed boilerplate and checked after the walk
# (density.py); a larger one makes the walk read the page's text length.
WRAPPER_GUESS_MAX_CHARS = 1000
# Below this much text, an element's links are counted by walking it: a CSS
# query's fixed cost is more than a walk of a small subtree (dom.link_text_len).
WALK_LINKS_UNDER_CHARS = 400
# A known CMS container (.fck_detail...) inside the density winner replaces
# it when it holds at least this share of the winner's text outside links.
KNOWN_CONTAINER_SHARE = 0.8
# Minimum body text for a page to be an article at all.
MIN_ARTICLE_CHARS = 200
# A lead (sapo) is at most this long.
MAX_LEAD_LEN = 1200

# --- page type ---
# This many characters of prose in a row, with no teaser link between, is an
# article whatever else the page holds (listings alternate teaser and sapo).
ARTICLE_RUN_CHARS = 1200

# A page without running text is a listing (not just empty) when it has at
# least this many links with headline-length anchor text.
MIN_LISTING_TEASERS = 12
