"""Excel in and out. An imported row goes through the same form as a person typing it (STYLE.md §12);
every bad row is reported (row, column, message) and nothing is saved unless every row is good."""

import datetime
import io
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDE7F5")


def xlsx_response(workbook, filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    name = f"{filename}.xlsx"
    response["Content-Disposition"] = f"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{quote(name)}"
    return response


def cell_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | datetime.date):
        return value
    return str(value)


def export_response(table, queryset, filename):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(str(filename)[:31])
    columns = [c for c in table.columns if c.export]
    ws.append([str(label) for label in table.labels(export=True)])
    for row in queryset.iterator(chunk_size=2000):
        ws.append([cell_value(c.value(row)) for c in columns])
    stamp = timezone.localtime().strftime("%Y%m%d")
    return xlsx_response(wb, f"{filename}-{stamp}")


@dataclass
class ImportColumn:
    field: str  # form field name
    header: str  # column header in the workbook (Chinese)
    required: bool = False
    help: str = ""
    example: str = ""


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


class ExcelImporter:
    """Subclass and set ``form_class``, ``columns`` and ``key`` (the field that finds an existing record)."""

    form_class = None
    columns: list[ImportColumn] = []
    key: str = ""
    sheet_title = "data"
    title = ""

    def __init__(self, user):
        self.user = user

    # --- template ---------------------------------------------------------------------------------
    def template_response(self):
        wb = Workbook()
        ws = wb.active
        ws.title = self.sheet_title
        for i, col in enumerate(self.columns, start=1):
            cell = ws.cell(row=1, column=i, value=col.header)
            cell.font = Font(bold=True, color="C00000" if col.required else "000000")
            cell.fill = HEADER_FILL
            ws.cell(row=2, column=i, value=col.example or None)
            ws.column_dimensions[get_column_letter(i)].width = max(12, len(col.header) * 2 + 4)
        info = wb.create_sheet(_("Instructions"))
        info.append([_("Column"), _("Required"), _("How to fill it in")])
        for cell in info[1]:
            cell.font = Font(bold=True)
        for col in self.columns:
            info.append([col.header, _("Yes") if col.required else _("No"), col.help])
        info.append([])
        info.append([_("Row 2 is an example: replace or delete it. Every row is checked; if any row has an error, "
                       "nothing is imported and every error is listed.")])
        info.column_dimensions["A"].width = 20
        info.column_dimensions["C"].width = 80
        for row in info.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        return xlsx_response(wb, f"{self.title}-template")

    # --- import -----------------------------------------------------------------------------------
    def read_rows(self, file):
        """Yield (row number, {field: text}) from the first sheet; raise ValueError with a message."""
        try:
            wb = load_workbook(file, read_only=True, data_only=True)
        except Exception:
            raise ValueError(_("The file is not a readable Excel workbook (.xlsx).")) from None
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            raise ValueError(_("The workbook is empty."))
        by_header = {c.header: c for c in self.columns} | {c.field: c for c in self.columns}
        positions = {}
        for i, h in enumerate(header):
            h = str(h).strip() if h is not None else ""
            if h in by_header:
                positions[by_header[h].field] = i
        missing = [c.header for c in self.columns if c.required and c.field not in positions]
        if missing:
            raise ValueError(_("Missing columns: %(columns)s.") % {"columns": "、".join(missing)})
        for number, values in enumerate(rows, start=2):
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            data = {}
            for f, i in positions.items():
                v = values[i] if i < len(values) else None
                if isinstance(v, datetime.datetime):
                    v = v.date().isoformat()
                elif isinstance(v, datetime.date):
                    v = v.isoformat()
                elif isinstance(v, float) and v.is_integer():
                    v = str(int(v))
                data[f] = "" if v is None else str(v).strip()
            yield number, data

    def prepare(self, data):
        """Turn a row's text into form data (names to ids and so on). Raise ``RowValueError`` for a cell."""
        return data

    def find_existing(self, data):
        value = data.get(self.key)
        if not value:
            return None
        return self.form_class._meta.model.objects.filter(**{self.key: value}).first()

    def header_of(self, field_name):
        for c in self.columns:
            if c.field == field_name:
                return c.header
        return ""

    def run(self, file, *, progress=None):
        from zongzhi.audit.choices import Source
        from zongzhi.audit.context import audit_context
        from zongzhi.audit.services import chain_batch

        result = ImportResult()
        try:
            rows = list(self.read_rows(file))
        except ValueError as error:
            result.errors.append(RowError(0, "", str(error)))
            return result
        if not rows:
            result.errors.append(RowError(0, "", _("The workbook has no data rows.")))
            return result
        forms = []
        seen = {}
        for n, (number, raw) in enumerate(rows, start=1):
            try:
                data = self.prepare(dict(raw))
            except RowValueError as error:
                result.errors.append(RowError(number, self.header_of(error.field), error.message))
                continue
            key = raw.get(self.key)
            if key:
                if key in seen:
                    result.errors.append(RowError(number, self.header_of(self.key),
                                                  _("Duplicate of row %(row)s.") % {"row": seen[key]}))
                    continue
                seen[key] = number
            existing = self.find_existing(raw)
            if existing is not None and not existing.__class__.objects.restrict(self.user, "change").filter(
                    pk=existing.pk).exists():
                result.errors.append(RowError(number, self.header_of(self.key),
                                              _("This record exists outside the area your role may change.")))
                continue
            form = self.form_class(data, instance=existing, user=self.user)
            if not form.is_valid():
                for field_name, errs in form.errors.items():
                    for e in errs:
                        result.errors.append(RowError(number, self.header_of(field_name) or field_name, e))
            else:
                forms.append((number, form, existing))
            if progress and n % 100 == 0:
                progress(n, len(rows))
        if result.errors:
            result.errors.sort(key=lambda e: e.row)
            return result
        with transaction.atomic(), audit_context(user=self.user, source=Source.IMPORT), chain_batch():
            for _number, form, existing in forms:
                if existing is None:
                    form.save()
                    result.created += 1
                elif form.has_changed():
                    form.save()
                    result.updated += 1
                else:
                    result.unchanged += 1
        return result


class RowValueError(Exception):
    def __init__(self, field, message):
        self.field = field
        self.message = message
        super().__init__(message)
