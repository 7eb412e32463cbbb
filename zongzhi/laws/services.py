"""State changes of the law library: importing law texts."""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import LawKind
from .models import Article, Law, LawVersion
from .parser import LawParseError, ParsedLaw, parse_file, read_manifest
from .search import tokenize

LIBRARY = Path(settings.DATA_DIR) / "laws"
ARTICLE_FIELDS = ("label", "chapter", "section", "text", "paragraphs")
VERSION_FIELDS = ("label", "promulgated", "history", "source", "retrieved", "sha256")


class LawImportError(ValueError):
    pass


@dataclass
class ImportOutcome:
    version: LawVersion
    law_created: bool = False
    version_created: bool = False
    version_updated: bool = False
    articles_changed: int = 0

    @property
    def changed(self) -> bool:
        return self.law_created or self.version_created or self.version_updated or self.articles_changed > 0


def library_files(directory: Path = LIBRARY) -> list[Path]:
    """The files of the shipped library, in manifest order."""
    return [directory / name for name in read_manifest(directory)]


def _jurisdiction(parsed: ParsedLaw):
    """The region a local regulation belongs to (河南省…, 许昌市…), when that region is loaded."""
    from zongzhi.regions.models import Region

    if parsed.kind != LawKind.LOCAL_REGULATION:
        return None
    m = re.match(r"^(.{2,7}?[省市县区])", parsed.title)
    matches = list(Region.objects.filter(name=m.group(1))[:2]) if m else []
    return matches[0] if len(matches) == 1 else None


def _article_values(article) -> dict:
    return {"label": article.label, "chapter": article.chapter, "section": article.section, "text": article.text,
            "paragraphs": article.paragraphs, "tokens": " ".join(tokenize(article.text))}


def import_law_file(path) -> ImportOutcome:
    """Import one law text (parsed and checked by ``parser.parse_file``). Idempotent: importing it again changes
    nothing.

    - The law is found by its title; a new law is created with the metadata derived from the text (kind, issuer,
      short title, jurisdiction). Afterwards its metadata belongs to the users (Excel import), not to this import.
    - The version is found by its effective date: a text in force from a new date becomes a new ``LawVersion``.
    - The articles of a new version are bulk-created as part of the version: the change log records the version's
      creation (with the text's SHA-256 and source), not each article.
    - A known version whose text changed (a corrected file) has its articles brought in line; each changed
      article is saved and logged. Search tokens (``Article.tokens``) are always recomputed, so that an edited
      domain dictionary takes effect.
    """
    try:
        parsed = parse_file(Path(path))
    except (OSError, UnicodeDecodeError) as error:
        raise LawImportError(_("%(file)s cannot be read: %(error)s") % {"file": Path(path).name, "error": error}) \
            from None
    except LawParseError as error:
        raise LawImportError(f"{Path(path).name}: {error}") from None
    with transaction.atomic():
        law = Law.objects.filter(title=parsed.title).first()
        law_created = law is None
        if law_created:
            short = parsed.title.removeprefix("中华人民共和国")
            law = Law.objects.create(title=parsed.title, short_title=short if short != parsed.title else "",
                                     kind=parsed.kind, issuer=parsed.issuer, region=_jurisdiction(parsed))
        values = {f: getattr(parsed, f) for f in VERSION_FIELDS} | {"history": "\n".join(parsed.history)}
        version = LawVersion.objects.filter(law=law, effective=parsed.effective).first()
        if version is None:
            version = LawVersion.objects.create(law=law, effective=parsed.effective, **values)
            Article.objects.bulk_create(Article(version=version, number=a.number, **_article_values(a))
                                        for a in parsed.articles)
            return ImportOutcome(version, law_created, version_created=True)
        version_updated = any(getattr(version, f) != v for f, v in values.items())
        if version_updated:
            for f, v in values.items():
                setattr(version, f, v)
            version.save()
        return ImportOutcome(version, law_created, version_updated=version_updated,
                             articles_changed=_sync_articles(version, parsed))


def _sync_articles(version: LawVersion, parsed: ParsedLaw) -> int:
    existing = {a.number: a for a in version.articles.all()}
    changed, retokenized = 0, []
    for parsed_article in parsed.articles:
        values = _article_values(parsed_article)
        article = existing.pop(parsed_article.number, None)
        if article is None:
            Article.objects.create(version=version, number=parsed_article.number, **values)
            changed += 1
        elif any(getattr(article, f) != values[f] for f in ARTICLE_FIELDS):
            for f, v in values.items():
                setattr(article, f, v)
            article.save()
            changed += 1
        elif article.tokens != values["tokens"]:
            article.tokens, article.updated = values["tokens"], timezone.now()  # the search index follows
            retokenized.append(article)
    Article.objects.bulk_update(retokenized, ["tokens", "updated"])
    for article in existing.values():
        try:
            article.delete()
        except ProtectedError:
            raise LawImportError(_("%(article)s is no longer in the text but records still cite it.")
                                 % {"article": article.citation()}) from None
        changed += 1
    return changed


def import_laws(paths=None) -> list[ImportOutcome]:
    """Import the given files (default: the whole shipped library), all or nothing."""
    paths = [Path(p) for p in paths] if paths else library_files()
    with transaction.atomic():
        return [import_law_file(p) for p in paths]
