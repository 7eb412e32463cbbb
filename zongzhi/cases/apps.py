from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "zongzhi.cases"
    label = "cases"
    verbose_name = _("Clues and cases")

    def ready(self):
        from zongzhi.deadlines.services import holiday_year_entered

        from .services.casework import recount_provisional_deadlines

        holiday_year_entered.connect(recount_provisional_deadlines, dispatch_uid="cases_recount_deadlines")
