"""The case pages: list (filters, export, scope, queries), filing (from a clue too), the summary procedure, the case
page with its steps and refusals, the sections of other apps, the deadline lists and the home page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zongzhi.cases import services, views
from zongzhi.cases.choices import CaseStatus, ClueSource, ClueStatus, Outcome, StageCode
from zongzhi.cases.models import Case, CaseDeadline, Clue
from zongzhi.cases.testing import filed_case, person
from zongzhi.utilities.identifiers import mask_resident_id
from zongzhi.utilities.testing import assert_scoped, client_for, export_cells, fake_id_number

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


@pytest.fixture(autouse=True)
def no_foreign_sections(monkeypatch):
    """The other apps' sections are tested by them; here the case page stands alone (see the sections test)."""
    monkeypatch.setattr(views, "SECTION_APPS", [])


def count_queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        response = fn()
        assert response.status_code == 200
    return len(ctx)


def file_form(cw, **overrides):
    """POST data of the filing form for township A (two certified officers, one person)."""
    data = {
        "agency": cw.squad_a.pk, "region": cw.town_a.pk, "matter": cw.straw.pk, "act_place": "城关街道东关村麦田",
        "act_on": (TODAY() - datetime.timedelta(days=2)).isoformat(), "discovered_on": TODAY().isoformat(),
        "procedure": "general", "cause": "", "facts": "", "officers": [cw.officer_a.pk, cw.officer_a2.pk],
        "parties-TOTAL_FORMS": "1", "parties-INITIAL_FORMS": "0", "parties-MIN_NUM_FORMS": "1",
        "parties-MAX_NUM_FORMS": "1000", "parties-0-kind": "person", "parties-0-name": "赵田",
        "parties-0-identifier": fake_id_number(41), "parties-0-address": "东关村", "parties-0-phone": "",
        "parties-0-representative": "",
    }
    data.update(overrides)
    return data


# --- scope ----------------------------------------------------------------------------------------------------

def test_cases_are_scoped_by_township(cw):
    a, b = filed_case(cw), filed_case(cw, town="b")
    assert_scoped(cw.users["officer_a"], a, b, list_url="/cases/cases/", api_url="/api/v1/cases/",
                  text=lambda c: c.number)
    assert_scoped(cw.users["officer_b"], b, a, list_url="/cases/cases/", api_url="/api/v1/cases/",
                  text=lambda c: c.number)
    bureau = client_for(cw.users["bureau"])
    page = bureau.get("/cases/cases/").content.decode()
    assert a.number in page and b.number in page
    assert bureau.get(a.get_absolute_url()).status_code == 200
    assert bureau.get(b.get_absolute_url()).status_code == 200
    dept = client_for(cw.users["dept"])  # a county department sees only its own agency's cases
    page = dept.get("/cases/cases/").content.decode()
    assert a.number not in page and b.number not in page
    assert dept.get(a.get_absolute_url()).status_code == 404
    assert a.number not in export_cells(dept.get("/cases/cases/?export=xlsx"))


def test_deadlines_are_scoped_by_township(cw):
    a, b = filed_case(cw), filed_case(cw, town="b")
    CaseDeadline.objects.filter(case=b).update(due_on=TODAY() - datetime.timedelta(days=2))
    CaseDeadline.objects.filter(case=a).update(due_on=TODAY() + datetime.timedelta(days=1))
    for user, visible, hidden in [("officer_a", a, b), ("leader_a", a, b), ("officer_b", b, a)]:
        client = client_for(cw.users[user])
        page = client.get("/cases/deadlines/").content.decode()
        assert visible.get_absolute_url() in page and hidden.get_absolute_url() not in page
        cells = export_cells(client.get("/cases/deadlines/?export=xlsx"))
        assert visible.number in cells and hidden.number not in cells
    page = client_for(cw.users["bureau"]).get("/cases/deadlines/").content.decode()
    assert a.number in page and b.number in page
    page = client_for(cw.users["dept"]).get("/cases/deadlines/").content.decode()
    assert a.number not in page and b.number not in page


# --- the list -------------------------------------------------------------------------------------------------

def test_list_filters(cw):
    pending = filed_case(cw, approve=False, parties=[person("钱多多", 51)], cause="涉嫌在麦田焚烧杂草案")
    open_ = filed_case(cw, parties=[person("孙小小", 52)])
    other = filed_case(cw, town="b", parties=[person("李大大", 53)])
    CaseDeadline.objects.filter(case=open_).update(due_on=TODAY() - datetime.timedelta(days=1))
    services.refresh_next_due(open_)
    client = client_for(cw.users["bureau"])

    def listed(**params):
        page = client.get("/cases/cases/", params).content.decode()
        return {c.number for c in (pending, open_, other) if c.get_absolute_url() in page}

    assert listed() == {pending.number, open_.number, other.number}
    assert listed(status="pending") == {pending.number}
    assert listed(stage="investigation") == {open_.number, other.number}
    assert listed(overdue="yes") == {open_.number}
    assert listed(overdue="no") == {pending.number, other.number}
    assert listed(q="孙小") == {open_.number}
    assert listed(q="麦田焚烧") == {pending.number}
    assert listed(q=pending.number) == {pending.number}
    assert listed(township=cw.town_b.pk) == {other.number}
    assert listed(domain=cw.domains["urban"].pk) == {other.number}
    assert listed(matter=cw.straw.pk, procedure="general") == {pending.number, open_.number}
    assert listed(agency=cw.squad_b.pk) == {other.number}
    assert listed(filed_from=TODAY().isoformat(), filed_to=TODAY().isoformat()) == {open_.number, other.number}
    assert listed(outcome="penalty") == set()
    page = client.get("/cases/cases/", {"overdue": "yes"}).content.decode()
    assert 'data-testid="overdue"' in page


def test_export_masks_identity_numbers_of_persons(cw):
    case = filed_case(cw, parties=[person("周一", 61)])
    identifier = case.parties.get().identifier
    cells = export_cells(client_for(cw.users["officer_a"]).get("/cases/cases/?export=xlsx"))
    joined = " ".join(cells)
    assert case.number in cells and "周一" in joined
    assert identifier not in joined and mask_resident_id(identifier) in joined


def test_list_and_deadlines_keep_a_fixed_number_of_queries(cw):
    client = client_for(cw.users["leader_a"])
    filed_case(cw)
    for url in ("/cases/cases/", "/cases/deadlines/", "/cases/cases/?overdue=yes&q=王"):
        client.get(url)  # warm caches
    before = {url: count_queries(lambda url=url: client.get(url))
              for url in ("/cases/cases/", "/cases/deadlines/?days=200", "/cases/cases/?overdue=yes&q=王")}
    for i in range(10):
        filed_case(cw, approve=i % 2 == 0, parties=[person(f"王{i}", 70 + i), person(f"李{i}", 80 + i)])
    for url, n in before.items():
        assert count_queries(lambda url=url: client.get(url)) == n, url


# --- filing ---------------------------------------------------------------------------------------------------

def test_filing_form_offers_only_certified_officers_and_files(cw):
    from zongzhi.officers.models import Officer

    uncertified = Officer.objects.create(name="无证人员", id_number=fake_id_number(99), agency=cw.squad_a,
                                         staffing="institution")
    client = client_for(cw.users["officer_a"])
    page = client.get("/cases/cases/add/").content.decode()
    assert cw.officer_a.name in page and cw.officer_a2.name in page
    assert uncertified.name not in page and cw.officer_b.name not in page  # another township's force
    response = client.post("/cases/cases/add/", file_form(cw))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.status == CaseStatus.PENDING and case.parties.get().name == "赵田"
    assert set(case.officers.all()) == {cw.officer_a, cw.officer_a2}
    assert case.cause == "涉嫌露天焚烧秸秆案"


def test_filing_refusals_show_on_the_form_with_the_article(cw):
    client = client_for(cw.users["officer_a"])
    response = client.post("/cases/cases/add/", file_form(cw, officers=[cw.officer_a.pk]))
    body = response.content.decode()
    assert response.status_code == 400 and "第四十二条" in body
    response = client.post("/cases/cases/add/", file_form(cw, **{"parties-0-identifier": "123"}))
    assert response.status_code == 400 and 'data-testid="field-error"' in response.content.decode()
    old = (TODAY() - datetime.timedelta(days=365 * 3)).isoformat()
    response = client.post("/cases/cases/add/", file_form(cw, act_on=old))
    assert response.status_code == 400 and "第三十六条" in response.content.decode()
    officer_b = client_for(cw.users["officer_b"])  # 颍桥 never accepted 露天焚烧秸秆
    response = officer_b.post("/cases/cases/add/", file_form(
        cw, agency=cw.squad_b.pk, region=cw.town_b.pk, officers=[cw.officer_b.pk, cw.officer_b2.pk]))
    assert response.status_code == 400 and "第二十三条" in response.content.decode()
    assert not Case.objects.exists()
    assert client_for(cw.users["supervisor"]).get("/cases/cases/add/").status_code == 404


def test_file_a_case_from_a_new_clue(cw):
    clue = services.register_clue(Clue(agency=cw.squad_a, source=ClueSource.PATROL, matter=cw.straw,
                                       description="田间焚烧秸秆", address="东关村北地", subject_name="赵田",
                                       subject_identifier=fake_id_number(41)), by=cw.users["officer_a"])
    client = client_for(cw.users["officer_a"])
    assert "file-as-case" in client.get(clue.get_absolute_url()).content.decode()
    page = client.get(f"/cases/cases/add/?clue={clue.pk}").content.decode()
    assert "东关村北地" in page and 'value="赵田"' in page and f'value="{clue.pk}"' in page
    response = client.post("/cases/cases/add/", file_form(cw, clue=clue.pk))
    assert response.status_code == 302
    clue.refresh_from_db()
    assert clue.status == ClueStatus.TRIAGED and clue.outcome == Outcome.FILED
    assert Case.objects.get().clue == clue
    assert "file-as-case" not in client.get(clue.get_absolute_url()).content.decode()
    assert client.get(f"/cases/cases/add/?clue={clue.pk}").status_code == 404  # no longer new
    response = client.post("/cases/cases/add/", file_form(cw, clue=clue.pk, **{"parties-0-name": "另一人"}))
    assert response.status_code == 400 and 'data-testid="field-error"' in response.content.decode()


def test_decide_on_the_spot_within_the_summary_limits(cw):
    client = client_for(cw.users["officer_a"])
    data = file_form(cw, matter=cw.stall.pk, penalty_types=["fine"], fine_amount="500", decision_text="罚款")
    response = client.post("/cases/cases/on-the-spot/", data)
    assert response.status_code == 400 and "第五十一条" in response.content.decode()
    response = client.post("/cases/cases/on-the-spot/", {**data, "fine_amount": "100"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.procedure == "summary" and case.stage == StageCode.SERVICE and case.fine_amount == 100


# --- the case page and its steps ------------------------------------------------------------------------------

def test_case_page_shows_header_track_deadlines_and_masks_for_readers(cw):
    case = filed_case(cw)
    identifier = case.parties.get().identifier
    page = client_for(cw.users["officer_a"]).get(case.get_absolute_url()).content.decode()
    assert case.number in page and identifier in page
    assert "《中华人民共和国大气污染防治法》第一百一十九条第一款" in page  # the matter's citation
    assert "《行政处罚法》第六十条" in page  # the 90-day deadline's article
    track = re.search(r'data-testid="stage-track"(.*?)data-testid="timeline"', page, re.S).group(1)
    assert track.index("立案") < track.index("调查取证") < track.index("归档")
    assert 'data-testid="step-report"' in page and 'data-testid="step-decide"' not in page
    reader = client_for(cw.users["supervisor"]).get(case.get_absolute_url()).content.decode()
    assert identifier not in reader and mask_resident_id(identifier) in reader
    assert 'data-testid="step-' not in reader


def test_case_page_keeps_a_fixed_number_of_queries_and_links_the_documents(cw):
    from django.urls import NoReverseMatch, reverse

    case = filed_case(cw)
    client = client_for(cw.users["leader_a"])
    client.get(case.get_absolute_url())
    before = count_queries(lambda: client.get(case.get_absolute_url()))
    services.submit_report(case, by=cw.users["officer_a"], facts="焚烧", proposed_outcome="penalty",
                           fine_amount=1000, penalty_types=["fine"])
    for n in range(5):
        services.log_event(case, "note", by=cw.users["officer_a"], note=f"备注{n}")
    case.parties.create(kind="person", name="第二人", identifier=fake_id_number(95))
    assert count_queries(lambda: client.get(case.get_absolute_url())) <= before + 1  # + the open decision step
    try:
        url = reverse("documents:case_documents", kwargs={"case_pk": case.pk})
    except NoReverseMatch:
        url = None
    page = client.get(case.get_absolute_url()).content.decode()
    assert (url in page) if url else 'data-testid="documents-link"' not in page


def test_overdue_deadline_is_red_on_the_case_page(cw):
    case = filed_case(cw)
    case.deadlines.filter(key="decision").update(due_on=TODAY() - datetime.timedelta(days=3))
    page = client_for(cw.users["officer_a"]).get(case.get_absolute_url()).content.decode()
    assert 'data-testid="overdue"' in page and "逾期 3 天" in page


def step(client, case, code, **data):
    return client.post(f"/cases/cases/{case.pk}/step/{code}/", {f"{code}-{k}": v for k, v in data.items()})


def test_steps_from_approval_to_closing_through_the_pages(cw):
    officer, leader = client_for(cw.users["officer_a"]), client_for(cw.users["leader_a"])
    case = filed_case(cw, approve=False)
    response = step(officer, case, "approve_filing", decision="approve")
    assert response.status_code == 400 and "第五十四条" in response.content.decode()
    assert step(leader, case, "approve_filing", decision="approve").status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    response = step(officer, case, "report", facts="", proposed_outcome="penalty")
    assert response.status_code == 400 and 'data-testid="step-form-report"' in response.content.decode()
    response = step(officer, case, "report", facts="焚烧秸秆两亩", proposed_outcome="penalty", penalty_types="fine",
                    fine_amount="3000")
    assert response.status_code == 400 and "2000" in response.content.decode()  # above the legal maximum
    assert step(officer, case, "report", facts="焚烧秸秆两亩", proposed_outcome="penalty", penalty_types="fine",
                fine_amount="1000").status_code == 302
    case.refresh_from_db()
    assert case.stage == StageCode.LEGAL_REVIEW
    services.review_done(case, passed=True, by=cw.users["reviewer_a"])
    response = step(leader, case, "decide", outcome="penalty")
    assert response.status_code == 400 and "决定" in response.content.decode()  # not at the decision stage
    assert step(officer, case, "notice", notified_on=(TODAY() - datetime.timedelta(days=10)).isoformat()) \
        .status_code == 302
    assert step(officer, case, "end_statement").status_code == 302
    case.refresh_from_db()
    assert case.stage == StageCode.DECISION
    response = step(officer, case, "decide", outcome="penalty", decision_text="罚款一千元")
    assert response.status_code == 400 and "第五十七条" in response.content.decode()
    assert step(leader, case, "decide", outcome="penalty", decision_text="罚款一千元").status_code == 302
    case.refresh_from_db()
    assert case.outcome == "penalty" and case.stage == StageCode.SERVICE
    services.served(case, by=cw.users["officer_a"], served_on=TODAY())
    services.executed(case, by=cw.users["officer_a"], note="已缴清")
    assert step(leader, case, "close", note="结案").status_code == 302
    assert step(officer, case, "archive").status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ARCHIVED
    page = officer.get(case.get_absolute_url()).content.decode()
    assert "罚款一千元" in page and "已归档" in page


def test_step_refused_outside_scope_and_unknown_steps(cw):
    case = filed_case(cw)
    assert step(client_for(cw.users["officer_b"]), case, "report", facts="x").status_code == 404
    assert step(client_for(cw.users["supervisor"]), case, "report", facts="x").status_code == 404
    assert client_for(cw.users["officer_a"]).get(f"/cases/cases/{case.pk}/step/nope/").status_code == 404


def test_step_form_as_htmx_fragment_and_the_discretion_band(cw):
    from zongzhi.discretion.models import DiscretionBand, DiscretionStandard
    from zongzhi.discretion.services import file_standard

    standard = DiscretionStandard.objects.create(matter=cw.straw, issuing_region=cw.county, issuer="襄城县农业农村局",
                                                 title="襄城县农业行政处罚裁量基准", version="2024",
                                                 effective_from=datetime.date(2024, 1, 1))
    DiscretionBand.objects.create(standard=standard, level="ordinary", conditions="面积较大", penalty_types=["fine"],
                                  fine_min=800, fine_max=1500, item="第一项")
    file_standard(standard, by=cw.users["admin"], filed_on=datetime.date(2024, 1, 1))
    case = filed_case(cw)
    client = client_for(cw.users["officer_a"])
    fragment = client.get(f"/cases/cases/{case.pk}/step/report/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'data-testid="step-form-report"' in fragment and "hx-get" in fragment
    page = client.get(f"/cases/cases/{case.pk}/step/report/").content.decode()
    assert "<html" in page and 'data-testid="step-form-report"' in page
    band = client.get(f"/cases/cases/{case.pk}/band/", {"report-level": "ordinary"}).content.decode()
    assert "800" in band and "1500" in band and "面积较大" in band
    band = client.get(f"/cases/cases/{case.pk}/band/", {"report-level": "heavier"}).content.decode()
    assert "alert-warning" in band


def test_suspend_resume_extend_and_officers_through_the_pages(cw):
    leader, officer = client_for(cw.users["leader_a"]), client_for(cw.users["officer_a"])
    case = filed_case(cw)
    assert step(leader, case, "extend", reason="案情复杂").status_code == 302
    assert step(leader, case, "extend", reason="再次").status_code == 400
    response = step(officer, case, "suspend", reason="等待鉴定")
    assert response.status_code == 400 and "第五十四条" in response.content.decode()
    assert step(leader, case, "suspend", reason="等待鉴定").status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    assert 'data-testid="step-resume"' in leader.get(case.get_absolute_url()).content.decode()
    assert step(leader, case, "resume", note="鉴定完成").status_code == 302
    response = step(officer, case, "officers", officers=cw.officer_a.pk)
    assert response.status_code == 400 and "第四十二条" in response.content.decode()
    assert step(officer, case, "officers", officers=[cw.officer_a.pk, cw.officer_a2.pk]).status_code == 302


def test_sections_of_other_apps_are_included_when_they_exist(cw, monkeypatch, settings, tmp_path):
    for app in ("evidence", "documents"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "case_section.html").write_text(f"SECTION-{app} {{{{ case.number }}}} {{{{ actions|length }}}}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0].get("DIRS", [])]}]
    monkeypatch.setattr(views, "SECTION_APPS", ["evidence", "nowhere", "documents"])
    case = filed_case(cw)
    page = client_for(cw.users["officer_a"]).get(case.get_absolute_url()).content.decode()
    assert f"SECTION-evidence {case.number}" in page and "SECTION-documents" in page
    assert page.index("SECTION-evidence") < page.index("SECTION-documents")


# --- deadlines and home -----------------------------------------------------------------------------------------

def test_deadline_list_overdue_and_due_within_days(cw):
    soon, later, late = filed_case(cw), filed_case(cw, parties=[person("甲", 91)]), filed_case(
        cw, parties=[person("乙", 92)])
    CaseDeadline.objects.filter(case=soon).update(due_on=TODAY() + datetime.timedelta(days=3))
    CaseDeadline.objects.filter(case=later).update(due_on=TODAY() + datetime.timedelta(days=20))
    CaseDeadline.objects.filter(case=late).update(due_on=TODAY() - datetime.timedelta(days=1))
    client = client_for(cw.users["leader_a"])

    def listed(**params):
        page = client.get("/cases/deadlines/", params).content.decode()
        return {c.number for c in (soon, later, late) if c.get_absolute_url() in page}

    assert listed() == {soon.number, late.number}  # default: overdue and due within 5 days
    assert listed(days=30) == {soon.number, later.number, late.number}
    assert listed(overdue="true") == {late.number}
    assert listed(township=cw.town_b.pk) == set()
    assert 'data-testid="overdue"' in client.get("/cases/deadlines/").content.decode()
    cells = export_cells(client.get("/cases/deadlines/?days=30&export=xlsx"))
    assert {soon.number, later.number, late.number} <= cells and "《行政处罚法》第六十条" in cells


def test_home_shows_the_nearest_case_deadlines(cw):
    case = filed_case(cw)
    case.deadlines.filter(key="decision").update(due_on=TODAY() - datetime.timedelta(days=1))
    pending = filed_case(cw, approve=False, parties=[person("丙", 93)])
    page = client_for(cw.users["leader_a"]).get("/").content.decode()
    assert case.number in page and "逾期" in page and pending.number not in page
    assert "/cases/cases/?status=pending" in page
    assert case.number not in client_for(cw.users["officer_b"]).get("/").content.decode()
    assert timezone.localdate() == TODAY()
