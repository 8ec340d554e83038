"""clean stage: boilerplate removal and metadata (title, byline, outlet, date) with evidence."""

from storyweave.clean.article import clean_document
from storyweave.clean.dates import parse_date

__all__ = ["clean_document", "parse_date"]
