"""Script-injection payloads, a JSONL corpus made of them, and a scan of a page's markup.

A payload that ran would set the page's title to ``PWNED`` or leave an element whose id starts
with ``pwned``; the tests look for both.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

PAYLOADS = (
    "<script>document.title='PWNED'</script>",
    "<img src=x onerror=\"document.title='PWNED'\">",
    '"><img src=x id=pwned-img onerror="document.title=\'PWNED\'">',
    "'><svg onload=\"document.title='PWNED'\"><b id='pwned-svg'>x</b></svg>",
    "</style><script>document.title='PWNED'</script><b id=pwned-style>x</b>",
    "</title><script>document.title='PWNED'</script>",
    "</textarea></svg></a><script>document.title='PWNED'</script>",
    "<iframe id=pwned-frame srcdoc=\"<script>parent.document.title='PWNED'</script>\"></iframe>",
    "<a id=pwned-link href=\"javascript:document.title='PWNED'\">click</a>",
    '<meta http-equiv="refresh" content="0;url=javascript:document.title=\'PWNED\'">',
    '<base href="https://evil.example/">',
    "<style>body{display:none}</style>",
    "<math><mi xlink:href=\"javascript:document.title='PWNED'\">x</mi></math>",
    "{{ 7*7 }}{% raw %}${7*7}",
)

HOSTILE_URLS = (
    "javascript:document.title='PWNED'",
    "JaVaScRiPt:document.title='PWNED'",
    " javascript:document.title='PWNED'",
    "java\tscript:document.title='PWNED'",
    "data:text/html,<script>document.title='PWNED'</script>",
    "vbscript:msgbox('PWNED')",
    "https://ok.example/a\"onmouseover=\"document.title='PWNED'",
)

SAFE_URL = "https://ok.example/copy?x=1&y=2"

STORY = (
    "The harbour bridge in Norvale closed on Monday after inspectors found cracks in two of "
    "its steel supports, the city council said. Officials said repairs would take at least "
    "three weeks and that ferries would run every twenty minutes in the meantime. "
    '"We will not take risks with people\'s lives," said Mayor Ana Ruiz at a briefing. '
    "Traffic on the coast road was backed up for six kilometres by the evening. "
)


def hostile_records() -> list[dict[str, str]]:
    """JSONL records with a payload in every field the report shows."""
    records = []
    for n, payload in enumerate(PAYLOADS):
        records.append(
            {
                "id": f"art-{n}{payload}",
                "text": f"{STORY}\n\nA reader wrote in: {payload}\n\n{payload} ends the note.",
                "title": f"Bridge closed {payload}",
                "outlet": f"Outlet {n} {payload}",
                "byline": f"By Reporter {n} {payload}",
                "url": HOSTILE_URLS[n % len(HOSTILE_URLS)],
                "published": f"2026-03-0{1 + n % 3}T0{n % 10}:15:00+00:00",
            }
        )
    records.append(
        {
            "id": "scraped-copy",
            "text": f"{STORY}\n[ad_2]\nSource link",
            "title": PAYLOADS[0],
            "outlet": PAYLOADS[3],
            "url": SAFE_URL,
            "published": "2026-03-05",
        }
    )
    return records


SAFE_HREF = re.compile(r"#[A-Za-z0-9-]+|https?://[^\s\"'<>`]+")


class PageScan(HTMLParser):
    """The elements, attributes and text of a page, as an HTML parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str | None]] = []
        self.ids: set[str] = set()
        self.title = ""
        self._text: list[str] = []
        self._in_page_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # The page's own <title> comes before any SVG <title> (tooltips).
        self._in_page_title = tag == "title" and "svg" not in self.tags
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value))
            if name == "id" and value is not None:
                self.ids.add(value)

    def handle_endtag(self, tag: str) -> None:
        self._in_page_title = False

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        if self._in_page_title:
            self.title += data

    @property
    def text(self) -> str:
        """All text of the page, whitespace runs made single spaces."""
        return " ".join("".join(self._text).split())


def scan(page: str) -> PageScan:
    """Parse ``page`` and return what it holds."""
    result = PageScan()
    result.feed(page)
    result.close()
    return result
