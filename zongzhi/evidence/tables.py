from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.tables import Column, Table

from .choices import ITEM_STATUS_COLORS, PRESERVATION_STATUS_COLORS, SEIZURE_STATUS_COLORS
from .models import Evidence, Preservation, SeizedItem, Seizure


def _files(evidence):
    return "、".join(f"{f.original_name} (SHA-256 {f.sha256[:12]}…)" for f in evidence.files.all())


evidence_table = Table(
    model=Evidence,
    columns=[
        Column("title", link=True),
        Column("case.number", _("Case")),
        Column("serial"),
        Column("kind"),
        Column("collected_by.name", _("Collected by")),
        Column("collected_at", order_by="collected_at"),
        Column("place"),
        Column("source"),
        Column("files", _("Files"), render=_files),
    ],
    select_related=("case", "collected_by"),
    prefetch_related=("files",),
)

preservation_table = Table(
    model=Preservation,
    columns=[
        Column("serial", _("No."), render=lambda p: str(p), link=True),
        Column("case.number", _("Case")),
        Column("registered_on", order_by="registered_on"),
        Column("place"),
        Column("items", pgettext_lazy("evidence", "Items"), render=lambda p: "、".join(str(i) for i in p.items.all())),
        Column("status", colors=PRESERVATION_STATUS_COLORS),
        Column("due_on"),
        Column("decision"),
        Column("decided_on"),
    ],
    select_related=("case",),
    prefetch_related=("items",),
)

seizure_table = Table(
    model=Seizure,
    columns=[
        Column("serial", _("No."), render=lambda s: str(s), link=True),
        Column("case.number", _("Case")),
        Column("kind"),
        Column("seized_on", order_by="seized_on"),
        Column("place"),
        Column("status", colors=SEIZURE_STATUS_COLORS),
        Column("term_days"),
        Column("extension_days"),
        Column("testing_days"),
        Column("due_on", order_by="due_on"),
        Column("ended_on"),
    ],
    select_related=("case",),
)

seized_item_table = Table(
    model=SeizedItem,
    columns=[
        Column("name", link=True),
        Column("quantity"),
        Column("unit"),
        Column("specification"),
        Column("case.number", _("Case")),
        Column("case.region.name", _("Township")),
        Column("seized_on", order_by="seized_on"),
        Column("status", colors=ITEM_STATUS_COLORS),
        Column("status_on"),
        Column("document_ref"),
        Column("custody_place"),
        Column("custodian"),
    ],
    select_related=("case__region",),
)
