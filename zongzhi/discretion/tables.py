from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import STATUS_COLORS
from .models import DiscretionStandard

standard_table = Table(
    DiscretionStandard,
    [
        Column("matter", link=True, order_by="matter__code"),
        Column("matter.domain", _("Domain")),
        Column("issuing_region", order_by="issuing_region__code"),
        Column("citation", _("Document")),
        Column("version"),
        Column("effective_from", order_by="effective_from"),
        Column("status", colors=STATUS_COLORS),
        Column("filed_on"),
        Column("published_on"),
    ],
    select_related=("matter", "matter__domain", "issuing_region"),
)
