from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import ACTION_COLORS
from .models import ChangeLogEntry

change_log_table = Table(
    ChangeLogEntry,
    [
        Column("pk", _("No."), link=True),
        Column("time", order_by="-id"),
        Column("user_name", _("User")),
        Column("action", colors=ACTION_COLORS),
        Column("source"),
        Column("content_type", _("Object type")),
        Column("object_repr"),
        Column("request_id"),
    ],
    select_related=("content_type",),
)
