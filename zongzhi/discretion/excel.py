"""Benchmarks in and out of Excel, one row per band. Rows of the same matter, issuing region and version make one
standard; every row goes through the same forms as the edit page, every error is reported with its row and column,
and nothing is saved unless every row is good. A filed or published standard cannot be changed by an import, but
re-importing it unchanged is fine (a re-import of the same file changes nothing)."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.catalog.choices import PenaltyType
from zongzhi.catalog.models import Matter
from zongzhi.regions.models import Region
from zongzhi.utilities.excel import ExcelImporter, ImportColumn, ImportResult, RowError, RowValueError, xlsx_response

from .choices import Level, MultipleBase
from .forms import DiscretionBandForm, DiscretionStandardForm
from .models import NOT_DRAFT, DiscretionBand, DiscretionStandard

STANDARD_FIELDS = ["matter", "issuing_region", "issuer", "title", "document_number", "version", "effective_from"]
BAND_FIELDS = ["level", "conditions", "penalty_types", "fine_min", "fine_max", "multiple_base", "multiple_min",
               "multiple_max", "multiple_from", "other_measures", "item"]
SEPARATORS = re.compile(r"[、,，;；/\s]+")


class StandardImportForm(DiscretionStandardForm):
    class Meta(DiscretionStandardForm.Meta):
        fields = STANDARD_FIELDS


def _choice_lookup(choices):
    """Accept a code or its label in the current language."""
    return {str(label): value for value, label in choices} | {value: value for value, _label in choices}


class StandardImporter(ExcelImporter):
    sheet_title = "bands"

    @property
    def title(self):
        return _("Discretion standards")

    @property
    def columns(self):
        levels = "、".join(str(label) for label in Level.labels)
        types = "、".join(str(label) for label in PenaltyType.labels)
        bases = "、".join(str(label) for label in MultipleBase.labels)
        c = ImportColumn
        return [
            c("matter", _("Matter code"), True, _("The code of the matter in the catalog."), "ECO-001"),
            c("issuing_region", _("Issuing region code"), True,
              _("The code of the province, prefecture or county that issues the benchmark."), "41"),
            c("issuer", _("Issuer"), True, _("The issuing body."), "河南省生态环境厅"),
            c("title", _("Document title"), True, _("Without the 《》 brackets."), "河南省生态环境行政处罚裁量基准（2024年版）"),
            c("document_number", _("Document number"), False, "", "豫环文〔2024〕12号"),
            c("version", _("Version"), True,
              _("Rows with the same matter code, issuing region code and version form one benchmark."), "2024"),
            c("effective_from", _("Effective from"), True, _("A date, e.g. 2024-03-01."), "2024-03-01"),
            c("level", _("Discretion level"), True, _("One of: %(levels)s. One row per level.") % {"levels": levels}, str(
                Level.ORDINARY.label)),
            c("conditions", _("Conditions"), True, _("When the level applies."), "焚烧面积较大或者造成一定影响"),
            c("penalty_types", _("Penalty types"), False,
              _("Separated by 、: %(types)s. Empty only for the no-penalty level.") % {"types": types},
              str(PenaltyType.FINE.label)),
            c("fine_min", _("Minimum fine (yuan)"), False, "", "800"),
            c("fine_max", _("Maximum fine (yuan)"), False, "", "1500"),
            c("multiple_base", _("Multiple of"), False, _("One of: %(bases)s.") % {"bases": bases}),
            c("multiple_min", _("Minimum multiple"), False),
            c("multiple_max", _("Maximum multiple"), False),
            c("multiple_from", _("Multiple applies from (yuan)"), False,
              _("Below this base amount (or without a base) the fixed amounts apply.")),
            c("other_measures", _("Other measures"), False, "", "责令改正"),
            c("item", _("Benchmark item"), True, _("Where the benchmark sets this band."), "第一项第3目"),
        ]

    def _pk(self, model, code):
        """The id of the ``model`` row with ``code`` (looked up once per import)."""
        cache = self.__dict__.setdefault("_ids", {})
        if (model, code) not in cache:
            cache[model, code] = model.objects.filter(code=code).values_list("pk", flat=True).first()
        return cache[model, code]

    def prepare(self, data):
        out = dict(data)
        matter = self._pk(Matter, data.get("matter", ""))
        if data.get("matter") and matter is None:
            raise RowValueError("matter", _("No matter has the code %(code)s.") % {"code": data["matter"]})
        region = self._pk(Region, data.get("issuing_region", ""))
        if data.get("issuing_region") and region is None:
            raise RowValueError("issuing_region", _("No region has the code %(code)s.") % {
                "code": data["issuing_region"]})
        out["matter"], out["issuing_region"] = matter or "", region or ""
        out["title"] = data.get("title", "").strip("《》")
        for name, choices in (("level", Level.choices), ("multiple_base", MultipleBase.choices)):
            value = data.get(name, "")
            if value:
                lookup = _choice_lookup(choices)
                if value not in lookup:
                    raise RowValueError(name, _("Unknown value: %(value)s.") % {"value": value})
                out[name] = lookup[value]
        lookup = _choice_lookup(PenaltyType.choices)
        types = [t for t in SEPARATORS.split(data.get("penalty_types", "")) if t]
        unknown = [t for t in types if t not in lookup]
        if unknown:
            raise RowValueError("penalty_types", _("Unknown penalty type: %(types)s.") % {"types": "、".join(unknown)})
        out["penalty_types"] = [lookup[t] for t in types]
        return out

    def run(self, file, *, progress=None):
        result = ImportResult()
        try:
            rows = list(self.read_rows(file))
        except ValueError as error:
            result.errors.append(RowError(0, "", str(error)))
            return result
        if not rows:
            result.errors.append(RowError(0, "", _("The workbook has no data rows.")))
            return result
        groups = {}
        for n, (number, raw) in enumerate(rows, start=1):
            if progress and n % 100 == 0:
                progress(n, len(rows))
            try:
                data = self.prepare(raw)
            except RowValueError as error:
                result.errors.append(RowError(number, self.header_of(error.field), error.message))
                continue
            key = (raw.get("matter"), raw.get("issuing_region"), raw.get("version"))
            groups.setdefault(key, []).append((number, data))
        plans = [plan for group in groups.values() if (plan := self._plan(group, result)) is not None]
        if result.errors:
            result.errors.sort(key=lambda e: e.row)
            return result
        with transaction.atomic(), audit_context(user=self.user, source=Source.IMPORT):
            for existing, standard_form, band_forms, removed, changed in plans:
                if not changed:
                    result.unchanged += 1
                    continue
                standard = standard_form.save()
                for form in band_forms:
                    if form.instance.pk is None or form.has_changed():
                        form.instance.standard = standard
                        form.save()
                for band in removed:
                    band.delete()
                if existing is None:
                    result.created += 1
                else:
                    result.updated += 1
        return result

    def _plan(self, group, result):
        """Validate the rows of one standard; return what to save, or ``None`` after recording the errors."""
        first, data = group[0]
        errors_before = len(result.errors)
        for number, other in group[1:]:
            for name in STANDARD_FIELDS:
                if other.get(name, "") != data.get(name, ""):
                    result.errors.append(RowError(number, self.header_of(name), _(
                        "Differs from row %(row)s of the same benchmark.") % {"row": first}))
        existing = DiscretionStandard.objects.filter(matter_id=data["matter"], issuing_region_id=data["issuing_region"],
                                                     version=data.get("version", "")).first() \
            if data["matter"] and data["issuing_region"] else None
        if existing is not None and not DiscretionStandard.objects.restrict(self.user, "change").filter(
                pk=existing.pk).exists():
            result.errors.append(RowError(first, self.header_of("issuing_region"),
                                          _("This record exists outside the area your role may change.")))
            return None
        standard_form = StandardImportForm({k: data.get(k, "") for k in STANDARD_FIELDS}, instance=existing,
                                           user=self.user)
        current = {b.level: b for b in existing.bands.all()} if existing else {}
        band_forms, seen = [], {}
        for number, row in group:
            level = row.get("level")
            if level in seen:
                result.errors.append(RowError(number, self.header_of("level"),
                                              _("Duplicate of row %(row)s.") % {"row": seen[level]}))
                continue
            seen[level] = number
            band_forms.append((number, DiscretionBandForm({k: row.get(k, "") for k in BAND_FIELDS},
                                                          instance=current.get(level))))
        removed = [band for level, band in current.items() if level not in seen]
        changed = (existing is None or standard_form.has_changed() or bool(removed)
                   or any(f.has_changed() for _n, f in band_forms))
        if existing is not None and not existing.is_draft:
            if changed:
                result.errors.append(RowError(first, "", str(NOT_DRAFT)))
            return (existing, standard_form, [], [], False) if len(result.errors) == errors_before else None
        if not standard_form.is_valid():
            for name, messages in standard_form.errors.items():
                for message in messages:
                    result.errors.append(RowError(first, self.header_of(name) or "", message))
        for number, form in band_forms:
            form.instance.standard = standard_form.instance
            if not form.is_valid():
                for name, messages in form.errors.items():
                    for message in messages:
                        result.errors.append(RowError(number, self.header_of(name) or "", message))
        if len(result.errors) > errors_before:
            return None
        return existing, standard_form, [f for _n, f in band_forms], removed, changed

    def export_response(self, queryset):
        """The bands of ``queryset`` (standards) in the import layout: an export can be edited and imported."""
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(self.sheet_title)
        columns = self.columns
        ws.append([c.header for c in columns])
        levels, types, bases = dict(Level.choices), dict(PenaltyType.choices), dict(MultipleBase.choices)
        bands = DiscretionBand.objects.filter(standard__in=queryset).select_related(
            "standard__matter", "standard__issuing_region").order_by("standard__matter__code",
                                                                     "standard__issuing_region__code", "standard_id")
        for band in bands.iterator(chunk_size=2000):
            s = band.standard
            values = {"matter": s.matter.code, "issuing_region": s.issuing_region.code, "issuer": s.issuer,
                      "title": s.title, "document_number": s.document_number, "version": s.version,
                      "effective_from": s.effective_from, "level": str(levels[band.level]),
                      "conditions": band.conditions,
                      "penalty_types": "、".join(str(types[t]) for t in band.penalty_types),
                      "multiple_base": str(bases[band.multiple_base]) if band.multiple_base else "",
                      "other_measures": band.other_measures, "item": band.item}
            for name in ("fine_min", "fine_max", "multiple_min", "multiple_max", "multiple_from"):
                value = getattr(band, name)
                values[name] = "" if value is None else f"{value.normalize():f}"
            ws.append([values[c.field] for c in columns])
        return xlsx_response(wb, f"{self.title}-{timezone.localtime().strftime('%Y%m%d')}")

