"""Tables of the list pages; the same columns make the Excel export."""

from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.tables import Column, Table

from .choices import (
    CHANNEL_COLORS,
    COURT_OUTCOME_COLORS,
    PLAN_STATUS_COLORS,
    REVIEW_OUTCOME_COLORS,
    SERVICE_STATE_COLORS,
)
from .models import CourtApplication, Demand, Litigation, Payment, PaymentPlan, Reconsideration, ServiceRecord

CASE = ("case", "case__region")


def case_column():
    return Column("case.number", _("Case"))


payment_table = Table(Payment, [
    Column("paid_on", link=True, order_by="paid_on"),
    case_column(),
    Column("payer"),
    Column("amount"),
    Column("fine_part"),
    Column("surcharge_part"),
    Column("channel", colors=CHANNEL_COLORS),
    Column("bank_receipt_number"),
    Column("onsite_ground"),
    Column("receipt_number"),
    Column("handover_due_on"),
    Column("handed_over_on"),
    Column("case.region.name", _("Township")),
], select_related=CASE)

service_table = Table(ServiceRecord, [
    Column("document", link=True),
    case_column(),
    Column("method"),
    Column("recipient"),
    Column("served_on", order_by="served_on"),
    Column("state", colors=SERVICE_STATE_COLORS),
    Column("tracking_number"),
    Column("receipt_number"),
    Column("proof_sha256", export=True),
    Column("case.region.name", _("Township")),
], select_related=CASE)

plan_table = Table(PaymentPlan, [
    Column("kind", link=True),
    case_column(),
    Column("requested_on"),
    Column("status", colors=PLAN_STATUS_COLORS),
    Column("decided_on"),
    Column("schedule", render=lambda p: "；".join(f"{d} {a}元" for d, a in p.items)),
    Column("case.region.name", _("Township")),
], select_related=CASE)

demand_table = Table(Demand, [
    Column("issued_on", link=True, order_by="issued_on"),
    case_column(),
    Column("number"),
    Column("served_on"),
    Column("amount_due"),
    Column("surcharge_due"),
    Column("may_apply_from"),
    Column("case.region.name", _("Township")),
], select_related=CASE)

court_table = Table(CourtApplication, [
    Column("filed_on", link=True, order_by="filed_on"),
    case_column(),
    Column("court"),
    Column("court_case_number"),
    Column("outcome", colors=COURT_OUTCOME_COLORS),
    Column("outcome_on"),
    Column("case.region.name", _("Township")),
], select_related=CASE)

reconsideration_table = Table(Reconsideration, [
    Column("filed_on", link=True, order_by="filed_on"),
    case_column(),
    Column("body"),
    Column("case_number"),
    Column("outcome", colors=REVIEW_OUTCOME_COLORS),
    Column("outcome_on"),
    Column("case.region.name", _("Township")),
], select_related=CASE)

litigation_table = Table(Litigation, [
    Column("filed_on", link=True, order_by="filed_on"),
    case_column(),
    Column("court"),
    Column("instance"),
    Column("case_number"),
    Column("outcome", colors=REVIEW_OUTCOME_COLORS),
    Column("outcome_on"),
    Column("case.region.name", _("Township")),
], select_related=CASE)
