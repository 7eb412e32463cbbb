from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import CREDIT_COLORS, RISK_COLORS
from .models import Area, ClassStrategy, Subject

subject_table = Table(
    Subject,
    [
        Column("name", link=True, order_by="name"),
        Column("kind"),
        Column("region", _("township")),
        Column("area"),
        Column("category"),
        Column("risk_class", colors=RISK_COLORS, order_by="risk_class"),
        Column("credit_class", colors=CREDIT_COLORS),
        Column("contact_name"),
        Column("contact_phone"),
    ],
    select_related=("region", "area"),
)


def export_table(columns):
    """The list's Excel export: the import template's columns, so that an exported file imports unchanged."""
    special = {"coordinate_system": lambda s: "WGS84" if s.located else ""}
    return Table(Subject, [Column(c.field, c.header, render=special.get(c.field)) for c in columns],
                 select_related=("region", "area", "department"))


area_table = Table(
    Area,
    [
        Column("name", link=True, order_by="name"),
        Column("region", _("township")),
        Column("kind"),
        Column("key_area"),
        Column("team"),
        Column("officers"),
        Column("subject_count", _("subjects"), render=lambda a: a.subject_count),
    ],
    select_related=("region", "team"),
    prefetch_related=("officers",),
)

strategy_table = Table(
    ClassStrategy,
    [
        Column("region", _("jurisdiction"), link=True),
        Column("risk_class", colors=RISK_COLORS, order_by="risk_class"),
        Column("inspections_per_year", render=lambda s: s.frequency),
        Column("mode"),
        Column("note"),
    ],
    select_related=("region",),
)


def ledger_table(strategies):
    """一表: an area's subjects by class, with contacts and the strategy of their class (printed and exported)."""

    def strategy(subject, attr):
        s = strategies.get(subject.risk_class)
        if s is None:
            return ""
        return s.get_mode_display() if attr == "mode" else s.frequency

    return Table(
        Subject,
        [
            Column("risk_class", colors=RISK_COLORS),
            Column("name", link=True),
            Column("kind"),
            Column("category"),
            Column("uscc"),
            Column("address"),
            Column("contact_name"),
            Column("contact_phone"),
            Column("inspections", _("inspections per year"), render=lambda s: strategy(s, "inspections_per_year")),
            Column("mode", _("inspection mode"), render=lambda s: strategy(s, "mode")),
        ],
    )
