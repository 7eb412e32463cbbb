"""Enums of service, payment and enforcement (stable lowercase values, translatable labels, badge colours)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceMethod(models.TextChoices):
    """送达方式 (行政处罚法 第六十一条; 民事诉讼法 第八十七条至第九十五条)."""

    BY_HAND = "by_hand", _("By hand (直接送达)")
    LEFT_AT_ADDRESS = "left_at_address", _("Left at the address (留置送达)")
    POST = "post", _("By post (邮寄送达)")
    ELECTRONIC = "electronic", _("Electronic (电子送达)")
    PUBLIC_NOTICE = "public_notice", _("Public notice (公告送达)")


class ServiceState(models.TextChoices):
    SERVED = "served", _("Served")
    NOTICE_RUNNING = "notice_running", _("Public notice running")


SERVICE_STATE_COLORS = {"served": "green", "notice_running": "yellow"}


class PaymentChannel(models.TextChoices):
    BANK = "bank", _("Paid to the bank (罚缴分离)")
    ON_THE_SPOT = "on_the_spot", _("Collected on the spot")


class OnTheSpotGround(models.TextChoices):
    """The only grounds on which officers may collect a fine themselves (行政处罚法 第六十八条、第六十九条)."""

    SMALL_FINE = "art68_small", _("Fine of 100 yuan or less (Art. 68 item 1)")
    HARD_TO_ENFORCE = "art68_hard", _("Hard to enforce afterwards if not collected (Art. 68 item 2)")
    REMOTE_AREA = "art69_remote", _("Remote area, paying at a bank is hard, at the party's request (Art. 69)")


ONSITE_CITATIONS = {
    OnTheSpotGround.SMALL_FINE: "《行政处罚法》第六十八条第一项",
    OnTheSpotGround.HARD_TO_ENFORCE: "《行政处罚法》第六十八条第二项",
    OnTheSpotGround.REMOTE_AREA: "《行政处罚法》第六十九条",
}
CHANNEL_COLORS = {"bank": "green", "on_the_spot": "orange"}


class PlanKind(models.TextChoices):
    DEFERRAL = "deferral", _("Deferral (暂缓缴纳)")
    INSTALMENTS = "instalments", _("Instalments (分期缴纳)")


class PlanStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Not approved")


PLAN_STATUS_COLORS = {"requested": "yellow", "approved": "green", "refused": "secondary"}


class CourtOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted by the court")
    ENFORCED = "enforced", _("Enforced")
    REFUSED = "refused", _("Not accepted or enforcement refused")
    TERMINATED = "terminated", _("Enforcement terminated")


COURT_OUTCOME_COLORS = {"pending": "yellow", "accepted": "blue", "enforced": "green", "refused": "red",
                        "terminated": "secondary"}
COURT_FINAL = (CourtOutcome.ENFORCED, CourtOutcome.REFUSED, CourtOutcome.TERMINATED)


class ReviewOutcome(models.TextChoices):
    """Outcomes of administrative reconsideration (行政复议法 第六十三条至第六十九条) and litigation (行政诉讼法
    第六十九条至第七十八条)."""

    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld (维持)")
    REVOKED = "revoked", _("Revoked (撤销)")
    CHANGED = "changed", _("Changed (变更)")
    CONFIRMED_ILLEGAL = "confirmed_illegal", _("Confirmed illegal (确认违法)")
    CONFIRMED_INVALID = "confirmed_invalid", _("Confirmed invalid (确认无效)")
    REJECTED = "rejected", _("Claim rejected (驳回)")
    WITHDRAWN = "withdrawn", _("Withdrawn (撤回)")
    MEDIATED = "mediated", _("Mediated or settled (调解)")
    TERMINATED = "terminated", _("Terminated (终止)")


# Outcomes against the agency: counted by supervision (no 败诉, no 撤改).
ADVERSE_OUTCOMES = (ReviewOutcome.REVOKED, ReviewOutcome.CHANGED, ReviewOutcome.CONFIRMED_ILLEGAL,
                    ReviewOutcome.CONFIRMED_INVALID)
REVIEW_OUTCOME_COLORS = {"pending": "yellow", "upheld": "green", "revoked": "red", "changed": "orange",
                         "confirmed_illegal": "red", "confirmed_invalid": "red", "rejected": "green",
                         "withdrawn": "secondary", "mediated": "blue", "terminated": "secondary"}


class LitigationInstance(models.TextChoices):
    FIRST = "first", _("First instance")
    SECOND = "second", _("Second instance")
    RETRIAL = "retrial", _("Retrial")
