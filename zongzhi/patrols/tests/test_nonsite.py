import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zongzhi.cases.choices import ClueSource
from zongzhi.cases.models import Clue

from .. import services
from ..choices import NonSiteEventKind, NonSiteStatus
from ..models import NonSiteAttachment, NonSiteTask, hash_token
from .conftest import PDF, PNG, new_task, pdf, png

pytestmark = pytest.mark.django_db


def public(token):
    return f"/patrols/nonsite/{token}/"


def submit(client, token, **data):
    data.setdefault("photos", [png()])
    data.setdefault("note", "已按要求拍摄")
    return client.post(public(token), data)


# --- the link -------------------------------------------------------------------------------------------------


def test_only_a_hash_of_the_token_is_stored(pw):
    task = NonSiteTask.objects.get(pk=pw.task_a.pk)
    assert task.token_hash == hashlib.sha256(pw.token_a.encode()).hexdigest() == hash_token(pw.token_a)
    assert pw.token_a not in str(NonSiteTask.objects.filter(pk=task.pk).values().get())
    assert len(pw.token_a) >= 40 and task.token_prefix == pw.token_a[:8]
    assert task.expires_at - task.sent_at == datetime.timedelta(days=7)


def test_expiry_is_a_setting(pw, settings):
    settings.PATROLS_NONSITE_LINK_DAYS = 3
    task, _token = new_task(pw, pw.subject_a, pw.squad_a, pw.users["officer_a"], topic="三日任务")
    assert task.expires_at - task.sent_at == datetime.timedelta(days=3)


def test_the_link_shows_its_own_task_only_without_login(pw):
    anonymous = Client()
    page = anonymous.get(public(pw.token_a))
    assert page.status_code == 200
    body = page.content.decode()
    assert pw.subject_a.name in body and "后厨卫生云巡查" in body and "营业执照" in body
    assert pw.subject_b.name not in body and "养殖场粪污" not in body
    other = anonymous.get(public(pw.token_b)).content.decode()
    assert pw.subject_b.name in other and pw.subject_a.name not in other
    # A made-up or altered token opens nothing (404, Chinese message), and never the internal page.
    wrong = anonymous.get(public(pw.token_a[:-1] + ("A" if pw.token_a[-1] != "A" else "B")))
    assert wrong.status_code == 404 and "链接无效" in wrong.content.decode()
    assert anonymous.get(public(str(pw.task_a.pk))).status_code == 404
    assert anonymous.get(pw.task_a.get_absolute_url()).status_code == 302  # internal page: login


def test_a_submission_uses_the_link_up(pw):
    anonymous = Client()
    response = submit(anonymous, pw.token_a, files=[pdf()])
    assert response.status_code == 200 and "已提交" in response.content.decode()
    task = NonSiteTask.objects.get(pk=pw.task_a.pk)
    assert task.status == NonSiteStatus.SUBMITTED and task.subject_note == "已按要求拍摄"
    assert [e.kind for e in task.events.all()] == [NonSiteEventKind.SENT, NonSiteEventKind.SUBMITTED]
    again = anonymous.get(public(pw.token_a))
    assert again.status_code == 410 and "已于" in again.content.decode() and "不能再次使用" in again.content.decode()
    second = submit(anonymous, pw.token_a)
    assert second.status_code == 410
    assert NonSiteAttachment.objects.filter(task=task).count() == 2
    with pytest.raises(ValidationError):
        services.submit_task(task, photos=[png()])


def test_an_expired_link_refuses_and_the_task_expires(pw):
    NonSiteTask.objects.filter(pk=pw.task_a.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = submit(Client(), pw.token_a)
    assert response.status_code == 410
    body = response.content.decode()
    assert "已于" in body and "过期" in body and pw.squad_a.name in body
    task = NonSiteTask.objects.get(pk=pw.task_a.pk)
    assert task.status == NonSiteStatus.EXPIRED and not task.attachments.exists()
    assert task.events.last().kind == NonSiteEventKind.EXPIRED
    assert Client().get(public(pw.token_a)).status_code == 410


def test_expire_overdue_closes_only_overdue_open_tasks(pw):
    NonSiteTask.objects.filter(pk=pw.task_a.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert services.expire_overdue() == 1
    assert NonSiteTask.objects.get(pk=pw.task_a.pk).status == NonSiteStatus.EXPIRED
    assert NonSiteTask.objects.get(pk=pw.task_b.pk).status == NonSiteStatus.SENT
    assert services.expire_overdue() == 0
    with pytest.raises(ValidationError):
        services.expire_task(pw.task_b)  # still open


# --- uploads ----------------------------------------------------------------------------------------------------


def test_uploads_are_stored_with_their_sha256(pw):
    submit(Client(), pw.token_a, files=[pdf()])
    photo, document = NonSiteAttachment.objects.filter(task=pw.task_a).order_by("kind")[::-1]
    assert photo.kind == "photo" and photo.sha256 == hashlib.sha256(PNG).hexdigest() and photo.size == len(PNG)
    assert document.kind == "file" and document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.content_type == "application/pdf" and document.original_name == "许可证.pdf"
    with document.file.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == document.sha256
    officer = Client()
    officer.force_login(pw.users["officer_a"])
    download = officer.get(document.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    other = Client()
    other.force_login(pw.users["officer_b"])
    assert other.get(document.get_absolute_url()).status_code == 404
    assert Client().get(document.get_absolute_url()).status_code == 302


@pytest.mark.parametrize("field, upload, message", [
    ("photos", SimpleUploadedFile("a.exe", b"MZ\x90\x00" * 10), "只接受"),
    ("photos", SimpleUploadedFile("a.pdf", PDF), "只接受"),  # a PDF is a file, not a photo
    ("photos", SimpleUploadedFile("fake.png", b"MZ\x90\x00 not a picture"), "并不是"),
    ("files", SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>"), "并不是"),
    ("files", SimpleUploadedFile("empty.pdf", b""), "空"),
])
def test_bad_uploads_are_refused_with_a_message_and_nothing_is_stored(pw, field, upload, message):
    response = Client().post(public(pw.token_a), {field: [upload], "note": "x"})
    assert response.status_code == 400
    assert message in response.content.decode()
    task = NonSiteTask.objects.get(pk=pw.task_a.pk)
    assert task.status == NonSiteStatus.SENT and not task.attachments.exists()


def test_uploads_over_the_size_limit_or_none_at_all_are_refused(pw, settings):
    settings.PATROLS_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (1024 * 1024))
    response = Client().post(public(pw.token_a), {"photos": [big]})
    assert response.status_code == 400 and "1 MB" in response.content.decode()
    response = Client().post(public(pw.token_a), {"note": "没有附件"})
    assert response.status_code == 400 and "至少" in response.content.decode()
    assert NonSiteTask.objects.get(pk=pw.task_a.pk).status == NonSiteStatus.SENT


# --- review -------------------------------------------------------------------------------------------------


def submitted(pw):
    submit(Client(), pw.token_a)
    return NonSiteTask.objects.get(pk=pw.task_a.pk)


def test_accept(pw):
    task, token = services.review_task(submitted(pw), outcome="accept", note="符合要求", by=pw.users["officer_a"])
    assert token is None and task.status == NonSiteStatus.ACCEPTED and task.reviewed_by == pw.users["officer_a"]
    assert task.events.last().kind == NonSiteEventKind.ACCEPTED
    with pytest.raises(ValidationError):
        services.review_task(task, outcome="accept", by=pw.users["officer_a"])  # reviewed once only


def test_ask_again_needs_a_reason_and_gives_a_new_link(pw):
    task = submitted(pw)
    with pytest.raises(ValidationError) as error:
        services.review_task(task, outcome="ask_again", note=" ", by=pw.users["officer_a"])
    assert "note" in error.value.message_dict
    task, token = services.review_task(task, outcome="ask_again", note="仓库照片不清晰，请重拍",
                                       by=pw.users["officer_a"])
    assert token and token != pw.token_a and task.status == NonSiteStatus.SENT and task.round == 2
    assert Client().get(public(pw.token_a)).status_code == 404  # the old link is gone
    page = Client().get(public(token))
    assert page.status_code == 200 and "仓库照片不清晰，请重拍" in page.content.decode()
    submit(Client(), token)
    task.refresh_from_db()
    assert task.status == NonSiteStatus.SUBMITTED
    assert list(task.attachments.values_list("round", flat=True)) == [1, 2]


def test_a_finding_opens_a_clue_from_non_site_monitoring(pw):
    task = submitted(pw)
    with pytest.raises(ValidationError) as error:
        services.review_task(task, outcome="finding", note="后厨未设防蝇设施", by=pw.users["officer_a"])
    assert "category" in error.value.message_dict  # no matter on the task: the officer must choose
    task, _token = services.review_task(task, outcome="finding", note="后厨未设防蝇设施", by=pw.users["officer_a"],
                                        category=pw.domains["urban"])
    clue = task.clue
    assert task.status == NonSiteStatus.CLUE_OPENED
    assert clue.source == ClueSource.NON_SITE and clue.agency == pw.squad_a and clue.region == pw.town_a
    assert clue.subject_name == pw.subject_a.name and clue.subject_identifier == pw.subject_a.uscc
    assert "后厨未设防蝇设施" in clue.description and clue.category == pw.domains["urban"]
    assert clue.number.startswith("城关街综执线")
    assert task.events.last().data == {"clue": clue.pk}


def test_review_through_the_page_with_errors_in_chinese(pw):
    task = submitted(pw)
    officer = Client()
    officer.force_login(pw.users["officer_a"])
    response = officer.post(f"/patrols/tasks/{task.pk}/review/", {"outcome": "ask_again", "note": ""})
    assert response.status_code == 400 and "原因" in response.content.decode()
    response = officer.post(f"/patrols/tasks/{task.pk}/review/", {"outcome": "ask_again", "note": "请补拍仓库"})
    assert response.status_code == 302
    page = officer.get(task.get_absolute_url()).content.decode()
    assert "/patrols/nonsite/" in page  # the new link, shown once
    assert "/patrols/nonsite/" not in officer.get(task.get_absolute_url()).content.decode()
    other = Client()
    other.force_login(pw.users["officer_b"])
    assert other.post(f"/patrols/tasks/{task.pk}/review/", {"outcome": "accept"}).status_code == 404
    supervisor = Client()
    supervisor.force_login(pw.users["supervisor"])
    assert supervisor.post(f"/patrols/tasks/{task.pk}/review/", {"outcome": "accept"}).status_code == 404


# --- sending ------------------------------------------------------------------------------------------------


def test_officer_sends_a_task_and_sees_the_link_once(pw):
    officer = Client()
    officer.force_login(pw.users["officer_a"])
    data = {"kind": "cloud_filing", "agency": pw.squad_a.pk, "subject": pw.subject_a.pk, "topic": "燃气安全云备案",
            "instructions": "上传燃气报警器照片", "requested_items": "报警器照片"}
    response = officer.post("/patrols/tasks/add/", data)
    assert response.status_code == 302
    task = NonSiteTask.objects.get(topic="燃气安全云备案")
    page = officer.get(response["Location"]).content.decode()
    link = page.split('data-testid="nonsite-link-value"')[0].rsplit('value="', 1)[1].split('"')[0]
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert hash_token(token) == task.token_hash
    assert Client().get(public(token)).status_code == 200
    # Another township's subject is refused, in Chinese.
    response = officer.post("/patrols/tasks/add/", {**data, "subject": pw.subject_b.pk, "topic": "越界"})
    assert response.status_code == 400 and not NonSiteTask.objects.filter(topic="越界").exists()
    response = officer.post("/patrols/tasks/add/", {**data, "topic": "", "requested_items": ""})
    assert response.status_code == 400 and "事项" in response.content.decode()


# --- counts, scope, queries -----------------------------------------------------------------------------------


def test_non_site_tasks_are_counted_apart(pw):
    new_task(pw, pw.subject_a, pw.squad_a, pw.users["officer_a"], kind="cloud_filing", topic="备案")
    submit(Client(), pw.token_a)
    counts = services.nonsite_counts(NonSiteTask.objects.restrict(pw.users["officer_a"]))
    assert counts["total"] == 2
    assert counts["cloud_patrol"]["total"] == 1 and counts["cloud_patrol"]["submitted"] == 1
    assert counts["cloud_filing"]["total"] == 1 and counts["cloud_filing"]["sent"] == 1
    assert services.nonsite_counts(NonSiteTask.objects.all())["total"] == 3
    later = timezone.now() + datetime.timedelta(days=1)
    assert services.nonsite_counts(NonSiteTask.objects.all(), start=later)["total"] == 0
    officer = Client()
    officer.force_login(pw.users["officer_a"])
    page = officer.get("/patrols/tasks/").content.decode()
    assert 'data-testid="nonsite-total">2<' in page


def test_township_officer_sees_only_own_township_tasks(pw):
    from zongzhi.utilities.testing import assert_scoped

    assert_scoped(pw.users["officer_a"], pw.task_a, pw.task_b, list_url="/patrols/tasks/",
                  api_url="/api/v1/nonsite-tasks/", text=lambda t: t.subject.name)


def test_task_list_keeps_a_fixed_number_of_queries(pw):
    officer = Client()
    officer.force_login(pw.users["bureau"])
    from zongzhi.utilities.testing import api_client_for

    api = api_client_for(pw.users["bureau"])

    def count(fn):
        with CaptureQueriesContext(connection) as ctx:
            assert fn().status_code == 200
        return len(ctx)

    pages = [lambda: officer.get("/patrols/tasks/"), lambda: api.get("/api/v1/nonsite-tasks/")]
    for page in pages:
        page()
    before = [count(page) for page in pages]
    for i in range(8):
        new_task(pw, pw.subject_b if i % 2 else pw.subject_a, pw.squad_b if i % 2 else pw.squad_a,
                 pw.users["admin"], topic=f"任务{i}")
    assert [count(page) for page in pages] == before
    assert Clue.objects.count() == 0


def test_api_sends_with_a_link_once_and_reviews(pw):
    from zongzhi.utilities.testing import api_client_for

    api = api_client_for(pw.users["officer_a"])
    data = {"kind": "cloud_patrol", "agency": pw.squad_a.pk, "subject": pw.subject_a.pk, "topic": "API 云巡查",
            "instructions": "拍照", "requested_items": "门头照片"}
    response = api.post("/api/v1/nonsite-tasks/", data, format="json")
    assert response.status_code == 201
    link = response.json()["link"]
    task = NonSiteTask.objects.get(pk=response.json()["id"])
    assert hash_token(link.rstrip("/").rsplit("/", 1)[1]) == task.token_hash
    assert api.get(f"/api/v1/nonsite-tasks/{task.pk}/").json()["link"] is None
    bad = api.post("/api/v1/nonsite-tasks/", {**data, "subject": pw.subject_b.pk}, format="json")
    assert bad.status_code == 400 and "subject" in bad.json()
    bad = api.post("/api/v1/nonsite-tasks/", {**data, "topic": ""}, format="json")
    assert bad.status_code == 400 and "事项" in bad.json()["topic"][0]
    assert api.post(f"/api/v1/nonsite-tasks/{task.pk}/review/", {"outcome": "accept"}).status_code == 400
    submit(Client(), link.rstrip("/").rsplit("/", 1)[1])
    detail = api.get(f"/api/v1/nonsite-tasks/{task.pk}/").json()
    assert detail["status"] == "submitted" and len(detail["attachments"]) == 1
    response = api.post(f"/api/v1/nonsite-tasks/{task.pk}/review/", {"outcome": "ask_again", "note": "重拍"})
    assert response.status_code == 200 and response.json()["link"] and response.json()["round"] == 2
    other = api_client_for(pw.users["officer_b"])
    assert other.post(f"/api/v1/nonsite-tasks/{task.pk}/review/", {"outcome": "accept"}).status_code == 404
    counts = api.get("/api/v1/nonsite-tasks/counts/").json()
    assert counts["total"] == 2 and counts["cloud_patrol"]["sent"] == 2
    assert api_client_for(pw.users["admin"]).delete(f"/api/v1/nonsite-tasks/{task.pk}/").status_code == 405
