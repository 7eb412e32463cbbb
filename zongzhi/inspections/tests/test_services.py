import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from zongzhi.audit.services import history
from zongzhi.cases.choices import ClueSource
from zongzhi.cases.models import Clue

from .. import services
from ..choices import DrawStatus, FindingAction, InspectionMode, InspectionResult, InspectionStatus, PlanStatus
from ..models import ConflictOfInterest, Draw, Inspection, InspectionPlan, Rating
from .conftest import make_item

pytestmark = pytest.mark.django_db


def finished(inspection, by, *, finding=""):
    if finding:
        services.add_finding(inspection, description=finding, by=by)
    return services.finish_inspection(inspection, by=by)


# --- items and plans ------------------------------------------------------------------------------------------------

def test_unpublished_item_is_refused_in_plans_and_inspections(setup, inspect):
    with pytest.raises(ValidationError) as error:
        inspect(items=[setup.draft_item])
    assert "涉企行政检查事项未公布的不得实施" in str(error.value)
    plan = InspectionPlan.objects.create(agency=setup.squad_a, name="专项计划", kind="special", year=setup.plan_a.year,
                                         starts_on=setup.plan_a.starts_on, ends_on=setup.plan_a.ends_on)
    with pytest.raises(ValidationError, match="未公布"):
        services.save_plan(plan, items=[setup.draft_item], by=setup.users["officer_a"])
    plan.save()
    plan.items.set([setup.draft_item])
    with pytest.raises(ValidationError, match="未公布"):
        services.approve_plan(plan, by=setup.users["leader_a"])
    services.publish_item(setup.draft_item, by=setup.users["officer_a"])
    setup.draft_item.refresh_from_db()
    assert setup.draft_item.published and setup.draft_item.published_on == timezone.localdate()
    assert inspect(items=[setup.draft_item]).pk


def test_plan_is_approved_by_a_leader_then_published(setup):
    plan = setup.plan_b
    with pytest.raises(ValidationError, match="领导"):
        services.approve_plan(plan, by=setup.users["officer_b"])
    with pytest.raises(ValidationError):
        services.publish_plan(plan, by=setup.users["officer_b"])
    plan = services.approve_plan(plan, by=setup.users["admin"])
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == setup.users["admin"]
    plan = services.publish_plan(plan, by=setup.users["officer_b"])
    assert plan.status == PlanStatus.PUBLISHED and plan.published_on == timezone.localdate()
    entry = history(plan).first()
    assert entry.user_name == "officer_b"


# --- inspectors -----------------------------------------------------------------------------------------------------

def test_inspectors_must_be_two_certified_and_never_auxiliary(setup, inspect):
    with pytest.raises(ValidationError, match="至少"):
        inspect(inspectors=[setup.officer_a])
    with pytest.raises(ValidationError) as error:
        inspect(inspectors=[setup.officer_a, setup.auxiliary])
    assert "钱辅助" in str(error.value) and "辅助" in str(error.value)
    with pytest.raises(ValidationError) as error:
        inspect(inspectors=[setup.officer_a, setup.uncertified])
    assert "孙未证" in str(error.value)
    # A certificate expired before the inspection date does not count.
    cert = setup.officer_a2.certificates.get()
    cert.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    cert.save()
    with pytest.raises(ValidationError, match="周明远"):
        inspect()
    assert not Inspection.objects.exists()


# --- limits ---------------------------------------------------------------------------------------------------------

def test_repeat_checks_across_departments_warn(setup, inspect):
    today = timezone.localdate()
    first = inspect(date=today)
    assert first.warnings == []
    report = services.check_limits(setup.subject_a, today)
    assert any("一天内" in w for w in report.warnings), report.warnings
    # Another agency counts too: all departments on one subject.
    dept_item = make_item(setup.dept, "D-01", setup.domains["agriculture"])
    second = inspect(date=today, agency=setup.dept, items=[dept_item], by=setup.users["admin"])
    assert second.warnings and "国办发〔2024〕54号" in second.warnings[0]
    with override_settings(INSPECTIONS_REPEAT_LIMITS={"day": 5, "week": 5, "month": 5}):
        assert services.check_limits(setup.subject_a, today).warnings == []


def test_annual_cap_refuses_without_reason(setup, inspect):
    # 城关小吃店 is class A: no strategy, so the default cap of one inspection a year applies.
    day = timezone.localdate().replace(month=1, day=10)
    inspect(setup.subject_a2, date=day)
    later = day + datetime.timedelta(days=60)
    with pytest.raises(ValidationError) as error:
        inspect(setup.subject_a2, date=later)
    assert "reason" in error.value.message_dict
    inspection = inspect(setup.subject_a2, date=later, reason="群众投诉，需核查")
    assert inspection.limit_reason == "群众投诉，需核查" and inspection.warnings
    with override_settings(INSPECTIONS_ANNUAL_CAPS={"a": 5}):
        assert services.check_limits(setup.subject_a2, later).blocks == []


def test_class_strategy_sets_the_cap(setup):
    from zongzhi.subjects.models import ClassStrategy

    assert services.annual_cap(setup.subject_a) == services.DEFAULT_ANNUAL_CAPS["c"]
    ClassStrategy.objects.create(region=setup.county, risk_class="c", inspections_per_year="1.5", mode="on_site")
    assert services.annual_cap(setup.subject_a) == 2


def test_follow_ups_and_joint_visits_are_not_counted_twice(setup, inspect):
    day = timezone.localdate().replace(month=1, day=10)
    first = inspect(setup.subject_a2, date=day)
    finding = services.add_finding(first, description="健康证过期", by=setup.users["officer_a"])
    services.order_correction(finding, deadline=day + datetime.timedelta(days=40), by=setup.users["officer_a"])
    assert Inspection.objects.filter(follow_up_of=first).count() == 1
    # The follow-up does not use up the class A cap of one.
    assert services.visits(services.counted(Inspection.objects.filter(subject=setup.subject_a2))) == 1


def test_three_no_finding_checks_need_a_reason_for_a_fourth(setup, inspect):
    by = setup.users["officer_a"]
    with override_settings(INSPECTIONS_ANNUAL_CAPS={"c": 10}, INSPECTIONS_REPEAT_LIMITS={"day": 9, "week": 9,
                                                                                          "month": 9}):
        base = timezone.localdate().replace(month=1, day=5)
        for n in range(3):
            finished(inspect(date=base + datetime.timedelta(days=n)), by)
        with pytest.raises(ValidationError) as error:
            inspect(date=base + datetime.timedelta(days=5))
        assert "林晓东" in str(error.value) and "三" in str(error.value)
        # Another pair of inspectors is not caught by the rule…
        other = services.check_limits(setup.subject_a, base, [setup.officer_a3])
        assert other.blocks == []
        # …and a reason lets the same inspectors go ahead.
        fourth = inspect(date=base + datetime.timedelta(days=5), reason="专项整治要求复查")
        finished(fourth, by, finding="发现过期农药")
        assert services.check_limits(setup.subject_a, base, [setup.officer_a]).blocks == []


# --- recording ------------------------------------------------------------------------------------------------------

def test_finding_opens_a_clue_in_one_step(setup, inspect):
    inspection = inspect()
    services.start_inspection(inspection, by=setup.users["officer_a"])
    finding = services.add_finding(inspection, description="店内销售过期农药", matter=setup.matter,
                                   by=setup.users["officer_a"])
    finding = services.open_clue(finding, by=setup.users["officer_a"])
    clue = Clue.objects.get()
    assert finding.clue == clue and finding.action == FindingAction.CLUE
    assert clue.source == ClueSource.PATROL and clue.agency == setup.squad_a and clue.region == setup.town_a
    assert clue.subject_name == "城关某某农资店" and clue.subject_identifier == setup.subject_a.uscc
    assert clue.address == "人民路 1 号" and clue.matter == setup.matter and clue.latitude is not None
    assert inspection.code in clue.description and "过期农药" in clue.description
    with pytest.raises(ValidationError):
        services.open_clue(finding, by=setup.users["officer_a"])
    inspection = services.finish_inspection(inspection, by=setup.users["officer_a"])
    assert inspection.result == InspectionResult.PROBLEMS and inspection.finding_count == 1


def test_order_to_correct_schedules_a_follow_up(setup, inspect):
    inspection = inspect()
    finding = services.add_finding(inspection, description="台账不完整", by=setup.users["officer_a"])
    deadline = inspection.date + datetime.timedelta(days=15)
    finding = services.order_correction(finding, deadline=deadline, by=setup.users["officer_a"])
    follow = finding.follow_up
    assert follow.follow_up_of == inspection and follow.date == deadline and follow.mode == InspectionMode.FOLLOW_UP
    assert set(follow.inspectors.all()) == set(setup.team) and list(follow.items.all()) == [setup.item_a]
    with pytest.raises(ValidationError):
        services.order_correction(finding, deadline=deadline, by=setup.users["officer_a"])


def test_checklist_and_finish(setup, inspect):
    inspection = inspect()
    by = setup.users["officer_a"]
    with pytest.raises(ValidationError):
        services.record_checklist(inspection, [(setup.item_a, 2, "does_not", "")], by=by)
    services.record_checklist(inspection, [(setup.item_a, 1, "conforms", ""), (setup.item_a, 2, "does_not",
                                                                                "缺进货台账")], by=by)
    services.record_checklist(inspection, [(setup.item_a, 1, "na", "")], by=by)
    assert inspection.checklist_results.count() == 2
    inspection = services.finish_inspection(inspection, by=by)
    assert inspection.result == InspectionResult.PROBLEMS and inspection.status == InspectionStatus.FINISHED
    with pytest.raises(ValidationError):
        services.finish_inspection(inspection, by=by)


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_photos_are_checked_and_hashed(setup, inspect, settings, tmp_path):
    import hashlib

    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    inspection = inspect()
    by = setup.users["officer_a"]
    photo = services.add_photo(inspection, SimpleUploadedFile("a.png", PNG, content_type="image/png"), by=by)
    assert photo.sha256 == hashlib.sha256(PNG).hexdigest() and photo.size == len(PNG)
    assert photo.file.read() == PNG
    with pytest.raises(ValidationError, match="不符"):
        services.add_photo(inspection, SimpleUploadedFile("a.jpg", PNG, content_type="image/jpeg"), by=by)
    with pytest.raises(ValidationError):
        services.add_photo(inspection, SimpleUploadedFile("a.exe", b"MZ", content_type="application/x-msdownload"),
                           by=by)


def test_rating_once(setup, inspect):
    inspection = inspect()
    with pytest.raises(ValidationError):
        services.rate_inspection(inspection, score=5)
    services.start_inspection(inspection, by=setup.users["officer_a"])
    with pytest.raises(ValidationError):
        services.rate_inspection(inspection, score=6)
    services.rate_inspection(inspection, score=4, comment="文明执法")
    with pytest.raises(ValidationError, match="已"):
        services.rate_inspection(inspection, score=1)
    assert Rating.objects.get().score == 4


def test_codes_are_unique_and_unguessable(setup, inspect):
    codes = {inspect(date=timezone.localdate() - datetime.timedelta(days=n), reason="测试").code for n in range(5)}
    assert len(codes) == 5 and all(len(c) == 16 for c in codes)


# --- draws ----------------------------------------------------------------------------------------------------------

def make_draw(setup, **values):
    values.setdefault("count", 1)
    draw = Draw(plan=setup.plan_a, name="第一季度抽查", region=setup.town_a,
                scheduled_for=timezone.localdate() + datetime.timedelta(days=3), **values)
    draw.full_clean()
    draw.save()
    return draw


def test_draw_is_reproducible_and_audited(setup):
    draw = make_draw(setup, count=2)
    draw = services.run_draw(draw, by=setup.users["officer_a"], seed=20261122)
    assert draw.status == DrawStatus.DRAWN and draw.seed == 20261122
    assert sorted(r["subject"] for r in draw.result) == sorted([setup.subject_a.pk, setup.subject_a2.pk])
    assert services.verify_draw(draw)
    # Same seed and inputs: same result, whoever runs it.
    assert services._compute(draw.inputs, draw.seed) == draw.result
    # Tampering with the result or the inputs is noticed.
    draw.result[0]["inspectors"] = [setup.uncertified.pk, setup.auxiliary.pk]
    assert not services.verify_draw(draw)
    draw.refresh_from_db()
    draw.inputs["candidates"].append(999)
    assert not services.verify_draw(draw)
    draw.refresh_from_db()
    entry = history(draw).first()
    assert "seed" in str(entry.changes) or "seed" in str(entry.__dict__)
    # The inspections are registered from the result, with the drawn inspectors.
    rows = Inspection.objects.filter(draw=draw)
    assert rows.count() == 2 and all(r.mode == InspectionMode.RANDOM for r in rows)
    for row in draw.result:
        assert set(rows.get(subject_id=row["subject"]).inspectors.values_list("pk", flat=True)) == set(
            row["inspectors"])
    # Results are due within 20 working days.
    assert draw.results_due >= draw.scheduled_for + datetime.timedelta(days=26)
    with pytest.raises(ValidationError):
        services.run_draw(draw, by=setup.users["officer_a"])
    draw = services.publish_draw(draw, by=setup.users["officer_a"])
    assert draw.status == DrawStatus.PUBLISHED


def test_different_seeds_differ_somewhere(setup):
    inputs = {"candidates": list(range(1, 101)), "count": 10, "pool": list(range(1, 21)), "conflicts": [],
              "inspectors_per_inspection": 2}
    assert services._compute(inputs, 1) == services._compute(inputs, 1)
    assert services._compute(inputs, 1) != services._compute(inputs, 2)


def test_draw_excludes_conflicted_uncertified_and_auxiliary(setup):
    ConflictOfInterest.objects.create(officer=setup.officer_a3, subject=setup.subject_a, reason="亲属经营")
    draw = make_draw(setup, count=2)
    inputs = services.draw_inputs(draw)
    assert inputs["pool"] == sorted([setup.officer_a.pk, setup.officer_a2.pk, setup.officer_a3.pk])
    assert inputs["excluded_inspectors"] == {str(setup.uncertified.pk): "uncertified",
                                             str(setup.auxiliary.pk): "auxiliary"}
    assert inputs["conflicts"] == [[setup.officer_a3.pk, setup.subject_a.pk]]
    assert setup.subject_b.pk not in inputs["candidates"]
    for seed in range(30):
        result = services._compute(inputs, seed)
        for row in result:
            if row["subject"] == setup.subject_a.pk:
                assert setup.officer_a3.pk not in row["inspectors"]
            assert len(row["inspectors"]) == 2
            assert setup.uncertified.pk not in row["inspectors"] and setup.auxiliary.pk not in row["inspectors"]


def test_draw_refuses_when_too_few_inspectors_remain(setup):
    ConflictOfInterest.objects.create(officer=setup.officer_a3, subject=setup.subject_a, reason="亲属")
    ConflictOfInterest.objects.create(officer=setup.officer_a2, subject=setup.subject_a, reason="同学")
    draw = make_draw(setup, count=2)
    with pytest.raises(ValidationError, match="利益冲突|conflict"):
        services.run_draw(draw, by=setup.users["officer_a"])
    draw.refresh_from_db()
    assert draw.status == DrawStatus.DRAFT and not Inspection.objects.exists()


def test_draw_filters_and_ratio(setup):
    draw = make_draw(setup, count=None, ratio=50, risk_classes=["c"])
    inputs = services.draw_inputs(draw)
    assert inputs["candidates"] == [setup.subject_a.pk] and inputs["count"] == 1
    with pytest.raises(ValidationError):
        make_draw(setup, count=1, ratio=10)
    with pytest.raises(ValidationError):
        make_draw(setup, count=1, inspectors_per_inspection=1)


# --- joint inspections and the ledger --------------------------------------------------------------------------------

def test_joint_candidates_and_merge(setup, inspect):
    day = timezone.localdate() + datetime.timedelta(days=5)
    mine = inspect(date=day)
    dept_item = make_item(setup.dept, "D-01", setup.domains["agriculture"])
    theirs = inspect(date=day + datetime.timedelta(days=2), agency=setup.dept, items=[dept_item],
                     by=setup.users["admin"])
    inspect(setup.subject_a2, date=day)  # one agency only: not a candidate
    found = services.joint_candidates(Inspection.objects.all(), day, day + datetime.timedelta(days=10))
    assert [c.subject for c in found] == [setup.subject_a] and found[0].visits_saved == 1
    joint = services.merge_joint([mine, theirs], lead_agency=setup.squad_a, date=day, by=setup.users["officer_a"])
    assert joint.visits_saved == 1 and set(joint.agencies.all()) == {setup.squad_a, setup.dept}
    theirs.refresh_from_db()
    assert theirs.joint == joint and theirs.date == day and theirs.mode == InspectionMode.JOINT
    assert [i for i, _a in services.combined_checklist(joint)] == [setup.item_a, dept_item] or \
        {i for i, _a in services.combined_checklist(joint)} == {setup.item_a, dept_item}
    assert services.visits(Inspection.objects.filter(subject=setup.subject_a)) == 1
    with pytest.raises(ValidationError):
        services.merge_joint([mine, theirs], lead_agency=setup.squad_a, date=day, by=setup.users["officer_a"])


def test_ledger_entries_in_time_order(setup, inspect):
    by = setup.users["officer_a"]
    later = inspect(date=timezone.localdate())
    earlier = inspect(date=timezone.localdate() - datetime.timedelta(days=20), reason="测试")
    finding = services.add_finding(earlier, description="无进货台账", by=by)
    services.open_clue(finding, by=by)
    entries = services.ledger_entries(setup.subject_a)
    assert [e.kind for e in entries] == ["inspection", "finding", "inspection"]
    assert entries[0].inspection_id == earlier.pk and entries[2].inspection_id == later.pk
    assert Clue.objects.get().number in entries[1].result
    assert services.ledger_entries(setup.subject_a, setup.users["officer_b"]) == []


def test_link_case_points_the_findings_of_a_filed_clue_to_the_case(setup, inspect):
    from zongzhi.cases.models import Case

    inspection = inspect()
    finding = services.add_finding(inspection, description="销售假农药", matter=setup.matter,
                                   by=setup.users["officer_a"])
    finding = services.open_clue(finding, by=setup.users["officer_a"])
    case = Case.objects.create(number="城关街综执立〔2026〕1号", year=2026, serial=1, agency=setup.squad_a,
                               deciding_body=setup.gov_a, region=setup.town_a, clue=finding.clue,
                               matter=setup.matter, act_on=timezone.localdate(), discovered_on=timezone.localdate())
    assert services.link_case(case, by=setup.users["officer_a"]) == 1
    finding.refresh_from_db()
    assert finding.case == case
    assert services.link_case(case) == 0
