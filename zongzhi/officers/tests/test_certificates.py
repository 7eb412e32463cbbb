import datetime

import pytest
from django.core.exceptions import ValidationError

from zongzhi.audit.services import history
from zongzhi.officers import services
from zongzhi.officers.models import Certificate, Officer
from zongzhi.utilities.testing import api_client_for, client_for, fake_id_number

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_can_enforce(world):
    officer, cert = world.officer_a, world.cert_a
    assert officer.can_enforce(TODAY, "agriculture")
    assert officer.can_enforce(TODAY, world.domains["urban"])
    assert not officer.can_enforce(TODAY, "water"), "wrong domain"
    assert not officer.can_enforce(cert.valid_to + datetime.timedelta(days=1), "agriculture"), "expired"
    assert not officer.can_enforce(cert.valid_from - datetime.timedelta(days=1), "agriculture"), "not yet valid"
    cert.status = "suspended"
    cert.save()
    assert not Officer.objects.get(pk=officer.pk).can_enforce(TODAY, "agriculture"), "suspended"
    cert.status = "active"
    cert.save()
    officer.status = "retired"
    officer.save()
    assert not Officer.objects.get(pk=officer.pk).can_enforce(TODAY, "agriculture"), "retired"
    officer.status = "seconded"
    officer.save()
    assert Officer.objects.get(pk=officer.pk).can_enforce(TODAY, "agriculture"), "seconded still serves"
    officer.staffing = "auxiliary"
    officer.save()
    assert not Officer.objects.get(pk=officer.pk).can_enforce(TODAY, "agriculture"), "auxiliary"


def test_a_supervision_certificate_does_not_allow_enforcement(world):
    world.cert_a.kind = "supervision"
    world.cert_a.save()
    assert not Officer.objects.get(pk=world.officer_a.pk).can_enforce(TODAY, "agriculture")


def test_auxiliary_cannot_hold_an_enforcement_certificate(world):
    helper = Officer.objects.create(name="韩小北", id_number=fake_id_number(61), agency=world.squad_a,
                                    staffing="auxiliary")
    response = api_client_for(world.users["bureau"]).post("/api/v1/certificates/", {
        "officer": helper.pk, "number": "豫A-0061", "issuing_authority": "河南省人民政府", "kind": "enforcement",
        "valid_from": "2026-01-01", "valid_to": "2030-12-31"}, format="json")
    assert response.status_code == 400 and "辅助人员" in response.json()["officer"][0]
    assert not Certificate.objects.filter(number="豫A-0061").exists()


def test_revoke_needs_a_reason_and_is_audited(world):
    bureau = world.users["bureau"]
    with pytest.raises(ValidationError):
        services.revoke_certificate(world.cert_a, reason="  ", by=bureau)
    assert Certificate.objects.get(pk=world.cert_a.pk).status == "active"
    services.revoke_certificate(world.cert_a, reason="调离执法岗位", by=bureau)
    cert = Certificate.objects.get(pk=world.cert_a.pk)
    assert (cert.status, cert.revoke_reason, cert.revoked_on) == ("revoked", "调离执法岗位", TODAY)
    assert history(cert).first().user_name == "bureau"
    with pytest.raises(ValidationError):
        services.revoke_certificate(cert, reason="再次注销", by=bureau)


def test_reissue_links_old_and_new(world):
    new = services.reissue_certificate(world.cert_a, number="豫A-1001", valid_from=TODAY,
                                       valid_to=TODAY + datetime.timedelta(days=1800), by=world.users["bureau"])
    old = Certificate.objects.get(pk=world.cert_a.pk)
    assert old.status == "revoked" and "豫A-1001" in old.revoke_reason
    assert new.replaces == old and old.replaced_by == new
    assert new.officer == old.officer and new.status == "active"
    assert set(new.domains.values_list("code", flat=True)) == {"agriculture", "urban"}
    body = client_for(world.users["officer_a"]).get(new.get_absolute_url()).content.decode()
    assert f'href="{old.get_absolute_url()}" data-testid="replaces"' in body
    body = client_for(world.users["officer_a"]).get(old.get_absolute_url()).content.decode()
    assert f'href="{new.get_absolute_url()}" data-testid="replaced-by"' in body
    with pytest.raises(ValidationError):
        services.reissue_certificate(old, number="豫A-1002", valid_from=TODAY, valid_to=TODAY,
                                     by=world.users["bureau"])


def test_reissue_refuses_bad_input_and_saves_nothing(world):
    client = client_for(world.users["bureau"])
    url = f"/force/certificates/{world.cert_a.pk}/reissue/"
    response = client.post(url, {"number": world.cert_b.number, "valid_from": "2026-05-01",
                                 "valid_to": "2026-04-01"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "证件编号" in body and "已存在" in body
    assert Certificate.objects.get(pk=world.cert_a.pk).status == "active"
    assert client.post(url, {"number": "", "valid_from": "x"}).status_code == 400
    world.officer_a.status = "left"
    world.officer_a.save()
    response = client.post(url, {"number": "豫A-1003", "valid_from": "2026-05-01", "valid_to": "2031-04-30"})
    assert response.status_code == 400 and "离职" in response.content.decode()
    assert not Certificate.objects.filter(number="豫A-1003").exists()


def test_revoke_and_reissue_pages(world):
    client = client_for(world.users["bureau"])
    assert client.post(f"/force/certificates/{world.cert_a.pk}/revoke/", {"reason": ""}).status_code == 400
    response = client.post(f"/force/certificates/{world.cert_a.pk}/reissue/", {
        "number": "豫A-2001", "valid_from": "2026-05-01", "valid_to": "2031-04-30"})
    new = Certificate.objects.get(number="豫A-2001")
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    response = client.post(f"/force/certificates/{new.pk}/revoke/", {"reason": "遗失"})
    assert response.status_code == 302 and Certificate.objects.get(pk=new.pk).status == "revoked"
    officer = client_for(world.users["officer_a"])
    assert officer.get(f"/force/certificates/{world.cert_a.pk}/revoke/").status_code == 404
    assert client_for(world.users["bureau"]).get(f"/force/certificates/{world.cert_b.pk}/").status_code == 200


def test_a_revoked_certificate_cannot_be_edited(world):
    services.revoke_certificate(world.cert_a, reason="退休", by=world.users["bureau"])
    response = client_for(world.users["bureau"]).post(f"/force/certificates/{world.cert_a.pk}/edit/", {
        "officer": world.officer_a.pk, "kind": "enforcement", "number": "豫A-0001", "issuing_authority": "x",
        "valid_from": "2026-01-01", "valid_to": "2030-01-01", "status": "active"})
    assert response.status_code == 400
    assert Certificate.objects.get(pk=world.cert_a.pk).status == "revoked"
    api = api_client_for(world.users["bureau"])
    assert api.patch(f"/api/v1/certificates/{world.cert_a.pk}/", {"status": "active"},
                     format="json").status_code == 400


def retire(officer, status="retired"):
    officer.status = status
    officer.save()


def test_cleanup_page_lists_candidates_in_scope_and_bulk_revokes(world):
    retire(world.officer_a)
    retire(world.officer_b, "transferred")
    a2 = Certificate.objects.create(officer=world.officer_a2, number="豫A-0003", issuing_authority="河南省人民政府",
                                    valid_from=world.cert_a.valid_from, valid_to=world.cert_a.valid_to)
    page = client_for(world.users["leader_a"]).get("/force/certificates/cleanup/")
    assert [c.pk for c in page.context["rows"]] == [world.cert_a.pk]
    assert 'name="selected"' not in page.content.decode(), "leaders may not revoke certificates"

    bureau = client_for(world.users["bureau"])
    assert {c.pk for c in bureau.get("/force/certificates/cleanup/").context["rows"]} == {world.cert_a.pk,
                                                                                          world.cert_b.pk}
    response = bureau.post("/force/certificates/cleanup/", {"selected": [world.cert_a.pk, world.cert_b.pk],
                                                            "reason": ""})
    assert response.status_code == 400
    response = bureau.post("/force/certificates/cleanup/", {"selected": [world.cert_a.pk, a2.pk],
                                                            "reason": "月度清理"})
    assert response.status_code == 400, "a certificate that is no candidate"
    assert Certificate.objects.filter(status="revoked").count() == 0
    response = bureau.post("/force/certificates/cleanup/", {"selected": [world.cert_a.pk, world.cert_b.pk],
                                                            "reason": "月度清理"})
    assert response.status_code == 302
    assert set(Certificate.objects.filter(status="revoked").values_list("pk", flat=True)) == {world.cert_a.pk,
                                                                                              world.cert_b.pk}
    for cert in (world.cert_a, world.cert_b):
        entry = history(cert).first()
        assert entry.user_name == "bureau" and entry.source == "ui"
    assert Certificate.objects.get(pk=a2.pk).status == "active"


def test_bulk_revoke_leaves_out_of_scope_certificates_untouched(world):
    retire(world.officer_a)
    retire(world.officer_b)
    dept = client_for(world.users["dept"])
    assert list(dept.get("/force/certificates/cleanup/").context["rows"]) == []
    response = dept.post("/force/certificates/cleanup/", {"selected": [world.cert_a.pk], "reason": "月度清理"})
    assert response.status_code == 400
    response = api_client_for(world.users["dept"]).post("/api/v1/certificates/cleanup/revoke/", {
        "ids": [world.cert_b.pk], "reason": "月度清理"}, format="json")
    assert response.status_code == 400 and "ids" in response.json()
    assert Certificate.objects.filter(status="revoked").count() == 0


def test_api_actions(world):
    retire(world.officer_b)
    api = api_client_for(world.users["bureau"])
    cleanup = api.get("/api/v1/certificates/cleanup/").json()["results"]
    assert [c["number"] for c in cleanup] == [world.cert_b.number]
    response = api.post("/api/v1/certificates/cleanup/revoke/", {"ids": [world.cert_b.pk], "reason": "月度清理"},
                        format="json")
    assert response.json() == {"revoked": 1}
    assert history(world.cert_b).first().source == "api"
    response = api.post(f"/api/v1/certificates/{world.cert_a.pk}/reissue/", {
        "number": "豫A-3001", "valid_from": "2026-06-01", "valid_to": "2026-05-01"}, format="json")
    assert response.status_code == 400 and "valid_to" in response.json()
    response = api.post(f"/api/v1/certificates/{world.cert_a.pk}/reissue/", {
        "number": "豫A-3001", "valid_from": "2026-06-01", "valid_to": "2031-05-31"}, format="json")
    assert response.status_code == 201 and response.json()["replaces"] == world.cert_a.pk
    new = response.json()["id"]
    response = api.post(f"/api/v1/certificates/{new}/revoke/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    response = api.post(f"/api/v1/certificates/{new}/revoke/", {"reason": "遗失"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    officer_api = api_client_for(world.users["officer_a"])
    assert officer_api.post(f"/api/v1/certificates/{world.cert_a.pk}/revoke/", {"reason": "x"},
                            format="json").status_code == 403


def test_certificate_filters(world):
    client = client_for(world.users["bureau"])
    numbers = lambda query: {c.number for c in client.get("/force/certificates/" + query).context["rows"]}  # noqa: E731
    world.cert_b.valid_to = TODAY + datetime.timedelta(days=20)
    world.cert_b.save()
    assert numbers("?expiring_within=30") == {world.cert_b.number}
    assert numbers(f"?domain={world.domains['agriculture'].pk}") == {world.cert_a.number}
    assert numbers(f"?agency={world.squad_b.pk}") == {world.cert_b.number}
    assert numbers("?kind=supervision") == set()
    world.cert_b.valid_from = TODAY - datetime.timedelta(days=400)
    world.cert_b.valid_to = TODAY - datetime.timedelta(days=1)
    world.cert_b.save()
    assert numbers("?status=expired") == {world.cert_b.number}
    assert numbers("?status=active") == {world.cert_a.number}
