"""Excel import of officers and certificates: each row goes through the same form as the edit page."""

import re

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zongzhi.agencies.models import Agency, Domain
from zongzhi.utilities.excel import ExcelImporter, ImportColumn, RowValueError
from zongzhi.utilities.scope import ADD, in_scope

from .choices import CertificateKind, OfficerStatus, StaffingKind
from .forms import CertificateImportForm, OfficerForm
from .models import Certificate, Officer

YES = {"是", "yes", "y", "true", "1", "有"}
NO = {"否", "no", "n", "false", "0", "无"}


def choice_value(choices, field, text):
    """A choice by its stored value or its label (Chinese or English), e.g. 事业编制 or institution."""
    text = text.strip()
    if not text:
        return ""
    for value, label in choices.choices:
        names = {value.lower()}
        for language in ("zh-hans", "en"):
            with translation.override(language):
                label_text = str(label)
            names |= {label_text.lower(), *re.findall(r"\((.+?)\)", label_text)}
        if text.lower() in names:
            return value
    raise RowValueError(field, _("Unknown value: %(value)s.") % {"value": text})


def yes_no(field, text):
    """True, False, or None for an empty cell."""
    text = text.strip().lower()
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise RowValueError(field, _("Write 是 or 否, not %(value)s.") % {"value": text})


class OfficerImporter(ExcelImporter):
    form_class = OfficerForm
    key = "id_number"
    title = gettext_lazy("Officers")
    columns = [
        ImportColumn("name", "姓名", required=True, example="林晓东"),
        ImportColumn("id_number", "身份证号", required=True, help="18 位公民身份号码 (GB 11643)，用于识别已有人员。"),
        ImportColumn("agency", "所在单位", required=True, help="单位全称，须在您的管辖范围内。",
                     example="城关街道综合行政执法队"),
        ImportColumn("post", "岗位", example="队员"),
        ImportColumn("staffing", "编制类型", required=True, help="行政编制、事业编制或辅助人员。", example="事业编制"),
        ImportColumn("legal_qualification", "法律职业资格", help="是 或 否；留空时新增人员为否，已有人员保持不变。", example="否"),
        ImportColumn("status", "状态", help="在岗、借调、退休、调离或离职；留空时新增人员为在岗，已有人员保持不变。", example="在岗"),
        ImportColumn("phone", "电话"),
    ]

    def read_rows(self, file):
        for number, data in super().read_rows(file):
            data["id_number"] = data.get("id_number", "").upper()
            yield number, data

    def prepare(self, data):
        """An empty status or qualification cell keeps what an existing officer has (on duty and no
        qualification for a new one)."""
        existing = self.find_existing(data)
        data["agency"] = self.agency_id(data.get("agency", ""))
        data["staffing"] = choice_value(StaffingKind, "staffing", data.get("staffing", ""))
        data["status"] = (choice_value(OfficerStatus, "status", data.get("status", ""))
                          or (existing.status if existing else OfficerStatus.ON_DUTY))
        qualified = yes_no("legal_qualification", data.get("legal_qualification", ""))
        if qualified is None:
            qualified = existing.legal_qualification if existing else False
        data["legal_qualification"] = "on" if qualified else ""
        return data

    def agency_id(self, name):
        if not name:
            return ""
        matches = list(Agency.objects.restrict(self.user).filter(name=name).select_related("region")[:2])
        if not matches:
            raise RowValueError("agency", _("Unknown agency: %(name)s.") % {"name": name})
        if len(matches) > 1:
            raise RowValueError("agency", _("Several agencies are named %(name)s.") % {"name": name})
        if not in_scope(self.user, Officer(agency=matches[0]), ADD):
            raise RowValueError("agency", _("%(name)s lies outside the area where your role may manage officers.")
                                % {"name": name})
        return str(matches[0].pk)


class CertificateImporter(ExcelImporter):
    form_class = CertificateImportForm
    key = "number"
    title = gettext_lazy("Certificates")
    columns = [
        ImportColumn("number", "证件编号", required=True, example="豫A-0101"),
        ImportColumn("officer", "持证人身份证号", required=True, help="须为已登记的执法人员。"),
        ImportColumn("kind", "证件种类", help="执法证或监督证；留空时新证为执法证，已有证件保持不变。", example="执法证"),
        ImportColumn("issuing_authority", "发证机关", required=True, example="河南省人民政府"),
        ImportColumn("domains", "执法领域", help="领域名称，以“、”或“,”分隔。", example="农业农村、城市管理"),
        ImportColumn("valid_from", "有效期起", required=True, help="日期，如 2026-01-01。", example="2026-01-01"),
        ImportColumn("valid_to", "有效期止", required=True, help="日期，如 2031-12-31。", example="2031-12-31"),
    ]

    def prepare(self, data):
        existing = self.find_existing(data)
        data["officer"] = self.officer_id(data.get("officer", "").upper())
        data["kind"] = (choice_value(CertificateKind, "kind", data.get("kind", ""))
                        or (existing.kind if existing else CertificateKind.ENFORCEMENT))
        data["domains"] = self.domain_ids(data.get("domains", ""))
        return data

    def officer_id(self, id_number):
        if not id_number:
            return ""
        officer = Officer.objects.restrict(self.user).filter(id_number=id_number).select_related("agency").first()
        if officer is None:
            raise RowValueError("officer", _("No officer with identity number %(number)s.")
                                % {"number": Officer(id_number=id_number).masked_id_number})
        if not in_scope(self.user, Certificate(officer=officer), ADD):
            raise RowValueError("officer", _("%(officer)s lies outside the area where your role may manage "
                                             "certificates.") % {"officer": officer})
        return str(officer.pk)

    def domain_ids(self, text):
        names = [n.strip() for n in re.split(r"[、,，;；]", text) if n.strip()]
        domains = {d.name: d.pk for d in Domain.objects.filter(name__in=names)}
        unknown = [n for n in names if n not in domains]
        if unknown:
            raise RowValueError("domains", _("Unknown domains: %(names)s.") % {"names": "、".join(unknown)})
        return [str(domains[n]) for n in names]
