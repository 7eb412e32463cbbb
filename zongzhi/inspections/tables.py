from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import DRAW_COLORS, JOINT_COLORS, PLAN_COLORS, RESULT_COLORS, STATUS_COLORS
from .models import ConflictOfInterest, Draw, Inspection, InspectionItem, InspectionPlan, JointInspection

item_table = Table(
    InspectionItem,
    [
        Column("code", link=True, order_by="code"),
        Column("name"),
        Column("agency"),
        Column("domain"),
        Column("matter"),
        Column("published"),
        Column("published_on"),
    ],
    select_related=("agency", "domain", "matter"),
)

plan_table = Table(
    InspectionPlan,
    [
        Column("name", link=True),
        Column("agency"),
        Column("kind"),
        Column("year", order_by="year"),
        Column("starts_on"),
        Column("ends_on"),
        Column("status", colors=PLAN_COLORS),
        Column("published_on"),
    ],
    select_related=("agency",),
)

inspection_table = Table(
    Inspection,
    [
        Column("id", _("Inspection"), link=True, order_by="date", render=str),
        Column("agency"),
        Column("subject.region", _("township")),
        Column("mode"),
        Column("non_site"),
        Column("date", order_by="date"),
        Column("inspectors"),
        Column("status", colors=STATUS_COLORS),
        Column("result", colors=RESULT_COLORS),
        Column("finding_count"),
        Column("code", export=True),
    ],
    select_related=("agency", "subject__region"),
    prefetch_related=("inspectors",),
)

draw_table = Table(
    Draw,
    [
        Column("name", link=True),
        Column("agency"),
        Column("plan"),
        Column("scheduled_for"),
        Column("status", colors=DRAW_COLORS),
        Column("seed"),
        Column("results_due"),
        Column("published_on"),
    ],
    select_related=("agency", "plan"),
)

joint_table = Table(
    JointInspection,
    [
        Column("id", _("Joint inspection"), link=True, render=str),
        Column("lead_agency"),
        Column("agencies"),
        Column("scheduled_for", order_by="scheduled_for"),
        Column("status", colors=JOINT_COLORS),
        Column("visits_saved"),
    ],
    select_related=("subject", "lead_agency"),
    prefetch_related=("agencies",),
)


class Rows(list):
    """A list that the Excel export can iterate like a queryset."""

    def iterator(self, chunk_size=None):
        return iter(self)


ledger_table = Table(
    Inspection,
    [
        Column("date", _("date")),
        Column("kind", _("entry"), render=lambda e: str(_("Inspection")) if e.kind == "inspection" else str(_("Finding"))),
        Column("agency", _("agency")),
        Column("text", _("content")),
        Column("result", _("result or action")),
    ],
)


conflict_table = Table(
    ConflictOfInterest,
    [
        Column("officer", link=True),
        Column("subject"),
        Column("kind"),
        Column("reason"),
    ],
    select_related=("officer", "subject"),
)
