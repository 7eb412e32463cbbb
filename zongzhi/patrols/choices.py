from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NonSiteKind(models.TextChoices):
    """云巡查: the subject shows its premises by photos; 云备案: the subject files documents instead of a visit."""

    CLOUD_PATROL = "cloud_patrol", _("Cloud patrol (云巡查)")
    CLOUD_FILING = "cloud_filing", _("Cloud filing (云备案)")


class NonSiteStatus(models.TextChoices):
    SENT = "sent", _("Sent, waiting for the subject")
    SUBMITTED = "submitted", _("Submitted, waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    CLUE_OPENED = "clue_opened", _("Finding: clue opened")
    EXPIRED = "expired", pgettext_lazy("non-site task", "Expired")


# A task in one of these states is finished: its link refuses and nothing more happens to it.
CLOSED_STATUSES = (NonSiteStatus.ACCEPTED, NonSiteStatus.CLUE_OPENED, NonSiteStatus.EXPIRED)
NONSITE_STATUS_COLORS = {"sent": "blue", "submitted": "orange", "accepted": "green", "clue_opened": "red",
                         "expired": "secondary"}
NONSITE_KIND_COLORS = {"cloud_patrol": "azure", "cloud_filing": "purple"}


class ReviewOutcome(models.TextChoices):
    ACCEPT = "accept", _("Accept: no problem found")
    ASK_AGAIN = "ask_again", _("Ask again (new link)")
    FINDING = "finding", _("Finding: open a clue")


class NonSiteEventKind(models.TextChoices):
    SENT = "sent", _("Sent to the subject")
    SUBMITTED = "submitted", _("Submitted by the subject")
    ACCEPTED = "accepted", _("Accepted")
    ASKED_AGAIN = "asked_again", _("Asked again")
    CLUE_OPENED = "clue_opened", _("Clue opened")
    EXPIRED = "expired", _("Link expired")


NONSITE_EVENT_COLORS = {"sent": "blue", "submitted": "orange", "accepted": "green", "asked_again": "yellow",
                        "clue_opened": "red", "expired": "secondary"}


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    FILE = "file", _("File")
