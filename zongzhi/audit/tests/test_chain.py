import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from zongzhi.agencies.models import Agency
from zongzhi.audit.choices import Action, Source
from zongzhi.audit.context import audit_context
from zongzhi.audit.models import AppendOnlyError, ChangeLogEntry
from zongzhi.audit.services import BrokenLink, history, verify_chain
from zongzhi.utilities.testing import api_client_for, client_for

pytestmark = pytest.mark.django_db


def test_create_update_delete_are_logged_with_before_and_after(world):
    agency = Agency.objects.create(name="测试单位", kind="county_department", region=world.county)
    agency.phone = "0374-1234567"
    agency.save()
    pk = agency.pk
    agency.delete()
    entries = list(ChangeLogEntry.objects.filter(object_id=str(pk), content_type__model="agency").order_by("id"))
    assert [e.action for e in entries] == [Action.CREATE, Action.UPDATE, Action.DELETE]
    assert entries[1].before["phone"] == "" and entries[1].after["phone"] == "0374-1234567"
    assert entries[2].after is None and entries[2].before["name"] == "测试单位"
    assert all(e.source == Source.COMMAND for e in entries)


def test_saving_without_change_logs_nothing(world):
    before = ChangeLogEntry.objects.count()
    Agency.objects.get(pk=world.dept.pk).save()
    assert ChangeLogEntry.objects.count() == before


def test_m2m_change_is_logged(world):
    world.dept.domains.add(world.domains["water"])
    entry = ChangeLogEntry.objects.filter(object_id=str(world.dept.pk), content_type__model="agency").first()
    assert entry.after["domains"] == sorted([world.domains["agriculture"].pk, world.domains["water"].pk])


def test_ui_api_and_import_contexts_are_attributed(world):
    client = client_for(world.users["bureau"])
    response = client.post(f"/agencies/{world.dept.pk}/edit/", {
        "name": world.dept.name, "kind": world.dept.kind, "region": world.county.pk, "parent": world.county_gov.pk,
        "domains": [world.domains["agriculture"].pk], "phone": "0374-7000001", "active": "on",
        "is_enforcement_body": "on",
    }, HTTP_X_REQUEST_ID="abc123")
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = history(world.dept).first()
    assert (entry.source, entry.user_name, entry.request_id) == (Source.UI, "bureau", "abc123")
    api = api_client_for(world.users["bureau"])
    assert api.patch(f"/api/v1/agencies/{world.dept.pk}/", {"phone": "0374-7000002"}, format="json").status_code == 200
    entry = history(world.dept).first()
    assert (entry.source, entry.user_name, entry.after["phone"]) == (Source.API, "bureau", "0374-7000002")
    with audit_context(user=world.users["admin"], source=Source.IMPORT):
        world.dept.phone = "0374-7000003"
        world.dept.save()
    entry = history(world.dept).first()
    assert (entry.source, entry.user_name) == (Source.IMPORT, "admin")


def test_user_name_survives_user_deletion(world):
    user = world.users["bureau"]
    with audit_context(user=user, source=Source.UI):
        world.dept.phone = "1"
        world.dept.save()
    user.role_assignments.all().delete()
    user.delete()
    entry = history(world.dept).first()
    assert entry.user_name == "bureau"
    verify_chain()


def test_entries_are_append_only(world):
    entry = ChangeLogEntry.objects.first()
    entry.object_repr = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_verify_audit_names_the_edited_entry(world):
    assert verify_chain() == ChangeLogEntry.objects.count()
    call_command("verify_audit")
    target = ChangeLogEntry.objects.order_by("id")[3]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_changelogentry SET object_repr = %s WHERE id = %s", ["篡改", target.pk])
    with pytest.raises(BrokenLink) as broken:
        verify_chain()
    assert broken.value.entry_id == target.pk
    with pytest.raises(CommandError, match=f"#{target.pk}"):
        call_command("verify_audit")


def test_verify_audit_notices_a_removed_entry(world):
    ids = list(ChangeLogEntry.objects.order_by("id").values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_changelogentry WHERE id = %s", [ids[5]])
    with pytest.raises(BrokenLink) as broken:
        verify_chain()
    assert broken.value.entry_id == ids[6]


def test_verify_audit_notices_entries_cut_from_the_end(world):
    last = ChangeLogEntry.objects.order_by("-id").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_changelogentry WHERE id = %s", [last.pk])
    with pytest.raises(BrokenLink):
        verify_chain()


def test_history_tab_shows_changes(world):
    world.dept.phone = "0374-9999999"
    world.dept.save()
    response = client_for(world.users["officer_a"]).get(f"/agencies/{world.dept.pk}/history/")
    assert response.status_code == 200
    assert "0374-9999999" in response.content.decode()


def test_history_speaks_the_users_words(world):
    world.squad_a.kind = "enforcement_brigade"
    world.squad_a.is_enforcement_body = False
    world.squad_a.parent = world.county_gov
    world.squad_a.save()
    body = client_for(world.users["officer_a"]).get(f"/agencies/{world.squad_a.pk}/history/").content.decode()
    assert "综合行政执法大队" in body and "enforcement_brigade" not in body
    assert "上级单位" in body and "襄城县人民政府" in body  # the related record by name, not its id


def test_a_batch_writes_the_same_chain_with_fewer_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zongzhi.audit.services import chain_batch

    before = ChangeLogEntry.objects.count()
    with CaptureQueriesContext(connection) as single:
        for i in range(5):
            Agency.objects.create(name=f"逐条{i}", kind="county_department", region=world.county)
    with CaptureQueriesContext(connection) as batched, chain_batch():
        for i in range(5):
            Agency.objects.create(name=f"批量{i}", kind="county_department", region=world.county)
    assert ChangeLogEntry.objects.count() == before + 10
    assert len(batched) < len(single)
    assert verify_chain() == ChangeLogEntry.objects.count()
    # The head agrees with the chain, so later single entries link on.
    Agency.objects.create(name="之后", kind="county_department", region=world.county)
    verify_chain()


def test_a_failed_batch_leaves_no_trace(world):
    from django.db import transaction

    from zongzhi.audit.services import chain_batch

    before = ChangeLogEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic(), chain_batch():
        Agency.objects.create(name="回滚", kind="county_department", region=world.county)
        raise RuntimeError
    assert ChangeLogEntry.objects.count() == before
    verify_chain()


def test_admin_site_changes_are_logged_as_admin(world):
    client = client_for(world.users["admin"])
    url = f"/admin/agencies/domain/{world.domains['water'].pk}/change/"
    response = client.post(url, {"code": "water", "name": "水利水务", "order": 3})
    assert response.status_code == 302, response.content.decode()[:500]
    entry = history(world.domains["water"]).first()
    assert (entry.source, entry.user_name, entry.after["name"]) == (Source.ADMIN, "admin", "水利水务")
