"""Exceptions raised by the warehouse."""


class WarehouseError(Exception):
    """Base class for warehouse errors."""


class WarehouseOpenError(WarehouseError):
    """The DuckDB file cannot be opened (missing folder, not a DuckDB file, locked)."""


class SchemaTooNewError(WarehouseError):
    """The file was written by a newer ocop-news; upgrade ocop-news to read it."""


class ExportError(WarehouseError):
    """An export could not be written; the previous export is left in place."""


class WarehouseLockedError(WarehouseOpenError):
    """Another ocop-news process holds the warehouse; the message names it."""


class ArchiveWriteError(WarehouseError):
    """A WARC record could not be written; the crawl stops rather than lose responses."""


class ArchiveReadError(WarehouseError):
    """A WARC file a page row points at is missing, truncated or damaged; the message names it."""


class ExportTargetError(ExportError):
    """The --out folder cannot receive an export (a file, a missing parent, a folder
    holding other data); nothing was written or removed."""


class QueryError(WarehouseError):
    """A query the database refused (bad SQL, a read-only violation)."""
