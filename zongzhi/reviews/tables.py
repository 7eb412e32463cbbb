from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from zongzhi.utilities.tables import Column, Table, badge

from .choices import CONCLUSION_COLORS, OPINION_COLORS, STATUS_COLORS, TRANSFER_COLORS
from .models import CollectiveDiscussion, LegalReview, Transfer


class DueColumn(Column):
    """The due date, flagged when a pending review is overdue."""

    def html(self, row):
        text = row.due_on.strftime("%Y-%m-%d")
        if row.is_overdue:
            return mark_safe(f'{text} {badge(pgettext("review", "Overdue"), "red")}')
        return text


def local(accessor):
    def render(row):
        value = getattr(row, accessor)
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else None

    return render


legal_review_table = Table(
    LegalReview,
    [
        Column("case.number", _("Case"), link=True),
        Column("case.cause", _("Cause of action")),
        Column("case.region", _("Township")),
        Column("round"),
        Column("requested_on"),
        DueColumn("due_on", order_by="due_on"),
        Column("status", colors=STATUS_COLORS),
        Column("opinion", colors=OPINION_COLORS),
        Column("reviewer_name"),
    ],
    select_related=("case__region",),
)

discussion_table = Table(
    CollectiveDiscussion,
    [
        Column("case.number", _("Case"), link=True),
        Column("held_on", order_by="held_on"),
        Column("chair"),
        Column("attendees", render=lambda row: "、".join(a.get("name", "") for a in row.attendees)),
        Column("conclusion", colors=CONCLUSION_COLORS),
    ],
    select_related=("case",),
)

transfer_table = Table(
    Transfer,
    [
        Column("case.number", _("Case"), link=True),
        Column("kind"),
        Column("receiver", _("Received by")),
        Column("copy_to"),
        Column("sent_at", render=local("sent_at"), order_by="sent_at"),
        Column("status", colors=TRANSFER_COLORS),
        Column("answered_on"),
    ],
    select_related=("case", "to_agency"),
)
