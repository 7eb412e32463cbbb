import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from docx import Document as DocxDocument

from zongzhi.agreements import services
from zongzhi.agreements.choices import AgreementStatus
from zongzhi.agreements.models import DelegationAgreement
from zongzhi.audit.services import history
from zongzhi.utilities.testing import api_client_for, assert_scoped, client_for

from .conftest import make_agreement

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.date.today()
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def signed(agreement, by=None):
    return services.sign(agreement, signed_on=D(2025, 12, 20), by=by)


def published(agreement, by=None):
    return services.publish(signed(agreement, by), published_on=D(2025, 12, 25), by=by)


# --- scope ---------------------------------------------------------------------------------------------------


def test_township_officer_sees_only_own_township(world, agreement_a, agreement_b):
    assert_scoped(world.users["officer_a"], agreement_a, agreement_b, list_url="/agreements/",
                  api_url="/api/v1/agreements/", text=lambda a: a.number)
    assert_scoped(world.users["officer_b"], agreement_b, agreement_a, list_url="/agreements/",
                  api_url="/api/v1/agreements/", text=lambda a: a.number)


def test_department_and_bureau_see_both_townships(world, agreement_a, agreement_b):
    for username in ("dept", "bureau"):
        visible = DelegationAgreement.objects.restrict(world.users[username])
        assert set(visible) == {agreement_a, agreement_b}


def test_another_department_sees_none(world, agreement_a):
    from zongzhi.agencies.models import Agency
    from zongzhi.users.models import RoleAssignment, User

    water = Agency.objects.create(name="襄城县水利局", kind="county_department", region=world.county,
                                  parent=world.county_gov)
    user = User.objects.create_user(username="water")
    RoleAssignment.objects.create(user=user, role="department_liaison", agency=water)
    assert not DelegationAgreement.objects.restrict(user).exists()
    assert client_for(user).get(agreement_a.get_absolute_url()).status_code == 404


def test_township_officer_cannot_change_or_sign(world, agreement_a):
    client = client_for(world.users["officer_a"])
    assert client.get(f"/agreements/{agreement_a.pk}/edit/").status_code == 404
    assert client.post(f"/agreements/{agreement_a.pk}/sign/", {"signed_on": "2025-12-20"}).status_code == 404
    api = api_client_for(world.users["officer_a"])
    assert api.post(f"/api/v1/agreements/{agreement_a.pk}/sign/", {"signed_on": "2025-12-20"}).status_code == 403
    agreement_a.refresh_from_db()
    assert agreement_a.status == AgreementStatus.DRAFT


# --- transitions ---------------------------------------------------------------------------------------------


def test_sign_publish_terminate(world, agreement_a):
    bureau = world.users["bureau"]
    agreement = signed(agreement_a, bureau)
    assert (agreement.status, agreement.signed_on) == (AgreementStatus.SIGNED, D(2025, 12, 20))
    agreement = services.publish(agreement, published_on=D(2025, 12, 25), by=bureau)
    assert (agreement.status, agreement.published_on) == (AgreementStatus.PUBLISHED, D(2025, 12, 25))
    agreement = services.terminate(agreement, terminated_on=TODAY, reason="赋权目录调整", by=bureau)
    assert agreement.status == AgreementStatus.TERMINATED and agreement.termination_reason == "赋权目录调整"
    entries = list(history(agreement))
    assert [e.after["status"] for e in entries[:3]] == ["terminated", "published", "signed"]
    assert {e.user_name for e in entries[:3]} == {"bureau"}


def test_sign_refuses_an_incomplete_draft(world):
    draft = make_agreement(world, world.gov_a, number="", basis="", procedure="  ")
    with pytest.raises(ValidationError) as error:
        services.sign(draft, signed_on=D(2025, 12, 20), by=None)
    message = " ".join(error.value.messages)
    assert "法律依据" in message and "至少一项" in message and "实施程序" in message
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.DRAFT and draft.signed_on is None


@pytest.mark.parametrize("call, text", [
    (lambda a: services.publish(a, published_on=D(2025, 12, 25), by=None), "只有已签署"),
    (lambda a: services.terminate(a, terminated_on=D(2025, 12, 25), reason="x", by=None), "只有已签署或已公布"),
    (lambda a: services.sign(a, signed_on=TODAY + datetime.timedelta(days=1), by=None), "不能晚于今天"),
])
def test_bad_transitions_are_refused_in_chinese(world, agreement_a, call, text):
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        call(agreement_a)
    assert text in " ".join(error.value.messages)
    agreement_a.refresh_from_db()
    assert agreement_a.status == AgreementStatus.DRAFT


def test_publish_and_terminate_guards(world, agreement_a):
    agreement = signed(agreement_a)
    with pytest.raises(ValidationError):
        services.sign(agreement, signed_on=D(2025, 12, 21), by=None)
    with pytest.raises(ValidationError) as error:
        services.publish(agreement, published_on=D(2025, 12, 1), by=None)
    assert "published_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.terminate(agreement, terminated_on=TODAY, reason="  ", by=None)
    assert "reason" in error.value.message_dict
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED


def test_sign_refuses_matters_outside_the_department(world, agreement_a, matters):
    agreement_a.matters.add(matters["stall"])
    with pytest.raises(ValidationError) as error:
        signed(agreement_a)
    assert "CG-001" in error.value.message_dict["matters"][0]


# --- UI ------------------------------------------------------------------------------------------------------


def test_ui_actions_sign_and_publish(world, agreement_a):
    client = client_for(world.users["dept"])
    page = client.get(agreement_a.get_absolute_url()).content.decode()
    assert 'data-testid="action-sign"' in page and 'data-testid="action-publish"' not in page
    response = client.post(f"/agreements/{agreement_a.pk}/sign/", {"signed_on": "2025-12-20"}, follow=True)
    assert "协议已签署" in response.content.decode()
    response = client.post(f"/agreements/{agreement_a.pk}/publish/", {"published_on": "2025-12-01"}, follow=True)
    assert "不能早于签署日期" in response.content.decode()
    agreement_a.refresh_from_db()
    assert agreement_a.status == AgreementStatus.SIGNED
    response = client.post(f"/agreements/{agreement_a.pk}/publish/", {"published_on": "bad"}, follow=True)
    assert "日期：输入一个有效的日期" in response.content.decode() and response.status_code == 200
    client.post(f"/agreements/{agreement_a.pk}/publish/", {"published_on": "2025-12-25"})
    agreement_a.refresh_from_db()
    assert agreement_a.status == AgreementStatus.PUBLISHED
    page = client.get(agreement_a.get_absolute_url()).content.decode()
    assert agreement_a.get_public_url() in page and 'data-testid="action-terminate"' in page


def test_add_through_ui_prefills_the_standard_texts_and_validates(world, matters):
    client = client_for(world.users["bureau"])
    form = client.get("/agreements/add/?kind=delegation").content.decode()
    assert "第二十四条" in form  # the delegation wording's default basis
    data = {"kind": "entrustment", "delegating_agency": world.dept.pk, "receiving_agency": world.gov_a.pk,
            "valid_from": "2026-01-01", "valid_to": "2025-12-31", "matters": [matters["stall"].pk],
            "basis": "依据", "procedure": "程序", "supervision": "监督", "remedies": "救济", "template_version": "v1"}
    response = client.post("/agreements/add/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "不能早于开始日期" in body and "CG-001" in body
    assert not DelegationAgreement.objects.exists()
    response = client.post("/agreements/add/", {**data, "valid_to": "2028-12-31", "matters": [matters["straw"].pk]})
    assert response.status_code == 302
    agreement = DelegationAgreement.objects.get()
    assert agreement.territory == world.town_a and history(agreement).first().user_name == "bureau"


def test_signed_agreement_can_no_longer_be_edited_or_deleted(world, agreement_a):
    signed(agreement_a)
    client = client_for(world.users["bureau"])
    assert client.get(f"/agreements/{agreement_a.pk}/edit/").status_code == 404
    assert client.post(f"/agreements/{agreement_a.pk}/delete/").status_code == 404
    api = api_client_for(world.users["bureau"])
    response = api.patch(f"/api/v1/agreements/{agreement_a.pk}/", {"procedure": "改"}, format="json", **ZH)
    assert response.status_code == 400 and "草稿" in str(response.json())
    assert api.delete(f"/api/v1/agreements/{agreement_a.pk}/", **ZH).status_code == 400
    agreement_a.refresh_from_db()
    assert agreement_a.procedure != "改"


def test_downloads_docx_and_pdf(world, agreement_a, agreement_b):
    client = client_for(world.users["officer_a"])
    response = client.get(f"/agreements/{agreement_a.pk}/document.docx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs)
    tables = [c.text for t in DocxDocument(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells]
    assert "行政执法委托协议书" in text and "襄农委〔2026〕1号" in text and "城关街道办事处" in text
    assert "露天焚烧秸秆" in tables and any("第一百一十九条第一款" in c for c in tables)
    assert client.get(f"/agreements/{agreement_a.pk}/document.pdf")["Content-Type"] == "application/pdf"
    assert client.get(f"/agreements/{agreement_b.pk}/document.pdf").status_code == 404


# --- API -----------------------------------------------------------------------------------------------------


def test_api_create_sign_publish_and_download(world, matters):
    api = api_client_for(world.users["dept"])
    response = api.post("/api/v1/agreements/", {
        "kind": "delegation", "number": "襄农赋〔2026〕1号", "delegating_agency": world.dept.pk,
        "receiving_agency": world.gov_b.pk, "matters": [matters["straw"].pk, matters["pond"].pk],
        "valid_from": "2026-01-01", "valid_to": "2027-12-31", "basis": "依据", "procedure": "程序",
        "supervision": "监督", "remedies": "救济"}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["territory_code"] == world.town_b.code
    response = api.post(f"/api/v1/agreements/{pk}/publish/", {"published_on": "2025-12-25"}, format="json", **ZH)
    assert response.status_code == 400 and "只有已签署" in str(response.json())
    assert api.post(f"/api/v1/agreements/{pk}/sign/", {}, format="json").status_code == 400
    assert api.post(f"/api/v1/agreements/{pk}/sign/", {"signed_on": "2025-12-20"}, format="json").json()[
        "status"] == "signed"
    body = api.post(f"/api/v1/agreements/{pk}/publish/", {"published_on": "2025-12-25"}, format="json").json()
    assert body["status"] == "published" and body["public_url"] == f"/agreements/public/{pk}/"
    pdf = api.get(f"/api/v1/agreements/{pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = api.get(f"/api/v1/agreements/{pk}/docx/", HTTP_ACCEPT=RENDER_DOCX)
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    hidden = api_client_for(world.users["officer_a"]).get(f"/api/v1/agreements/{pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert hidden.status_code == 404 and "detail" in json.loads(hidden.content)


RENDER_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_api_bad_input_gets_field_messages_in_chinese(world, matters):
    api = api_client_for(world.users["bureau"])
    response = api.post("/api/v1/agreements/", {
        "kind": "nope", "delegating_agency": world.gov_a.pk, "receiving_agency": world.dept.pk,
        "valid_from": "2026-01-01", "valid_to": "2025-01-01"}, format="json", **ZH)
    assert response.status_code == 400
    assert "kind" in response.json()
    response = api.post("/api/v1/agreements/", {
        "kind": "entrustment", "delegating_agency": world.gov_a.pk, "receiving_agency": world.dept.pk},
        format="json", **ZH)
    assert response.status_code == 400 and {"delegating_agency", "receiving_agency"} <= set(response.json())
    response = api.post("/api/v1/agreements/", {
        "kind": "entrustment", "delegating_agency": world.dept.pk, "receiving_agency": world.gov_a.pk,
        "valid_from": "2026-01-01", "valid_to": "2025-01-01"}, format="json", **ZH)
    assert response.status_code == 400 and "不能早于开始日期" in response.json()["valid_to"][0]
    response = api.post("/api/v1/agreements/", {
        "kind": "entrustment", "delegating_agency": world.dept.pk, "receiving_agency": world.gov_a.pk,
        "matters": [matters["pond"].pk]}, format="json", **ZH)
    assert response.status_code == 400 and "NY-002" in response.json()["matters"][0]  # 乡镇 only, A is a 街道
    assert not DelegationAgreement.objects.exists()


def test_api_schema_describes_the_actions_and_files():
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(patterns=[path("api/v1/", include("zongzhi.agreements.api.urls"))]).get_schema(
        request=None, public=True)
    body = schema["paths"]["/api/v1/agreements/{id}/sign/"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["$ref"].endswith("/SignRequest")
    assert "signed_on" in schema["components"]["schemas"]["SignRequest"]["required"]
    assert "application/pdf" in schema["paths"]["/api/v1/agreements/{id}/pdf/"]["get"]["responses"]["200"]["content"]


# --- public pages --------------------------------------------------------------------------------------------


def test_public_page_shows_published_agreements_only_without_login(world, agreement_a, agreement_b):
    anonymous = Client()
    assert anonymous.get(agreement_a.get_public_url()).status_code == 404
    assert anonymous.get(f"/agreements/public/{agreement_a.pk}/document.pdf").status_code == 404
    published(agreement_a)
    page = anonymous.get(agreement_a.get_public_url(), **ZH)
    assert page.status_code == 200
    body = page.content.decode()
    for text in ("襄城县农业农村局", "城关街道办事处", "露天焚烧秸秆", "第一百一十九条", "第二十条", "行政复议", "实施程序"):
        assert text in body, text
    index = anonymous.get("/agreements/public/").content.decode()
    assert agreement_a.get_public_url() in index and agreement_b.get_public_url() not in index
    assert anonymous.get(f"/agreements/public/{agreement_a.pk}/document.pdf").status_code == 200
    services.terminate(agreement_a, terminated_on=TODAY, reason="到期", by=None)
    assert anonymous.get(agreement_a.get_public_url()).status_code == 404
    assert anonymous.get(agreement_a.get_absolute_url()).status_code == 302  # the internal page needs a login


# --- queries -------------------------------------------------------------------------------------------------


def test_list_and_api_keep_a_fixed_number_of_queries(world, agreement_a, matters):
    client = client_for(world.users["bureau"])
    api = api_client_for(world.users["bureau"])
    anonymous = Client()

    def count(fn):
        with CaptureQueriesContext(connection) as ctx:
            assert fn().status_code == 200
        return len(ctx)

    published(agreement_a)
    pages = [lambda: client.get("/agreements/"), lambda: api.get("/api/v1/agreements/"),
             lambda: anonymous.get("/agreements/public/")]
    for page in pages:
        page()  # warm the per-process caches
    before = [count(page) for page in pages]
    for i in range(10):
        published(make_agreement(world, world.gov_b, number=f"临{i}", matters=[matters["straw"], matters["pond"]]))
    assert [count(page) for page in pages] == before


# --- demo ----------------------------------------------------------------------------------------------------


def test_demo_command_is_idempotent_and_skips_departments_without_matters(world, matters):
    out = io.StringIO()
    call_command("build_demo_agreements", "--county", world.county.code, stdout=out)
    agreements = DelegationAgreement.objects.all()
    assert {(a.delegating_agency, a.receiving_agency) for a in agreements} == {(world.dept, world.gov_a),
                                                                                (world.dept, world.gov_b)}
    assert {a.status for a in agreements} == {AgreementStatus.PUBLISHED}
    by_town = {a.receiving_agency: {m.code for m in a.matters.all()} for a in agreements}
    assert by_town == {world.gov_a: {"NY-001"}, world.gov_b: {"NY-001", "NY-002"}}  # NY-002 is for 乡镇 only
    call_command("build_demo_agreements", "--county", world.county.code, stdout=out)
    assert DelegationAgreement.objects.count() == 2


def test_list_filters(world, agreement_a, agreement_b):
    published(agreement_b)
    client = client_for(world.users["bureau"])

    def listed(**params):
        body = client.get("/agreements/", params).content.decode()
        return {a.number for a in (agreement_a, agreement_b) if a.get_absolute_url() in body}

    assert listed(status="published") == {agreement_b.number}
    assert listed(territory=world.town_a.code) == {agreement_a.number}
    assert listed(territory=world.county.code) == {agreement_a.number, agreement_b.number}
    assert listed(delegating_agency=world.dept.pk, kind="entrustment") == {agreement_a.number, agreement_b.number}
    assert listed(q="颍桥") == {agreement_b.number}
    assert listed(kind="delegation") == set()


def test_a_draft_can_be_edited_and_deleted(world, agreement_a):
    client = client_for(world.users["bureau"])
    assert client.get(f"/agreements/{agreement_a.pk}/edit/").status_code == 200
    assert client.post(f"/agreements/{agreement_a.pk}/delete/").status_code == 302
    assert not DelegationAgreement.objects.exists()
