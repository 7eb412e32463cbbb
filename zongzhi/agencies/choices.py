from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    COUNTY_GOVERNMENT = "county_government", _("County government")
    TOWNSHIP_GOVERNMENT = "township_government", _("Township government")
    SUBDISTRICT_OFFICE = "subdistrict_office", _("Sub-district office")
    COUNTY_DEPARTMENT = "county_department", _("County department")
    ENFORCEMENT_BUREAU = "enforcement_bureau", _("Comprehensive enforcement bureau")
    ENFORCEMENT_BRIGADE = "enforcement_brigade", _("Comprehensive enforcement brigade")
    ENFORCEMENT_SQUAD = "enforcement_squad", _("Comprehensive enforcement squad")
    JUSTICE_BUREAU = "justice_bureau", _("Justice bureau")
    JUSTICE_OFFICE = "justice_office", _("Justice office")
    POLICE = "police", _("Public security")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    COURT = "court", _("Court")


KIND_COLORS = {
    "township_government": "green",
    "subdistrict_office": "blue",
    "county_department": "purple",
    "enforcement_squad": "orange",
    "enforcement_bureau": "orange",
    "enforcement_brigade": "orange",
    "justice_bureau": "red",
    "justice_office": "pink",
}
