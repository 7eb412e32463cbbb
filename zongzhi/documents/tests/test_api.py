import datetime

from django.utils import timezone

from zongzhi.documents.choices import DocumentKind
from zongzhi.documents.models import DocumentTemplate, GeneratedDocument, Publication
from zongzhi.utilities.testing import api_client_for


def test_issue_void_and_download_through_the_api(world, case_a, case_b):
    api = api_client_for(world.users["officer_a"])
    response = api.post("/api/v1/documents/issue/", {"kind": DocumentKind.PENALTY_NOTICE, "case": case_a.pk,
                                                     "context": {"statement_days": "五"}}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].startswith("城关街综执罚告字") and body["case"] == case_a.pk
    doc = GeneratedDocument.objects.get(pk=body["id"])
    assert any("五个工作日内向本机关提出陈述" in b.get("text", "") for b in doc.content["blocks"])
    pdf = api.get(f"/api/v1/documents/{doc.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Bad input: field errors, never a 500; another township's case does not exist for this user.
    bad = api.post("/api/v1/documents/issue/", {"kind": "nonsense", "case": case_b.pk}, format="json")
    assert bad.status_code == 400 and set(bad.json()) >= {"kind", "case"}
    case_file = api.post("/api/v1/documents/issue/", {"kind": DocumentKind.CASE_COVER, "case": case_a.pk},
                         format="json")
    assert case_file.status_code == 400
    assert api.post(f"/api/v1/documents/{doc.pk}/void/", {}, format="json").status_code == 400
    voided = api.post(f"/api/v1/documents/{doc.pk}/void/", {"reason": "告知内容有误"}, format="json")
    assert voided.status_code == 200 and voided.json()["status"] == "void"
    again = api.post(f"/api/v1/documents/{doc.pk}/void/", {"reason": "再次"}, format="json")
    assert again.status_code == 400
    other = api_client_for(world.users["officer_b"])
    assert other.post(f"/api/v1/documents/{doc.pk}/void/", {"reason": "x"}, format="json").status_code == 404
    readonly = api_client_for(world.users["supervisor"])
    assert readonly.post("/api/v1/documents/issue/", {"kind": DocumentKind.PENALTY_NOTICE, "case": case_a.pk},
                         format="json").status_code == 403


def test_publish_and_withdraw_through_the_api(world, case_a, case_b):
    api = api_client_for(world.users["officer_a"])
    assert api.post("/api/v1/publications/publish/", {"case": case_a.pk}, format="json").status_code == 400
    api.post("/api/v1/documents/issue/", {"kind": DocumentKind.PENALTY_DECISION, "case": case_a.pk}, format="json")
    published = api.post("/api/v1/publications/publish/", {"case": case_a.pk}, format="json")
    assert published.status_code == 201, published.content
    body = published.json()
    assert body["party"] == "欧阳某某" and body["due_date"] == "2025-10-14" and body["late"] is True
    assert api.post("/api/v1/publications/publish/", {"case": case_b.pk}, format="json").status_code == 400
    pk = body["id"]
    assert api_client_for(world.users["officer_b"]).post(f"/api/v1/publications/{pk}/withdraw/",
                                                         {"reason": "x"}, format="json").status_code == 404
    assert api_client_for(world.users["supervisor"]).post(f"/api/v1/publications/{pk}/withdraw/",
                                                          {"reason": "x"}, format="json").status_code == 403
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    bad = api.post(f"/api/v1/publications/{pk}/withdraw/", {"reason": "撤销", "changed_on": future}, format="json")
    assert bad.status_code == 400 and "changed_on" in bad.json()
    done = api.post(f"/api/v1/publications/{pk}/withdraw/", {"reason": "复议撤销"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "withdrawn" and done.json()["public_url"] is None
    assert Publication.objects.get(pk=pk).withdrawn_by == world.users["officer_a"]


def test_templates_through_the_api(world, seeded):
    bureau = api_client_for(world.users["bureau"])
    data = {"kind": DocumentKind.DEMAND_NOTICE, "region": world.county.pk, "version": 1, "active": True,
            "title": "襄城县催告书", "body": "{{ party.name }}：请履行。", "note": ""}
    created = bureau.post("/api/v1/document-templates/", data, format="json")
    assert created.status_code == 201, created.content
    assert bureau.post("/api/v1/document-templates/", data, format="json").status_code == 400  # same version
    broken = bureau.post("/api/v1/document-templates/", {**data, "version": 2, "body": "{% if %}"}, format="json")
    assert broken.status_code == 400 and "body" in broken.json()
    national = bureau.post("/api/v1/document-templates/", {**data, "region": None, "version": 9}, format="json")
    assert national.status_code == 403
    officer = api_client_for(world.users["officer_a"])
    assert officer.post("/api/v1/document-templates/", {**data, "version": 3}, format="json").status_code == 403
    listed = officer.get("/api/v1/document-templates/", {"kind": DocumentKind.DEMAND_NOTICE}).json()
    assert {r["title"] for r in listed["results"]} == {"催告书", "襄城县催告书"}
    assert DocumentTemplate.objects.filter(kind=DocumentKind.DEMAND_NOTICE).count() == 2
