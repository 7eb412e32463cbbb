from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "zongzhi.enforcement"
    label = "enforcement"
    verbose_name = _("Service, payment and enforcement")
