from html import escape

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zongzhi.utilities.tables import Column, Table

from .choices import CASE_STATUS_COLORS, OUTCOME_COLORS, OUTCOME_COLORS_CASE, STATUS_COLORS
from .models import Case, CaseDeadline, Clue

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


# --- cases (案件) -------------------------------------------------------------------------------------------

def _next_due(row):
    if not row.next_due_on:
        return None
    text = f"{row.next_due_on:%Y-%m-%d} {row.next_due_label}"
    if row.is_overdue:
        return mark_safe(f'<span class="text-danger fw-bold" data-testid="overdue">{escape(text)}</span>')
    return text


def _parties_masked(row):
    """Names with identifiers; a person's identity number is always masked in lists and exports."""
    return "、".join(f"{p.name}（{p.masked_identifier}）" if p.identifier else p.name for p in row.parties.all())


case_table = Table(
    Case,
    [
        Column("number", link=True, order_by="number"),
        Column("requested_on", order_by="requested_on"),
        Column("party_names", _("Parties")),
        Column("cause"),
        Column("region", _("Township")),
        Column("procedure"),
        Column("stage", colors={}),
        Column("status", colors=CASE_STATUS_COLORS),
        Column("next_due_on", render=_next_due),
        Column("outcome", colors=OUTCOME_COLORS_CASE),
    ],
    select_related=("region",),
    prefetch_related=("parties",),
)

case_export_table = Table(
    Case,
    [
        Column("number"),
        Column("requested_on"),
        Column("filed_on", pgettext_lazy("case", "Filed on")),
        Column("agency"),
        Column("deciding_body"),
        Column("region", _("Township")),
        Column("matter.name", _("Matter")),
        Column("matter.domain", _("Domain")),
        Column("cause"),
        Column("parties", _("Parties"), render=_parties_masked),
        Column("act_place"),
        Column("act_on"),
        Column("discovered_on"),
        Column("procedure"),
        Column("stage"),
        Column("status"),
        Column("next_due_on"),
        Column("next_due_label"),
        Column("outcome"),
        Column("fine_amount", render=lambda row: float(row.fine_amount)),
        Column("decided_on"),
        Column("closed_on"),
        Column("officers", _("Handling officers"), render=lambda row: "、".join(o.name for o in row.officers.all())),
    ],
    select_related=("agency", "deciding_body", "region", "matter__domain"),
    prefetch_related=("parties", "officers"),
)


def _due(row):
    text = f"{row.due_on:%Y-%m-%d}"
    if row.is_overdue:
        return mark_safe(f'<span class="text-danger fw-bold" data-testid="overdue">{escape(text)}</span>')
    return text


def _days_left(row):
    return row.days_left


deadline_table = Table(
    CaseDeadline,
    [
        Column("due_on", render=_due, order_by="due_on"),
        Column("days_left", _("Days left"), render=_days_left),
        Column("label"),
        Column("case", _("Case"), render=lambda row: mark_safe(
            f'<a href="{escape(row.case.get_absolute_url())}">{escape(row.case.number)}</a>')),
        Column("case.cause", _("Cause of action")),
        Column("case.region", _("Township")),
        Column("citation"),
        Column("provisional"),
    ],
    select_related=("case__region",),
)

deadline_export_table = Table(
    CaseDeadline,
    [
        Column("due_on"),
        Column("days_left", _("Days left"), render=_days_left),
        Column("label"),
        Column("case.number", _("Case number")),
        Column("case.cause", _("Cause of action")),
        Column("case.region", _("Township")),
        Column("case.agency", _("Handling agency")),
        Column("citation"),
        Column("start"),
        Column("provisional"),
    ],
    select_related=("case__region", "case__agency"),
)
