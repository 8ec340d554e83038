"""cluster stage: group articles into stories (one event each), batch and incremental, and
stories into topics. The optional sentence-embedding model's names carry its name
(``EMBEDDING_MODEL``, ``embeddings_unavailable_reason``)."""

from storyweave.cluster.embeddings import MAX_TOKENS as EMBEDDING_TOKENS
from storyweave.cluster.embeddings import MODEL_NAME as EMBEDDING_MODEL
from storyweave.cluster.embeddings import Embedder, embed
from storyweave.cluster.embeddings import unavailable_reason as embeddings_unavailable_reason
from storyweave.cluster.feature_table import FeatureTable
from storyweave.cluster.features import (
    ArticleFeatures,
    article_features,
    features_from_memo,
    features_to_memo,
    with_shared_words,
)
from storyweave.cluster.incremental import assign_incremental, region_bound
from storyweave.cluster.stories import (
    DEFAULT_THRESHOLD,
    DEFAULT_WEIGHTS,
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
    "DEFAULT_WEIGHTS",
    "EMBEDDING_MODEL",
    "EMBEDDING_TOKENS",
    "ArticleFeatures",
    "Blocking",
    "Embedder",
    "FeatureTable",
    "Topic",
    "Weights",
    "article_features",
    "assign_incremental",
    "cluster_stories",
    "clustering_settings",
    "embed",
    "embeddings_unavailable_reason",
    "features_from_memo",
    "features_to_memo",
    "in_time_order",
    "region_bound",
    "topics",
    "with_shared_words",
]
