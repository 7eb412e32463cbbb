from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import OUTCOME_COLORS, STATUS_COLORS
from .models import Clue

# Reporter details are never columns: they never reach the ledger page or its export.


def local(accessor):
    def render(row):
        value = getattr(row, accessor)
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else None

    return render


# The 一事一记 ledger page: one row per clue with its outcome.
clue_table = Table(
    Clue,
    [
        Column("number", link=True, order_by="number"),
        Column("received_at", render=local("received_at"), order_by="received_at"),
        Column("source"),
        Column("agency"),
        Column("category"),
        Column("description", render=lambda row: Truncator(row.description).chars(40)),
        Column("status", colors=STATUS_COLORS),
        Column("outcome", colors=OUTCOME_COLORS),
    ],
    select_related=("agency", "category"),
)

# Its Excel export: the full record of each clue and what became of it.
clue_export_table = Table(
    Clue,
    [
        Column("number"),
        Column("received_at", render=local("received_at")),
        Column("source"),
        Column("agency"),
        Column("region"),
        Column("category"),
        Column("matter.name", _("Matter")),
        Column("address"),
        Column("subject_name"),
        Column("subject_identifier"),
        Column("description"),
        Column("status"),
        Column("outcome"),
        Column("triage_reason"),
        Column("transferred_to"),
        Column("duplicate_of"),
        Column("triaged_at", render=local("triaged_at")),
    ],
    select_related=("agency", "region", "category", "matter", "transferred_to", "duplicate_of"),
)
