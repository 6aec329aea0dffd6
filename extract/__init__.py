"""Bytes in, typed articles and OCOP figures out. Pure: no network, no database."""

from extract.article import extract_article

__all__ = ["extract_article"]
