"""The store's schema, as an ordered list of migrations. Append; never edit a released one."""

from __future__ import annotations

from collections.abc import Sequence


def sql_string(text: str) -> str:
    """``text`` as an SQL string literal (for statements that take no parameters)."""
    return "'" + text.replace("'", "''") + "'"


def _view(name: str, about: str, select: str, columns: Sequence[tuple[str, str]]) -> list[str]:
    """Statements that create (or replace) the view ``name`` and comment on it and on each of
    its ``columns`` (name, meaning)."""
    return [
        f"CREATE OR REPLACE VIEW {name} AS {select}",
        f"COMMENT ON VIEW {name} IS {sql_string(about)}",
        *(f"COMMENT ON COLUMN {name}.{c} IS {sql_string(meaning)}" for c, meaning in columns),
    ]


def _joined(data: str, path: str, separator: str) -> str:
    """SQL joining the strings at JSON ``path`` of column ``data`` by the SQL ``separator``."""
    return f"nullif(array_to_string(json_extract_string({data}, '{path}'), {separator}), '')"


# Flat views over the JSON `data` columns, for SQL, spreadsheets and `storyweave export`. They
# use only what DuckDB 1.1 (the oldest supported) can bind: no lambdas, no WITH ORDINALITY.
# Lists are joined into text (NULL when empty): ids and labels by ", ", names by "; ",
# evidence by line breaks.
_IDS, _NAMES, _LINES = "', '", "'; '", "chr(10)"

_FINDINGS_VIEW = _view(
    "findings_v",
    "Claims aligned across a story's articles: one row per finding.",
    f"""SELECT
        id,
        story_id,
        position + 1 AS position,
        data->>'$.kind' AS kind,
        data->>'$.status' AS status,
        data->>'$.subject' AS subject,
        json_array_length(data, '$.variants') AS variants,
        len(list_distinct(json_extract_string(data, '$.variants[*].sources[*]')))
            AS source_count,
        {_joined("data", "$.evidence[*]", _LINES)} AS evidence
    FROM findings""",
    [
        ("id", "content hash of the finding"),
        ("story_id", "its story (stories_v.id)"),
        (
            "position",
            "its place among its story's findings, from 1: disputed, garbled and drifted first",
        ),
        ("kind", "quote, quantity, date, name or claim"),
        ("status", "corroborated, single-source, disputed, garbled or drifted"),
        ("subject", "what the claims are about (speaker, measured thing, event, entity type)"),
        ("variants", "number of distinct values (rows in finding_variants)"),
        ("source_count", "number of articles stating any of its values"),
        ("evidence", "what was compared and how, one point a line"),
    ],
)

_FLAT_VIEWS: list[str] = [
    *_view(
        "articles_v",
        "One row per stored article: its metadata, labels and clean text.",
        f"""SELECT
            a.id,
            a.ref,
            a.data->>'$.source' AS source,
            a.data->>'$.title.value' AS title,
            a.data->>'$.byline.value' AS byline,
            a.data->>'$.outlet.value' AS outlet,
            a.data->>'$.published.value' AS published,
            TRY_CAST(left(a.data->>'$.published.value', 10) AS DATE) AS published_date,
            {_joined("l.data", "$[*].label", _IDS)} AS labels,
            a.data->>'$.text' AS text,
            {_joined("a.data", "$.removed[*].text", _LINES)} AS removed
        FROM articles a LEFT JOIN labels l ON l.article_id = a.id""",
        [
            ("id", "content hash of the article (the id everything else refers to)"),
            ("ref", "the input it was read from: a file path, or PATH#ID for a JSONL record"),
            ("source", "its URL where known, else ref"),
            ("title", "the title, NULL where unknown"),
            ("byline", "the author(s), NULL where unknown"),
            ("outlet", "the publisher, NULL where unknown"),
            (
                "published",
                "publication time, ISO 8601: a date, a date-time with offset, or the outlet's "
                "local time without offset; NULL where unknown",
            ),
            ("published_date", "the day of published (DATE)"),
            ("labels", "its labels, comma-separated; their evidence is in labels_v"),
            ("text", "the clean body text: passage and claim offsets index it"),
            (
                "removed",
                "the blocks taken out of the body (boilerplate, title and metadata "
                "lines), one a line",
            ),
        ],
    ),
    *_view(
        "article_story",
        "Which story each article is in: one row per article and story.",
        """SELECT unnest(ids) AS article_id, story_id, generate_subscripts(ids, 1) AS position
        FROM (
            SELECT id AS story_id, json_extract_string(data, '$.article_ids[*]') AS ids
            FROM stories
        )""",
        [
            ("article_id", "the article (articles_v.id)"),
            ("story_id", "its story (stories_v.id)"),
            ("position", "its place in the story, by publication (unknown last), from 1"),
        ],
    ),
    *_view(
        "relations_v",
        "Pairs of articles related by their text, and who copied whom.",
        f"""SELECT
            a,
            b,
            kind,
            CAST(data->>'$.score' AS DOUBLE) AS score,
            data->>'$.direction.origin' AS origin,
            data->>'$.direction.copy' AS copy,
            json_array_length(data, '$.passages') AS passages,
            {_joined("data", "$.evidence[*]", _LINES)} AS evidence,
            {_joined("data", "$.direction.evidence[*]", _LINES)} AS direction_evidence
        FROM relations""",
        [
            ("a", "one article (articles_v.id); a < b"),
            ("b", "the other article"),
            ("kind", "duplicate, near-duplicate, reuse or rewrite"),
            ("score", "similarity in [0, 1] (word shingle Jaccard for near-duplicates)"),
            ("origin", "the article the copy derives from, NULL when nothing tells"),
            ("copy", "the article that derives from origin, NULL when nothing tells"),
            ("passages", "number of shared passages"),
            ("evidence", "how the relation was found, one point a line"),
            ("direction_evidence", "why copy derives from origin, one point a line"),
        ],
    ),
    *_view(
        "labels_v",
        "Labels of articles with their evidence: one row per article and label.",
        f"""SELECT
            article_id,
            label->>'$.label' AS label,
            {_joined("label", "$.evidence[*]", _LINES)} AS evidence
        FROM (SELECT article_id, unnest(json_extract(data, '$[*]')) AS label FROM labels)""",
        [
            ("article_id", "the article (articles_v.id)"),
            ("label", "original, syndicated, scraped, spun or unusual-wording"),
            ("evidence", "what the label rests on, one point a line"),
        ],
    ),
    *_view(
        "stories_v",
        "Stories: clusters of articles about one event.",
        f"""SELECT
            s.id,
            s.data->>'$.headline' AS headline,
            TRY_CAST(s.data->>'$.start' AS DATE) AS start_date,
            TRY_CAST(s.data->>'$.end' AS DATE) AS end_date,
            json_array_length(s.data, '$.article_ids') AS size,
            {_joined("s.data", "$.entities[*]", _NAMES)} AS entities,
            t.topic_id
        FROM stories s LEFT JOIN (
            SELECT unnest(json_extract_string(data, '$.story_ids[*]')) AS story_id,
                id AS topic_id
            FROM topics
        ) t ON t.story_id = s.id""",
        [
            ("id", "content hash of the sorted article ids"),
            ("headline", "the story's headline"),
            ("start_date", "the day of its first dated article, NULL when none is dated"),
            ("end_date", "the day of its last dated article"),
            ("size", "number of articles (rows in article_story)"),
            ("entities", "its key names, separated by semicolons"),
            ("topic_id", "the topic it belongs to (topics_v.id)"),
        ],
    ),
    *_FINDINGS_VIEW,
    *_view(
        "finding_variants",
        "The values of each finding and the articles that state them: one row per variant.",
        f"""SELECT
            finding_id,
            story_id,
            kind,
            status,
            subject,
            variant,
            item->>'$.value' AS value,
            {_joined("item", "$.sources[*]", _IDS)} AS sources,
            json_array_length(item, '$.sources') AS source_count
        FROM (
            SELECT
                id AS finding_id,
                story_id,
                data->>'$.kind' AS kind,
                data->>'$.status' AS status,
                data->>'$.subject' AS subject,
                unnest(json_extract(data, '$.variants[*]')) AS item,
                generate_subscripts(json_extract(data, '$.variants[*]'), 1) AS variant
            FROM findings
        )""",
        [
            ("finding_id", "the finding (findings_v.id)"),
            ("story_id", "its story (stories_v.id)"),
            ("kind", "the finding's kind"),
            ("status", "the finding's status"),
            ("subject", "the finding's subject"),
            ("variant", "the variant's place in the finding, from 1"),
            ("value", "the value as normalised (quote words, amount with unit, ISO date, name)"),
            ("sources", "the articles (articles_v.id) that state it, comma-separated"),
            ("source_count", "number of those articles"),
        ],
    ),
    *_view(
        "topics_v",
        "Topics: ongoing subjects, stories that share their vocabulary whatever their dates.",
        f"""SELECT
            id,
            {_joined("data", "$.label[*]", _IDS)} AS label,
            {_joined("data", "$.entities[*]", _NAMES)} AS entities,
            TRY_CAST(data->>'$.start' AS DATE) AS start_date,
            TRY_CAST(data->>'$.end' AS DATE) AS end_date,
            json_array_length(data, '$.story_ids') AS size,
            {_joined("data", "$.story_ids[*]", _IDS)} AS story_ids
        FROM topics""",
        [
            ("id", "content hash of the sorted story ids"),
            ("label", "the terms that weigh most in the topic, comma-separated"),
            ("entities", "the names most of its stories share, separated by semicolons"),
            ("start_date", "the earliest start of its stories"),
            ("end_date", "the latest end of its stories"),
            ("size", "number of stories"),
            ("story_ids", "its stories (stories_v.id) by start, comma-separated"),
        ],
    ),
]

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
    _FLAT_VIEWS,
    [
        # `run` now signs articles with the one-permutation MinHash of `dups`; signatures of the
        # former MinHash would never share an LSH band with new ones. The next run signs the
        # stored articles again (pipeline: articles without a signature are signed first).
        "DELETE FROM signatures",
    ],
    [
        # A finding's position counts within its story, so that a run rewrites only the
        # findings of the stories it changed (it counted over the whole report).
        """UPDATE findings SET position = renumbered.place
        FROM (SELECT id, row_number() OVER (PARTITION BY story_id ORDER BY position) - 1 AS place
              FROM findings) renumbered
        WHERE findings.id = renumbered.id""",
        *_FINDINGS_VIEW,
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

# The flat views, each with the order `storyweave export` writes its rows in.
VIEWS: dict[str, str] = {
    "articles_v": "id",
    "article_story": "story_id, position",
    "relations_v": "a, b",
    "labels_v": "article_id, label",
    "stories_v": "id",
    "findings_v": "story_id, position, id",
    "finding_variants": "story_id, finding_id, variant",
    "topics_v": "id",
}

# The key of each table that has one (its primary key): two different rows under one key are
# an id collision, which the store refuses instead of keeping either.
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("id",),
    "articles": ("id",),
    "signatures": ("article_id",),
    "claims": ("id",),
    "relations": ("a", "b"),
    "labels": ("article_id",),
    "stories": ("id",),
    "findings": ("id",),
    "briefs": ("story_id",),
    "story_state": ("story_id",),
    "topics": ("id",),
    "embeddings": ("key",),
    "memo": ("key",),
    "stances": ("claim_id", "article_id", "model"),
}

# Tables of cached results keyed by a hash of their inputs (not records): a value already kept
# for a key stays, whatever is offered again (an embedding may differ in its last bits).
CACHES = frozenset(("embeddings", "memo"))
