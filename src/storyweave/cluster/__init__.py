"""cluster stage: group articles into stories (one event each)."""

from storyweave.cluster.stories import DEFAULT_THRESHOLD, Weights, cluster_stories

__all__ = ["DEFAULT_THRESHOLD", "Weights", "cluster_stories"]
