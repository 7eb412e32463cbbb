"""What users see when something outside the code fails: a missing stored file, an unreachable database, a damaged
file, a rewritten chain tail; and the health endpoint that reports them."""

import json
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test import Client

from zongzhi.audit.models import AuditChainHead, ChangeLogEntry
from zongzhi.audit.services import BrokenLink, anchor_head, read_anchors, verify_chain, verify_files
from zongzhi.documents.case_integration import issue_for_case
from zongzhi.documents.choices import DocumentKind
from zongzhi.documents.tests.conftest import make_case
from zongzhi.evidence import services as evidence_services
from zongzhi.evidence.choices import EvidenceKind
from zongzhi.evidence.tests import files
from zongzhi.utilities.files import stored_file_fields
from zongzhi.utilities.testing import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    return settings.MEDIA_ROOT


@pytest.fixture
def document(world):
    call_command("seed_document_templates", verbosity=0)
    call_command("seed_deadline_rules", verbosity=0)
    return issue_for_case(make_case(world), DocumentKind.PENALTY_DECISION, by=world.users["officer_a"])


def quiet_client(user):
    """A client that answers as a browser would see it instead of raising the view's exception."""
    client = client_for(user)
    client.raise_request_exception = False
    return client


def test_a_document_whose_pdf_is_missing_answers_409_with_a_message(world, document, media):
    (media / document.pdf.name).unlink()
    client = quiet_client(world.users["officer_a"])
    page = client.get(f"/documents/{document.pk}/document.pdf")
    assert page.status_code == 409
    assert "存储中找不到" in page.content.decode()
    api = client.get(f"/api/v1/documents/{document.pk}/pdf/")
    assert api.status_code == 409 and api["Content-Type"] == "application/json"
    assert api.json()["code"] == "file_missing"


def test_api_errors_are_json_when_the_database_is_down(world):
    client = quiet_client(world.users["bureau"])
    with mock.patch("django.db.backends.utils.CursorWrapper.execute",
                    side_effect=OperationalError("connection refused")):
        api = client.get("/api/v1/agencies/")
        page = client.get("/agencies/")
    assert api.status_code == 503 and api["Content-Type"] == "application/json"
    assert api.json()["code"] == "database_unavailable" and api["Retry-After"] == "30"
    assert page.status_code == 503 and "数据库" in page.content.decode()


def test_any_other_api_error_is_json(world):
    client = quiet_client(world.users["bureau"])
    with mock.patch("zongzhi.agencies.api.views.AgencyViewSet.list", side_effect=RuntimeError("bug")):
        api = client.get("/api/v1/agencies/")
    assert api.status_code == 500 and api.json()["code"] == "server_error"


def test_health_reports_each_service_without_secrets(db, settings):
    response = Client().get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and set(body["checks"]) >= {"database", "cache", "storage"}
    with mock.patch("django.db.backends.utils.CursorWrapper.execute",
                    side_effect=OperationalError("could not connect to server at 10.0.0.5 password=secret")):
        failing = Client().get("/health/")
    assert failing.status_code == 503
    assert failing.json()["checks"]["database"] == {"ok": False, "error": "OperationalError",
                                                   "ms": failing.json()["checks"]["database"]["ms"]}
    assert "10.0.0.5" not in failing.content.decode() and "secret" not in failing.content.decode()


def test_health_is_exempt_from_the_https_redirect(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/health/").status_code == 200
    assert Client().get("/login/").status_code == 301


def test_every_stored_file_has_its_recorded_hash_beside_it():
    fields = list(stored_file_fields())
    assert len(fields) >= 6
    for model, field, hash_name in fields:
        assert hash_name in {f.name for f in model._meta.concrete_fields}, f"{model._meta.label}.{field.name}"


def test_verify_audit_checks_every_stored_file(world, document, media):
    case = document.case
    evidence = evidence_services.add_evidence(case, by=world.users["officer_a"], kind=EvidenceKind.AUDIOVISUAL,
                                              title="现场照片", collected_by=world.officer_a, files=[files.png()])
    call_command("verify_audit")
    checked, problems = verify_files()
    assert checked == 3 and problems == []  # the PDF, the DOCX and the photo
    stored = evidence.files.get()
    (media / stored.file.name).write_bytes(b"changed")
    (media / document.docx.name).unlink()
    checked, problems = verify_files()
    assert len(problems) == 2
    assert any("missing" in p and document.docx.name in p for p in problems)
    assert any("does not match" in p and stored.file.name in p for p in problems)
    with pytest.raises(CommandError, match="2 of 3 stored files"):
        call_command("verify_audit")
    call_command("verify_audit", "--skip-files")


def test_anchors_outside_the_database_catch_a_rewritten_tail(world, settings):
    anchor = anchor_head()
    assert read_anchors() == [anchor] and json.loads(settings.AUDIT_ANCHOR_FILE.read_text()) == anchor
    assert verify_chain(anchors=read_anchors()) == ChangeLogEntry.objects.count()
    call_command("verify_audit")
    # Someone with database access rewrites the newest entry, recomputes its hash and the head: the chain and its
    # head agree, only the anchor outside the database tells.
    last = ChangeLogEntry.objects.order_by("-id").first()
    last.object_repr = "篡改"
    forged = last.compute_hash()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_changelogentry SET object_repr = %s, hash = %s WHERE id = %s",
                       ["篡改", forged, last.pk])
    AuditChainHead.objects.filter(pk=1).update(last_hash=forged)
    assert verify_chain() == ChangeLogEntry.objects.count()
    with pytest.raises(BrokenLink) as broken:
        verify_chain(anchors=read_anchors())
    assert broken.value.entry_id == last.pk and "anchor" in broken.value.reason
    with pytest.raises(CommandError, match=f"#{last.pk}"):
        call_command("verify_audit")


def test_an_anchor_beyond_the_end_of_the_chain_is_reported(world):
    anchor_head()
    last = ChangeLogEntry.objects.order_by("-id").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_changelogentry WHERE id = %s", [last.pk])
    head = AuditChainHead.objects.get(pk=1)
    previous = ChangeLogEntry.objects.order_by("-id").first()
    AuditChainHead.objects.filter(pk=1).update(last_hash=previous.hash, last_id=previous.pk, count=head.count - 1)
    with pytest.raises(BrokenLink) as broken:
        verify_chain(anchors=read_anchors())
    assert broken.value.entry_id == last.pk and "missing" in broken.value.reason


def test_anchor_audit_appends_and_prints(world, settings, capsys):
    call_command("anchor_audit")
    call_command("anchor_audit")
    printed = capsys.readouterr().out.splitlines()
    assert [json.loads(line) for line in printed] == read_anchors()
    assert len(read_anchors()) == 2
