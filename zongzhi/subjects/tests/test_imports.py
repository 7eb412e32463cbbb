import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.subjects import geo
from zongzhi.subjects.models import Subject
from zongzhi.utilities.testing import client_for

from .conftest import CENTRE_A, uscc

pytestmark = pytest.mark.django_db

URL = "/subjects/import/"
HEADER = ["名称", "类型", "统一社会信用代码", "乡镇（街道）", "地址", "经度", "纬度", "坐标系", "网格/区域", "行业类别",
          "风险等级", "信用等级", "主管部门", "联系人", "联系电话"]


def xlsx(rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("subjects.xlsx", buffer.getvalue())


def upload(user, rows, header=HEADER):
    return client_for(user).post(URL, {"file": xlsx(rows, header)})


def errors(response):
    return [(e.row, e.column, str(e.message)) for e in response.context["result"].errors]


def snapshot():
    return (list(Subject.objects.values_list("pk", "name", "risk_class", "area", "latitude", "longitude",
                                             "updated").order_by("pk")), ChangeLogEntry.objects.count())


def rows(n=300):
    """``n`` subjects of township A: enterprises with a code and shops without, half of them located with GCJ-02
    coordinates read from Amap, inside the grid or the area around it."""
    out = []
    for i in range(n):
        lat, lng = CENTRE_A[0] + (i % 30) / 2000, CENTRE_A[1] + (i // 30) / 2000
        glat, glng = geo.wgs84_to_gcj02(lat, lng)
        enterprise = i % 3 == 0
        out.append([
            f"城关测试商户{i:04d}", "企业" if enterprise else "个体工商户", uscc(1000 + i) if enterprise else "",
            "城关街道" if i % 2 else "411025001", f"人民路 {i} 号", round(glng, 6) if i % 2 else "",
            round(glat, 6) if i % 2 else "", "GCJ-02" if i % 2 else "", "", "餐饮" if i % 5 else "农资经营",
            "ABCD"[i % 4] if i % 7 else "", "守信" if i % 11 == 0 else "", "", f"联系人{i}", f"0374-70{i:05d}",
        ])
    return out


def test_template_download(world):
    response = client_for(world.users["officer_a"]).get(URL + "?template=1")
    assert response.status_code == 200
    header = next(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert list(header) == HEADER


def test_import_of_hundreds_of_rows_then_reimport_changes_nothing(places):
    user = places.users["officer_a"]
    data = rows()
    response = upload(user, data)
    assert response.status_code == 200, errors(response)[:5]
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged) == (300, 0, 0)
    located = Subject.objects.get(name="城关测试商户0001")
    wgs = (CENTRE_A[0] + 1 / 2000, CENTRE_A[1])
    assert geo.distance_m(located.latitude, located.longitude, *wgs) < 1, "GCJ-02 converted to WGS84"
    assert located.area == places.grid_a
    assert located.region == places.town_a and located.kind == "individual_business" and located.risk_class == "b"
    assert Subject.objects.get(name="城关测试商户0000").uscc == uscc(1000)
    assert Subject.objects.get(name="城关测试商户0007").risk_class == "b", "an empty class is B for a new subject"
    before = snapshot()
    result = upload(user, data).context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 300)
    assert snapshot() == before
    data[5][10] = "D类"
    data[8][10] = data[9][2] = ""  # an empty cell keeps what the subject has
    result = upload(user, data).context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 1, 299)
    assert Subject.objects.get(name="城关测试商户0005").risk_class == "d"
    assert Subject.objects.get(name="城关测试商户0008").risk_class == "a"
    assert Subject.objects.get(name="城关测试商户0009").uscc == uscc(1009)


def test_one_bad_row_among_hundreds_saves_nothing_and_every_error_is_listed(places):
    data = rows()
    bad_code = uscc(5)[:-1] + ("0" if uscc(5)[-1] != "0" else "1")
    data[10][2] = bad_code  # row 12
    data[20][3] = "不存在镇"  # row 22
    data[30][9] = "天文台"  # row 32
    data[41][5] = "东经"  # row 43
    data[50][1] = "企业"  # row 52: an enterprise without a code
    data.append(list(data[0]))  # row 302: the same code as row 2
    data.append(list(data[1]))  # row 303: the same name and address as row 3
    data[-1][2] = ""
    data.append(["襄城县城关某某农资店", "企业", uscc(9), "城关街道", "人民路１号", "", "", "", "", "零售商店", "", "",
                 "", "", ""])  # row 304: already in the database, under another code
    data.append(["颍桥某某", "个体工商户", "", "颍桥回族镇", "", "", "", "", "", "零售商店", "", "", "", "", ""])
    before = snapshot()
    response = upload(places.users["officer_a"], data)
    assert response.status_code == 400
    found = errors(response)
    where = {(r, c) for r, c, _m in found}
    assert {(12, "统一社会信用代码"), (22, "乡镇（街道）"), (32, "行业类别"), (43, "经度"), (52, "统一社会信用代码"),
            (302, "名称"), (303, "名称"), (304, "名称"), (305, "乡镇（街道）")} <= where
    messages = dict(((r, c), m) for r, c, m in found)
    assert messages[(22, "乡镇（街道）")] == "未找到乡镇（街道）：不存在镇。"
    assert messages[(302, "名称")] == "与第 2 行重复。"
    assert messages[(303, "名称")] == "与第 3 行重复。"
    assert "已登记" in messages[(304, "名称")]
    assert "范围" in messages[(305, "乡镇（街道）")]
    assert snapshot() == before
    body = response.content.decode()
    assert "不存在镇" in body and "data-testid=\"import-errors\"" in body


def test_import_refuses_a_missing_column_and_read_only_roles(places):
    response = upload(places.users["officer_a"], rows(2), header=HEADER[1:])
    assert response.status_code == 400 and "名称" in errors(response)[0][2]
    assert client_for(places.users["supervisor"]).get(URL).status_code == 404
    assert not Subject.objects.filter(name__startswith="城关测试商户").exists()


def test_the_list_export_imports_unchanged(places):
    client = client_for(places.users["officer_a"])
    exported = client.get("/subjects/?export=xlsx")
    sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    assert list(table[0]) == HEADER and len(table) == 3
    before = snapshot()
    response = client.post(URL, {"file": SimpleUploadedFile("export.xlsx", exported.content)})
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2), errors(response)
    assert snapshot() == before
