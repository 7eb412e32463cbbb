"""Full-text search over the law library: BM25 over the articles' stored jieba tokens.

The corpus is tokenised once, at import (``Article.tokens``). On first use an in-memory inverted index is built
from those tokens and kept until the article set changes (a cheap signature: counts and the newest ``updated``
of articles, versions and laws, and today's date, which decides the versions in force). A query is segmented
with the same dictionary, expanded with the domain dictionary (``dictionary.txt``: colloquial enforcement terms
to statutory wording), scored, and the best hits get a ``<mark>``-highlighted snippet and their citation.
"""

import datetime
import functools
import logging
import math
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jieba
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .citation import enforced_articles
from .models import Article, Law, LawVersion

DICTIONARY = Path(__file__).with_name("dictionary.txt")
STOPWORDS = frozenset(
    "的 了 和 与 及 以及 或 或者 等 在 对 由 为 是 其 之 于 以 按 按照 并 并且 应 应当 可以 不得 有 有关 本 "
    "该 此 所 者 从 向 将 把 被 给 中 上 下 内 外 条 款 项 规定 依照 依法 怎么 如何 什么 哪些 吗 呢".split()
)
EXPANSION_WEIGHT = 0.7  # a statutory word found through the dictionary counts a little less than a typed one
CONTEXT_WEIGHT = 0.5  # a query word in the law's title, the chapter or the section
PENALTY_WEIGHT = 0.5  # a penalty article shares this much of the score of the article it enforces
K1, B = 1.2, 0.75
MAX_QUERY_LENGTH = 100
SNIPPET_WIDTH = 120


class SearchError(ValueError):
    pass


class _Dictionary:
    """A jieba tokenizer of its own (other apps keep the default one) with the domain words added."""

    def __init__(self):
        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.synonyms: dict[str, list[str]] = {}
        for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            term, _sep, expansion = line.partition("=")
            term, words = term.strip(), expansion.split()
            for word in (term, *words):
                self.tokenizer.add_word(word)
            if words:
                self.synonyms[term] = words


_dictionary: _Dictionary | None = None
_dictionary_lock = threading.Lock()


def dictionary() -> _Dictionary:
    global _dictionary
    if _dictionary is None:
        with _dictionary_lock:
            if _dictionary is None:
                _dictionary = _Dictionary()
    return _dictionary


@functools.lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[str, ...]:
    """jieba ``cut_for_search`` with the domain dictionary, lowercased; stopwords and punctuation dropped.
    Cached: a re-import and repeated queries do not segment the same text twice."""
    words = (w.strip().lower() for w in dictionary().tokenizer.cut_for_search(text))
    return tuple(w for w in words if w and w not in STOPWORDS and any(ch.isalnum() for ch in w))


def query_terms(query: str) -> dict[str, float]:
    """The weighted terms of a query: its own words, then the statutory words of any dictionary term in it."""
    terms = dict.fromkeys(tokenize(query), 1.0)
    for term, words in dictionary().synonyms.items():
        if term in query:
            for word in words:
                for token in tokenize(word):
                    terms.setdefault(token, EXPANSION_WEIGHT)
    return terms


@dataclass
class Hit:
    article: Article
    score: float
    snippet: str  # safe HTML with <mark>

    @property
    def citation(self) -> str:
        return self.article.citation()


class Index:
    """Postings (token -> [(doc, weighted tf)]) and the articles themselves, so that a query needs no query
    beyond the signature check. Laws and versions are shared between the articles of a version."""

    def __init__(self):
        versions = {v.pk: v for v in LawVersion.objects.select_related("law").defer("history")}
        today = datetime.date.today()
        newest = {}  # law -> the version in force (or the first one, when none is yet)
        for v in sorted(versions.values(), key=lambda v: v.effective):
            if v.effective <= today or v.law_id not in newest:
                newest[v.law_id] = v.pk
        self.current = set(newest.values())
        self.articles: list[Article] = []
        lengths = []  # tokens per article
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        context_cache = {}
        by_number, cited = {}, {}
        for doc, article in enumerate(Article.objects.order_by("id")):
            article.version = versions[article.version_id]
            by_number[article.version_id, article.number] = doc
            cited[doc] = [(article.version_id, n) for n in enforced_articles(article.text)]
            words = article.tokens.split()
            article.tokens = ""  # indexed: no need to keep it twice
            tf = defaultdict(float)
            for w in words:
                tf[w] += 1
            key = (article.version.law.title, article.chapter, article.section)
            if key not in context_cache:
                context_cache[key] = set(tokenize(" ".join(key)))
            for w in context_cache[key]:
                tf[w] += CONTEXT_WEIGHT
            for w, n in tf.items():
                self.postings[w].append((doc, n))
            self.articles.append(article)
            lengths.append(len(words) or 1)
        # "违反本条例第十八条规定 … 处以罚款": the penalty article and the article it enforces.
        self.enforces = {doc: [by_number[key] for key in keys if key in by_number] for doc, keys in cited.items() if keys}
        self.size = len(self.articles)
        average = sum(lengths) / self.size if self.size else 1.0
        self.norms = [K1 * (1 - B + B * length / average) for length in lengths]  # BM25 length normalisation

    def score(self, terms: dict[str, float], accept) -> dict[int, float]:
        scores = defaultdict(float)
        for term, weight in terms.items():
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = math.log(1 + (self.size - len(postings) + 0.5) / (len(postings) + 0.5))
            for doc, tf in postings:
                if accept(doc):
                    scores[doc] += weight * idf * tf * (K1 + 1) / (tf + self.norms[doc])
        bonus = {doc: PENALTY_WEIGHT * max(scores.get(r, 0.0) for r in enforced)
                 for doc, enforced in self.enforces.items() if accept(doc)}
        for doc, value in bonus.items():
            if value:
                scores[doc] += value
        return scores


_index: Index | None = None
_signature = None
_index_lock = threading.Lock()  # building the index segments titles, which may load the dictionary


def signature():
    """What the index depends on, in one cheap statement (a count, and a maximum the ``updated`` index answers,
    per table), plus today's date (which decides the versions in force)."""
    tables = [model._meta.db_table for model in (Article, LawVersion, Law)]
    columns = ", ".join(f"(SELECT COUNT(*) FROM {t}), (SELECT MAX(updated) FROM {t})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return (*cursor.fetchone(), datetime.date.today())


def index() -> Index:
    """The inverted index, rebuilt when the article set changed (one cheap query per call)."""
    global _index, _signature
    current = signature()
    if _index is None or current != _signature:
        with _index_lock:
            if _index is None or current != _signature:
                _index, _signature = Index(), current
    return _index


def clean_query(query: str) -> str:
    query = " ".join((query or "").split())
    if not query:
        raise SearchError(_("Enter words to search for."))
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchError(_("The query is too long (at most %(n)s characters).") % {"n": MAX_QUERY_LENGTH})
    return query


def search(query: str, *, law: int | None = None, version: int | None = None, limit: int = 20) -> list[Hit]:
    """The best articles for ``query``, most relevant first, in the versions in force (or in ``version``),
    optionally within one ``law``. Raises ``SearchError`` for an empty or overlong query."""
    terms = query_terms(clean_query(query))
    idx = index()
    if version is not None:
        def accept(doc):
            return idx.articles[doc].version_id == version
    else:
        def accept(doc):
            article = idx.articles[doc]
            return article.version_id in idx.current and (law is None or article.version.law_id == law)
    scores = idx.score(terms, accept)
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [Hit(idx.articles[doc], score, highlight(idx.articles[doc].text, terms)) for doc, score in best]


def highlight(text: str, terms, width: int = SNIPPET_WIDTH) -> str:
    """The part of ``text`` (about ``width`` characters) with the most query words, each in <mark>."""
    words = [t for t in terms if len(t) > 1] or list(terms)
    lower = text.lower()
    spans = []
    for word in words:
        start = lower.find(word)
        while start >= 0:
            spans.append((start, start + len(word), word))
            start = lower.find(word, start + 1)
    spans.sort(key=lambda span: (span[0], -span[1]))  # the longest word at a position wins
    begin = 0
    if len(text) > width and spans:
        best = -1
        for s, _e, _w in spans:
            lo = max(0, s - width // 6)
            covered = {w for (s2, e2, w) in spans if s2 >= lo and e2 <= lo + width}
            value = sum(len(w) for w in covered)
            if value > best:
                best, begin = value, lo
    end = min(len(text), begin + width)
    out, pos = [], begin
    for s, e, _w in spans:
        if s < pos or e > end:
            continue
        out += [escape(text[pos:s]), "<mark>", escape(text[s:e]), "</mark>"]
        pos = e
    out.append(escape(text[pos:end]))
    return mark_safe(("…" if begin else "") + "".join(out) + ("…" if end < len(text) else ""))
