"""The DuckDB store and its migrations."""

from .duckdb_store import Derived, Store, open_store

__all__ = ["Derived", "Store", "open_store"]
