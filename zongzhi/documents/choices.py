from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """The documents of a case (执法文书). The order here is the legal order of the case file (卷内文书排列顺序):
    filing, investigation, review, notice and hearing, decision, service, execution, closure."""

    CASE_COVER = "case_cover", _("Case file cover (案卷封面)")
    CASE_INDEX = "case_index", _("Case file index (卷内目录)")
    FILING_APPROVAL = "filing_approval", _("Filing approval form (立案审批表)")
    INSPECTION_RECORD = "inspection_record", _("On-site inspection record (现场检查(勘验)笔录)")
    INQUIRY_RECORD = "inquiry_record", _("Inquiry record (询问笔录)")
    CORRECTION_ORDER = "correction_order", _("Order to correct (责令(限期)改正通知书)")
    PRESERVATION_NOTICE = "preservation_notice", _("Notice of registered preservation (先行登记保存证据通知书)")
    SEIZURE_DECISION = "seizure_decision", _("Seizure decision with list (查封扣押决定书(含清单))")
    INVESTIGATION_REPORT = "investigation_report", _("Investigation report (调查终结报告)")
    LEGAL_REVIEW_OPINION = "legal_review_opinion", _("Legal review opinion (法制审核意见书)")
    COLLECTIVE_DISCUSSION = "collective_discussion", _("Collective discussion minutes (集体讨论笔录)")
    PENALTY_NOTICE = "penalty_notice", _("Notice of intended penalty (行政处罚事先告知书)")
    HEARING_RIGHTS_NOTICE = "hearing_rights_notice", _("Notice of hearing rights (听证告知书)")
    HEARING_NOTICE = "hearing_notice", _("Hearing notice (听证通知书)")
    HEARING_RECORD = "hearing_record", _("Hearing record (听证笔录)")
    PENALTY_DECISION = "penalty_decision", _("Penalty decision (行政处罚决定书)")
    NO_PENALTY_DECISION = "no_penalty_decision", _("Decision not to penalise (不予行政处罚决定书)")
    SUMMARY_DECISION = "summary_decision", _("On-the-spot penalty decision (当场行政处罚决定书)")
    SERVICE_RECEIPT = "service_receipt", _("Proof of service (送达回证)")
    DEMAND_NOTICE = "demand_notice", _("Demand to perform (催告书)")
    ENFORCEMENT_APPLICATION = "enforcement_application", _("Application for court enforcement (强制执行申请书)")
    CLOSING_REPORT = "closing_report", _("Closing report (结案报告)")


# The abbreviation in the document number: 襄城镇综执 + 罚决 + 字〔2025〕第12号.
KIND_ABBREVIATIONS = {
    DocumentKind.CASE_COVER: "卷",
    DocumentKind.CASE_INDEX: "目",
    DocumentKind.FILING_APPROVAL: "立审",
    DocumentKind.INSPECTION_RECORD: "检",
    DocumentKind.INQUIRY_RECORD: "询",
    DocumentKind.CORRECTION_ORDER: "责改",
    DocumentKind.PRESERVATION_NOTICE: "先保",
    DocumentKind.SEIZURE_DECISION: "查扣",
    DocumentKind.INVESTIGATION_REPORT: "调终",
    DocumentKind.LEGAL_REVIEW_OPINION: "法审",
    DocumentKind.COLLECTIVE_DISCUSSION: "集讨",
    DocumentKind.PENALTY_NOTICE: "罚告",
    DocumentKind.HEARING_RIGHTS_NOTICE: "听告",
    DocumentKind.HEARING_NOTICE: "听通",
    DocumentKind.HEARING_RECORD: "听录",
    DocumentKind.PENALTY_DECISION: "罚决",
    DocumentKind.NO_PENALTY_DECISION: "不罚决",
    DocumentKind.SUMMARY_DECISION: "当罚决",
    DocumentKind.SERVICE_RECEIPT: "送",
    DocumentKind.DEMAND_NOTICE: "催",
    DocumentKind.ENFORCEMENT_APPLICATION: "强申",
    DocumentKind.CLOSING_REPORT: "结",
}

# Kinds whose publication is due (行政处罚决定, 国办发〔2018〕118号: 7 working days).
PUBLISHED_KINDS = (DocumentKind.PENALTY_DECISION, DocumentKind.SUMMARY_DECISION)

# Made by the case file itself (case_file_pdf), not issued one by one.
CASE_FILE_KINDS = (DocumentKind.CASE_COVER, DocumentKind.CASE_INDEX)

CASE_FILE_ORDER = {kind: i for i, kind in enumerate(DocumentKind.values)}


class DocumentStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    VOID = "void", _("Void")


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


STATUS_COLORS = {"issued": "green", "void": "red"}
PUBLICATION_COLORS = {"published": "green", "withdrawn": "secondary"}
