"""Text-level boilerplate: which whole lines of an article are not article text, and why.

Every rule here matches a *whole line* (a paragraph or a heading) against patterns of news-site
and scraper furniture seen across the web: comment forms, share counters, ad slots, "Related
articles" blocks, copyright lines, subscription prompts, stray UI words. A pattern must match the
whole line, and most also bound its length, so that running prose that merely mentions a "reply"
or "copyright" is never touched. A short paragraph of two to four sentences is boilerplate when
every one of its sentences is ("Get the latest news at X. Download our app."). Reader call-outs
and support appeals are read from the whole paragraph, and only in the outlet's own voice (no
reported speech). The one exception is inline ad shortcodes (``[ad_2]``), which auto-posting
plugins splice into text and which no sentence contains on purpose.

Credits come in two kinds: a "credit line" says the text came from elsewhere (a wire agency, a
partner, a feed) and is evidence of copying for the relate stage; a "staff credit" names the
outlet's own reporters and editors and is not.

One job: the whole-line boilerplate rules; kept whole because it is one table, a pattern and
a predicate per reason that :func:`classify_line` tries in order, read by the cleaner as one
namespace.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyweave.text import LazyPattern, sentences

# Reasons (Removed.reason values) produced by this module.
COMMENT_FORM = "comment form"
SHARE_COUNTER = "share counter"
SHARE_BUTTONS = "share buttons"
AD_MARKER = "ad marker"  # a publisher's own ad slot ("Advertisement"): no sign of copying
SCRAPER_MARKER = "scraper marker"  # left by auto-blog and scraper tools: "Source link", "[ad_2]"
READ_MORE = "read-more link"  # "Read more", "Continue reading", "…": any site's teaser furniture
HASHTAG_LINE = "hashtag line"
TAG_LIST = "tag list"
RELATED = "related-articles list"
AUTHOR_BIO = "author bio"
COPYRIGHT = "copyright line"
IMAGE_CAPTION = "image caption"
NAV_CRUMB = "navigation crumb"
LAYOUT_WORD = "layout word"
NEWSLETTER = "newsletter/subscribe prompt"
CREDIT = "credit line"  # the text came from elsewhere: a wire agency, a partner, a feed
STAFF_CREDIT = "staff credit"  # the outlet's own reporters and editors: no sign of copying
READER_CALLOUT = "reader call-out"
UPDATE_NOTICE = "update notice"
SUPPORT_APPEAL = "support appeal"
SIGN_OFF = "outlet sign-off"
STRAY_PUNCTUATION = "stray punctuation"
REPEATED_LINE = "repeated line"
BARE_LINK = "bare link"
METADATA_LINE = "metadata line"
MASTHEAD = "masthead"
PAGE_FURNITURE = "page furniture"  # short lines among the boilerplate at the end of a page

_I = re.IGNORECASE

# WordPress ad-inserter / auto-blogging shortcodes such as [ad_2], [ad-3], [ad#4].
INLINE_AD = re.compile(r"\[\s*ad[_#-]?\d{1,3}\s*\]", _I)

_COMMENT_FORM = re.compile(
    r"(?:leave|post|add|submit|write|drop) (?:(?:a|an|your|us a) )?(?:reply|comment|response)"
    r"(?: cancel reply)?|cancel reply|comments? are closed|no comments(?: yet)?"
    r"|(?:\d+ |view |show |load )?(?:comments?|responses?|replies)(?: \(\d+\))?"
    r"|your e-?mail address will not be published(?:\W+required fields are marked)?"
    r"|required fields are marked|(?:name|e-?mail|website|comment)"
    r"|save my name,? e-?mail,? and website in this browser for the next time i comment"
    r"|notify me of (?:follow-?up comments|new posts|new replies)(?: by e-?mail)?"
    r"|you must be (?:logged in|registered|signed in) to (?:post|leave) a comment"
    r"|this site uses akismet to reduce spam(?: learn how your comment data is processed)?"
    r"|join the (?:conversation|discussion)|be the first to comment",
    _I,
)
_NUMBER = r"\d+(?:[.,]\d+)*[kKmM]?"
_SHARE_COUNTER = re.compile(rf"{_NUMBER}(?:\s+{_NUMBER}){{0,3}}")
_SOCIAL_WORDS = frozenset(
    "share shares shared tweet tweets email e-mail print facebook twitter x whatsapp linkedin "
    "pinterest reddit telegram messenger copy link copied comments comment views pin flipboard "
    "sms save on via this article story post page url mail".split()
)
_SOCIAL_ANCHORS = frozenset(
    "share shares tweet facebook twitter whatsapp linkedin pinterest reddit telegram".split()
)
_AD = re.compile(
    r"advertisements?|ads?|adverti[sz]ing|sponsored(?: content| post| links?)?"
    r"|promoted(?: content)?"
    r"|advertisement\W*(?:scroll|continue) (?:down )?to continue(?: reading| with content)?"
    r"|(?:story|article|text) continues (?:below|after) (?:this )?(?:advertisement|ad)"
    r"|continue reading (?:below|the main story)|scroll (?:down )?to continue(?: with content)?",
    _I,
)
# Markers that scraper and auto-blog tools add to the copies they post (and publishers don't):
# the feed's "Source link", WordPress's "The post … appeared first on …".
_SCRAPER = re.compile(
    r"source link|source url|original (?:source|article)|via source"
    r"|the post .{3,300} (?:appeared|was published) first on .{2,120}",
    _I,
)
# Teaser furniture of any site, publishers' own included.
_READ_MORE = re.compile(
    r"read (?:the )?(?:full|original|complete|entire) (?:article|story|post|report)(?: here)?"
    r"|(?:click|tap) here to (?:read|continue|see|view)"
    r"(?: (?:more|the (?:full )?(?:article|story)))?"
    r"|continue reading|read more|(?:…|\.{3}) ?(?:read more|continue reading)",
    _I,
)
# Credits that say the text came from elsewhere (evidence of copying for the reuse stage).
_AGENCY_CREDIT = re.compile(
    r"(?:read|see) (?:the )?(?:full|original|complete|entire|rest of the) ?(?:article|story|post"
    r"|report) (?:at|on|from) .{2,80}|continue reading (?:on|at) .{2,60}|"
    r"\(?\s*with (?:additional )?inputs? from .{2,80}\)?"
    r"|\(?\s*with (?:news |wire )?(?:agency|agencies|wire|wires|wire service|pti|ani|ians)"
    r" inputs?\s*\)?"
    r"|\(?\s*(?:source|sources|courtesy|via|credit|inputs)\s*:\s*.{2,80}\)?"
    r"|(?:this|the) (?:story|article|report|post|piece|content) (?:(?:was|has been|is) )?"
    r"(?:originally |first )(?:published|posted|appeared|ran) (?:on|in|by|at|with) .{2,160}"
    r"|(?:originally|first) (?:published|posted|appeared) (?:on|in|by|at) .{2,160}"
    r"|(?:re)?published (?:here )?(?:with permission|courtesy) (?:of|from) .{2,120}"
    r"|(?:this|the) (?:story|article|report) (?:has not been|was not) edited .{2,200}"
    r"|.{0,80}auto-?generated from a syndicated (?:news )?feed.{0,120}"
    r"|(?:published|posted) (?:via|through|from) .{2,60} (?:wire|feed|service)"
    r"|[-–—(]*\s*(?:reuters?|ap|afp|ians|pti|ani|upi|dpa|xinhua|efe|ansa|agencies|agency)"
    r"(?: photo)?\s*\)?",
    _I,
)
# Credits of the outlet's own staff: reporters, editors, contributors.
_STAFF_CREDIT = re.compile(
    r"[\[(]?\s*with (?:additional )?(?:reporting|research|writing) (?:by|from) .{2,160}[\])]?"
    r"|\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|edited|written|fact-?checking)"
    r" by .{2,200}\)?"
    r"|.{2,200} contributed(?: (?:reporting|research|writing))?(?: to (?:this|the)"
    r" (?:report|story|article))?(?: from .{2,60})?"
    r"|(?:this|the) (?:story|article|report|piece) was"
    r" (?:written|reported|produced|edited|compiled) by .{2,200}"
    r"|[\[(]\s*with .{2,60}[\])]",
    _I,
)
# The party named in a credit is a news agency or wire service: "Example News Agency",
# "Example Press", "wire services", or one of the agencies whose copy is syndicated worldwide.
_AGENCY_NAME = LazyPattern(
    r"\b(?:agency|agencies|wires?|wire services?|news services?|newswire|press|syndicat\w*"
    r"|reuters|associated press|ap|afp|agence france[- ]presse|pti|ians|ani|upi|dpa|xinhua|efe"
    r"|ansa|kyodo|yonhap|bloomberg|aap|tass|anadolu)\b",
    _I,
)
# A wire sign-off at the end of a syndicated copy: "- Example News Agency".
_AGENCY_SIGN_OFF = re.compile(
    r"[-–—]+\s*(?:the )?(?:[A-Z][\w&'’.-]*\s+){0,4}"
    r"(?i:agency|agencies|press|wire|newswire|news service|news)",
)
_HASHTAG_TOKEN = re.compile(r"#[\w-]+[.,;]?")
_TAG_LIST = re.compile(
    r"(?:tags?|topics?|filed under|categories|category|keywords|tagged(?: with)?)\s*:.{1,400}", _I
)
_RELATED_HEADING = re.compile(
    r"(?:related|recommended|suggested)(?: for you)?(?: articles?| posts?| stories| news| reads?"
    r"| videos?| content| links| coverage| topics| from .{1,40})?"
    r"|(?:more|latest|top|popular|trending|featured|similar)(?: for you| now)? (?:articles?|posts?"
    r"|stories|news|reads|videos|content|coverage|headlines|from .{1,40})|trending now"
    r"|you (?:may|might|could) (?:also )?(?:like|enjoy|be interested in)|also read|read also"
    r"|read (?:more|next)|see also|more (?:on|about) (?:this|the) (?:story|topic)"
    r"|most (?:read|popular|viewed|shared|commented)(?: (?:in|on|from) .{1,40})?|don'?t miss"
    r"|editor'?s picks?|what to read next|further reading|in case you missed it|more in .{1,40}"
    r"|explore further|keep reading|more (?:to|you should) (?:read|explore)",
    _I,
)
_RELATED_PREFIX = re.compile(
    r"(?:also read|read also|read more|(?:related|recommended)(?: (?:posts?|articles?|stor(?:y|ies)"
    r"|reading|coverage|content|videos?|links?))?|see also|also see|must read|watch"
    r"|also watch|listen(?: again| live| now| here)?|don'?t miss|read next|more)"
    r"\s*[:|»>–—-]\s*\S.{0,200}",
    _I,
)
_BIO_HEADING = re.compile(
    r"(?:about (?:the )?(?:author|writer|authors|contributor|reporter)|author(?:'s)? bio(?:graphy)?"
    r"|authors?|meet the (?:author|writer))",
    _I,
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright\b|all rights reserved)(?:[^\n]{0,200})|[^\n]{0,120}all rights reserved"
    r"\W{0,3}",
    _I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RIGHTS_NOTICE = re.compile(
    r"(?:this|the) (?:copy|material|content|article) (?:is for your personal|may not be"
    r" (?:published|reproduced|copied|republished|redistributed)).{0,240}",
    _I,
)
_BARE_LINK = re.compile(
    r"(?:[\w ]{1,30}:\s*)?(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:twitter|x|facebook|instagram|linkedin)\.com/\S+",
    _I,
)
_TIME_STAMP = re.compile(
    r"(?:updated|posted|published|last updated)(?: at| on)?:? \d{1,2}[:.]\d\d ?(?:[ap]\.?m\.?)?"
    r"(?: [a-z]{2,4})?",
    _I,
)
_MACHINE_TIMESTAMP = re.compile(
    r"(?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?"
    r"(?:Z|[+-]\d\d:?\d\d)?"
)
_DECORATION = re.compile(r"[\s.•·∙*_=~|#+<>»«◦▪■□●○◆◇★☆♦✦✱/\\…–—-]+")
_CREDIT_PARENTHESIS = re.compile(r"\((?P<inner>[^()]{1,60})\)\W{0,2}$")
_CAPTION_WORDS = re.compile(
    r"\b(?:photo|photos|image|images|file|credit|courtesy|getty|pool|handout|screengrab|screenshot"
    r"|representational|representative|illustration|video grab|wire|agency|via)\b",
    _I,
)
_SOURCE_NAME = re.compile(r"[A-Z][\w&.'’-]*(?:[ /][A-Z][\w.&'’-]*){0,3}")
_CRUMB = re.compile(r"\S.{0,60}?(?:\s+(?:›|»|>|/|→)\s+\S.{0,60}?){1,6}")
_LAYOUT = re.compile(
    r"back to top(?: button)?|(?:scroll|go) to top|close|menu|search|skip to (?:main )?content"
    r"|toggle navigation|loading(?:\.{3}|…)?|font size|text size|listen(?: to (?:this|the)"
    r" (?:article|story))?|\d{1,2} min(?:ute)?s? read|reading time:? \d{1,2} min(?:ute)?s?"
    r"|play(?: video)?|pause|watch(?: video)?|expand|collapse|(?:show|hide|view) (?:more|less|all)"
    r"|image|photo|video|audio|gallery|open in app|zoom|enlarge|view (?:image|gallery|slideshow)"
    r"|(?:next|previous|prev) (?:article|story|post)|next|previous|home|login|log in|sign in"
    r"|register|subscribe|newsletter|trending|follow|unfollow|bookmark|saved?"
    r"|order reprints?|print (?:this )?(?:article|story|page)|reprints?(?: (?:&|and) permissions)?"
    r"|permalink|chapters|(?:descriptions|subtitles|captions) (?:off|settings)(?:, selected)?"
    r"|default, selected|\[[^\]]{1,40}\]",
    _I,
)
_LAYOUT_TOKEN = re.compile(
    r"[a-z]+(?:_[a-z0-9]+)+|[a-z][\w-]*\d+x\d+[\w-]*|\S+\.(?:jpe?g|png|gif|webp|svg|avif)", _I
)
_NEWSLETTER = re.compile(
    r"(?:sign up|signup|subscribe|register)\b.{0,80}\b(?:our|us|newsletters?|free|today|now|here)\b"
    r".{0,120}|join (?:us|our)\b.{0,160}"
    r"|(?:get|receive) (?:our|the|all the|your) .{0,80}"
    r"(?:newsletter|updates|alerts|inbox|app).{0,80}"
    r"|enter your e-?mail(?: address)?.{0,60}"
    r"|(?:follow|like|join) us on .{1,80}|(?:download|install) (?:the|our) .{0,60}app.{0,60}"
    r"|(?:click|tap) here to (?:subscribe|join|follow|download|sign up).{0,80}"
    r"|(?:support|become a (?:member|subscriber|supporter)).{0,40}(?:journalism|us|today).{0,80}"
    r"|we respect your privacy.{0,80}|by signing up,? you agree.{0,200}"
    r"|thanks?(?: you)? for (?:signing up|subscribing|registering).{0,80}"
    r"|there was an (?:error|problem) processing your (?:subscription|request|sign-?up).{0,40}"
    r"|an error (?:has )?occurred,? please try again(?: later)?"
    r"|.{0,80}\bclick(?:ing)? here\b.{0,80}"
    r"|follow .{0,60}\bon (?:facebook|twitter|x|instagram|linkedin|tiktok|youtube|threads)\b"
    r".{0,80}",
    _I,
)
_PROMPT_WORDS = LazyPattern(
    r"newsletter|inbox|e-?mail|subscri|sign(?:ing)? ?up|updates|alerts|channel|notification"
    r"|follow|\bapp\b|member|journalism|privacy|thank|error|click",
    _I,
)
# A call-out to readers: an invitation to send stories or pictures, and where to send them.
_CALLOUT_INVITE = LazyPattern(
    r"\b(?:share|send|tell|e-?mail|contact|message|submit|write to|get in touch)\b[^.?!]{0,60}?"
    r"(?:\byour (?:own )?(?:story|stories|pictures?|photos?|videos?|footage|views?|experiences?"
    r"|thoughts|tips?|questions?|comments?)\b|\bus\b|\bthe newsroom\b|\bour newsroom\b)",
    _I,
)
_CALLOUT_CHANNEL = LazyPattern(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:e-?mail|contact|message|whatsapp|call|text|write to) us\b"
    r"|\bget in touch\b|\bwith us\b",
    _I,
)
# "This is a developing story", "The Example will update this story throughout the day".
_UPDATE_NOTICE = re.compile(
    r"(?:this is an? (?:developing|breaking|live|fast-moving) (?:news )?(?:story|report)"
    r"(?:(?:[,;]? (?:and it |it |and )?|\. it )(?:will|may) be updated[^.!?]{0,60})?"
    r"|(?:this|the) (?:story|article|report|page) (?:is developing and )?(?:will|may) be updated"
    r"[^.!?]{0,80}"
    r"|[^.!?]{2,60} will (?:update|be updating) this (?:story|article|report|page)[^.!?]{0,80}"
    r"|(?:please )?(?:check|come) back (?:later |soon )?for (?:more |further )?updates[^.!?]{0,40}"
    r"|more (?:details |information )?to (?:follow|come)|refresh (?:this page )?for updates)",
    _I,
)
# An appeal for money in the outlet's own voice ("please consider supporting us today").
_SUPPORT_ASK = re.compile(
    r"\b(?:support(?:ing)?|donat(?:e|ing)|contribut(?:e|ing)|fund(?:ing)?|becom(?:e|ing) an?"
    r" (?:member|supporter|subscriber|patron|friend))\b[^.?!]{0,40}"
    r"\b(?:us|our (?:journalism|work|reporting|newsroom|mission)|today|journalism)\b",
    _I,
)
_OUR_VOICE = re.compile(r"\b(?:our|we|us)\b", _I)
_SIGN_OFF = re.compile(
    r"(?i:get|read|catch|follow|stay (?:updated|tuned|informed)(?: with)?|check out|for)"
    r"(?i:(?: the| all the| all)? (?:latest|more|breaking|top|live|all))\b.{0,160}?\b"
    r"(?i:at|on|from|only on)"
    r" (?P<outlet>[A-Z0-9][\w&'’.-]*(?: [A-Z0-9&][\w&'’.-]*){0,5})\W{0,3}",
)


# the patterns classify_line asks of every line, compiled once (16k lines per 181 pages)
_WORD_CHAR = re.compile(r"\w")
_LEADING_BULLETS = re.compile(r"^[\s•·▪►▶●○■□*|–—↑↓←→⇧⬆-]+")
_TRAILING_PUNCTUATION = re.compile(r"[\s:|*.!,;–—>»›-]+$")
_NUMBER_TOKEN = re.compile(_NUMBER)
_YOU = re.compile(r"\byour?\b", _I)
_REPORTED = re.compile(r"\b(?:said|says|told|according to)\b|[“”\"]")


def strip_inline_ads(line: str) -> tuple[str, list[str]]:
    """Remove inline ad shortcodes from ``line``; return the rest and the tokens removed."""
    found = [m.group(0) for m in INLINE_AD.finditer(line)]
    if not found:
        return line, []
    return re.sub(r"\s{2,}", " ", INLINE_AD.sub(" ", line)).strip(), found


# the cleaner asks about one block more than once, and a site repeats its furniture on each page
@lru_cache(maxsize=16_384)
def classify_line(line: str, in_code: bool = False) -> str | None:
    """Return the boilerplate reason of a whole line, or None if it may be article text.

    Context-free rules only (the position-dependent ones live in the cleaner). ``in_code`` says
    the text contains program code, where lone punctuation and identifiers are content.
    """
    text = line.strip()
    if not text:
        return None
    if _DECORATION.fullmatch(text):
        return None if in_code else STRAY_PUNCTUATION
    if not _WORD_CHAR.search(text):
        return None
    core = _core(text)
    word_count = len(text.split())
    for reason, check in _CHECKS:
        if check(text, core, word_count):
            if in_code and reason == LAYOUT_WORD and _LAYOUT.fullmatch(core) is None:
                return None
            return reason
    return None if in_code else _all_sentences_reason(text, word_count)


def _all_sentences_reason(text: str, word_count: int) -> str | None:
    """A short paragraph whose every sentence is boilerplate ("Get the latest news at X.
    Download our app.") takes the reason of its first sentence."""
    if word_count > 60:
        return None
    parts = sentences(text)
    if not 2 <= len(parts) <= 4:
        return None
    reasons = [classify_line(part) for part in parts]
    if any(r is None or r == STRAY_PUNCTUATION for r in reasons):
        return None
    return reasons[0]


def looks_like_code(line: str) -> bool:
    """A line of program code: ends in a brace, semicolon or opening bracket, or is one."""
    text = line.strip()
    return bool(re.search(r"[{};(\[,]$|^[)}\]]|^(?:def|function|var|let|const|import) ", text))


def _core(text: str) -> str:
    """The line without bullets, decoration and trailing punctuation, spaces collapsed."""
    core = _LEADING_BULLETS.sub("", text)
    core = _TRAILING_PUNCTUATION.sub("", core)
    # no white space is left at either end: joining the words collapses each run to one space
    return " ".join(core.split())


def _is_comment_form(text: str, core: str, n: int) -> bool:
    return n <= 30 and _COMMENT_FORM.fullmatch(core.rstrip("*").strip()) is not None


def _is_share_counter(text: str, core: str, n: int) -> bool:
    """Two to four bare counts ("0 136", "1.2K 35"); a lone number only with a K/M suffix."""
    if _SHARE_COUNTER.fullmatch(text) is None:
        return False
    return n >= 2 or text[-1] in "kKmM"


def _is_share_buttons(text: str, core: str, n: int) -> bool:
    tokens = [t.strip("()[]:,|").lower() for t in core.split()]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 10:
        return False
    if not any(t in _SOCIAL_ANCHORS for t in tokens):
        return False
    return all(t in _SOCIAL_WORDS or _NUMBER_TOKEN.fullmatch(t) for t in tokens)


def _is_ad(text: str, core: str, n: int) -> bool:
    return not INLINE_AD.fullmatch(text) and n <= 12 and _AD.fullmatch(core) is not None


def _is_scraper_marker(text: str, core: str, n: int) -> bool:
    """An auto-blog's shortcode ("[ad_2]") or a marker of :data:`_SCRAPER`."""
    return INLINE_AD.fullmatch(text) is not None or (
        n <= 60 and _SCRAPER.fullmatch(core) is not None
    )


def _is_read_more(text: str, core: str, n: int) -> bool:
    return n <= 12 and _READ_MORE.fullmatch(core) is not None


def _is_agency_credit(text: str, core: str, n: int) -> bool:
    """A credit saying the text came from elsewhere (a wire, a partner, a feed)."""
    if n > 40 or _ends_in_prose(core, n):
        return False
    if _AGENCY_CREDIT.fullmatch(core) or _AGENCY_SIGN_OFF.fullmatch(text.strip()):
        return True
    # "The Example Press contributed to this report", "(Reporting by Example Wire)"
    return _STAFF_CREDIT.fullmatch(core) is not None and _AGENCY_NAME.search(core) is not None


def _is_staff_credit(text: str, core: str, n: int) -> bool:
    """A credit of the outlet's own reporters and editors ("Reporting by ...; editing by ...")."""
    return n <= 60 and _STAFF_CREDIT.fullmatch(core) is not None and not _ends_in_prose(core, n)


def _is_hashtag_line(text: str, core: str, n: int) -> bool:
    tokens = text.split()
    return all(_HASHTAG_TOKEN.fullmatch(t) for t in tokens) and any(len(t) > 2 for t in tokens)


def _is_tag_list(text: str, core: str, n: int) -> bool:
    return n <= 60 and _TAG_LIST.fullmatch(core) is not None


def _is_rights_notice(text: str, core: str, n: int) -> bool:
    return n <= 50 and _RIGHTS_NOTICE.fullmatch(core) is not None


def _is_bare_link(text: str, core: str, n: int) -> bool:
    return n <= 4 and _BARE_LINK.fullmatch(core) is not None


def _is_time_stamp(text: str, core: str, n: int) -> bool:
    return _TIME_STAMP.fullmatch(core) is not None or _MACHINE_TIMESTAMP.fullmatch(core) is not None


def _is_copyright(text: str, core: str, n: int) -> bool:
    if n > 25 or _COPYRIGHT.fullmatch(core) is None:
        return False
    lowered = core.lower()
    return "©" in core or "all rights reserved" in lowered or _YEAR.search(core) is not None


def _is_related_prefix(text: str, core: str, n: int) -> bool:
    return n <= 30 and _RELATED_PREFIX.fullmatch(core) is not None


def _is_image_caption(text: str, core: str, n: int) -> bool:
    match = _CREDIT_PARENTHESIS.search(text)
    if match is None or n > 45 or n < 2:
        return False
    inner = match.group("inner").strip()
    if len(inner.split()) > 7:
        return False
    if _CAPTION_WORDS.search(inner):
        return True
    # "(AFP)" after a finished sentence; an acronym after a name ("Acme Corp (ACME)") is not one
    before = text[: match.start()].rstrip()
    return _SOURCE_NAME.fullmatch(inner) is not None and before.endswith((".", "!", "?"))


def _is_crumb(text: str, core: str, n: int) -> bool:
    if n > 14 or _CRUMB.fullmatch(core) is None:
        return False
    parts = re.split(r"\s+(?:›|»|>|/|→)\s+", core)
    return all(len(p.split()) <= 4 for p in parts) and core[:1].isupper()


def _is_layout(text: str, core: str, n: int) -> bool:
    if n <= 6 and _LAYOUT.fullmatch(core) is not None:
        return True
    tokens = text.split()
    return bool(tokens) and n <= 6 and all(_LAYOUT_TOKEN.fullmatch(t) for t in tokens)


def _is_newsletter(text: str, core: str, n: int) -> bool:
    if n > 35 or _NEWSLETTER.fullmatch(core) is None or _ends_in_prose(core, n):
        return False
    return _PROMPT_WORDS.search(core) is not None


def _is_reader_callout(text: str, core: str, n: int) -> bool:
    """ "Share your pictures with us at news@example.com": an invitation to the reader ("you")
    and a channel to answer by."""
    if n > 60 or _quotes_someone(core) or not _YOU.search(core):
        return False
    return _CALLOUT_INVITE.search(core) is not None and _CALLOUT_CHANNEL.search(core) is not None


def _is_update_notice(text: str, core: str, n: int) -> bool:
    if n > 30 or _quotes_someone(core):
        return False
    return _UPDATE_NOTICE.fullmatch(core) is not None


def _is_support_appeal(text: str, core: str, n: int) -> bool:
    """A plea for reader money in the outlet's own voice, not reported speech."""
    if n > 90 or _quotes_someone(core):
        return False
    return _SUPPORT_ASK.search(core) is not None and len(_OUR_VOICE.findall(core)) >= 2


@lru_cache(maxsize=4096)  # three checks of a line ask it of the same core
def _quotes_someone(core: str) -> bool:
    return _REPORTED.search(core) is not None


def _is_sign_off(text: str, core: str, n: int) -> bool:
    return n <= 30 and _SIGN_OFF.fullmatch(core) is not None


def _ends_in_prose(core: str, n: int) -> bool:
    """A long line that reads like reporting (a quote, 'said') is never a prompt."""
    return n > 8 and bool(_REPORTED.search(core))


_CHECKS = (
    (AD_MARKER, _is_ad),
    (COMMENT_FORM, _is_comment_form),
    (SHARE_COUNTER, _is_share_counter),
    (SHARE_BUTTONS, _is_share_buttons),
    (HASHTAG_LINE, _is_hashtag_line),
    (TAG_LIST, _is_tag_list),
    (COPYRIGHT, _is_copyright),
    (COPYRIGHT, _is_rights_notice),
    (BARE_LINK, _is_bare_link),
    (METADATA_LINE, _is_time_stamp),
    (CREDIT, _is_agency_credit),
    (STAFF_CREDIT, _is_staff_credit),
    (SCRAPER_MARKER, _is_scraper_marker),
    (READ_MORE, _is_read_more),
    (SIGN_OFF, _is_sign_off),
    (RELATED, _is_related_prefix),
    (IMAGE_CAPTION, _is_image_caption),
    (NAV_CRUMB, _is_crumb),
    (LAYOUT_WORD, _is_layout),
    (NEWSLETTER, _is_newsletter),
    (READER_CALLOUT, _is_reader_callout),
    (UPDATE_NOTICE, _is_update_notice),
    (SUPPORT_APPEAL, _is_support_appeal),
)


def is_related_heading(line: str) -> bool:
    """True for a heading that opens a list of links to other articles ("Related Articles")."""
    if re.fullmatch(r"\W*(?:more|also|related)\s*:\s*", line, _I):
        return True
    core = _core(line)
    return len(core.split()) <= 8 and _RELATED_HEADING.fullmatch(core) is not None


def is_tag_heading(line: str) -> bool:
    """True for a lone "Tags" / "Topics" heading (the tags follow on the next line)."""
    return (
        re.fullmatch(r"(?:tags?|topics?|keywords|filed under|tagged)", _core(line), _I) is not None
    )


def is_bio_heading(line: str) -> bool:
    """True for a heading that opens an author box ("About the author")."""
    return _BIO_HEADING.fullmatch(_core(line)) is not None


def sign_off_outlet(line: str) -> str | None:
    """The outlet named in a sign-off like "Get the latest news at The Daily Example."."""
    for part in (line, *sentences(line)):
        match = _SIGN_OFF.fullmatch(_core(part))
        if match:
            return match.group("outlet").strip()
    return None


def copyright_holder(line: str) -> str | None:
    """The holder named in a copyright line ("© 2023 Example Media" → "Example Media").

    The holder ends at the first sentence ("... Example Wire. Redistribution is prohibited.")
    or comma ("Example Ltd, 1 High Street"); a legal suffix ("Ltd", "Inc.") is dropped.
    """
    rest = re.sub(r"©|\(c\)|\bcopyright\b|all rights reserved\.?", " ", _core(line), flags=_I)
    rest = _YEAR.sub(" ", rest)
    rest = re.sub(r"\s*[-–]\s*(?=\s|$)", " ", rest)
    rest = re.sub(r"^[\W_]+", "", rest)
    rest = re.split(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])|,\s+|;\s+", rest, maxsplit=1)[0]
    rest = re.sub(r"[\W_]+$", "", rest)
    rest = re.sub(r"\s+", " ", rest)
    rest = re.sub(r"\s+(?:ltd|limited|inc|llc|plc|gmbh|pvt|co)\.?$", "", rest, flags=_I)
    if not rest or len(rest.split()) > 6 or not rest[0].isupper():
        return None
    return rest


def layout_tokens(line: str) -> list[str]:
    """The tokens of ``line`` that are UI furniture (icon names, image placeholder file names)."""
    return [t for t in line.split() if _LAYOUT_TOKEN.fullmatch(t)]
