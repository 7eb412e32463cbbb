from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# 国务院办公厅关于严格规范涉企行政检查的意见（国办发〔2024〕54号）
UNPUBLISHED_ITEM_RULE = "涉企行政检查事项未公布的不得实施（国办发〔2024〕54号）"
INSPECTOR_RULE = "行政检查由两名以上持有效执法证件的执法人员实施，辅助人员不得单独实施（《行政处罚法》第四十二条、第五十五条；国办发〔2024〕54号）"
FREQUENCY_RULE = "严格控制涉企行政检查频次，同一企业不得重复检查（国办发〔2024〕54号）"
RANDOM_RULE = "《关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）：抽查结果20个工作日内公示"


class PlanKind(models.TextChoices):
    ANNUAL = "annual", _("Annual plan")
    SPECIAL = "special", _("Special plan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan", "Draft")
    APPROVED = "approved", pgettext_lazy("plan", "Approved")
    PUBLISHED = "published", pgettext_lazy("plan", "Published")


PLAN_COLORS = {"draft": "secondary", "approved": "azure", "published": "green"}


class InspectionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", pgettext_lazy("inspection", "Cancelled")


STATUS_COLORS = {"scheduled": "blue", "in_progress": "orange", "finished": "green", "cancelled": "secondary"}


class InspectionMode(models.TextChoices):
    ON_SITE = "on_site", _("On-site inspection")
    JOINT = "joint", _("Joint inspection (综合查一次)")
    RANDOM = "random", _("Random draw (双随机)")
    FOLLOW_UP = "follow_up", _("Follow-up re-inspection")


class InspectionResult(models.TextChoices):
    CONFORMS = "conforms", _("No problem found")
    PROBLEMS = "problems", _("Problems found")
    NOT_FOUND = "not_found", _("Subject not found at the address")


RESULT_COLORS = {"conforms": "green", "problems": "red", "not_found": "secondary"}


class PointResult(models.TextChoices):
    CONFORMS = "conforms", _("Conforms")
    DOES_NOT = "does_not", _("Does not conform")
    NOT_APPLICABLE = "na", _("Not applicable")


POINT_COLORS = {"conforms": "green", "does_not": "red", "na": "secondary"}


class FindingAction(models.TextChoices):
    NONE = "", _("Recorded only")
    CORRECTION = "correction", _("Ordered to correct")
    CLUE = "clue", _("Clue opened")


ACTION_COLORS = {"": "secondary", "correction": "orange", "clue": "red"}


class DrawStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("draw", "Draft")
    DRAWN = "drawn", _("Drawn")
    PUBLISHED = "published", pgettext_lazy("draw", "Published")


DRAW_COLORS = {"draft": "secondary", "drawn": "azure", "published": "green"}


class JointStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    FINISHED = "finished", _("Finished")


JOINT_COLORS = {"scheduled": "blue", "finished": "green"}


class ConflictKind(models.TextChoices):
    DECLARED = "declared", _("Declared by the officer")
    RECORDED = "recorded", _("Recorded by the agency")
