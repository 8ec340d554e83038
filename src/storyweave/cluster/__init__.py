"""cluster stage: group articles into stories (one event each), batch and incremental, and
stories into topics."""

from storyweave.cluster.incremental import assign_incremental
from storyweave.cluster.stories import (
    DEFAULT_THRESHOLD,
    Blocking,
    Weights,
    cluster_stories,
    clustering_settings,
)
from storyweave.cluster.topics import DEFAULT_TOPIC_THRESHOLD, in_time_order, topics
from storyweave.records import Topic

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_TOPIC_THRESHOLD",
    "Blocking",
    "Topic",
    "Weights",
    "assign_incremental",
    "cluster_stories",
    "clustering_settings",
    "in_time_order",
    "topics",
]
