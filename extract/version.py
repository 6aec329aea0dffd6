"""Version of the extraction rules.

Bump it whenever extraction output can change for the same bytes: the
warehouse records it per article, so archives can be re-extracted.
"""

EXTRACTOR_VERSION = "0.1.0"
