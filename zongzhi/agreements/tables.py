from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import KIND_COLORS, STATUS_COLORS
from .models import DelegationAgreement

agreement_table = Table(
    DelegationAgreement,
    [
        Column("id", _("Agreement"), link=True, order_by="id", render=str),
        Column("kind", colors=KIND_COLORS),
        Column("delegating_agency"),
        Column("receiving_agency"),
        Column("territory"),
        Column("matter_count", _("Matters")),
        Column("valid_from", order_by="valid_from"),
        Column("valid_to", order_by="valid_to"),
        Column("status", colors=STATUS_COLORS),
        Column("signed_on", order_by="signed_on"),
        Column("published_on", order_by="published_on"),
    ],
    select_related=("delegating_agency", "receiving_agency", "territory"),
)
