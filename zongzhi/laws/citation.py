"""Chinese numerals and the stable citation format: 《中华人民共和国大气污染防治法》第一百一十九条第一款第（二）项.

A title that itself contains 《》 is cited with 〈〉 inside the outer marks (《河南省实施〈中华人民共和国城乡规划法〉办法》).
``parse_citation`` reads such a string back (Chinese or Arabic numerals, with or without the title marks) and
``resolve_citation`` finds the article.
"""

import datetime
import re
from typing import NamedTuple

from django.utils.translation import gettext as _

DIGITS = "零一二三四五六七八九"
NUMBER = r"[零一二三四五六七八九十百千]+|\d+"
CITATION_RE = re.compile(
    rf"^《?(?P<title>.+?)》?第(?P<article>{NUMBER})条(?:第(?P<paragraph>{NUMBER})款)?"
    rf"(?:第[（(]?(?P<item>{NUMBER})[）)]?项)?$"
)
MAX_CITATION_LENGTH = 300
NUMERAL = "[零一二三四五六七八九十百千]+"
PENALTY_RE = re.compile(rf"违反本(?:法|条例|办法)((?:第{NUMERAL}条(?:第{NUMERAL}款)?[、和或及者]*)+)规定")
ARTICLE_REF_RE = re.compile(rf"第({NUMERAL})条")


class CitationError(ValueError):
    pass


class Citation(NamedTuple):
    title: str
    article: int
    paragraph: int | None = None
    item: int | None = None


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 15 -> 十五, 119 -> 一百一十九, 100 -> 一百, 105 -> 一百零五, 1000 -> 一千."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    out = ""
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero = False
    started = False
    for value, name in units:
        d = (n // value) % 10
        if d:
            if zero and started:
                out += "零"
            out += DIGITS[d] + name
            zero = False
            started = True
        elif started:
            zero = True
    return out


def parse_chinese_number(text: str) -> int:
    """一百一十九 -> 119, 十五 -> 15, 一百零五 -> 105."""
    if not text:
        raise ValueError(text)
    total, current = 0, 0
    units = {"十": 10, "百": 100, "千": 1000}
    for ch in text:
        if ch in DIGITS:
            current = DIGITS.index(ch)
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
        else:
            raise ValueError(text)
    return total + current


def book_title(title: str) -> str:
    """中华人民共和国行政处罚法 -> 《中华人民共和国行政处罚法》; inner 《》 become 〈〉."""
    return "《{}》".format(title.replace("《", "〈").replace("》", "〉"))


def cite(title: str, article: int, paragraph: int | None = None, item: int | None = None) -> str:
    text = f"{book_title(title)}第{chinese_number(article)}条"
    if paragraph:
        text += f"第{chinese_number(paragraph)}款"
    if item:
        text += f"第（{chinese_number(item)}）项"
    return text


def enforced_articles(text: str) -> list[int]:
    """The articles of the same law a penalty article enforces: “违反本条例第十八条规定，…处以罚款” -> [18]."""
    return [parse_chinese_number(n) for m in PENALTY_RE.finditer(text) for n in ARTICLE_REF_RE.findall(m.group(1))]


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else parse_chinese_number(text)


def parse_citation(text: str) -> Citation:
    """'《中华人民共和国大气污染防治法》第一百一十九条第一款' -> Citation('中华人民共和国大气污染防治法', 119, 1)."""
    text = "".join((text or "").split())
    if not text:
        raise CitationError(_("Enter a citation, e.g. 《中华人民共和国行政处罚法》第五十一条."))
    if len(text) > MAX_CITATION_LENGTH:
        raise CitationError(_("The citation is too long (at most %(n)s characters).") % {"n": MAX_CITATION_LENGTH})
    m = CITATION_RE.match(text)
    if not m:
        raise CitationError(_("“%(text)s” is not a citation like 《中华人民共和国行政处罚法》第五十一条第一款.")
                            % {"text": text})
    title = m.group("title").replace("〈", "《").replace("〉", "》")
    try:
        numbers = [_number(m.group(g)) for g in ("article", "paragraph", "item")]
    except ValueError:
        raise CitationError(_("“%(text)s” has a malformed number.") % {"text": text}) from None
    if 0 in numbers:
        raise CitationError(_("Article, paragraph and item numbers start at 1."))
    return Citation(title, *numbers)


def resolve_citation(text: str, on: datetime.date | None = None):
    """The article a citation refers to, in the version in force on ``on`` (default: today).
    Raises ``CitationError`` with a message for the user when the law, article, paragraph or item does not exist."""
    from django.db.models import Q

    from .models import Article, Law

    citation = parse_citation(text)
    title = citation.title
    law = Law.objects.filter(Q(title=title) | Q(short_title=title) | Q(title=f"中华人民共和国{title}")).first()
    if law is None:
        raise CitationError(_("No law titled “%(title)s” is in the library.") % {"title": title})
    version = law.current_version(on)
    article = (Article.objects.select_related("version__law").filter(version=version, number=citation.article)
               .first() if version else None)
    if article is None:
        raise CitationError(_("%(law)s has no %(article)s.")
                            % {"law": law, "article": f"第{chinese_number(citation.article)}条"})
    if citation.paragraph and citation.paragraph > len(article.paragraphs):
        raise CitationError(_("%(article)s has only %(n)s paragraph(s).")
                            % {"article": article.citation(), "n": len(article.paragraphs)})
    if citation.item:
        paragraph = article.paragraphs[(citation.paragraph or 1) - 1]
        if citation.item > len(paragraph["items"]):
            raise CitationError(_("%(article)s has no item %(item)s.")
                                % {"article": article.citation(citation.paragraph),
                                   "item": f"（{chinese_number(citation.item)}）"})
    return article
