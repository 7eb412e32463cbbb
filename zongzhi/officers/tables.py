from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import CERTIFICATE_COLORS, STATUS_COLORS
from .models import Certificate, Officer

officer_table = Table(
    Officer,
    [
        Column("name", link=True, order_by="name"),
        Column("masked_id_number", _("identity number")),
        Column("agency"),
        Column("post"),
        Column("staffing"),
        Column("legal_qualification"),
        Column("status", colors=STATUS_COLORS),
        Column("phone"),
    ],
    select_related=("agency",),
)

certificate_table = Table(
    Certificate,
    [
        Column("number", link=True, order_by="number"),
        Column("officer"),
        Column("officer.masked_id_number", _("identity number")),
        Column("officer.agency", _("agency")),
        Column("kind"),
        Column("issuing_authority"),
        Column("domains"),
        Column("valid_from"),
        Column("valid_to", order_by="valid_to"),
        Column("effective_status", _("status"), colors=CERTIFICATE_COLORS, render=lambda c: c.effective_status.label),
    ],
    select_related=("officer__agency",),
    prefetch_related=("domains",),
)

cleanup_table = Table(
    Certificate,
    [
        Column("number", link=True),
        Column("officer"),
        Column("officer.agency", _("agency")),
        Column("officer.status", _("officer status"), colors=STATUS_COLORS),
        Column("kind"),
        Column("valid_to"),
    ],
    select_related=("officer__agency",),
)
