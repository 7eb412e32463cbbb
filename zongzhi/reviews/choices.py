from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    DONE = "done", pgettext_lazy("review", "Reviewed")
    WITHDRAWN = "withdrawn", _("No longer required")


class Opinion(models.TextChoices):
    """The legal review opinion (法制审核意见)."""

    AGREE = "agree", _("Agree")
    AGREE_WITH_CHANGES = "agree_with_changes", _("Agree after changes")
    DISAGREE = "disagree", _("Disagree")


class CheckResult(models.TextChoices):
    PASS = "pass", pgettext_lazy("check", "Pass")
    PROBLEM = "problem", _("Problem")


# The eight points of the legal review checklist (法制审核内容), in order. Stored by code in ``LegalReview.checklist``.
CHECKLIST = [
    ("competence", _("Subject and competence (执法主体、管辖权限)")),
    ("officers", _("Officers' qualification (执法人员资格)")),
    ("procedure", _("Procedure (程序合法)")),
    ("facts", _("Facts and evidence (事实清楚、证据确凿)")),
    ("law", _("Law applied (适用法律依据准确)")),
    ("discretion", _("Discretion (裁量适当)")),
    ("documents", _("Documents (执法文书完备、规范)")),
    ("crime", _("Whether a suspected crime must be transferred (是否涉嫌犯罪需要移送)")),
]
CHECKLIST_CODES = [code for code, _label in CHECKLIST]


class Conclusion(models.TextChoices):
    """The conclusion of a collective discussion (集体讨论结论)."""

    AGREE = "agree", _("Agree with the proposal")
    CHANGE = "change", _("Change the proposal")
    INVESTIGATE = "investigate", _("Investigate further")
    NO_PENALTY = "no_penalty", _("No penalty")
    TRANSFER = "transfer", _("Transfer")


class TransferKind(models.TextChoices):
    COMPETENT = "competent", _("To the competent agency")
    CRIMINAL = "criminal", _("Suspected crime, to the police")


class TransferStatus(models.TextChoices):
    REPORTED = "reported", _("Awaiting the head's decision")
    NOT_APPROVED = "not_approved", _("Transfer not approved")
    APPROVED = "approved", _("Approved, to be sent")
    SENT = "sent", _("Sent, awaiting answer")
    ACCEPTED = "accepted", pgettext_lazy("transfer", "Accepted")
    REFUSED = "refused", _("Refused")
    FILED = "filed", _("Filed by the police")
    NOT_FILED = "not_filed", _("Not filed by the police")


STATUS_COLORS = {"pending": "yellow", "done": "green", "withdrawn": "secondary"}
OPINION_COLORS = {"agree": "green", "agree_with_changes": "lime", "disagree": "red"}
CONCLUSION_COLORS = {"agree": "green", "change": "yellow", "investigate": "orange", "no_penalty": "teal",
                     "transfer": "purple"}
TRANSFER_COLORS = {"reported": "yellow", "not_approved": "secondary", "approved": "blue", "sent": "blue",
                   "accepted": "green", "refused": "red", "filed": "green", "not_filed": "red"}
ANSWERED = (TransferStatus.ACCEPTED, TransferStatus.REFUSED, TransferStatus.FILED, TransferStatus.NOT_FILED)
