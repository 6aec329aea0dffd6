"""Exceptions raised by the extract stage."""


class ExtractError(Exception):
    """Input that cannot be turned into text at all (e.g. not HTML, not decodable)."""
