"""Enumerations: stable lowercase values, translatable labels and a colour per value (STYLE.md §3)."""

from django.db import models


class ColoredChoices(models.TextChoices):
    """TextChoices whose members may carry a Tabler colour in ``COLORS``."""

    @classmethod
    def color(cls, value):
        return getattr(cls, "_colors", {}).get(value, "secondary")


def with_colors(choices_cls, colors):
    choices_cls._colors = colors
    return choices_cls
