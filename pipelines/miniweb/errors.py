"""The mini-web's own errors."""

from __future__ import annotations


class MiniWebError(Exception):
    """Base of the mini-web's errors."""


class MiniWebDataError(MiniWebError):
    """The bundled site data is inconsistent: fix the named file under pipelines/miniweb/data."""


class MiniWebStateError(MiniWebError):
    """The mini-web was used before start() or after stop()."""
