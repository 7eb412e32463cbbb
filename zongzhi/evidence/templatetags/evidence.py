from django import template
from django.utils import timezone

from zongzhi.cases import services as case_services
from zongzhi.cases.choices import LIVE_STATUSES, CaseStatus
from zongzhi.utilities.scope import CHANGE, in_scope

from .. import services
from ..choices import ITEM_STATUS_COLORS, PRESERVATION_STATUS_COLORS, SEIZURE_STATUS_COLORS
from ..forms import EvidenceForm

register = template.Library()


def section_context(case, user):
    """What the case page's evidence section shows, in a fixed number of queries (evidence and files,
    preservations and items, seizures and items, their deadlines, the case's officers for the form)."""
    may_change = in_scope(user, case, CHANGE)
    live = case.status in LIVE_STATUSES
    measures = case.status in (CaseStatus.PENDING, CaseStatus.OPEN)
    return {
        "case": case,
        **services.case_records(case),
        "may_add": may_change and live,
        "may_measure": may_change and measures,
        "head": may_change and case_services.may_approve(user, case),
        "decided": services.is_decided(case),
        "evidence_form": EvidenceForm(case=case) if may_change and live else None,
        "today": timezone.localdate(),
        "preservation_colors": PRESERVATION_STATUS_COLORS,
        "seizure_colors": SEIZURE_STATUS_COLORS,
        "item_colors": ITEM_STATUS_COLORS,
    }


@register.inclusion_tag("evidence/_section.html", takes_context=True)
def evidence_section(context, case, user=None):
    ctx = section_context(case, user or context.get("user"))
    ctx["request"] = context.get("request")
    ctx["csrf_token"] = context.get("csrf_token")
    return ctx


@register.simple_tag
def deadline_badge(obj):
    """The deadline of a preservation or seizure: due date with days left, or met / overdue."""
    from django.utils.html import format_html
    from django.utils.translation import gettext as _

    deadline = getattr(obj, "deadline", None)
    if deadline is None:
        return ""
    if deadline.state == "met":
        return format_html('<span class="badge bg-green-lt">{} {}</span>', _("Met"), deadline.met_on or "")
    if deadline.state != "open":
        return ""
    color = "red" if deadline.is_overdue else ("orange" if deadline.days_left <= 3 else "blue")
    return format_html('<span class="badge bg-{}-lt" title="{}">{} {}</span>', color, deadline.citation,
                       _("Due"), deadline.due_on)
