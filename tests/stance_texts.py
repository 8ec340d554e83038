"""Short articles written for these tests: one claim, and bodies that support it, deny it (in
the article's own voice, or as a party's denial it reports), report it without taking a side,
or are about something else. Paragraphs are single lines, as in clean article text."""

CLAIM = "Harbour town council votes to close its only public library"

SUPPORTS = (
    "The harbour town council voted on Tuesday to close the public library, the town's only "
    "one, at the end of the year. Councillors approved the closure by seven votes to two "
    "after a three-hour meeting. The mayor said the building would be sold to cover a budget "
    "shortfall. Library staff will be offered jobs elsewhere in the council, officials "
    "confirmed."
)

SUPPORTS_TOO = (
    "Councillors in the harbour town have voted to shut the public library, the only one in "
    "town, when the year ends. The decision, taken by seven votes to two, follows months of "
    "budget cuts. Campaigners said they were disappointed and would keep fighting for the "
    "building."
)

DENIES = (
    "The harbour town council has denied reports that it voted to close the public library. "
    '"This story is completely false. No vote on the library has taken place and none is '
    'planned," a council spokeswoman said. The rumour, which spread on social media over the '
    "weekend, was a hoax started by a satirical website, the council added. The library will "
    "stay open."
)

DEBUNKS = (
    "Posts claiming that the harbour town council voted to close the public library are "
    "false. No such vote took place: the minutes of every council meeting this year are "
    "public, and the library appears in none of them. The story began as a hoax on a "
    "satirical website and was shared thousands of times before it was debunked."
)

DISCUSSES = (
    "The harbour town council may close the town's only public library, according to "
    "unconfirmed reports circulating online. Local residents said they had heard that "
    "councillors were considering the move, but the council has not commented. It is unclear "
    "whether a vote has taken place. A petition to keep the library open has reportedly "
    "gathered hundreds of signatures."
)

UNRELATED = (
    "The regional football final was postponed after heavy rain flooded the pitch overnight. "
    "Groundsmen worked through the morning, but referees ruled the surface unplayable. The "
    "match will now be played next Sunday, the league said, and tickets remain valid."
)
