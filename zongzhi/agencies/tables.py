from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import KIND_COLORS
from .models import Agency

agency_table = Table(
    Agency,
    [
        Column("name", link=True, order_by="name"),
        Column("kind", colors=KIND_COLORS),
        Column("region"),
        Column("parent"),
        Column("domains"),
        Column("is_enforcement_body"),
        Column("acts_in_name_of"),
        Column("phone"),
        Column("liaison_name"),
        Column("liaison_phone"),
    ],
    select_related=("region", "parent", "acts_in_name_of"),
    prefetch_related=("domains",),
)

liaison_table = Table(
    Agency,
    [
        Column("name", link=True, order_by="name"),
        Column("kind", colors=KIND_COLORS),
        Column("region"),
        Column("domains", _("Domains")),
        Column("liaison_name"),
        Column("liaison_phone"),
        Column("phone"),
        Column("address"),
    ],
    select_related=("region",),
    prefetch_related=("domains",),
)
