import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.officers.models import Certificate, Officer
from zongzhi.utilities.testing import client_for, fake_id_number

pytestmark = pytest.mark.django_db

OFFICER_HEADER = ["姓名", "身份证号", "所在单位", "岗位", "编制类型", "法律职业资格", "状态", "电话"]
CERT_HEADER = ["证件编号", "持证人身份证号", "证件种类", "发证机关", "执法领域", "有效期起", "有效期止"]


def xlsx(header, rows, name="import.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(user, url, file):
    return client_for(user).post(url, {"file": file})


def errors(response):
    return [(e.row, e.column, str(e.message)) for e in response.context["result"].errors]


def snapshot():
    return (list(Officer.objects.values_list("pk", "name", "status", "post").order_by("pk")),
            list(Certificate.objects.values_list("pk", "number", "status").order_by("pk")),
            ChangeLogEntry.objects.count())


def officer_rows(world):
    return [
        ["何思远", fake_id_number(71), "城关街道综合行政执法队", "队员", "事业编制", "否", "在岗", "0374-0000001"],
        ["邓雅琴", fake_id_number(72), "城关街道综合行政执法队", "法制审核员", "行政编制", "是", "", ""],
        ["曹建新", fake_id_number(17).lower(), "城关街道综合行政执法队", "", "辅助人员", "", "在岗", ""],
    ]


def test_template_download(world):
    response = client_for(world.users["bureau"]).get("/force/officers/import/?template=1")
    assert response.status_code == 200
    header = next(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert list(header) == OFFICER_HEADER


def test_officer_import_then_reimport_changes_nothing(world):
    bureau = world.users["bureau"]
    rows = officer_rows(world)
    response = upload(bureau, "/force/officers/import/", xlsx(OFFICER_HEADER, rows))
    assert response.status_code == 200, errors(response)
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    imported = Officer.objects.get(name="邓雅琴")
    assert (imported.agency, imported.staffing, imported.legal_qualification, imported.status) == (
        world.squad_a, "administrative", True, "on_duty")
    assert Officer.objects.get(name="曹建新").id_number == fake_id_number(17)
    before = snapshot()
    response = upload(bureau, "/force/officers/import/", xlsx(OFFICER_HEADER, rows))
    result = response.context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert snapshot() == before
    rows[0][6] = "退休"
    result = upload(bureau, "/force/officers/import/", xlsx(OFFICER_HEADER, rows)).context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Officer.objects.get(name="何思远").status == "retired"
    rows[0][6] = rows[1][5] = ""  # empty cells keep the stored status and qualification
    result = upload(bureau, "/force/officers/import/", xlsx(OFFICER_HEADER, rows)).context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Officer.objects.get(name="何思远").status == "retired"
    assert Officer.objects.get(name="邓雅琴").legal_qualification


def test_officer_import_reports_every_bad_row_and_saves_nothing(world):
    rows = officer_rows(world)
    bad_id = fake_id_number(74)[:-1] + ("0" if fake_id_number(74)[-1] != "0" else "1")
    rows += [
        ["钱某", bad_id, "城关街道综合行政执法队", "", "事业编制", "", "", ""],
        ["赵某", fake_id_number(75), "不存在的执法队", "", "事业编制", "", "", ""],
        ["孙某", fake_id_number(76), "城关街道综合行政执法队", "", "合同工", "也许", "", ""],
        ["李某", fake_id_number(71), "城关街道综合行政执法队", "", "事业编制", "", "", ""],
    ]
    before = snapshot()
    response = upload(world.users["bureau"], "/force/officers/import/", xlsx(OFFICER_HEADER, rows))
    assert response.status_code == 400
    found = errors(response)
    assert (5, "身份证号") in {(r, c) for r, c, _m in found} and "公民身份号码" in found[0][2]
    assert (6, "所在单位", "未找到单位：不存在的执法队。") in found
    assert (7, "编制类型", "无法识别的值：合同工。") in found
    assert [m for r, c, m in found if r == 8] == ["与第 2 行重复。"]
    assert snapshot() == before


def test_officer_import_refuses_an_agency_outside_the_users_scope(world):
    rows = [["何思远", fake_id_number(71), "襄城县司法局", "", "事业编制", "", "", ""],
            ["邓雅琴", fake_id_number(72), "颍桥回族镇综合行政执法队", "", "事业编制", "", "", ""]]
    response = upload(world.users["leader_a"], "/force/officers/import/", xlsx(OFFICER_HEADER, rows))
    found = errors(response)
    assert [(r, c) for r, c, _m in found] == [(2, "所在单位"), (3, "所在单位")]
    assert "范围" in found[0][2]
    assert not Officer.objects.filter(name__in=["何思远", "邓雅琴"]).exists()


def test_import_refuses_a_missing_column_and_a_file_that_is_not_xlsx(world):
    before = snapshot()
    response = upload(world.users["bureau"], "/force/officers/import/",
                      xlsx(OFFICER_HEADER[:1] + OFFICER_HEADER[2:], officer_rows(world)))
    assert response.status_code == 400 and "身份证号" in errors(response)[0][2]
    response = upload(world.users["bureau"], "/force/officers/import/",
                      SimpleUploadedFile("officers.xlsx", "姓名,身份证号\n".encode()))
    assert response.status_code == 400 and "xlsx" in errors(response)[0][2]
    assert snapshot() == before


def test_import_is_not_offered_to_read_only_roles(world):
    for username in ("officer_a", "supervisor"):
        client = client_for(world.users[username])
        assert client.get("/force/officers/import/").status_code == 404
        assert client.get("/force/certificates/import/").status_code == 404


def cert_rows(world):
    return [
        ["豫A-0101", world.officer_a2.id_number, "执法证", "河南省人民政府", "农业农村、城市管理", "2026-01-01",
         "2031-12-31"],
        ["豫A-0102", world.officer_a.id_number, "监督证", "河南省人民政府", "生态环境,水利", "2026-01-01",
         "2031-12-31"],
    ]


def test_certificate_import_then_reimport_changes_nothing(world):
    bureau = world.users["bureau"]
    response = upload(bureau, "/force/certificates/import/", xlsx(CERT_HEADER, cert_rows(world)))
    assert response.status_code == 200, errors(response)
    assert response.context["result"].created == 2
    cert = Certificate.objects.get(number="豫A-0101")
    assert cert.officer == world.officer_a2 and cert.kind == "enforcement"
    assert set(cert.domains.values_list("code", flat=True)) == {"agriculture", "urban"}
    assert set(Certificate.objects.get(number="豫A-0102").domains.values_list("code", flat=True)) == {
        "ecology", "water"}
    before = snapshot()
    result = upload(bureau, "/force/certificates/import/", xlsx(CERT_HEADER, cert_rows(world))).context["result"]
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert snapshot() == before


def test_certificate_import_errors(world):
    rows = cert_rows(world) + [
        ["豫A-0103", fake_id_number(99), "执法证", "河南省人民政府", "城市管理", "2026-01-01", "2031-12-31"],
        ["豫A-0104", world.officer_a.id_number, "执法证", "河南省人民政府", "天文", "2026-01-01", "2031-12-31"],
        ["豫A-0105", world.officer_a.id_number, "执法证", "河南省人民政府", "", "2026-01-01", "2025-12-31"],
        ["豫A-0101", world.officer_a.id_number, "执法证", "河南省人民政府", "", "2026-01-01", "2031-12-31"],
    ]
    before = snapshot()
    response = upload(world.users["bureau"], "/force/certificates/import/", xlsx(CERT_HEADER, rows))
    found = {(r, c) for r, c, _m in errors(response)}
    assert {(4, "持证人身份证号"), (5, "执法领域"), (6, "有效期止"), (7, "证件编号")} <= found
    assert snapshot() == before
    response = upload(world.users["leader_a"], "/force/certificates/import/", xlsx(CERT_HEADER, cert_rows(world)))
    assert response.status_code == 404, "leaders do not manage certificates"
    rows = [["豫B-0001", world.officer_b.id_number, "执法证", "河南省人民政府", "", "2026-01-01", "2031-12-31"]]
    response = upload(world.users["dept"], "/force/certificates/import/", xlsx(CERT_HEADER, rows))
    assert [(r, c) for r, c, _m in errors(response)] == [(2, "持证人身份证号")]
    assert world.officer_b.id_number not in response.content.decode()
    assert snapshot() == before
