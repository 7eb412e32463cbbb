"""Home-page panels of the force: tasks and deadlines for the signed-in user."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from zongzhi.utilities.scope import CHANGE, can

from .choices import CertificateStatus
from .models import Certificate
from .services import EXPIRY_WARNING_DAYS, cleanup_candidates, expiring

DEADLINES_SHOWN = 5


def panels(user):
    today = datetime.date.today()
    tasks = []
    if can(user, Certificate, CHANGE):
        changeable = Certificate.objects.restrict(user, CHANGE)
        cleanup = cleanup_candidates(changeable).count()
        if cleanup:
            tasks.append({"label": _("Certificates to revoke in the monthly clean-up"), "count": cleanup,
                          "url": reverse("officers:certificate_cleanup"), "color": "red"})
        soon = expiring(changeable, EXPIRY_WARNING_DAYS, today).count()
        if soon:
            tasks.append({"label": _("Certificates expiring within %(days)d days") % {"days": EXPIRY_WARNING_DAYS},
                          "count": soon, "color": "yellow",
                          "url": reverse("officers:certificate_list") + f"?expiring_within={EXPIRY_WARNING_DAYS}"})
    nearest = (Certificate.objects.restrict(user).filter(status=CertificateStatus.ACTIVE, valid_to__gte=today)
               .select_related("officer").order_by("valid_to", "pk")[:DEADLINES_SHOWN])
    deadlines = [{"label": _("Certificate of %(officer)s, %(number)s, expires")
                  % {"officer": c.officer, "number": c.number}, "due": c.valid_to, "url": c.get_absolute_url(),
                  "color": "red" if c.valid_to <= today + datetime.timedelta(days=30) else "secondary"}
                 for c in nearest]
    return {"tasks": tasks, "deadlines": deadlines}
