"""Parse the law texts of data/laws/ (Markdown, one law per file; see data/laws/README.md).

Line 1 is ``# <title>``; the enactment and amendment history follows up to ``<!-- INFO END -->``; chapters are
``## 第X章 …``, sections ``### 第X节 …``; an article starts a line with ``第X条`` and a space (ASCII or U+3000);
later paragraphs of the article are separate lines; items ``（一）…`` belong to the paragraph before them.
"""

import csv
import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .choices import LawKind
from .citation import parse_chinese_number

NUMERAL = "零一二三四五六七八九十百千"
ARTICLE_RE = re.compile(rf"^第([{NUMERAL}]+)条[ \u3000]+(.*)$")
CHAPTER_RE = re.compile(rf"^##\s*(第[{NUMERAL}]+章)\s*(.*)$")
SECTION_RE = re.compile(rf"^###\s*(第[{NUMERAL}]+节)\s*(.*)$")
ITEM_RE = re.compile(rf"^[（(][{NUMERAL}]+[）)]")
DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
IN_FORCE_RE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
BODY_RE = re.compile(r"((?:[\u4e00-\u9fff]{2,3}[省市县])?)第[^届]+届(全国)?人民代表大会(常务委员会)?")
INFO_END = "<!-- INFO END -->"
INVISIBLE = dict.fromkeys(map(ord, "\u200b\ufeff"), None)
EVENTS = ("修订", "修正", "通过", "发布", "公布")


class LawParseError(ValueError):
    pass


@dataclass
class ParsedArticle:
    number: int
    label: str
    chapter: str
    section: str
    paragraphs: list  # [{"text": str, "items": [str]}]

    @property
    def text(self) -> str:
        lines = []
        for p in self.paragraphs:
            lines.append(p["text"])
            lines.extend(p["items"])
        return "\n".join(lines)


@dataclass
class ParsedLaw:
    title: str
    history: list[str]
    articles: list[ParsedArticle]
    sha256: str
    kind: str = LawKind.LAW
    issuer: str = ""
    label: str = ""
    promulgated: datetime.date | None = None
    effective: datetime.date | None = None
    source: str = ""
    retrieved: datetime.date | None = None


def _date(match) -> datetime.date:
    return datetime.date(*(int(g) for g in match.groups()))


def _heading(number: str, name: str) -> str:
    return f"{number} {''.join(name.split())}".strip()


def parse_text(text: str) -> ParsedLaw:
    """The structure of one law text: title, history and articles (numbering checked)."""
    lines = [line.translate(INVISIBLE).rstrip() for line in text.splitlines()]
    if not lines or not lines[0].startswith("# "):
        raise LawParseError(_("Line 1 must be the title (“# <title>”)."))
    title = lines[0][2:].strip()
    try:
        end = lines.index(INFO_END)
    except ValueError:
        raise LawParseError(_("The marker %(marker)s is missing.") % {"marker": INFO_END}) from None
    history = []
    for line in (x.strip() for x in lines[1:end]):
        if not line:
            continue
        if DATE_RE.match(line) or not history:
            history.append(line)
        else:  # a history entry broken over two lines
            history[-1] += line
    chapter = section = ""
    articles: list[ParsedArticle] = []
    for number, raw in enumerate(lines[end + 1:], start=end + 2):
        line = raw.strip()
        if not line:
            continue
        if m := SECTION_RE.match(line):
            section = _heading(*m.groups())
        elif m := CHAPTER_RE.match(line):
            chapter, section = _heading(*m.groups()), ""
        elif m := ARTICLE_RE.match(line):
            n = parse_chinese_number(m.group(1))
            articles.append(ParsedArticle(n, f"第{m.group(1)}条", chapter, section,
                                          [{"text": m.group(2).strip(), "items": []}]))
        elif not articles:
            raise LawParseError(_("Line %(line)s: text before the first article.") % {"line": number})
        elif ITEM_RE.match(line):
            articles[-1].paragraphs[-1]["items"].append(line)
        else:
            articles[-1].paragraphs.append({"text": line, "items": []})
    if not articles:
        raise LawParseError(_("No article (第X条) found."))
    for expected, article in enumerate(articles, start=1):
        if article.number != expected:
            raise LawParseError(_("Article numbering breaks at %(label)s: expected article %(n)s.")
                                % {"label": article.label, "n": expected})
    return ParsedLaw(title=title, history=history, articles=articles,
                     sha256=hashlib.sha256(text.encode()).hexdigest())


def derive_kind(history: list[str], source_path: str = "", group: str = "") -> str:
    """Local regulation when a local people's congress enacted it, administrative regulation when the State
    Council did, law otherwise (the manifest's group and source path decide first)."""
    first = history[0] if history else ""
    body = BODY_RE.search(first)
    if group.endswith("local") or "地方性法规" in source_path or (body and body.group(1)):
        return LawKind.LOCAL_REGULATION
    if source_path.startswith("行政法规") or "国务院" in first:
        return LawKind.ADMINISTRATIVE_REGULATION
    return LawKind.LAW


def derive_issuer(history: list[str]) -> str:
    """The enacting body, from the first history line: 全国人民代表大会常务委员会, 国务院, 许昌市人民代表大会常务委员会 …"""
    first = history[0] if history else ""
    if m := BODY_RE.search(first):
        place, national, standing = m.groups()
        return f"{place}{national or ''}人民代表大会{standing or ''}"
    if "国务院" in first:
        return "国务院"
    return ""


def derive_dates(parsed: ParsedLaw, version_date: datetime.date | None):
    """(promulgated, effective): the version date, and the day it entered into force — a later “自…起施行” date
    in the history or the text (行政处罚法 2021: adopted 2021-01-22, in force 2021-07-15)."""
    if version_date is None:
        dates = [_date(m) for h in parsed.history if (m := DATE_RE.match(h))]
        if not dates:
            raise LawParseError(_("No version date: the history has no dated line."))
        version_date = max(dates)
    candidates = [_date(m) for h in parsed.history for m in IN_FORCE_RE.finditer(h)]
    candidates += [_date(m) for a in parsed.articles[-3:] for m in IN_FORCE_RE.finditer(a.text)]
    later = [d for d in candidates if d >= version_date]
    return version_date, min(later) if later else version_date


def derive_label(history: list[str], version_date: datetime.date) -> str:
    last = history[-1] if history else ""
    event = next((e for e in EVENTS if e in last), "")
    return f"{version_date.year}年{event or '版'}"


def read_source_info(directory: Path) -> dict:
    """Repository, commit and retrieval date from the library's README.md."""
    readme = directory / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    info = {}
    if m := re.search(r"Repository: GitHub `([^`]+)`, commit `([0-9a-f]{40})`", text):
        info["repository"], info["commit"] = m.groups()
    if m := re.search(r"Retrieved: (\d{4}-\d{2}-\d{2})", text):
        info["retrieved"] = datetime.date.fromisoformat(m.group(1))
    return info


def read_manifest(directory: Path) -> dict[str, dict]:
    path = directory / "manifest.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {row["file"]: row for row in csv.DictReader(f)}


def parse_file(path: Path) -> ParsedLaw:
    """Parse a file and fill in its metadata from the manifest and README beside it (when listed there)."""
    path = Path(path)
    data = path.read_bytes()
    parsed = parse_text(data.decode("utf-8"))
    parsed.sha256 = hashlib.sha256(data).hexdigest()  # of the file as stored, whatever its line endings
    row = read_manifest(path.parent).get(path.name, {})
    info = read_source_info(path.parent)
    if row:
        if row["title"] != parsed.title:
            raise LawParseError(_("The title “%(title)s” differs from the manifest's “%(manifest)s”.")
                                % {"title": parsed.title, "manifest": row["title"]})
        if row.get("sha256") and row["sha256"] != parsed.sha256:
            raise LawParseError(_("The file's SHA-256 differs from the manifest."))
        if row.get("articles") and int(row["articles"]) != len(parsed.articles):
            raise LawParseError(_("%(found)s articles found, the manifest lists %(listed)s.")
                                % {"found": len(parsed.articles), "listed": row["articles"]})
    version_date = datetime.date.fromisoformat(row["version_date"]) if row.get("version_date") else None
    parsed.promulgated, parsed.effective = derive_dates(parsed, version_date)
    parsed.kind = derive_kind(parsed.history, row.get("source_path", ""), row.get("group", ""))
    parsed.issuer = derive_issuer(parsed.history)
    parsed.label = derive_label(parsed.history, parsed.promulgated)
    if row.get("source_path") and info.get("commit"):
        parsed.source = f"https://github.com/{info['repository']}/blob/{info['commit']}/{row['source_path']}"
    else:
        parsed.source = path.name
    parsed.retrieved = info.get("retrieved")
    return parsed
