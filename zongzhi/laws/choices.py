from django.db import models
from django.utils.translation import gettext_lazy as _


class LawKind(models.TextChoices):
    LAW = "law", _("Law (法律)")
    ADMINISTRATIVE_REGULATION = "administrative_regulation", _("Administrative regulation (行政法规)")
    LOCAL_REGULATION = "local_regulation", _("Local regulation (地方性法规)")
    RULE = "rule", _("Rule (规章)")
    NORMATIVE_DOCUMENT = "normative_document", _("Normative document (规范性文件)")


KIND_COLORS = {
    LawKind.LAW: "red",
    LawKind.ADMINISTRATIVE_REGULATION: "orange",
    LawKind.LOCAL_REGULATION: "green",
    LawKind.RULE: "blue",
    LawKind.NORMATIVE_DOCUMENT: "secondary",
}
