from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.tables import Column, Table

from .choices import KIND_COLORS
from .models import Article, Law, LawVersion


def _current(law):
    return law.current_version()


law_table = Table(
    Law,
    [
        Column("title", link=True, order_by="title"),
        Column("short_title"),
        Column("kind", colors=KIND_COLORS),
        Column("issuer"),
        Column("region.code", _("Jurisdiction region code")),
        Column("current_version", _("Current version"), render=lambda law: getattr(_current(law), "label", None)),
        Column("effective", _("Effective from"), render=lambda law: getattr(_current(law), "effective", None)),
        Column("article_count", _("Articles"), render=lambda law: getattr(_current(law), "article_count", None)),
    ],
    select_related=("region",),
)


version_table = Table(
    LawVersion,
    [
        Column("law", link=True, order_by="law__title"),
        Column("label"),
        Column("promulgated"),
        Column("effective", order_by="effective"),
        Column("article_count", _("Articles")),
        Column("source"),
        Column("sha256"),
    ],
    select_related=("law",),
)

article_table = Table(
    Article,
    [
        Column("citation", pgettext_lazy("article", "Citation"), link=True, render=lambda a: a.citation()),
        Column("chapter"),
        Column("section"),
        Column("text"),
    ],
    select_related=("version__law",),
)
