"""The DuckDB store and its migrations."""

from .duckdb_store import Derived, ExportedView, Store, open_store

__all__ = ["Derived", "ExportedView", "Store", "open_store"]
