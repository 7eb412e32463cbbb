"""Excel import of subjects: each row goes through the same form as the edit page. A row finds its existing
subject by code, else by name and address in its township, so importing the same file twice changes nothing;
two rows for one subject are reported, like every other error, and nothing is saved."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zongzhi.agencies.models import Agency
from zongzhi.regions.models import Region
from zongzhi.utilities.excel import ExcelImporter, ImportColumn, RowValueError

from . import geo, services
from .choices import Category, CoordinateSystem, CreditClass, RiskClass, SubjectKind
from .forms import SubjectForm
from .models import Area, Subject, normalise

YES = {"是", "yes", "y", "true", "1"}
NO = {"否", "no", "n", "false", "0"}
COORDINATE_ALIASES = {"gps": "wgs84", "天地图": "wgs84", "高德": "gcj02", "腾讯": "gcj02", "火星坐标": "gcj02"}


def choice_value(choices, field, text, aliases=None):
    """A choice by its stored value, its Chinese or English label, or an alias (A类 for class A)."""
    key = normalise(text)
    if not key:
        return ""
    names = {normalise(k): v for k, v in (aliases or {}).items()}
    for value, label in choices.choices:
        names[normalise(value)] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                names[normalise(str(label))] = value
    if key not in names:
        raise RowValueError(field, _("Unknown value: %(value)s.") % {"value": text})
    return names[key]


def number(field, text):
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise RowValueError(field, _("Not a number: %(value)s.") % {"value": text}) from None


class SubjectImporter(ExcelImporter):
    form_class = SubjectForm
    key = "uscc"
    title = gettext_lazy("Subjects")
    columns = [
        ImportColumn("name", "名称", required=True, example="襄城县某某农资店"),
        ImportColumn("kind", "类型", required=True, help="企业、个体工商户、自然人、场所或项目。", example="个体工商户"),
        ImportColumn("uscc", "统一社会信用代码", help="企业必填；用于识别已有对象，没有代码时按名称和地址识别；留空时已有对象保持不变。"),
        ImportColumn("region", "乡镇（街道）", required=True, help="名称或 9 位区划代码，须在您的管辖范围内。",
                     example="城关街道"),
        ImportColumn("address", "地址", example="城关街道人民路 12 号"),
        ImportColumn("longitude", "经度", help="如 113.4851；与纬度同时填写。", example="113.4851"),
        ImportColumn("latitude", "纬度", help="如 33.8512。", example="33.8512"),
        ImportColumn("coordinate_system", "坐标系",
                     help="WGS84（GPS、天地图，默认）或 GCJ-02（高德、腾讯地图）；GCJ-02 坐标自动转换为 WGS84。",
                     example="WGS84"),
        ImportColumn("area", "网格/区域", help="所在乡镇的区域或网格名称；有坐标时按坐标自动确定。"),
        ImportColumn("category", "行业类别", required=True, help="餐饮、零售商店、市场摊位、集贸市场、农资经营、养殖种植、"
                     "建筑工地、生产加工、文化娱乐场所、河道水库或其他。", example="农资经营"),
        ImportColumn("risk_class", "风险等级", help="A、B、C 或 D；留空时新增对象为 B，已有对象保持不变。", example="B"),
        ImportColumn("credit_class", "信用等级", help="守信、一般、重点关注或失信；可留空。"),
        ImportColumn("department", "主管部门", help="县直主管部门全称；可留空。"),
        ImportColumn("contact_name", "联系人"),
        ImportColumn("contact_phone", "联系电话"),
    ]

    def __init__(self, user):
        super().__init__(user)
        self.allowed = set(services.townships_for(user, Subject, "add").values_list("pk", flat=True))
        self.regions = {}
        self.areas = {}
        self.names = {}  # (township, name and address key) -> first row
        self.existing = {}

    def read_rows(self, file):
        for number_, data in super().read_rows(file):
            data["uscc"] = data.get("uscc", "").upper()
            data["_row"] = number_
            yield number_, data

    def region(self, text):
        if text not in self.regions:
            self.regions[text] = Region.objects.filter(level="township").filter(
                **({"code": text} if text.isdigit() else {"name": text})).first()
        return self.regions[text]

    def township_areas(self, region_id):
        if region_id not in self.areas:
            self.areas[region_id] = list(Area.objects.filter(region_id=region_id))
        return self.areas[region_id]

    def find_existing(self, data):
        """By code, else by name and address in the township (asked twice per row: remembered)."""
        key = (data.get("uscc"), data.get("region"), data.get("name"), data.get("address"))
        if key not in self.existing:
            self.existing[key] = self._find_existing(data)
        return self.existing[key]

    def _find_existing(self, data):
        if data.get("uscc"):
            return Subject.objects.filter(uscc=data["uscc"]).first()
        region = self.region(data.get("region", ""))
        if region is None:
            return None
        probe = Subject(name=data.get("name", ""), address=data.get("address", ""))
        return Subject.objects.filter(region=region, dedupe_key=probe.compute_dedupe_key()).first()

    def prepare(self, data):
        existing = self.find_existing(data)
        region = self.region(data.get("region", ""))
        if data.get("region") and region is None:
            raise RowValueError("region", _("Unknown township: %(name)s.") % {"name": data["region"]})
        if region is not None and region.pk not in self.allowed:
            raise RowValueError("region", _("%(name)s lies outside the area where your role may manage subjects.")
                                % {"name": region})
        if region is not None:
            key = (region.pk, Subject(name=data.get("name", ""), address=data.get("address", "")).compute_dedupe_key())
            first = self.names.setdefault(key, data["_row"])
            if first != data["_row"]:
                raise RowValueError("name", _("Duplicate of row %(row)s.") % {"row": first})
        data["region"] = str(region.pk) if region else ""
        data["uscc"] = data.get("uscc") or (existing.uscc if existing else "")
        data["kind"] = choice_value(SubjectKind, "kind", data.get("kind", ""))
        data["category"] = choice_value(Category, "category", data.get("category", ""))
        data["risk_class"] = (choice_value(RiskClass, "risk_class", data.get("risk_class", ""),
                                           {f"{c.upper()}类": c for c in RiskClass.values})
                              or (existing.risk_class if existing else RiskClass.B))
        data["credit_class"] = (choice_value(CreditClass, "credit_class", data.get("credit_class", ""))
                                or (existing.credit_class if existing else ""))
        data["active"] = "on" if existing is None or existing.active else ""
        self.locate(data, region)
        data["department"] = self.department_id(data.get("department", ""))
        return data

    def locate(self, data, region):
        """Convert the coordinates to WGS84 here, so that the form compares like with like; find the area."""
        lat, lng = number("latitude", data.get("latitude", "")), number("longitude", data.get("longitude", ""))
        system = choice_value(CoordinateSystem, "coordinate_system", data.get("coordinate_system", ""),
                              COORDINATE_ALIASES) or CoordinateSystem.WGS84
        data["coordinate_system"] = CoordinateSystem.WGS84
        area_name = data.get("area", "")
        data["area"] = ""
        if lat is not None and lng is not None:
            lat, lng = geo.to_wgs84(lat, lng, system)
            data["latitude"], data["longitude"] = str(lat), str(lng)
        if region is None:
            return
        areas = self.township_areas(region.pk)
        if area_name:
            match = next((a for a in areas if a.name == area_name), None)
            if match is None:
                raise RowValueError("area", _("%(township)s has no area named %(name)s.")
                                    % {"township": region, "name": area_name})
            data["area"] = str(match.pk)
        if lat is not None and lng is not None:
            found = services.find_area(region.pk, lat, lng, areas)
            data["area"] = str(found.pk) if found else ""

    def department_id(self, name):
        if not name:
            return ""
        matches = list(Agency.objects.filter(name=name)[:2])
        if len(matches) != 1:
            raise RowValueError("department", _("Unknown agency: %(name)s.") % {"name": name})
        return str(matches[0].pk)
