from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import NONSITE_KIND_COLORS, NONSITE_STATUS_COLORS
from .models import Campaign, NonSiteTask, Patrol


def _subject_region(task):
    return task.subject.region.name


nonsite_table = Table(
    NonSiteTask,
    [
        Column("subject", link=True),
        Column("region", _("township"), render=_subject_region),
        Column("kind", colors=NONSITE_KIND_COLORS),
        Column("topic", _("matter or topic"), render=lambda t: t.topic or (t.matter.name if t.matter else "")),
        Column("agency"),
        Column("sent_at", order_by="sent_at"),
        Column("expires_at", order_by="expires_at"),
        Column("status", colors=NONSITE_STATUS_COLORS, order_by="status"),
        Column("round"),
    ],
    select_related=("subject__region", "matter", "agency"),
)

patrol_table = Table(
    Patrol,
    [
        Column("started_at", link=True, order_by="started_at"),
        Column("ended_at"),
        Column("agency"),
        Column("area"),
        Column("campaign"),
        Column("officers"),
        Column("summary"),
        Column("finding_count", _("findings"), render=lambda p: p.finding_count),
    ],
    select_related=("agency", "area", "campaign"),
    prefetch_related=("officers",),
)

campaign_table = Table(
    Campaign,
    [
        Column("name", link=True),
        Column("region"),
        Column("agency"),
        Column("starts_on", order_by="starts_on"),
        Column("ends_on"),
        Column("domain"),
        Column("matters"),
        Column("patrol_count", _("patrols"), render=lambda c: c.patrol_count),
    ],
    select_related=("region", "agency", "domain"),
    prefetch_related=("matters",),
)
