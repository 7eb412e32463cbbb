from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawsConfig(AppConfig):
    name = "zongzhi.laws"
    label = "laws"
    verbose_name = _("Law library")
