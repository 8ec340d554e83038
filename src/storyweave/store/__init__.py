"""The DuckDB store and its migrations."""

from .derived import Derived
from .duckdb_store import ExportedView, Store, open_store, work_connection
from .report_tables import directory_problem, write_report_tables
from .signature_table import SignatureTable

__all__ = [
    "Derived",
    "ExportedView",
    "SignatureTable",
    "Store",
    "directory_problem",
    "open_store",
    "work_connection",
    "write_report_tables",
]
