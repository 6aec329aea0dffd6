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
# Paragraphs shorter than this with no sentence punctuation inside the body
# are kept only if they are headings; link lists of short items are dropped.
MIN_PARAGRAPH_CHARS = 2
# Share of a block's text inside links above which it is navigation.
MAX_LINK_DENSITY = 0.5
# A short block (fewer chars than this) needs a lower link density to stay.
SHORT_BLOCK_CHARS = 80
MAX_SHORT_BLOCK_LINK_DENSITY = 0.34
# The scoring fallback counts a paragraph only from this length up.
MIN_SCORED_PARAGRAPH_CHARS = 25
# The best-scoring container grows to its parent when the parent holds this
# many times more paragraph text (content spread over sibling sections).
CLIMB_MASS_GAIN = 1.5
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
