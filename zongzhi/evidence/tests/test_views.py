import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from zongzhi.cases.testing import filed_case
from zongzhi.evidence import services
from zongzhi.evidence.choices import EvidenceKind, ItemStatus
from zongzhi.evidence.models import Evidence, EvidenceFile, Preservation, SeizedItem, Seizure
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for, export_cells

from . import files as f

ITEMS = [{"name": "秸秆捆", "quantity": 20, "unit": "捆"}]


def world_records(cw, town):
    """Evidence, an approved preservation and an approved seizure in a case of ``town``."""
    case = filed_case(cw, town=town)
    officer = cw.users["officer_a" if town == "a" else "officer_b"]
    head = cw.users["leader_a" if town == "a" else "admin"]
    collector = cw.officer_a if town == "a" else cw.officer_b
    evidence = services.add_evidence(case, by=officer, kind=EvidenceKind.AUDIOVISUAL, title=f"现场照片{town}",
                                     collected_by=collector, files=[f.png()])
    preservation = services.approve_preservation(services.register_preservation(
        case, by=officer, items=ITEMS, place=f"地点{town}", reason="易灭失"), by=head)
    seizure = services.approve_seizure(services.register_seizure(
        case, by=officer, items=[{"name": f"三轮车{town}", "quantity": 1, "unit": "辆"}], place=f"路口{town}",
        reason="占道经营", custody_place="仓库", custodian="保管员"), by=head)
    return case, evidence, preservation, seizure, seizure.items.get()


@pytest.fixture
def records(cw):
    return {"a": world_records(cw, "a"), "b": world_records(cw, "b")}


def test_scope_of_every_list_detail_export_and_api(cw, records):
    user = cw.users["officer_a"]
    a, b = records["a"], records["b"]
    assert_scoped(user, a[1], b[1], list_url="/evidence/", api_url="/api/v1/evidence/", text=lambda e: e.title)
    assert_scoped(user, a[2], b[2], list_url="/evidence/preservations/", api_url="/api/v1/preservations/")
    assert_scoped(user, a[3], b[3], list_url="/evidence/seizures/", api_url="/api/v1/seizures/")
    assert_scoped(user, a[4], b[4], list_url=reverse("evidence:seizeditem_list"), api_url="/api/v1/seized-items/",
                  text=lambda i: i.name)
    # files: the download and the API
    file_a, file_b = a[1].files.get(), b[1].files.get()
    client, api = client_for(user), api_client_for(user)
    assert client.get(reverse("evidence:evidencefile_download", args=[file_a.pk])).status_code == 200
    assert client.get(reverse("evidence:evidencefile_download", args=[file_b.pk])).status_code == 404
    assert api.get(f"/api/v1/evidence-files/{file_b.pk}/").status_code == 404
    assert api.get(f"/api/v1/evidence-files/{file_b.pk}/download/").status_code == 404
    ids = {row["id"] for row in api.get("/api/v1/evidence-files/").json()["results"]}
    assert ids == {file_a.pk}
    # the steps on another township's records are "not found"
    assert client.get(reverse("evidence:evidence_add", args=[b[0].pk])).status_code == 404
    assert client.post(reverse("evidence:seizure_extend", args=[b[3].pk]), {"days": 5, "reason": "x"}).status_code == 404
    assert api.post(f"/api/v1/seized-items/{b[4].pk}/status/", {"status": "returned", "document_ref": "x"},
                    format="json").status_code == 404


def test_the_county_sees_both_townships_in_the_ledger(cw, records):
    response = client_for(cw.users["supervisor"]).get(reverse("evidence:seizeditem_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert records["a"][4].get_absolute_url() in body and records["b"][4].get_absolute_url() in body


def test_download_checks_the_hash(cw, records, media):
    stored = records["a"][1].files.get()
    client = client_for(cw.users["officer_a"])
    url = reverse("evidence:evidencefile_download", args=[stored.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-SHA256"] == stored.sha256
    assert b"".join(response.streaming_content) == (media / stored.file.name).read_bytes()
    (media / stored.file.name).write_bytes(b"\x89PNG\r\n\x1a\n tampered")
    refused = client.get(url)
    assert refused.status_code == 409
    assert stored.sha256 in refused.content.decode()
    api = api_client_for(cw.users["officer_a"]).get(f"/api/v1/evidence-files/{stored.pk}/download/")
    assert api.status_code == 409 and api.json()["sha256"] == stored.sha256


def test_add_evidence_through_the_page(cw, media):
    case = filed_case(cw)
    client = client_for(cw.users["officer_a"])
    url = reverse("evidence:evidence_add", args=[case.pk])
    assert client.get(url).status_code == 200
    data = {"kind": EvidenceKind.DOCUMENTARY, "title": "营业执照复印件", "collected_by": cw.officer_a2.pk,
            "collected_at": "2026-01-05T10:30", "place": "店内", "source": "当事人", "next": "/evidence/?case=1"}
    response = client.post(url, {**data, "files": [f.pdf(), f.png()]})
    assert response.status_code == 302 and response["Location"] == "/evidence/?case=1"
    evidence = Evidence.objects.get()
    assert evidence.files.count() == 2 and evidence.collected_by == cw.officer_a2
    bad = client.post(url, {**data, "files": [f.exe("营业执照.jpg")]})
    assert bad.status_code == 400
    assert "营业执照.jpg" in bad.content.decode()
    assert Evidence.objects.count() == 1
    outsider = client.post(url, {**data, "collected_by": cw.officer_b.pk})
    assert outsider.status_code == 400


def test_a_large_upload_streams_from_a_temporary_file(cw, media, settings):
    """Above FILE_UPLOAD_MAX_MEMORY_SIZE Django keeps the upload in a temporary file: it is still hashed while
    it streams into storage."""
    import hashlib

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    case = filed_case(cw)
    content = ("现场检查笔录。" * 2000).encode()
    client_for(cw.users["officer_a"]).post(reverse("evidence:evidence_add", args=[case.pk]), {
        "kind": EvidenceKind.ONSITE_RECORD, "title": "笔录", "collected_by": cw.officer_a.pk,
        "collected_at": "2026-01-05T10:30", "files": [f.upload("笔录.txt", content)]})
    stored = EvidenceFile.objects.get()
    assert stored.size == len(content) and stored.sha256 == hashlib.sha256(content).hexdigest()
    assert (media / stored.file.name).read_bytes() == content


def test_steps_through_the_pages(cw):
    case = filed_case(cw)
    officer, head = client_for(cw.users["officer_a"]), client_for(cw.users["leader_a"])
    today = timezone.localdate().isoformat()
    response = officer.post(reverse("evidence:preservation_add", args=[case.pk]), {
        "registered_on": today, "place": "田间", "reason": "易灭失", "items": "秸秆, 20, 捆, 约30公斤\n打火机,1,个"})
    assert response.status_code == 302
    preservation = Preservation.objects.get()
    assert preservation.items.count() == 2
    bad = officer.post(reverse("evidence:preservation_add", args=[case.pk]), {
        "registered_on": today, "place": "田间", "reason": "易灭失", "items": "秸秆, 二十, 捆"})
    assert bad.status_code == 400 and "二十" in bad.content.decode()
    refused = officer.post(reverse("evidence:preservation_approve", args=[preservation.pk]), {"approve": "yes"})
    assert refused.status_code == 400 and "第五十六条" in refused.content.decode()
    assert head.post(reverse("evidence:preservation_approve", args=[preservation.pk]),
                     {"approve": "yes"}).status_code == 302
    assert head.post(reverse("evidence:preservation_decide", args=[preservation.pk]),
                     {"decision": "seize", "decided_on": today}).status_code == 302
    # the decision "seize" offers the seizure form with the preserved items filled in
    from django.template.loader import render_to_string

    section = render_to_string("evidence/case_section.html", {"case": case, "user": cw.users["leader_a"]})
    link = re.search(r'href="(/evidence/case/\d+/seizures/add/\?[^"]+)"', section).group(1).replace("&amp;", "&")
    form = head.get(link).content.decode()
    assert "秸秆, 20, 捆, 约30公斤" in form and 'value="田间"' in form
    officer.post(reverse("evidence:seizure_add", args=[case.pk]), {
        "kind": "impound", "seized_on": today, "term_days": 30, "place": "路口", "reason": "占道",
        "custody_place": "仓库", "custodian": "周明远", "items": "三轮车,1,辆"})
    seizure = Seizure.objects.get()
    head.post(reverse("evidence:seizure_approve", args=[seizure.pk]), {"approve": "yes"})
    seizure.refresh_from_db()
    assert seizure.status == "in_force"
    assert head.post(reverse("evidence:seizure_extend", args=[seizure.pk]),
                     {"days": 30, "reason": "复杂"}).status_code == 302
    second = head.post(reverse("evidence:seizure_extend", args=[seizure.pk]), {"days": 5, "reason": "再延"})
    assert second.status_code == 400 and "第二十五条" in second.content.decode()
    item = SeizedItem.objects.get()
    page = head.get(item.get_absolute_url())
    assert page.status_code == 200 and "data-testid=\"item-events\"" in page.content.decode()
    response = head.post(reverse("evidence:seizeditem_status", args=[item.pk]),
                         {"status": "returned", "on": today, "document_ref": "解扣〔2026〕1号"})
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    item.refresh_from_db()
    assert item.status == ItemStatus.RETURNED


def test_case_section_with_fixed_queries(cw, django_assert_max_num_queries, rf):
    from django.template.loader import render_to_string

    case, *_ = world_records(cw, "a")
    user = cw.users["leader_a"]
    user.active_assignments()

    def render():
        request = rf.get("/")
        request.user = user
        return render_to_string("evidence/case_section.html", {"case": case, "user": user, "actions": []},
                                request=request)

    with django_assert_max_num_queries(12) as before:
        html = render()
    assert "现场照片a" in html and "SHA-256" in html and "evidence-form" in html
    for n in range(4):
        services.add_evidence(case, by=user, kind=EvidenceKind.WITNESS, title=f"证言{n}", collected_by=cw.officer_a,
                              files=[f.txt(), f.pdf()])
        services.register_seizure(case, by=user, items=[{"name": "伞", "quantity": 1, "unit": "把"}], place="x",
                                  reason="y", custody_place="z", custodian="w")
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = render()
    assert "证言3" in html
    response = client_for(user).get(reverse("evidence:case_section", args=[case.pk]))
    assert response.status_code == 200 and "证言3" in response.content.decode()


def test_ledger_list_filters_export_and_query_count(cw, records, django_assert_max_num_queries):
    client = client_for(cw.users["supervisor"])
    url = reverse("evidence:seizeditem_list")
    item_a, item_b = records["a"][4], records["b"][4]
    services.change_item_status(item_b, by=cw.users["admin"], status=ItemStatus.CONFISCATED, document_ref="罚决1号")
    body = client.get(url, {"status": "confiscated"}).content.decode()
    assert item_b.get_absolute_url() in body and item_a.get_absolute_url() not in body
    body = client.get(url, {"township": cw.town_a.pk}).content.decode()
    assert item_a.get_absolute_url() in body and item_b.get_absolute_url() not in body
    body = client.get(url, {"case": item_b.case_id}).content.decode()
    assert item_b.get_absolute_url() in body and item_a.get_absolute_url() not in body
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert item_a.get_absolute_url() not in client.get(url, {"seized_from": tomorrow}).content.decode()
    cells = export_cells(client.get(url, {"status": "confiscated", "export": "xlsx"}))
    assert "三轮车b" in cells and "罚决1号" in cells and "三轮车a" not in cells
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _n in range(5):
        world_records(cw, "a")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    api = api_client_for(cw.users["supervisor"]).get("/api/v1/seized-items/", {"status": "confiscated"})
    assert [row["name"] for row in api.json()["results"]] == ["三轮车b"]


def test_api_upload_and_steps(cw, media):
    case = filed_case(cw)
    api = api_client_for(cw.users["officer_a"])
    response = api.post("/api/v1/evidence/", {
        "case": case.pk, "kind": "audiovisual", "title": "执法记录仪视频", "collected_by": cw.officer_a.pk,
        "files": [f.mp4(), f.png()]}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["files"]) == 2 and len(body["files"][0]["sha256"]) == 64
    bad = api.post("/api/v1/evidence/", {"case": case.pk, "kind": "audiovisual", "title": "x",
                                         "collected_by": cw.officer_a.pk, "files": [f.exe()]}, format="multipart")
    assert bad.status_code == 400 and "files" in bad.json()
    other = filed_case(cw, town="b")
    hidden = api.post("/api/v1/evidence/", {"case": other.pk, "kind": "audiovisual", "title": "x",
                                            "collected_by": cw.officer_a.pk}, format="multipart")
    assert hidden.status_code == 400 and "case" in hidden.json()
    evidence_id = body["id"]
    added = api.post(f"/api/v1/evidence/{evidence_id}/files/", {"files": [f.txt()]}, format="multipart")
    assert added.status_code == 200 and len(added.json()["files"]) == 3
    assert api.post(f"/api/v1/evidence/{evidence_id}/remove/", {}, format="json").status_code == 400
    assert api.put(f"/api/v1/evidence/{evidence_id}/", {}, format="json").status_code == 405

    created = api.post("/api/v1/seizures/", {
        "case": case.pk, "place": "路口", "reason": "占道", "custody_place": "仓库", "custodian": "周明远",
        "term_days": 31, "items": [{"name": "三轮车", "quantity": "1", "unit": "辆"}]}, format="json")
    assert created.status_code == 400 and "term_days" in created.json()
    created = api.post("/api/v1/seizures/", {
        "case": case.pk, "place": "路口", "reason": "占道", "custody_place": "仓库", "custodian": "周明远",
        "items": [{"name": "三轮车", "quantity": "1", "unit": "辆"}]}, format="json")
    assert created.status_code == 201, created.content
    sid = created.json()["id"]
    assert api.post(f"/api/v1/seizures/{sid}/approve/", {}, format="json").status_code == 400  # not the head
    head = api_client_for(cw.users["leader_a"])
    approved = head.post(f"/api/v1/seizures/{sid}/approve/", {}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "in_force"
    assert head.post(f"/api/v1/seizures/{sid}/extend/", {"days": 30, "reason": "复杂"}, format="json").status_code == 200
    again = head.post(f"/api/v1/seizures/{sid}/extend/", {"days": 3, "reason": "再延"}, format="json")
    assert again.status_code == 400 and "第二十五条" in str(again.json())
    tested = api.post(f"/api/v1/seizures/{sid}/testing/", {"days": 5, "note": "检验"}, format="json")
    assert tested.status_code == 200 and tested.json()["testing_days"] == 5
    item_id = approved.json()["items"][0]["id"]
    done = head.post(f"/api/v1/seized-items/{item_id}/status/", {"status": "auctioned", "document_ref": "拍卖1号"},
                     format="json")
    assert done.status_code == 200 and done.json()["status"] == "auctioned" and len(done.json()["events"]) == 2
    assert api.get(f"/api/v1/seizures/{sid}/").json()["status"] == "ended"

    pres = api.post("/api/v1/preservations/", {"case": case.pk, "place": "田间", "reason": "易灭失",
                                               "items": [{"name": "秸秆", "quantity": "2", "unit": "捆"}]},
                    format="json")
    assert pres.status_code == 201
    pid = pres.json()["id"]
    assert head.post(f"/api/v1/preservations/{pid}/approve/", {}, format="json").json()["due_on"]
    decided = head.post(f"/api/v1/preservations/{pid}/decide/", {"decision": "record_and_return"}, format="json")
    assert decided.status_code == 200 and decided.json()["status"] == "decided"
    assert EvidenceFile.objects.count() == 3


def test_roles_without_write_cannot_act(cw, records):
    api = api_client_for(cw.users["supervisor"])
    case = records["a"][0]
    response = api.post("/api/v1/evidence/", {"case": case.pk, "kind": "audiovisual", "title": "x",
                                              "collected_by": cw.officer_a.pk}, format="multipart")
    assert response.status_code in (400, 403)
    assert not Evidence.objects.filter(title="x").exists()
    assert client_for(cw.users["supervisor"]).get(
        reverse("evidence:evidence_add", args=[case.pk])).status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/evidence/", "/api/v1/preservations/", "/api/v1/seizures/",
                                 "/api/v1/seized-items/", "/api/v1/evidence-files/", "/evidence/",
                                 "/evidence/preservations/", "/evidence/seizures/"])
def test_lists_keep_a_fixed_number_of_queries(cw, records, url, django_assert_max_num_queries):
    client = api_client_for(cw.users["supervisor"]) if url.startswith("/api/") else client_for(cw.users["supervisor"])
    with django_assert_max_num_queries(25) as few:
        assert client.get(url).status_code == 200
    for _n in range(3):
        world_records(cw, "b")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_reader_of_the_case_sees_the_section_without_forms(cw, records):
    from django.template.loader import render_to_string

    case = records["a"][0]
    reviewer = cw.users["reviewer_a"]
    html = render_to_string("evidence/case_section.html", {"case": case, "user": reviewer, "actions": []})
    assert "现场照片a" in html and "evidence-form" not in html and "/approve/" not in html
    client = client_for(reviewer)
    assert client.get(records["a"][1].files.get().get_absolute_url()).status_code == 200
    assert client.get(reverse("evidence:evidence_add", args=[case.pk])).status_code == 404
    assert client.post(reverse("evidence:seizeditem_status", args=[records["a"][4].pk]),
                       {"status": "returned", "document_ref": "x"}).status_code == 404
