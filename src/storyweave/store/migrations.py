"""The store's schema, as an ordered list of migrations. Append; never edit a released one."""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, ref VARCHAR, source VARCHAR, format VARCHAR,
            encoding VARCHAR, meta VARCHAR, text VARCHAR)""",
        "CREATE TABLE articles (id VARCHAR PRIMARY KEY, ref VARCHAR, data VARCHAR)",
        """CREATE TABLE signatures (
            article_id VARCHAR PRIMARY KEY, minhash BLOB, shingle_count INTEGER)""",
        """CREATE TABLE claims (
            id VARCHAR PRIMARY KEY, article_id VARCHAR, kind VARCHAR, data VARCHAR)""",
        """CREATE TABLE relations (
            a VARCHAR, b VARCHAR, kind VARCHAR, data VARCHAR, PRIMARY KEY (a, b))""",
        "CREATE TABLE labels (article_id VARCHAR PRIMARY KEY, data VARCHAR)",
        "CREATE TABLE stories (id VARCHAR PRIMARY KEY, data VARCHAR)",
        "CREATE TABLE findings (id VARCHAR PRIMARY KEY, story_id VARCHAR, data VARCHAR)",
        "CREATE TABLE briefs (story_id VARCHAR PRIMARY KEY, data VARCHAR)",
        """CREATE TABLE runs (
            finished TIMESTAMPTZ, inputs VARCHAR, new_articles INTEGER, errors INTEGER)""",
    ],
    [
        # What each story's findings and brief were computed from, so an unchanged story is
        # not compared again on the next run.
        "CREATE TABLE story_state (story_id VARCHAR PRIMARY KEY, fingerprint VARCHAR)",
        # Findings keep the order compare gave them (disputed first), not the order of their ids.
        "ALTER TABLE findings ADD COLUMN position INTEGER",
        "CREATE TABLE topics (id VARCHAR PRIMARY KEY, data VARCHAR)",
    ],
    [
        # Sentence embeddings of article texts (optional semantic similarity), keyed by a hash
        # of the model and the text, so that a run embeds only texts it has not seen.
        "CREATE TABLE embeddings (key VARCHAR PRIMARY KEY, vector BLOB)",
    ],
    [
        # Results of pure per-article functions that are slow and needed on every run (the
        # single-text spin score), keyed by a hash of the article and of what the result
        # depends on: a run computes them only for articles it has not seen.
        "CREATE TABLE memo (key VARCHAR PRIMARY KEY, value VARCHAR)",
    ],
    [
        # Stances of articles toward claims (`storyweave check`), one row per claim, article
        # and stance model: a claim checked again against the same article is not judged again.
        """CREATE TABLE stances (
            claim_id VARCHAR, article_id VARCHAR, model VARCHAR, claim VARCHAR, stance VARCHAR,
            score DOUBLE, data VARCHAR, PRIMARY KEY (claim_id, article_id, model))""",
    ],
]

TABLES = frozenset(
    (
        "documents",
        "articles",
        "signatures",
        "claims",
        "relations",
        "labels",
        "stories",
        "findings",
        "briefs",
        "runs",
        "story_state",
        "topics",
        "embeddings",
        "memo",
        "stances",
    )
)
