from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import PUBLICATION_COLORS, STATUS_COLORS
from .models import DocumentTemplate, GeneratedDocument, Publication

template_table = Table(
    DocumentTemplate,
    [
        Column("id", _("Template"), link=True, order_by="id", render=str),
        Column("kind"),
        Column("region", render=lambda t: t.region.name if t.region_id else _("national")),
        Column("version", order_by="version"),
        Column("active"),
        Column("title"),
        Column("note"),
    ],
    select_related=("region",),
)

document_table = Table(
    GeneratedDocument,
    [
        Column("number", link=True, order_by="number"),
        Column("kind"),
        Column("agency"),
        Column("title"),
        Column("issued_at", order_by="issued_at"),
        Column("issued_by_name"),
        Column("status", colors=STATUS_COLORS),
        Column("template_version"),
    ],
    select_related=("agency",),
)

publication_table = Table(
    Publication,
    [
        Column("title", link=True),
        Column("agency"),
        Column("party"),
        Column("decision_date", order_by="decision_date"),
        Column("due_date", order_by="due_date"),
        Column("published_at", order_by="published_at"),
        Column("late", colors={True: "red", False: "green"},
               render=lambda p: _("Late") if p.late else _("On time")),
        Column("status", colors=PUBLICATION_COLORS),
        Column("withdrawal_due"),
    ],
    select_related=("agency",),
)
