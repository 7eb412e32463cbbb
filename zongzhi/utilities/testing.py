"""Named personas and a small two-township world for tests (STYLE.md §13).

``build_world()`` makes: 河南省 › 许昌市 › 襄城县 with 城关街道 (township A) and 颍桥回族镇 (township B); the
county government, justice bureau and 农业农村局; per township its government, enforcement squad and justice
office; officers with certificates; one user per role. Township A's officer must never see township B.
"""

import datetime
from types import SimpleNamespace

from django.test import Client

from zongzhi.agencies.choices import AgencyKind
from zongzhi.agencies.models import Agency, Domain
from zongzhi.officers.choices import StaffingKind
from zongzhi.officers.models import Certificate, Officer
from zongzhi.regions.models import Region
from zongzhi.users import roles
from zongzhi.users.models import RoleAssignment, User
from zongzhi.utilities.identifiers import id_check_char

PASSWORD = "Zongzhi-test-2026"
DOMAINS = [("agriculture", "农业农村"), ("ecology", "生态环境"), ("urban", "城市管理"), ("water", "水利"),
           ("natural_resources", "自然资源"), ("culture", "文化广电")]


def fake_id_number(serial: int, birth="19850101", area="411025") -> str:
    """A syntactically valid, invented identity number (never a real person's)."""
    first17 = f"{area}{birth}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def region(code, name, level, parent=None, kind=""):
    return Region.objects.create(code=code, name=name, level=level, parent=parent, kind=kind)


def build_world():
    w = SimpleNamespace()
    w.province = region("41", "河南省", "province")
    w.city = region("4110", "许昌市", "prefecture", w.province)
    w.county = region("411025", "襄城县", "county", w.city)
    w.town_a = region("411025001", "城关街道", "township", w.county, "subdistrict")
    w.town_b = region("411025101", "颍桥回族镇", "township", w.county, "town")
    w.domains = {code: Domain.objects.create(code=code, name=name, order=i) for i, (code, name) in enumerate(DOMAINS)}
    w.county_gov = Agency.objects.create(name="襄城县人民政府", kind=AgencyKind.COUNTY_GOVERNMENT, region=w.county,
                                         is_enforcement_body=True)
    w.bureau = Agency.objects.create(name="襄城县司法局", kind=AgencyKind.JUSTICE_BUREAU, region=w.county,
                                     parent=w.county_gov, is_enforcement_body=True)
    w.dept = Agency.objects.create(name="襄城县农业农村局", kind=AgencyKind.COUNTY_DEPARTMENT, region=w.county,
                                   parent=w.county_gov, is_enforcement_body=True)
    w.dept.domains.add(w.domains["agriculture"])
    w.gov_a = Agency.objects.create(name="城关街道办事处", kind=AgencyKind.SUBDISTRICT_OFFICE, region=w.town_a,
                                    is_enforcement_body=True, short_name="城关街综执")
    w.squad_a = Agency.objects.create(name="城关街道综合行政执法队", kind=AgencyKind.ENFORCEMENT_SQUAD, region=w.town_a,
                                      parent=w.gov_a, acts_in_name_of=w.gov_a)
    w.office_a = Agency.objects.create(name="城关司法所", kind=AgencyKind.JUSTICE_OFFICE, region=w.town_a, parent=w.bureau)
    w.gov_b = Agency.objects.create(name="颍桥回族镇人民政府", kind=AgencyKind.TOWNSHIP_GOVERNMENT, region=w.town_b,
                                    is_enforcement_body=True, short_name="颍桥镇综执")
    w.squad_b = Agency.objects.create(name="颍桥回族镇综合行政执法队", kind=AgencyKind.ENFORCEMENT_SQUAD, region=w.town_b,
                                      parent=w.gov_b, acts_in_name_of=w.gov_b)
    today = datetime.date.today()
    w.officer_a = Officer.objects.create(name="林晓东", id_number=fake_id_number(11), agency=w.squad_a, post="队员",
                                         staffing=StaffingKind.INSTITUTION)
    w.officer_a2 = Officer.objects.create(name="周明远", id_number=fake_id_number(13), agency=w.squad_a, post="队长",
                                          staffing=StaffingKind.ADMINISTRATIVE, legal_qualification=True)
    w.officer_b = Officer.objects.create(name="郑雨桐", id_number=fake_id_number(22), agency=w.squad_b, post="队员",
                                         staffing=StaffingKind.INSTITUTION)
    w.cert_a = Certificate.objects.create(officer=w.officer_a, number="豫A-0001", issuing_authority="河南省人民政府",
                                          valid_from=today - datetime.timedelta(days=365),
                                          valid_to=today + datetime.timedelta(days=365))
    w.cert_a.domains.add(w.domains["agriculture"], w.domains["urban"])
    w.cert_b = Certificate.objects.create(officer=w.officer_b, number="豫A-0002", issuing_authority="河南省人民政府",
                                          valid_from=today - datetime.timedelta(days=365),
                                          valid_to=today + datetime.timedelta(days=365))
    w.cert_b.domains.add(w.domains["urban"])
    w.users = {}
    for username, role, agency in [
        ("officer_a", roles.OFFICER, w.squad_a),
        ("officer_b", roles.OFFICER, w.squad_b),
        ("leader_a", roles.LEADER, w.gov_a),
        ("reviewer_a", roles.LEGAL_REVIEWER, w.squad_a),
        ("justice_office_a", roles.JUSTICE_OFFICE, w.office_a),
        ("bureau", roles.JUSTICE_BUREAU, w.bureau),
        ("dept", roles.DEPARTMENT_LIAISON, w.dept),
        ("supervisor", roles.SUPERVISOR, w.county_gov),
    ]:
        user = User.objects.create_user(username=username, password=PASSWORD)
        RoleAssignment.objects.create(user=user, role=role, agency=agency)
        w.users[username] = user
    w.users["admin"] = User.objects.create_superuser(username="admin", password=PASSWORD)
    return w


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_client_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def export_cells(response) -> set:
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(response.content), read_only=True)
    return {str(v) for row in wb.worksheets[0].iter_rows(values_only=True) for v in row if v is not None}


def assert_scoped(user, visible, hidden, *, list_url, api_url, text=str):
    """``user`` can list, open, export and fetch ``visible`` but none of that for ``hidden`` (a 404)."""
    client = client_for(user)
    page = client.get(list_url)
    assert page.status_code == 200
    body = page.content.decode()
    assert visible.get_absolute_url() in body
    assert hidden.get_absolute_url() not in body
    assert client.get(visible.get_absolute_url()).status_code == 200
    assert client.get(hidden.get_absolute_url()).status_code == 404
    history = visible.get_absolute_url() + "history/"
    assert client.get(history).status_code == 200
    assert client.get(hidden.get_absolute_url() + "history/").status_code == 404
    export = client.get(list_url + "?export=xlsx")
    assert export.status_code == 200
    cells = export_cells(export)
    assert text(visible) in cells
    assert text(hidden) not in cells
    api = api_client_for(user)
    listed = api.get(api_url, {"page_size": 500})
    assert listed.status_code == 200
    ids = {row["id"] for row in listed.json()["results"]}
    assert visible.pk in ids and hidden.pk not in ids
    assert api.get(f"{api_url}{visible.pk}/").status_code == 200
    assert api.get(f"{api_url}{hidden.pk}/").status_code == 404
