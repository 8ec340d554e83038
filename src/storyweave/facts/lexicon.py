"""General English word lists that only the rule-based claim extractors read.

Nothing here is specific to any corpus: pronouns, role verbs and modifiers, month and weekday
names, multipliers, as found in any English style guide. The lists other stages read too
(titles, roles, organisation words, speech verbs, number words, verb forms) are in
:mod:`storyweave.lexicon`.
"""

from __future__ import annotations

# Words that may open a sentence capitalised without being a name.
PRONOUNS = frozenset("i he she it we they you his her its our their this that these those".split())

# Role words that are also verbs (``to head the team``, ``to chair the board``).
ROLE_VERBS = frozenset("head chair coach captain pilot nurse judge marshal doctor".split())

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

MULTIPLIERS = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}

# Third-person pronouns that stand for one person, by grammatical gender.
PERSON_PRONOUNS = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}

# Role words that as often modify another noun: "a general rule", "an official report",
# "a pilot scheme", "a chief aim".
ROLE_MODIFIERS = frozenset(
    "general chief head official executive representative chair premier pilot speaker player "
    "deputy counterpart".split()
)

# Nouns for a person, beside the role words: "a woman", "a local resident".
PERSON_NOUNS = frozenset(
    "man woman boy girl resident witness neighbour neighbor passenger driver victim".split()
)

# Honorifics and role words that state a person's gender in the text itself.
_MALE_WORDS = "mr sir lord man boy spokesman chairman congressman businessman king prince"
_FEMALE_WORDS = (
    "mrs ms miss dame lady woman girl spokeswoman chairwoman congresswoman businesswoman queen "
    "princess"
)
GENDERED_WORDS = {
    **dict.fromkeys(_MALE_WORDS.split(), "male"),
    **dict.fromkeys(_FEMALE_WORDS.split(), "female"),
}
