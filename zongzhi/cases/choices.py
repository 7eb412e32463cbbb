from django.db import models
from django.utils.translation import gettext_lazy as _


class ClueSource(models.TextChoices):
    PATROL = "patrol", _("Patrol")
    PUBLIC_REPORT = "public_report", _("Public report or complaint")
    HOTLINE = "hotline", _("12345 hotline transfer")
    DEPARTMENT_NOTICE = "department_notice", _("Department notice")
    COUNTY_DISPATCH = "county_dispatch", _("County dispatch")
    SUPERIOR = "superior", _("Superior assignment")
    NON_SITE = "non_site", _("Non-site monitoring")
    SUPERVISION_CENTRE = "supervision_centre", _("Supervision centre")


class ClueStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    DUPLICATE = "duplicate", _("Merged as duplicate")


class Outcome(models.TextChoices):
    """The outcome of triage (线索处置)."""

    NOT_FILED = "not_filed", _("Not filed")
    TRANSFERRED = "transferred", _("Transferred to the competent agency")
    EDUCATION = "education", _("Education only")
    FILED = "filed", _("Filed as a case")


class PublicStatus(models.TextChoices):
    """The status a reporter sees (Open311 GeoReport v2 ``status``)."""

    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    DUPLICATE_SUSPECTED = "duplicate_suspected", _("Suspected duplicates found")
    TRIAGED = "triaged", _("Triaged")
    MERGED = "merged", _("Merged as duplicate")
    DUPLICATE_MERGED_IN = "duplicate_merged_in", _("A duplicate was merged into this clue")


STATUS_COLORS = {"new": "blue", "triaged": "green", "duplicate": "secondary"}
OUTCOME_COLORS = {"not_filed": "secondary", "transferred": "purple", "education": "yellow", "filed": "green"}
EVENT_COLORS = {"registered": "blue", "duplicate_suspected": "orange", "triaged": "green", "merged": "secondary",
                "duplicate_merged_in": "secondary"}

# Outcomes after which a reporter sees the clue as closed; a filed clue stays open while its case runs.
CLOSING_OUTCOMES = (Outcome.NOT_FILED, Outcome.TRANSFERRED, Outcome.EDUCATION)
