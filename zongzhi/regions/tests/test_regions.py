import pytest
from django.core.management import CommandError, call_command

from zongzhi.agencies.models import Agency
from zongzhi.audit.models import ChangeLogEntry
from zongzhi.regions.choices import TownshipKind, township_kind
from zongzhi.regions.models import Region
from zongzhi.regions.services import RegionImportError, import_region, set_administered_by
from zongzhi.users.models import RoleAssignment, User
from zongzhi.utilities.testing import api_client_for, client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code,kind", [("411025001", TownshipKind.SUBDISTRICT), ("411025101", TownshipKind.TOWN),
                                       ("411025203", TownshipKind.TOWNSHIP), ("441302450", TownshipKind.OTHER)])
def test_township_kind_from_digits_7_to_9(code, kind):
    assert township_kind(code) == kind


def test_import_county_is_idempotent_and_audited():
    counts = import_region("411025")
    assert counts["created"] == 3 + 16  # 河南省, 许昌市, 襄城县 and its 16 township-level units
    county = Region.objects.get(code="411025")
    assert county.path == "/41/4110/411025/"
    towns = Region.objects.filter(parent=county)
    assert towns.count() == 16
    assert set(towns.values_list("kind", flat=True)) == {"subdistrict", "town", "township"}
    logged = ChangeLogEntry.objects.count()
    assert logged == 19
    assert import_region("411025") == {"created": 0, "updated": 0, "unchanged": 19}
    assert ChangeLogEntry.objects.count() == logged


def test_import_a_city_and_unknown_code():
    counts = import_region("4413")
    assert Region.objects.filter(level="county", parent__code="4413").count() >= 5
    assert counts["created"] == Region.objects.count()
    with pytest.raises(RegionImportError):
        import_region("999999")
    with pytest.raises(CommandError, match="999999"):
        call_command("import_regions", "999999")


def test_administered_by_moves_the_scope_subtree():
    import_region("441302")
    body = Region.objects.create(code="441399", name="仲恺高新区", level="county",
                                 parent=Region.objects.get(code="4413"))
    chenjiang = Region.objects.get(code="441302008")
    set_administered_by(chenjiang, body)
    chenjiang.refresh_from_db()
    assert chenjiang.parent.code == "441302"  # still located in 惠城区
    assert chenjiang.path == "/44/4413/441399/441302008/"
    zk = Agency.objects.create(name="仲恺高新区综合行政执法局", kind="enforcement_bureau", region=body)
    hc = Agency.objects.create(name="惠城区司法局", kind="justice_bureau", region=Region.objects.get(code="441302"))
    squad = Agency.objects.create(name="陈江街道综合行政执法队", kind="enforcement_squad", region=chenjiang)
    zk_user = User.objects.create_user("zk")
    RoleAssignment.objects.create(user=zk_user, role="justice_bureau", agency=zk)
    hc_user = User.objects.create_user("hc")
    RoleAssignment.objects.create(user=hc_user, role="justice_bureau", agency=hc)
    assert squad in Agency.objects.restrict(zk_user)
    assert squad not in Agency.objects.restrict(hc_user)
    with pytest.raises(RegionImportError):
        set_administered_by(Region.objects.get(code="441302"), chenjiang)
    set_administered_by(chenjiang, None)
    chenjiang.refresh_from_db()
    assert chenjiang.path == "/44/4413/441302/441302008/"


def test_region_pages_tree_and_api(world):
    client = client_for(world.users["officer_a"])
    assert client.get("/regions/").status_code == 200
    tree = client.get("/regions/tree/")
    assert "河南省" in tree.content.decode()
    children = client.get("/regions/tree/?parent=411025").content.decode()
    assert "城关街道" in children and "颍桥回族镇" in children
    assert client.get(f"/regions/{world.town_b.pk}/").status_code == 200  # divisions are public reference data
    api = api_client_for(world.users["officer_a"])
    rows = api.get("/api/v1/regions/", {"within": "411025", "level": "township"}).json()["results"]
    assert {r["code"] for r in rows} == {"411025001", "411025101"}


def test_only_the_bureau_edits_regions(world):
    assert client_for(world.users["officer_a"]).get(f"/regions/{world.town_a.pk}/edit/").status_code == 404
    response = client_for(world.users["bureau"]).post(f"/regions/{world.town_a.pk}/edit/", {
        "name": "城关街道", "administered_by": world.town_a.pk})
    assert response.status_code == 400
    assert "不能由自身" in response.content.decode()
