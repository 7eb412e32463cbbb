from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EvidenceKind(models.TextChoices):
    """The kinds of evidence (行政处罚法 第四十六条)."""

    DOCUMENTARY = "documentary", _("Documentary evidence")
    PHYSICAL = "physical", _("Physical evidence")
    AUDIOVISUAL = "audiovisual", _("Audio-visual material")
    ELECTRONIC = "electronic", _("Electronic data")
    WITNESS = "witness", _("Witness testimony")
    PARTY_STATEMENT = "party_statement", _("Statement of the party")
    EXPERT_OPINION = "expert_opinion", _("Expert opinion")
    INSPECTION_RECORD = "inspection_record", _("Inspection record")
    ONSITE_RECORD = "onsite_record", _("On-site record")


EVIDENCE_KIND_CITATION = "《行政处罚法》第四十六条"


class PreservationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting approval")
    IN_FORCE = "in_force", _("Registered and kept")
    DECIDED = "decided", _("Dealt with")
    REFUSED = "refused", _("Not approved")


PRESERVATION_STATUS_COLORS = {"proposed": "yellow", "in_force": "blue", "decided": "green", "refused": "secondary"}


class PreservationDecision(models.TextChoices):
    """What is done with evidence registered for preservation within seven working days (行政处罚法 第五十六条)."""

    RECORD_AND_RETURN = "record_and_return", _("Recorded, copied or photographed, then returned")
    TEST = "test", _("Sent for testing or appraisal")
    SEIZE = "seize", _("Seized or impounded")
    CONFISCATE = "confiscate", _("Confiscated according to law")
    TRANSFER = "transfer", _("Transferred to the competent agency")
    RELEASE = "release", _("Preservation lifted and returned")


class SeizureStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting approval")
    IN_FORCE = "in_force", _("In force")
    ENDED = "ended", _("Ended")
    REFUSED = "refused", _("Not approved")


SEIZURE_STATUS_COLORS = {"proposed": "yellow", "in_force": "blue", "ended": "green", "refused": "secondary"}


class SeizureKind(models.TextChoices):
    SEAL = "seal", _("Sealing up (查封)")
    IMPOUND = "impound", _("Impoundment (扣押)")


class ItemStatus(models.TextChoices):
    IN_CUSTODY = "in_custody", _("In custody")
    RETURNED = "returned", _("Returned")
    CONFISCATED = "confiscated", _("Confiscated")
    AUCTIONED = "auctioned", _("Auctioned")
    DESTROYED = "destroyed", _("Destroyed")
    TRANSFERRED = "transferred", pgettext_lazy("evidence", "Transferred")


ITEM_STATUS_COLORS = {"in_custody": "blue", "returned": "green", "confiscated": "red", "auctioned": "purple",
                      "destroyed": "dark", "transferred": "orange"}
# Where an item may go from custody; confiscated items may still be auctioned or destroyed afterwards.
ITEM_TRANSITIONS = {
    ItemStatus.IN_CUSTODY: (ItemStatus.RETURNED, ItemStatus.CONFISCATED, ItemStatus.AUCTIONED, ItemStatus.DESTROYED,
                            ItemStatus.TRANSFERRED),
    ItemStatus.CONFISCATED: (ItemStatus.AUCTIONED, ItemStatus.DESTROYED, ItemStatus.TRANSFERRED),
}
# The article behind each way an item leaves custody.
ITEM_STATUS_CITATIONS = {
    ItemStatus.RETURNED: "《行政强制法》第二十八条",
    ItemStatus.CONFISCATED: "《行政强制法》第二十七条",
    ItemStatus.AUCTIONED: "《行政强制法》第二十八条第二款",
    ItemStatus.DESTROYED: "《行政强制法》第二十七条",
    ItemStatus.TRANSFERRED: "《行政强制法》第二十一条",
}
