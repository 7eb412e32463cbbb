import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.catalog import imports
from zongzhi.catalog.imports import AcceptanceImporter, CatalogItemImporter, MatterImporter
from zongzhi.catalog.models import Acceptance, ImportJob, Matter
from zongzhi.utilities.testing import client_for

pytestmark = pytest.mark.django_db
D = datetime.date

HEADERS = ["事项编码", "事项名称", "事项类型", "执法领域", "违法依据法律", "违法依据条", "处罚依据法律", "处罚依据条", "处罚依据款",
           "处罚种类", "罚款下限（元）", "罚款上限（元）", "适用对象", "可适用首违不罚"]
GOOD = [
    ["NY-101", "露天焚烧秸秆", "行政处罚", "农业农村", "中华人民共和国大气污染防治法", "第七十七条", "大气污染防治法", "119", "1",
     "罚款", 500, 2000, "乡镇和街道", "否"],
    ["CG-101", "擅自占道经营", "", "城市管理", "城市市容和环境卫生管理条例", "第十四条", "城市市容和环境卫生管理条例", "第三十六条", "",
     "警告、罚款", "", "", "", "是"],
]


def workbook(rows, headers=HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def test_matters_import_resolves_articles_and_a_reimport_changes_nothing(world, laws):
    result = MatterImporter(world.users["admin"]).run(workbook(GOOD))
    assert result.ok and result.created == 2, result.errors
    straw = Matter.objects.get(code="NY-101")
    assert straw.violated_article == laws["air77"] and straw.penalty_article == laws["air119"]
    assert straw.penalty_paragraph == 1 and straw.fine_max == 2000 and straw.penalty_types == ["fine"]
    stall = Matter.objects.get(code="CG-101")
    assert stall.kind == "penalty" and stall.applies_to == "both" and stall.first_violation_exempt
    assert stall.penalty_types == ["warning", "fine"]
    logged = ChangeLogEntry.objects.count()
    again = MatterImporter(world.users["admin"]).run(workbook(GOOD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert ChangeLogEntry.objects.count() == logged


def test_every_bad_row_is_reported_and_nothing_is_saved(world, laws):
    rows = [
        GOOD[0],
        ["CG-102", "", "罚没", "城管", "城市市容和环境卫生管理条例", "第九十九条", "", "", "", "拘留", 3000, 100, "", "也许"],
        ["NY-101", "重复", "", "农业农村", "", "", "不存在法", "第一条", "", "", "", "", "", ""],
    ]
    result = MatterImporter(world.users["admin"]).run(workbook(rows))
    assert not result.ok and Matter.objects.count() == 0
    assert {(e.row, e.column) for e in result.errors} == {(3, "事项类型"), (4, "处罚依据法律")}
    assert "不是以下之一" in result.errors[0].message and "法规库" in result.errors[1].message
    twice = MatterImporter(world.users["admin"]).run(workbook([GOOD[0], GOOD[1], GOOD[0]]))
    assert [(e.row, e.column) for e in twice.errors] == [(4, "事项编码")] and "重复" in twice.errors[0].message
    fixed = MatterImporter(world.users["admin"]).run(workbook([
        ["CG-102", "", "", "城管", "城市市容和环境卫生管理条例", "第九十九条", "", "", "", "", 3000, 100, "", ""]]))
    assert {(e.row, e.column) for e in fixed.errors} == {(2, "执法领域")}
    fixed = MatterImporter(world.users["admin"]).run(workbook([
        ["CG-102", "", "", "城市管理", "城市市容和环境卫生管理条例", "第九十九条", "", "", "", "", 3000, 100, "", ""]]))
    assert {(e.row, e.column) for e in fixed.errors} == {(2, "违法依据条")}
    fixed = MatterImporter(world.users["admin"]).run(workbook([
        ["CG-102", "", "", "城市管理", "", "", "", "", "", "", 3000, 100, "", ""]]))
    assert {(e.row, e.column) for e in fixed.errors} == {(2, "事项名称"), (2, "罚款上限（元）")}
    assert all(e.message for e in fixed.errors) and Matter.objects.count() == 0


def test_missing_columns_and_unreadable_files_are_reported(world):
    result = MatterImporter(world.users["admin"]).run(workbook([["x"]], headers=["事项名称"]))
    assert "事项编码" in result.errors[0].message
    result = MatterImporter(world.users["admin"]).run(io.BytesIO(b"not excel"))
    assert not result.ok and "xlsx" in result.errors[0].message


def test_template_has_headers_and_instructions(world):
    response = MatterImporter(world.users["admin"]).template_response()
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.worksheets[0][1]][:2] == ["事项编码", "事项名称"]
    assert len(wb.worksheets) == 2 and wb.worksheets[1].max_row > len(MatterImporter.columns)


def test_items_and_acceptances_import(world, delegation, v2024):
    m = delegation["matters"]
    items = CatalogItemImporter(world.users["bureau"], v2024).run(workbook(
        [[4, "CG-001", "是"], [1, "NY-001", "否"], [5, "NOPE", ""]], headers=["序号", "事项编码", "原部门同时保留行使"]))
    assert [(e.row, e.column) for e in items.errors] == [(4, "事项编码")]
    items = CatalogItemImporter(world.users["bureau"], v2024).run(workbook(
        [[4, "CG-001", "是"], [2, "NY-001", "否"]], headers=["序号", "事项编码", "原部门同时保留行使"]))
    assert (items.created, items.updated) == (1, 1), items.errors
    assert v2024.items.get(matter=m["stall"]).concurrent and v2024.items.get(matter=m["stall"]).name == "擅自占道经营"
    headers = ["承接主体", "事项编码", "清单版本", "承接日期"]
    rows = [["颍桥回族镇人民政府", "CG-001", "2023版", "2023-05-01"],
            ["城关街道办事处", "SL-001", "河南省乡镇赋权指导目录（2023版）", "2023-05-01"]]
    result = AcceptanceImporter(world.users["bureau"]).run(workbook(rows, headers))
    assert [(e.row, e.column) for e in result.errors] == [(3, "事项编码")]  # 河道 matters are for towns only
    assert Acceptance.objects.count() == 4
    result = AcceptanceImporter(world.users["bureau"]).run(workbook(rows[:1], headers))
    assert result.created == 1
    again = AcceptanceImporter(world.users["bureau"]).run(workbook(rows[:1], headers))
    assert (again.created, again.unchanged) == (0, 1)
    officer = AcceptanceImporter(world.users["leader_a"]).run(workbook(rows[:1], headers))
    assert officer.errors[0].column == "承接主体"  # another township's body is not offered


def test_upload_runs_as_a_job_with_progress(world, laws, monkeypatch):
    monkeypatch.setattr(imports, "run_in_background", lambda work: work())
    client = client_for(world.users["admin"])
    template = client.get("/catalog/matters/import/?template=1")
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")
    upload = SimpleUploadedFile("matters.xlsx", workbook(GOOD).getvalue())
    response = client.post("/catalog/matters/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"?job={job.pk}")
    assert job.status == "done" and job.result["created"] == 2 and job.total == 2
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-ok"' in page
    bad = SimpleUploadedFile("bad.xlsx", workbook([GOOD[0], ["X-1", "", "", "农业农村"]]).getvalue())
    client.post("/catalog/matters/import/", {"file": bad})
    job = ImportJob.objects.order_by("-pk").first()
    partial = client.get(f"/catalog/imports/{job.pk}/").content.decode()
    assert 'data-testid="import-errors"' in partial and "事项名称" in partial
    assert client_for(world.users["bureau"]).get(f"/catalog/imports/{job.pk}/").status_code == 404
    running = ImportJob.objects.create(kind="matters", user=world.users["admin"], processed=200, total=800)
    partial = client.get(f"/catalog/imports/{running.pk}/").content.decode()
    assert "hx-trigger" in partial and "25%" in partial
