"""Issue 5's story end to end, through the pages only, in Debian's Chromium against the live server.

A township leader draws an enforcement area on the map; the officer imports subjects from an Excel file into it,
runs a random draw (双随机) over the area with inspectors from the certified pool and verifies it; the county
department registers its own inspection of a drawn subject (the repeat-check warning confirmed) and the officer
merges both into one visit (综合查一次); a finding of that visit becomes a clue in one step and the clue a case on
the filing page; the map shows the subject, once without base tiles and once with the administrator's tile server,
and the subject's page (its ledger) shows the inspections of both agencies, the clue and the case."""

import base64
import datetime
import io
import re

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from zongzhi.cases.models import Case, Clue
from zongzhi.cases.testing import build_case_world
from zongzhi.officers.choices import StaffingKind
from zongzhi.officers.models import Officer
from zongzhi.subjects.models import Area, Subject
from zongzhi.subjects.tests.conftest import CENTRE_A, make_area, square, uscc
from zongzhi.utilities.testing import PASSWORD, fake_id_number

from .. import services
from ..choices import DrawStatus, InspectionMode, InspectionStatus
from ..models import Draw, Finding, Inspection, InspectionPlan, JointInspection
from .conftest import certify, make_item

pytestmark = pytest.mark.browser

TILE_URL = "http://tiles.zongzhi.invalid/{z}/{x}/{y}.png"
# A 1×1 grey PNG: what the (intercepted) intranet tile server answers for every tile.
TILE_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGM4AwAAzgDN1GaQsAAAAABJRU5ErkJggg==")
HEADER = ["名称", "类型", "统一社会信用代码", "乡镇（街道）", "地址", "经度", "纬度", "坐标系", "网格/区域", "行业类别",
          "风险等级", "信用等级", "主管部门", "联系人", "联系电话"]


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("user-roles")).to_be_attached()


def workbook(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def story(world):
    """What exists before the story starts: the case world (the straw-burning matter delegated to 城关街道, two
    certified officers in its squad), an auxiliary in the squad (never in the pool), township A's whole territory
    as one large area, an approved plan of the squad with a published item, and the county agriculture bureau
    with a published item and two certified inspectors of its own."""
    w = build_case_world(world)
    agri = w.domains["agriculture"]
    w.auxiliary = Officer.objects.create(name="钱辅助", id_number=fake_id_number(19), agency=w.squad_a,
                                         staffing=StaffingKind.AUXILIARY)
    w.whole = make_area(w.town_a, "城关街道全域", square(*CENTRE_A, 0.05), team=w.squad_a)
    w.item = make_item(w.squad_a, "A-01", agri, matter=w.straw, by=w.users["leader_a"])
    year = timezone.localdate().year
    w.plan = InspectionPlan.objects.create(agency=w.squad_a, name=f"{year}年城关执法队检查计划", year=year,
                                           starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31))
    w.plan.items.set([w.item])
    services.approve_plan(w.plan, by=w.users["leader_a"])
    w.dept_item = make_item(w.dept, "D-01", agri, by=w.users["dept"])
    w.dept_team = []
    for n, name in enumerate(["许农安", "褚田丰"]):
        officer = Officer.objects.create(name=name, id_number=fake_id_number(61 + n), agency=w.dept, post="科员",
                                         staffing=StaffingKind.ADMINISTRATIVE)
        certify(officer, f"豫A-01{n}", agri)
        w.dept_team.append(officer)
    return w


@pytest.mark.django_db(transaction=True)
def test_area_import_draw_joint_finding_case_and_map(page, story, settings, tmp_path):
    w = story
    settings.MAP_TILE_URL = ""
    today = timezone.localdate()
    day = today + datetime.timedelta(days=2)

    # 1. The leader draws an enforcement area on the map of the area form.
    log_in(page, "leader_a")
    page.goto("/subjects/areas/add/")
    page.fill("#id_name", "人民路片区")
    page.select_option("#id_region", str(w.town_a.pk))
    page.wait_for_load_state("networkidle")  # the township's other areas are drawn and the map fitted to them
    editor = page.locator(".polygon-editor-map")
    editor.scroll_into_view_if_needed()
    box = editor.bounding_box()
    for dx, dy in [(0.35, 0.3), (0.65, 0.3), (0.65, 0.7), (0.35, 0.7)]:
        page.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
    page.get_by_role("button", name="闭合多边形").click()
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/subjects/areas/\d+/$"))
    area = Area.objects.get(name="人民路片区")
    ring = area.boundary["coordinates"][0]
    assert len(ring) == 5 and ring[0] == ring[-1]
    lats, lngs = [p[1] for p in ring], [p[0] for p in ring]
    mid = ((min(lats) + max(lats)) / 2, (min(lngs) + max(lngs)) / 2)
    outside = (CENTRE_A[0] + 0.045, CENTRE_A[1])
    assert area.contains(*mid) and not area.contains(*outside) and w.whole.contains(*outside)

    # 2. The officer imports four subjects from Excel: three located in the drawn area, one elsewhere in the township.
    log_in(page, "officer_a")
    names = ["城关某某农资店", "城关某某种子站", "城关某某化肥店", "城关某某农机站"]
    rows = []
    for n, name in enumerate(names):
        lat, lng = (mid[0] + n * 0.0005, mid[1] + n * 0.0005) if n < 3 else outside
        rows.append([name, "企业", uscc(500 + n), "城关街道", f"人民路 {n + 1} 号", round(lng, 6), round(lat, 6), "WGS84",
                     "", "农资经营", "C", "", str(w.dept), f"联系人{n}", f"0374-72000{n:02d}"])
    page.goto("/subjects/import/")
    page.set_input_files("input[name=file]", files=[{
        "name": "监管对象.xlsx", "buffer": workbook(rows),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.locator("form.card button[type=submit]").click()
    expect(page.get_by_test_id("import-ok")).to_be_visible()
    subjects = {s.name: s for s in Subject.objects.filter(region=w.town_a)}
    assert set(subjects) == set(names)
    assert {s.name for s in subjects.values() if s.area_id == area.pk} == set(names[:3])
    assert subjects[names[3]].area_id == w.whole.pk

    # 3. A random draw over the drawn area, inspectors from the certified pool; then verified.
    page.goto(f"/inspections/draws/add/?plan={w.plan.pk}")
    page.fill("#id_name", "人民路片区双随机抽查")
    page.select_option("#id_region", label="城关街道")
    page.select_option("#id_area", label=str(area))
    page.fill("#id_count", "2")
    page.fill("#id_scheduled_for", day.isoformat())
    page.locator("form.card button[type=submit]").click()
    page.get_by_test_id("run").locator("button").click()
    expect(page.get_by_test_id("status")).to_contain_text("已抽取")
    draw = Draw.objects.get()
    assert draw.status == DrawStatus.DRAWN
    expect(page.get_by_test_id("seed")).to_have_text(str(draw.seed))
    assert draw.inputs["candidates"] == sorted(subjects[n].pk for n in names[:3]), "only the drawn area's subjects"
    assert draw.inputs["pool"] == sorted([w.officer_a.pk, w.officer_a2.pk])
    assert draw.inputs["excluded_inspectors"] == {str(w.auxiliary.pk): "auxiliary"}
    drawn = list(draw.inspections.order_by("subject__name"))
    assert len(drawn) == 2 and all(i.mode == InspectionMode.RANDOM and i.date == day for i in drawn)
    assert all({o.pk for o in i.inspectors.all()} == {w.officer_a.pk, w.officer_a2.pk} for i in drawn)
    page.get_by_test_id("verify").locator("button").click()
    expect(page.locator(".alert-success")).to_contain_text("结果一致")
    page.screenshot(path=str(tmp_path / "draw.png"), full_page=True)

    # 4. The county agriculture bureau, the subject's competent department, plans the same subject on the same
    #    day on its own registration page (the repeat-check warning is shown and confirmed); the officer finds the
    #    candidate and merges both into one visit.
    mine = drawn[0]
    subject = mine.subject
    log_in(page, "dept")
    page.goto("/inspections/add/")
    page.select_option("#id_agency", label=str(w.dept))
    page.select_option("#id_subject", label=str(subject))
    page.select_option("#id_items", label=str(w.dept_item))
    page.select_option("#id_inspectors", label=[str(o) for o in w.dept_team])
    page.fill("#id_date", day.isoformat())
    page.locator("form.card button[type=submit]").click()
    warning = page.get_by_test_id("warning")  # more than one inspection a day, all agencies counted
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text(subject.name)
    expect(warning).to_contain_text("国办发〔2024〕54号")
    assert not Inspection.objects.filter(agency=w.dept).exists(), "nothing registered before the confirmation"
    page.locator("#id_confirm").check()
    page.locator("form.card button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/inspections/\d+/$"))
    theirs = Inspection.objects.get(agency=w.dept)
    assert theirs.subject == subject and theirs.date == day and theirs.warnings
    assert {o.pk for o in theirs.inspectors.all()} == {o.pk for o in w.dept_team}

    log_in(page, "officer_a")
    page.goto("/inspections/joint/candidates/")
    candidate = page.get_by_test_id("candidate")
    expect(candidate).to_have_count(1)
    expect(candidate).to_contain_text(subject.name)
    expect(candidate.locator("input[name=inspections]")).to_have_count(2)
    candidate.locator("select[name=lead_agency]").select_option(label=str(w.squad_a))
    candidate.locator("input[name=date]").fill(day.isoformat())
    candidate.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/inspections/joint/\d+/$"))
    expect(page.get_by_test_id("saved")).to_have_text("1")
    joint = JointInspection.objects.get()
    assert joint.subject == subject and joint.lead_agency == w.squad_a and joint.scheduled_for == day
    assert set(joint.inspections.values_list("pk", flat=True)) == {mine.pk, theirs.pk}
    assert set(Inspection.objects.filter(joint=joint).values_list("date", "mode")) == {(day, InspectionMode.JOINT)}

    # 5. A finding of the township's part of the visit becomes a clue in one step, and the clue a case.
    page.locator("table a", has_text=str(w.squad_a)).click()
    expect(page).to_have_url(re.compile(rf"{mine.get_absolute_url()}$"))
    expect(page.get_by_test_id("joint")).to_contain_text(str(w.dept))
    finding_form = page.get_by_test_id("finding-form")
    finding_form.locator("#id_description").fill("库房内堆放的秸秆有焚烧痕迹，现场有焚烧残留物")
    finding_form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("findings")).to_contain_text("焚烧痕迹")
    page.get_by_test_id("open-clue").locator("button").click()
    clue = Clue.objects.get()
    expect(page).to_have_url(re.compile(rf"{clue.get_absolute_url()}$"))
    assert clue.subject_name == subject.name and clue.matter == w.straw and clue.region == w.town_a
    page.get_by_test_id("file-as-case").click()
    expect(page.locator("#id_act_place")).to_have_value(subject.address)
    expect(page.locator("#id_parties-0-name")).to_have_value(subject.name)
    page.fill("#id_act_on", (today - datetime.timedelta(days=1)).isoformat())
    page.get_by_label(re.compile("林晓东")).check()
    page.get_by_label(re.compile("周明远")).check()
    page.get_by_test_id("file-submit").click()
    expect(page.get_by_test_id("status")).to_contain_text("待立案审批")
    case = Case.objects.get()
    assert case.clue == clue and case.matter == w.straw and case.parties.get().name == subject.name
    finding = Finding.objects.get()
    assert finding.inspection == mine and finding.clue == clue and finding.case == case
    page.goto(mine.get_absolute_url())
    expect(page.get_by_test_id("clue-link")).to_have_text(clue.number)
    expect(page.get_by_test_id("case-link")).to_have_text(case.number)
    assert Inspection.objects.get(pk=mine.pk).status == InspectionStatus.SCHEDULED

    # 6. The map without base tiles, then with the administrator's tile server; the subject's page from the map.
    page.goto("/subjects/map/")
    expect(page.locator("#map-status")).to_have_text("已显示监管对象 4 个。")
    expect(page.locator(".leaflet-container.no-tiles")).to_be_visible()
    expect(page.locator(".leaflet-tile")).to_have_count(0)
    page.fill("#f-q", subject.name)
    page.locator("#map-filters button[type=submit]").click()
    expect(page.locator("#map-status")).to_have_text("已显示监管对象 1 个。")
    page.screenshot(path=str(tmp_path / "map-no-tiles.png"), full_page=True)

    settings.MAP_TILE_URL = TILE_URL
    tiles = []

    def serve_tile(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE_PNG)

    page.route("http://tiles.zongzhi.invalid/**", serve_tile)
    page.goto("/subjects/map/")
    expect(page.locator("#map-status")).to_have_text("已显示监管对象 4 个。")
    expect(page.locator("#map-config")).to_have_attribute("data-tile-url", TILE_URL)
    expect(page.locator(".leaflet-container.no-tiles")).to_have_count(0)
    expect(page.locator("img.leaflet-tile-loaded").first).to_be_attached()
    sources = page.locator("img.leaflet-tile").evaluate_all("imgs => imgs.map(i => i.src)")
    assert sources and all(re.fullmatch(r"http://tiles\.zongzhi\.invalid/\d+/\d+/\d+\.png", s) for s in sources)
    assert tiles
    page.screenshot(path=str(tmp_path / "map-tiles.png"), full_page=True)

    page.goto(subject.get_absolute_url())
    expect(page.locator("#subject-map.leaflet-container")).to_be_visible()
    ledger = page.get_by_test_id("ledger")
    expect(ledger).to_contain_text(str(w.squad_a))
    expect(ledger).to_contain_text(str(w.dept))
    expect(ledger).to_contain_text(clue.number)
    expect(ledger).to_contain_text(case.number)
    assert not page.errors
