from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township level")


class TownshipKind(models.TextChoices):
    """Digits 7–9 of a township code (GB/T 10114): 001–099, 100–199, 200–399, 400–599."""

    SUBDISTRICT = "subdistrict", _("Sub-district (街道)")
    TOWN = "town", _("Town (镇)")
    TOWNSHIP = "township", _("Township (乡)")
    OTHER = "other", _("Other township-level unit")


KIND_COLORS = {"subdistrict": "blue", "town": "green", "township": "teal", "other": "secondary"}


def township_kind(code: str) -> str:
    digits = int(code[6:9])
    if digits < 100:
        return TownshipKind.SUBDISTRICT
    if digits < 200:
        return TownshipKind.TOWN
    if digits < 400:
        return TownshipKind.TOWNSHIP
    return TownshipKind.OTHER
