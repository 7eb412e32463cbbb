"""Excel in for matters, catalog items and acceptances: each row goes through the same form as a person typing
it; every error is reported (row, column, message) and nothing is saved unless every row is good. An upload
runs in the background and the page polls its ``ImportJob`` for progress."""

import os
import tempfile
import threading

from django import forms
from django.db import connections
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zongzhi.agencies.models import Agency, Domain
from zongzhi.laws.citation import parse_chinese_number
from zongzhi.laws.models import Article, Law
from zongzhi.regions.models import Region
from zongzhi.utilities.excel import ExcelImporter, ImportColumn, RowValueError

from .choices import TOWNSHIP_BODY_KINDS, AppliesTo, ImportKind, JobStatus, MatterKind, PenaltyType
from .forms import AcceptanceForm, CatalogItemForm, MatterForm
from .models import Acceptance, DelegationCatalog, ImportJob, Matter

YES = {"是", "yes", "y", "true", "1", "√"}
NO = {"否", "no", "n", "false", "0", ""}


class PreloadedChoiceField(forms.Field):
    """A record chosen by its id from a dict filled once per import, instead of one query per cell."""

    default_error_messages = {"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]}

    def __init__(self, by_pk, **kwargs):
        super().__init__(**kwargs)
        self.by_pk = by_pk

    def to_python(self, value):
        if value in self.empty_values:
            return None
        obj = self.by_pk.get(str(value))
        if obj is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return obj

    def has_changed(self, initial, data):
        return str(initial or "") != str(data or "")


def preloaded_form(form_class, objects, *, unique_checked=()):
    """``form_class`` for an import: the choice fields named in ``objects`` find their records in the dicts given
    and the model does not look them up again; ``unique_checked`` fields are known unique by the importer (it
    compares them with the database and the other rows), so the model does not query them either. The same
    validation as the form people use, at a fraction of the cost per row."""
    base = form_class.base_fields
    attrs = {name: PreloadedChoiceField(by_pk, required=base[name].required, label=base[name].label)
             for name, by_pk in objects.items()}
    excluded = set(objects) | set(unique_checked)

    def exclusions(self):
        return super(form, self)._get_validation_exclusions() | excluded

    form = type(f"Import{form_class.__name__}", (form_class,), {**attrs, "_get_validation_exclusions": exclusions})
    form.base_fields = SharedFields(form.base_fields)
    return form


class SharedFields(dict):
    """Import forms are never rendered and never change their fields per row, so the rows of one import share
    the field objects instead of deep-copying two dozen fields for every row."""

    def __deepcopy__(self, memo):
        return dict(self)


def choice_value(choices, text, field):
    """A choice given by its code or by its label (as shown in the active language)."""
    text = text.strip()
    if not text:
        return ""
    for value, label in choices:
        label = str(label)
        if text in (value, label, label.split(" (")[0]):
            return value
    raise RowValueError(field, _("“%(value)s” is not one of: %(choices)s.") % {
        "value": text, "choices": "、".join(str(label) for _value, label in choices)})


def yes_no(text, field):
    text = text.strip().lower()
    if text in YES:
        return "true"
    if text in NO:
        return "false"
    raise RowValueError(field, _("Write 是 or 否."))


def article_number(text, field):
    text = text.strip().removeprefix("第").removesuffix("条")
    try:
        return int(text) if text.isdigit() else parse_chinese_number(text)
    except ValueError:
        raise RowValueError(field, _("“%(value)s” is not an article number.") % {"value": text}) from None


class MatterImporter(ExcelImporter):
    form_class = MatterForm
    key = "code"
    title = gettext_lazy("Matters")
    sheet_title = "matters"
    columns = [
        ImportColumn("code", "事项编码", True, "唯一编码；已存在的编码会更新该事项。", "NY-001"),
        ImportColumn("name", "事项名称", True, "", "露天焚烧秸秆"),
        ImportColumn("kind", "事项类型", False, "行政处罚 / 行政强制 / 行政检查；空白为行政处罚。", "行政处罚"),
        ImportColumn("domain", "执法领域", True, "领域名称，如 农业农村、生态环境、城市管理。", "农业农村"),
        ImportColumn("violated_law", "违法依据法律", False, "法律法规名称，须已收入法规库。", "中华人民共和国大气污染防治法"),
        ImportColumn("violated_article", "违法依据条", False, "条号，如 第七十七条 或 77。", "第七十七条"),
        ImportColumn("violated_paragraph", "违法依据款", False, "数字。", ""),
        ImportColumn("violated_item", "违法依据项", False, "数字。", ""),
        ImportColumn("penalty_law", "处罚依据法律", False, "法律法规名称，须已收入法规库。", "中华人民共和国大气污染防治法"),
        ImportColumn("penalty_article", "处罚依据条", False, "条号。", "第一百一十九条"),
        ImportColumn("penalty_paragraph", "处罚依据款", False, "数字。", "1"),
        ImportColumn("penalty_item", "处罚依据项", False, "数字。", ""),
        ImportColumn("penalty_types", "处罚种类", False, "用“、”分隔，如 警告、罚款、没收违法所得。", "罚款"),
        ImportColumn("fine_min", "罚款下限（元）", False, "数字。", "500"),
        ImportColumn("fine_max", "罚款上限（元）", False, "数字。", "2000"),
        ImportColumn("multiple_min", "倍数下限", False, "按倍数处罚时填写。", ""),
        ImportColumn("multiple_max", "倍数上限", False, "", ""),
        ImportColumn("multiple_base", "倍数基数", False, "如 违法所得、货值金额。", ""),
        ImportColumn("original_department", "原行使部门", False, "", "县生态环境分局"),
        ImportColumn("scope_limit", "行使范围", False, "空白为全部承接。", ""),
        ImportColumn("applies_to", "适用对象", False, "乡镇 / 街道 / 乡镇和街道；空白为乡镇和街道。", "乡镇和街道"),
        ImportColumn("inspection_items", "关联检查事项", False, "", "秸秆禁烧巡查"),
        ImportColumn("coercive_measures", "关联行政强制措施", False, "", ""),
        ImportColumn("first_violation_exempt", "可适用首违不罚", False, "是 / 否。", "否"),
        ImportColumn("endangers_safety", "涉及生命健康或金融安全", False, "是 / 否（《行政处罚法》第三十六条，追责期限五年）。", "否"),
    ]

    def __init__(self, user):
        super().__init__(user)
        self.domains = {d.name: d.pk for d in Domain.objects.all()} | {d.code: d.pk for d in Domain.objects.all()}
        self.laws = {}
        for law in Law.objects.all():
            for name in (law.title, law.short_title, law.title.removeprefix("中华人民共和国")):
                if name:
                    self.laws[name] = law
        self.articles = {}
        self.article_objects = {}
        self.existing = {m.code: m for m in Matter.objects.all()}
        self.keeper = default_keeper(user)
        keepers = Region.objects.in_bulk({m.keeper_id for m in self.existing.values() if m.keeper_id} | {self.keeper})
        self.form_class = preloaded_form(MatterForm, {
            "domain": {str(d.pk): d for d in Domain.objects.all()},
            "violated_article": self.article_objects,
            "penalty_article": self.article_objects,
            "keeper": {str(pk): r for pk, r in keepers.items()},
        }, unique_checked=("code",))

    def article(self, data, prefix):
        law_text = data.pop(f"{prefix}_law", "").strip().strip("《》")
        number_text = data.get(f"{prefix}_article", "").strip()
        if not law_text and not number_text:
            return ""
        if not law_text:
            raise RowValueError(f"{prefix}_law", _("Name the law of this article."))
        law = self.laws.get(law_text)
        if law is None:
            raise RowValueError(f"{prefix}_law", _("“%(law)s” is not in the law library.") % {"law": law_text})
        number = article_number(number_text, f"{prefix}_article")
        if law.pk not in self.articles:
            version = law.current_version()
            self.articles[law.pk] = {}
            for a in Article.objects.filter(version=version).only("id", "number", "version_id"):
                self.articles[law.pk][a.number] = a.pk
                self.article_objects[str(a.pk)] = a
        if number not in self.articles[law.pk]:
            raise RowValueError(f"{prefix}_article", _("%(law)s has no article %(number)s.") % {
                "law": law, "number": number})
        return self.articles[law.pk][number]

    def prepare(self, data):
        data["kind"] = choice_value(MatterKind.choices, data.get("kind", ""), "kind") or MatterKind.PENALTY
        data["applies_to"] = choice_value(AppliesTo.choices, data.get("applies_to", ""), "applies_to") or AppliesTo.BOTH
        domain = data.get("domain", "").strip()
        if domain and domain not in self.domains:
            raise RowValueError("domain", _("“%(value)s” is not an enforcement domain.") % {"value": domain})
        data["domain"] = self.domains.get(domain, "")
        data["violated_article"] = self.article(data, "violated")
        data["penalty_article"] = self.article(data, "penalty")
        types = [t for t in data.get("penalty_types", "").replace(",", "、").replace("，", "、").split("、") if t.strip()]
        data["penalty_types"] = [choice_value(PenaltyType.choices, t, "penalty_types") for t in types]
        for flag in ("first_violation_exempt", "endangers_safety"):
            data[flag] = yes_no(data.get(flag, ""), flag)
        existing = self.existing.get(data.get("code"))
        data["keeper"] = existing.keeper_id if existing and existing.keeper_id else (self.keeper or "")
        return data

    def find_existing(self, data):
        return self.existing.get(data.get("code"))


class CatalogItemImporter(ExcelImporter):
    form_class = CatalogItemForm
    key = "matter"
    title = gettext_lazy("Catalog items")
    sheet_title = "items"
    columns = [
        ImportColumn("number", "序号", False, "清单中的序号。", "1"),
        ImportColumn("matter", "事项编码", True, "权责事项的编码，须先导入事项。", "NY-001"),
        ImportColumn("concurrent", "原部门同时保留行使", False, "是 / 否。", "否"),
    ]

    def __init__(self, user, catalog):
        super().__init__(user)
        self.catalog = catalog
        self.matters = dict(Matter.objects.values_list("code", "pk"))
        self.existing = {i.matter_id: i for i in catalog.items.all()}

    def prepare(self, data):
        code = data.get("matter", "").strip()
        if code not in self.matters:
            raise RowValueError("matter", _("No matter has the code %(code)s.") % {"code": code})
        data["matter"] = self.matters[code]
        data["catalog"] = self.catalog.pk
        data["number"] = data.get("number") or "0"
        data["concurrent"] = yes_no(data.get("concurrent", ""), "concurrent")
        return data

    def find_existing(self, data):
        return self.existing.get(self.matters.get(data.get("matter", "").strip()))


class AcceptanceImporter(ExcelImporter):
    form_class = AcceptanceForm
    title = gettext_lazy("Acceptances")
    sheet_title = "acceptances"
    columns = [
        ImportColumn("agency", "承接主体", True, "乡镇人民政府或街道办事处的全称。", "颍桥回族镇人民政府"),
        ImportColumn("matter", "事项编码", True, "", "NY-001"),
        ImportColumn("catalog", "清单版本", True, "清单名称和版本，如 河南省乡镇赋权指导目录（2024版）；或只写版本。", "2024版"),
        ImportColumn("accepted_on", "承接日期", True, "日期，如 2024-03-01。", "2024-03-01"),
        ImportColumn("document_number", "承接文号", False, "", ""),
        ImportColumn("note", "备注", False, "", ""),
    ]

    def __init__(self, user):
        super().__init__(user)
        self.agencies = {a.name: a.pk for a in Agency.objects.restrict(user).filter(kind__in=TOWNSHIP_BODY_KINDS)}
        self.matters = dict(Matter.objects.values_list("code", "pk"))
        self.catalogs = {}
        for c in DelegationCatalog.objects.all():
            self.catalogs[str(c)] = c.pk
            self.catalogs.setdefault(c.version, c.pk)
        self.seen = {}

    def prepare(self, data):
        name, code, catalog = (data.get(f, "").strip() for f in ("agency", "matter", "catalog"))
        if name not in self.agencies:
            raise RowValueError("agency", _("“%(value)s” is not a township body you may manage.") % {"value": name})
        if code not in self.matters:
            raise RowValueError("matter", _("No matter has the code %(code)s.") % {"code": code})
        if catalog not in self.catalogs:
            raise RowValueError("catalog", _("No catalog is called %(value)s.") % {"value": catalog})
        data.update(agency=self.agencies[name], matter=self.matters[code], catalog=self.catalogs[catalog])
        key = (name, code, data.get("accepted_on"))
        if key in self.seen:
            raise RowValueError("matter", _("Duplicate of row %(row)s.") % {"row": self.seen[key]})
        self.seen[key] = len(self.seen) + 2
        return data

    def find_existing(self, data):
        return Acceptance.objects.filter(agency__name=data.get("agency", "").strip(),
                                         matter__code=data.get("matter", "").strip(),
                                         accepted_on=data.get("accepted_on") or None).first()


def default_keeper(user):
    """The region of the user's first role: the jurisdiction that keeps what the user enters."""
    assignment = next(iter(user.active_assignments()), None) if not user.is_superuser else None
    return assignment.agency.region_id if assignment else None


def importer_for(kind, user, catalog=None) -> ExcelImporter:
    if kind == ImportKind.ITEMS:
        return CatalogItemImporter(user, catalog)
    return {ImportKind.MATTERS: MatterImporter, ImportKind.ACCEPTANCES: AcceptanceImporter}[kind](user)


def run_in_background(work):
    def target():
        try:
            work()
        finally:
            connections.close_all()

    threading.Thread(target=target, daemon=True).start()


def start_import(kind, user, upload, *, catalog=None) -> ImportJob:
    """Store the upload, create the job and run the import in the background."""
    job = ImportJob.objects.create(kind=kind, user=user, catalog=catalog, filename=upload.name[:200])
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as f:
        for chunk in upload.chunks():
            f.write(chunk)
        path = f.name
    language = translation.get_language()

    def progress(done, total):
        ImportJob.objects.filter(pk=job.pk).update(processed=done, total=total)

    def work():
        try:
            with translation.override(language), open(path, "rb") as f:
                result = importer_for(kind, user, catalog).run(f, progress=progress)
            job.refresh_from_db()
            job.status = JobStatus.DONE
            job.total = job.processed = result.created + result.updated + result.unchanged or job.total
            job.result = {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                          "errors": [{"row": e.row, "column": str(e.column), "message": str(e.message)}
                                     for e in result.errors]}
        except Exception as error:  # reported on the page, never lost in a thread
            job.status = JobStatus.FAILED
            job.result = {"errors": [{"row": 0, "column": "", "message": str(error)}]}
            raise
        finally:
            job.finished = timezone.now()
            job.save()
            os.remove(path)

    run_in_background(work)
    return job
