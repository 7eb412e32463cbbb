import datetime

import pytest
from django.core.exceptions import ValidationError

from zongzhi.agencies.models import Agency
from zongzhi.catalog import services
from zongzhi.catalog.choices import CatalogStatus, ChangeKind, Conclusion
from zongzhi.catalog.models import CountySelection, DelegationCatalog, TransitionSetting

pytestmark = pytest.mark.django_db
D = datetime.date


def publish_2024(v2024, world):
    lapsed = services.publish_version(v2024, on=D(2023, 12, 15))
    v2024.refresh_from_db()
    selection = CountySelection.objects.create(county=world.county, catalog=v2024, decided_on=D(2023, 12, 20))
    selection.items.set(v2024.items.all())
    return lapsed


def test_a_squad_exercises_an_accepted_matter_in_the_name_of_its_township(world, delegation):
    answer = services.may_exercise(world.squad_a, delegation["matters"]["straw"], D(2023, 6, 1))
    assert answer.allowed and answer.in_name_of == world.gov_a
    assert answer.acceptance == delegation["acc"]["a_straw"] and answer.catalog == delegation["v2023"]


def test_not_delegated_not_yet_accepted_and_outside_the_territory(world, delegation):
    m = delegation["matters"]
    river = services.may_exercise(world.squad_a, m["river"], D(2023, 6, 1))  # towns only: 城关 is a 街道
    assert not river.allowed and "未赋权" in river.reason
    early = services.may_exercise(world.gov_a, m["straw"], D(2023, 2, 1))
    assert not early.allowed and "尚未承接" in early.reason and "2023-03-01" in early.reason
    stall = services.may_exercise(world.gov_b, m["stall"], D(2023, 6, 1))
    assert not stall.allowed and "尚未承接" in stall.reason
    away = services.may_exercise(world.squad_a, m["straw"], D(2023, 6, 1), region=world.town_b)
    assert not away.allowed and "辖区" in away.reason
    office = services.may_exercise(world.office_a, m["straw"], D(2023, 6, 1))
    assert not office.allowed and office.in_name_of is None


def test_a_removed_matter_lapses_after_the_transition_and_open_cases_stay(world, delegation, v2024):
    stall = delegation["matters"]["stall"]
    lapsed = publish_2024(v2024, world)
    assert [a.pk for a in lapsed] == [delegation["acc"]["a_stall"].pk]
    delegation["v2023"].refresh_from_db()
    assert delegation["v2023"].status == CatalogStatus.SUPERSEDED
    acc = delegation["acc"]["a_stall"]
    acc.refresh_from_db()
    assert acc.lapses_on == D(2024, 1, 31)  # 30 natural days after 2024-01-01
    # A case filed on the last day of the transition is judged on its filing date and stays with the township.
    last = services.may_exercise(world.squad_a, stall, D(2024, 1, 30))
    assert last.allowed and last.in_name_of == world.gov_a and "2024-01-31" in last.reason
    assert services.may_exercise(world.squad_a, stall, D(2023, 12, 31)).allowed
    gone = services.may_exercise(world.squad_a, stall, D(2024, 1, 31))
    assert not gone.allowed and "失效" in gone.reason and "2024-01-31" in gone.reason
    # Kept matters carry on under the new version.
    straw = services.may_exercise(world.squad_a, delegation["matters"]["straw"], D(2024, 6, 1))
    assert straw.allowed and straw.catalog == v2024


def test_the_transition_period_is_a_setting_per_jurisdiction(world, delegation, v2024):
    TransitionSetting.objects.create(region=world.city, days=10, basis="许昌市通知")
    assert TransitionSetting.for_region(world.town_a) == (10, "许昌市通知")
    TransitionSetting.objects.create(region=world.county, days=15)
    assert TransitionSetting.for_region(world.town_a)[0] == 15
    publish_2024(v2024, world)
    delegation["acc"]["a_stall"].refresh_from_db()
    assert delegation["acc"]["a_stall"].lapses_on == D(2024, 1, 16)
    assert TransitionSetting.for_region(world.province) == (30, str(TransitionSetting.DEFAULT_BASIS))


def test_a_matter_no_longer_for_sub_districts_lapses_there_only(world, delegation, v2024):
    straw = delegation["matters"]["straw"]
    straw.applies_to = "town"
    straw.save()
    publish_2024(v2024, world)  # publishing snapshots the matter: straw now for towns only
    assert services.may_exercise(world.gov_a, straw, D(2024, 3, 1)).allowed is False
    assert services.may_exercise(world.gov_b, straw, D(2024, 3, 1)).allowed is True


def test_diff_lists_added_removed_and_changed_fields(world, delegation, v2024):
    straw = delegation["matters"]["straw"]
    straw.fine_max = 3000
    straw.save()
    publish_2024(v2024, world)
    changes = services.diff(delegation["v2023"], v2024)
    assert [(c.kind, c.matter.code) for c in changes] == [
        (ChangeKind.ADDED, "ZR-001"), (ChangeKind.REMOVED, "CG-001"), (ChangeKind.CHANGED, "NY-001")]
    assert [(str(label), was, now) for label, was, now in changes[2].fields] == [
        ("罚款上限（元）", "2000.00", "3000.00")]


def test_published_versions_are_frozen(world, delegation, v2024):
    with pytest.raises(ValidationError):
        services.publish_version(delegation["v2023"])
    with pytest.raises(ValidationError):
        services.add_item(delegation["v2023"], delegation["matters"]["river"])
    empty = DelegationCatalog.objects.create(issuer=world.province, keeper=world.county, name="空", version="1",
                                             effective=D(2025, 1, 1))
    with pytest.raises(ValidationError):
        services.publish_version(empty)


def test_acceptance_rules(world, delegation, v2024):
    m, v2023 = delegation["matters"], delegation["v2023"]
    cases = [
        (world.squad_a, m["straw"], v2023, D(2023, 5, 1), "agency"),  # a squad is not the enforcement body
        (world.gov_a, m["river"], v2023, D(2023, 5, 1), "matter"),  # for towns only
        (world.gov_b, m["stall"], v2023, D(2022, 12, 1), "accepted_on"),  # before the catalog takes effect
        (world.gov_a, m["straw"], v2023, D(2023, 5, 1), "matter"),  # already held
        (world.gov_b, m["build"], v2024, D(2024, 2, 1), "catalog"),  # draft
    ]
    for agency, matter, catalog, on, field in cases:
        with pytest.raises(ValidationError) as error:
            services.accept(agency, matter, catalog, on)
        assert field in error.value.message_dict, (agency, matter, field)
    publish_2024(v2024, world)
    unselected = CountySelection.objects.get(catalog=v2024)
    unselected.items.remove(*v2024.items.filter(matter=m["build"]))
    with pytest.raises(ValidationError) as error:
        services.accept(world.gov_b, m["build"], v2024, D(2024, 2, 1))
    assert "未从" in error.value.message_dict["matter"][0]


def test_withdrawal_ends_the_acceptance(world, delegation):
    acc = services.withdraw(delegation["acc"]["b_river"], on=D(2023, 9, 1), note="力量不足")
    assert acc.lapses_on == D(2023, 9, 1)
    river = delegation["matters"]["river"]
    assert services.may_exercise(world.gov_b, river, D(2023, 8, 31)).allowed
    assert not services.may_exercise(world.gov_b, river, D(2023, 9, 1)).allowed
    with pytest.raises(ValidationError):
        services.withdraw(acc, on=D(2023, 10, 1))
    again = services.accept(world.gov_b, river, delegation["v2023"], D(2023, 10, 1))
    assert services.may_exercise(world.gov_b, river, D(2023, 10, 2)).acceptance == again


def test_department_holds_its_domain_except_where_delegated(world, delegation, v2024):
    m = delegation["matters"]
    assert not services.may_exercise(world.dept, m["stall"], D(2023, 6, 1)).allowed  # not its domain
    where_delegated = services.may_exercise(world.dept, m["straw"], D(2023, 6, 1), region=world.town_a)
    assert not where_delegated.allowed and "城关街道办事处" in where_delegated.reason
    before = services.may_exercise(world.dept, m["straw"], D(2023, 2, 1), region=world.town_a)
    assert before.allowed and before.in_name_of == world.dept
    item = v2024.items.get(matter=m["straw"])
    item.concurrent = True
    item.save()
    publish_2024(v2024, world)
    concurrent = services.may_exercise(world.dept, m["straw"], D(2024, 6, 1), region=world.town_a)
    assert concurrent.allowed and "同时" in concurrent.reason


def test_boundaries_list_overlaps_and_gaps(world, delegation):
    report = services.boundaries(world.county, D(2023, 6, 1))
    # 城关街道: straw, stall; 颍桥回族镇: straw, stall, river.
    assert report.cells == 5 and report.by_township == 4
    assert [(g.township, g.item.matter.code) for g in report.gaps] == [(world.town_b, "CG-001")]
    assert report.overlaps == []
    for name in ("襄城县城市管理局", "襄城县综合行政执法局"):
        dept = Agency.objects.create(name=name, kind="county_department", region=world.county,
                                     is_enforcement_body=True)
        dept.domains.add(world.domains["urban"])
    report = services.boundaries(world.county, D(2023, 6, 1))
    assert report.gaps == []
    assert [(o.township, {a.name for a in o.departments}) for o in report.overlaps] == [
        (world.town_b, {"襄城县城市管理局", "襄城县综合行政执法局"})]
    assert services.boundaries(world.county, D(2022, 6, 1)).catalog is None


def test_usage_counts_certified_officers_and_reads_zero_for_what_is_not_recorded(world, delegation):
    usage = services.usage(world.gov_a, delegation["matters"]["straw"], datetime.date.today())
    assert usage == services.Usage(cases=0, inspections=0, assistance_open=0, certified_officers=1)
    assert services.usage(world.gov_b, delegation["matters"]["straw"], datetime.date.today()).certified_officers == 0


def test_evaluation_report_uses_the_latest_conclusion(world, delegation):
    from zongzhi.catalog.models import Evaluation

    m = delegation["matters"]
    services.evaluate(world.gov_a, m["straw"], Conclusion.NOT_YET_ABLE, evaluator="县司法局", on=D(2024, 1, 1),
                      reasons="无持证人员")
    services.evaluate(world.gov_a, m["straw"], Conclusion.EFFECTIVE, evaluator="县司法局", on=D(2024, 6, 1))
    services.evaluate(world.gov_a, m["stall"], Conclusion.EFFECTIVE, evaluator="县司法局", on=D(2024, 6, 1))
    services.evaluate(world.gov_b, m["river"], Conclusion.NOT_YET_ABLE, evaluator="县司法局", on=D(2024, 6, 1),
                      reasons="无水利专业人员")
    with pytest.raises(ValidationError):
        services.evaluate(world.gov_b, m["straw"], Conclusion.NOT_YET_ABLE, evaluator="x", on=D(2024, 6, 1))
    with pytest.raises(ValidationError):
        services.evaluate(world.dept, m["straw"], Conclusion.EFFECTIVE, evaluator="x", on=D(2024, 6, 1))
    report = services.evaluation_report(Evaluation.objects.all())
    assert (report.total.total, report.total.effective, report.total.not_yet_able) == (3, 2, 1)
    assert [(t.label, t.effective, t.not_yet_able) for t in report.by_domain] == [
        ("农业农村", 1, 0), ("城市管理", 1, 0), ("水利", 0, 1)]
    assert [(t.label, t.total) for t in report.by_township] == [("城关街道办事处", 2), ("颍桥回族镇人民政府", 1)]
