import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.audit.services import history
from zongzhi.utilities.testing import api_client_for, client_for, export_cells

pytestmark = pytest.mark.django_db


def test_change_log_follows_the_scope_of_the_changed_record(world):
    own = history(world.squad_a).last()
    other = history(world.squad_b).last()
    user = world.users["officer_a"]
    client = client_for(user)
    body = client.get("/audit/").content.decode()
    assert own.get_absolute_url() in body and other.get_absolute_url() not in body
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    cells = export_cells(client.get("/audit/?export=xlsx"))
    assert "城关街道综合行政执法队" in cells and "颍桥回族镇综合行政执法队" not in cells
    api = api_client_for(user)
    ids = {row["id"] for row in api.get("/api/v1/audit/", {"page_size": 500}).json()["results"]}
    assert own.pk in ids and other.pk not in ids
    assert api.get(f"/api/v1/audit/{other.pk}/").status_code == 404
    # The history tab of a hidden record is hidden too.
    assert client.get(f"/agencies/{world.squad_b.pk}/history/").status_code == 404


def test_bureau_sees_the_whole_county_log(world):
    entries = ChangeLogEntry.objects.restrict(world.users["bureau"])
    assert history(world.squad_b).last() in entries and history(world.squad_a).last() in entries


def test_change_log_api_is_read_only(world):
    api = api_client_for(world.users["admin"])
    entry = ChangeLogEntry.objects.first()
    assert api.delete(f"/api/v1/audit/{entry.pk}/").status_code == 405
    assert api.patch(f"/api/v1/audit/{entry.pk}/", {"object_repr": "x"}, format="json").status_code == 405


def test_history_and_log_pages_keep_a_fixed_number_of_queries(world):
    client = client_for(world.users["bureau"])
    client.get("/audit/")

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    log, hist = count("/audit/"), count(f"/agencies/{world.squad_a.pk}/history/")
    for i in range(30):
        world.squad_a.phone = f"0374-70000{i:02d}"
        world.squad_a.save()
    assert count("/audit/") == log
    assert count(f"/agencies/{world.squad_a.pk}/history/") == hist
