from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .models import DeadlineRule, HolidayYear

deadline_rule_table = Table(
    DeadlineRule,
    [
        Column("name", link=True, order_by="name"),
        Column("code", order_by="code"),
        Column("count"),
        Column("unit"),
        Column("direction"),
        Column("start_event"),
        Column("citation"),
        Column("region", render=lambda rule: rule.region or _("National")),
    ],
    select_related=("region",),
)

holiday_year_table = Table(
    HolidayYear,
    [
        Column("year", link=True, order_by="year"),
        Column("source"),
        Column("published"),
        Column("day_count", _("Days entered")),
    ],
)
