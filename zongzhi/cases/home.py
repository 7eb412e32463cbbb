"""Home-page panels of cases: the nearest case deadlines in the user's area, overdue ones and filings awaiting
the head's approval."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from zongzhi.utilities.scope import VIEW, can, restrict

from .choices import RUNNING_STATUSES, CaseStatus, DeadlineState
from .models import Case, CaseDeadline

DEADLINES_SHOWN = 5


def panels(user):
    if not can(user, Case, VIEW):
        return {}
    today = datetime.date.today()
    open_deadlines = restrict(CaseDeadline.objects.filter(state=DeadlineState.OPEN,
                                                          case__status__in=RUNNING_STATUSES), user)
    tasks = []
    overdue = open_deadlines.filter(due_on__lt=today).count()
    if overdue:
        tasks.append({"label": _("Overdue case deadlines"), "count": overdue, "color": "red",
                      "url": reverse("cases:deadlines") + "?overdue=true"})
    from .services import may_approve

    pending = [c for c in Case.objects.restrict(user).filter(status=CaseStatus.PENDING)
               .select_related("region", "deciding_body")[:50] if may_approve(user, c)]
    if pending:
        tasks.append({"label": _("Filings awaiting your approval"), "count": len(pending), "color": "yellow",
                      "url": reverse("cases:case_list") + f"?status={CaseStatus.PENDING}"})
    nearest = open_deadlines.select_related("case").order_by("due_on", "id")[:DEADLINES_SHOWN]
    deadlines = [{"label": f"{d.case.number} · {d.label}", "due": d.due_on, "url": d.case.get_absolute_url(),
                  "color": "red" if d.due_on < today else ("yellow" if d.due_on <= today + datetime.timedelta(days=5)
                                                            else "secondary")}
                 for d in nearest]
    return {"tasks": tasks, "deadlines": deadlines}
