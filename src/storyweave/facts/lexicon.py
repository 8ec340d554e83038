"""General English word lists used by the rule-based claim extractors.

Nothing here is specific to any corpus: titles, speech verbs, number words,
month and weekday names, and unit spellings, as found in any English style guide.
"""

from __future__ import annotations

# Words that may open a sentence capitalised without being a name.
PRONOUNS = frozenset("i he she it we they you his her its our their this that these those".split())

HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady prof mx".split())

# Titles and functions that, placed before a name, give the person's role.
ROLE_WORDS = frozenset(
    """
    president vice-president minister secretary spokesman spokeswoman spokesperson chancellor
    governor senator mayor ambassador general chief director official leader chairman
    chairwoman chair ceo king queen prince princess pope judge commander adviser advisor aide
    envoy deputy lawmaker legislator representative congressman congresswoman premier head
    lieutenant colonel captain sergeant admiral marshal superintendent inspector detective
    officer attorney prosecutor professor doctor analyst economist researcher scientist
    correspondent reporter editor founder owner manager executive coach striker player
    candidate councillor councilor commissioner sheriff chancellor speaker counterpart mp
    engineer lawyer surgeon nurse teacher pilot
    """.split()
)

# Role words that are also verbs (``to head the team``, ``to chair the board``).
ROLE_VERBS = frozenset("head chair coach captain pilot nurse judge marshal doctor".split())

SPEECH_VERBS = frozenset(
    """
    said says say told tells added adds wrote writes warned warns stated states explained
    explains noted notes claimed claims insisted insists declared declares tweeted tweets
    posted posts asked asks replied replies continued continues argued argues recalled
    recalls admitted admits announced announces urged urges vowed vows stressed stresses
    remarked remarks conceded concedes suggested suggests acknowledged acknowledges confirmed
    confirms responded responds commented comments emphasised emphasized emphasises
    emphasizes observed observes predicted predicts cautioned cautions mocked mocks
    """.split()
)

# Words in a capitalised sequence that mark it as an organisation.
ORG_WORDS = frozenset(
    """
    ministry department council office house institute university college school agency group
    party committee commission court bank company corp corporation inc ltd llc plc times news
    post journal press forces force army navy union association organization organisation
    foundation federation fund authority administration service services assembly parliament
    congress senate government club league board bureau centre center network exchange co cos
    """.split()
)

# Abbreviated titles ("Rear Adm", "Lt Gen"): a name cut before the person's own name.
TITLE_ABBREVIATIONS = frozenset("adm gen col lt sgt capt gov sen rep cmdr cdr maj cpl brig".split())

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

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
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

# Irregular past forms of common verbs: a word that names an action, not a thing.
PAST_FORMS = frozenset(
    """
    said told met began hit struck fell rose won lost took made came went gave held left sent shot
    spent built brought fought caught became broke ran saw flew drew threw wrote found led fled
    paid sold set put cut quit began sank swept stood fired killed
    """.split()
)
# Base forms of common verbs that stand before numbers ("come in at $35", "start at $450").
VERB_FORMS = frozenset(
    "come comes go goes stand stands sell sells start starts get gets make makes take takes "
    "give gives keep keeps see say says tell expect expects plan plans want wants need use".split()
)
