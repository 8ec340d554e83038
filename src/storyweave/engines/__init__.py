"""engines: work that needs more than one stage or more than one process. The local engine
(:mod:`.local`) runs the cross-document plan of ``run`` in DuckDB and numpy; the Spark engine
(:mod:`.spark`, :mod:`.spark_dedup`, :mod:`.spark_relate`) runs the per-document work, the
candidate pairs of ``run`` and ``dups`` in Spark, and reads inputs on any Hadoop file system in
its executors (:mod:`.spark_files`); the
budget (:mod:`.budget`) bounds one article's per-document work.

Every name is imported on first use: the command line reads the budget's defaults without
loading DuckDB, the stages or pyspark. An engine's function that another engine has too is
exported under the engine's name (``local_relate``, ``spark_session``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyweave._lazy import lazy_exports

if TYPE_CHECKING:
    from storyweave.engines.budget import (
        DEFAULT_MEMORY_MB,
        DEFAULT_SECONDS,
        Budget,
        OverBudget,
        within,
    )
    from storyweave.engines.local import relate as local_relate
    from storyweave.engines.local import stories as local_stories
    from storyweave.engines.spark import SparkMapper
    from storyweave.engines.spark import dedup_inputs as spark_dedup_inputs
    from storyweave.engines.spark import read_inputs as spark_read_inputs
    from storyweave.engines.spark import session as spark_session
    from storyweave.engines.spark import unavailable_reason as spark_unavailable_reason

__getattr__ = lazy_exports(
    __name__,
    {
        "DEFAULT_MEMORY_MB": "budget",
        "DEFAULT_SECONDS": "budget",
        "Budget": "budget",
        "OverBudget": "budget",
        "within": "budget",
        "local_relate": "local:relate",
        "local_stories": "local:stories",
        "SparkMapper": "spark",
        "spark_dedup_inputs": "spark:dedup_inputs",
        "spark_read_inputs": "spark:read_inputs",
        "spark_session": "spark:session",
        "spark_unavailable_reason": "spark:unavailable_reason",
    },
)

__all__ = [
    "DEFAULT_MEMORY_MB",
    "DEFAULT_SECONDS",
    "Budget",
    "OverBudget",
    "SparkMapper",
    "local_relate",
    "local_stories",
    "spark_dedup_inputs",
    "spark_read_inputs",
    "spark_session",
    "spark_unavailable_reason",
    "within",
]
