import io

import pytest
from openpyxl import Workbook, load_workbook

from zongzhi.discretion.choices import StandardStatus
from zongzhi.discretion.excel import StandardImporter
from zongzhi.discretion.models import DiscretionBand, DiscretionStandard
from zongzhi.utilities.testing import client_for

from .conftest import BURNING_BANDS, make_standard

pytestmark = pytest.mark.django_db
HEADER = ["事项编码", "制定机关区划代码", "制定机关", "基准文件名称", "文号", "版本", "施行日期", "裁量阶次", "适用情形",
          "处罚种类", "最低罚款（元）", "最高罚款（元）", "倍数基数", "最低倍数", "最高倍数", "倍数起算金额（元）", "其他措施",
          "基准条目"]
STANDARD = ["ECO-001", "41", "河南省生态环境厅", "河南省生态环境行政处罚裁量基准（2024年版）", "豫环文〔2024〕12号", "2024",
            "2024-03-01"]


def workbook(*rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "bands.xlsx"
    return buffer


def row(level, conditions, types, low, high, item, *, standard=STANDARD, multiple=("", "", "", "")):
    return [*standard, level, conditions, types, low, high, *multiple, "责令改正", item]


GOOD = [
    row("不予处罚", "初次违法且危害后果轻微并及时改正", "", "", "", "第一项第1目"),
    row("从轻", "面积较小，主动改正", "罚款", "500", "800", "第一项第2目"),
    row("一般", "一般情形", "罚款", "800", "1500", "第一项第3目"),
    row("从重", "拒不改正或者造成严重影响", "罚款", "1500", "2000", "第一项第4目"),
]


def run(user, *rows):
    return StandardImporter(user).run(workbook(*rows))


def test_import_creates_one_standard_with_its_bands_and_reimport_changes_nothing(world, burning):
    admin = world.users["admin"]
    result = run(admin, *GOOD)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    standard = DiscretionStandard.objects.get()
    assert standard.status == StandardStatus.DRAFT
    assert [b.level for b in standard.ordered_bands()] == ["no_penalty", "lighter", "ordinary", "heavier"]
    stamps = {b.pk: b.updated for b in DiscretionBand.objects.all()} | {"s": standard.updated}
    again = run(admin, *GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert {b.pk: b.updated for b in DiscretionBand.objects.all()} | {
        "s": DiscretionStandard.objects.get().updated} == stamps


def test_every_bad_row_is_reported_and_nothing_is_saved(world, burning):
    rows = [
        row("从轻", "面积较小", "罚款", "500", "800", "第一项第2目"),
        row("最重", "x", "罚款", "1", "2", "第一项"),
        row("一般", "一般情形", "罚款", "800", "2500", "第一项第3目"),
        row("从重", "拒不改正", "罚款、吊销", "1500", "2000", "第一项第4目"),
        row("从轻", "重复", "罚款", "500", "800", "第一项第5目"),
        row("一般", "x", "罚款", "800", "900", "第二项", standard=["NOPE", *STANDARD[1:]]),
    ]
    result = run(world.users["admin"], *rows)
    assert not result.ok
    by_row = {(e.row, e.column) for e in result.errors}
    assert {(3, "裁量阶次"), (4, "最高罚款（元）"), (5, "处罚种类"), (6, "裁量阶次"), (7, "事项编码")} <= by_row
    assert all(e.message for e in result.errors)
    assert "法定最高" in next(e.message for e in result.errors if e.row == 4)
    assert not DiscretionStandard.objects.exists() and not DiscretionBand.objects.exists()


def test_rows_of_one_standard_must_agree(world, burning):
    other = [*STANDARD[:2], "别的机关", *STANDARD[3:]]
    result = run(world.users["admin"], GOOD[1], row("一般", "一般情形", "罚款", "800", "1500", "第三目", standard=other))
    assert [(e.row, e.column) for e in result.errors] == [(3, "制定机关")]


def test_a_filed_standard_cannot_be_changed_by_import_but_reimport_is_fine(world, burning):
    admin = world.users["admin"]
    assert run(admin, *GOOD).ok
    DiscretionStandard.objects.update(status=StandardStatus.FILED)
    assert run(admin, *GOOD).unchanged == 1
    changed = [*GOOD[:3], row("从重", "拒不改正", "罚款", "1600", "2000", "第一项第4目")]
    result = run(admin, *changed)
    assert [(e.row, e.message) for e in result.errors] == [(2, "已备案或已公开的基准不能修改，请新建版本。")]
    assert DiscretionBand.objects.get(level="heavier").fine_min == 1500


def test_missing_columns_and_empty_files(world):
    assert run(world.users["admin"]).errors[0].message == "工作簿中没有数据行。"
    result = StandardImporter(world.users["admin"]).run(workbook(["x"], header=["别的"]))
    assert result.errors[0].row == 0 and "事项编码" in result.errors[0].message


def test_export_reimports_unchanged(world, province_burning, sand):
    make_standard(sand, world.county, bands=[
        {"level": "heavier", "conditions": "多次", "penalty_types": ["confiscate_gains", "fine"], "fine_min": 50000,
         "fine_max": 100000, "multiple_min": 3, "multiple_max": 5, "multiple_base": "illegal_gains",
         "multiple_from": 10000, "item": "第二项"}])
    client = client_for(world.users["admin"])
    export = client.get("/discretion/export/")
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == HEADER and sheet.max_row == 1 + len(BURNING_BANDS) + 1
    result = StandardImporter(world.users["admin"]).run(io.BytesIO(export.content))
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_template_and_upload_through_the_page(world, burning):
    client = client_for(world.users["admin"])
    template = client.get("/discretion/import/?template=1")
    wb = load_workbook(io.BytesIO(template.content))
    assert [c.value for c in wb.worksheets[0][1]] == HEADER
    assert "裁量阶次" in {c.value for c in wb.worksheets[1]["A"]}
    response = client.post("/discretion/import/", {"file": workbook(*GOOD)})
    assert response.status_code == 200 and "import-ok" in response.content.decode()
    bad = client.post("/discretion/import/", {"file": workbook(row("一般", "x", "罚款", "1", "99999", "第一项"))})
    assert bad.status_code == 400 and "import-errors" in bad.content.decode()
