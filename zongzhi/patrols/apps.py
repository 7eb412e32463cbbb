from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatrolsConfig(AppConfig):
    name = "zongzhi.patrols"
    label = "patrols"
    verbose_name = _("Patrols, campaigns and non-site inspections")
