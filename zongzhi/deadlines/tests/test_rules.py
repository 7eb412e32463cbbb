import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.deadlines.choices import TimeUnit
from zongzhi.deadlines.models import DeadlineRule
from zongzhi.deadlines.rules_data import RULES
from zongzhi.deadlines.services import UnknownRule, compute, resolve_rule

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def rules(db):
    call_command("seed_deadline_rules")


def test_seed_is_idempotent_and_audited(rules):
    assert DeadlineRule.objects.filter(region__isnull=True).count() == len(RULES)
    logged = ChangeLogEntry.objects.count()
    rule = DeadlineRule.objects.get(code="fine-payment")
    rule.count = 99
    rule.save()
    call_command("seed_deadline_rules")
    assert DeadlineRule.objects.count() == len(RULES)
    assert DeadlineRule.objects.get(code="fine-payment").count == 15  # restored
    assert ChangeLogEntry.objects.count() == logged + 2  # the edit and its repair, nothing else


def test_every_seeded_rule_carries_its_citation(rules):
    for rule in DeadlineRule.objects.all():
        assert rule.citation and rule.name and rule.start_event, rule.code
        assert rule.count > 0
    expected = {
        "penalty-decision": (90, TimeUnit.NATURAL_DAYS, "第六十条"),
        "hearing-request": (5, TimeUnit.WORKING_DAYS, "第六十四条"),
        "hearing-notice": (7, TimeUnit.WORKING_DAYS, "第六十四条"),
        "evidence-preservation-decision": (7, TimeUnit.WORKING_DAYS, "第五十六条"),
        "decision-service": (7, TimeUnit.WORKING_DAYS, "第六十一条"),
        "public-notice-service": (30, TimeUnit.NATURAL_DAYS, "民事诉讼法》第九十五条"),
        "fine-payment": (15, TimeUnit.NATURAL_DAYS, "第六十七条"),
        "publication-withdrawal": (3, TimeUnit.WORKING_DAYS, "第四十八条"),
        "penalty-publication": (7, TimeUnit.WORKING_DAYS, "国办发〔2018〕118号"),
        "decision-publication": (20, TimeUnit.WORKING_DAYS, "国办发〔2018〕118号"),
        "seizure": (30, TimeUnit.NATURAL_DAYS, "行政强制法》第二十五条"),
        "seizure-extension": (30, TimeUnit.NATURAL_DAYS, "行政强制法》第二十五条"),
        "enforcement-demand": (10, TimeUnit.WORKING_DAYS, "行政强制法》第五十四条"),
        "court-enforcement-application": (3, TimeUnit.MONTHS, "行政强制法》第五十三条"),
        "reconsideration": (60, TimeUnit.NATURAL_DAYS, "行政复议法》第二十条"),
        "lawsuit": (6, TimeUnit.MONTHS, "行政诉讼法》第四十六条"),
        "criminal-transfer-decision": (3, TimeUnit.NATURAL_DAYS, "第310号"),
        "criminal-transfer": (24, TimeUnit.HOURS, "第310号"),
        "random-inspection-publication": (20, TimeUnit.WORKING_DAYS, "双随机"),
        "assistance-reply": (3, TimeUnit.WORKING_DAYS, "地方规定"),
        "legal-review": (7, TimeUnit.WORKING_DAYS, "地方规定"),
    }
    for code, (count, unit, cited) in expected.items():
        rule = DeadlineRule.objects.get(code=code, region__isnull=True)
        assert (rule.count, rule.unit) == (count, unit), code
        assert cited in rule.citation, code


def test_compute_by_code(rules):
    result = compute("decision-service", D(2025, 9, 28))
    assert result.due == D(2025, 10, 14)
    assert "第六十一条" in result.citation
    assert compute("hearing-notice", D(2025, 10, 14)).due == D(2025, 9, 28)
    assert compute("penalty-decision", D(2025, 7, 3)).due == D(2025, 10, 9)  # 90 days end on 10-01
    assert compute("criminal-transfer", datetime.datetime(2025, 10, 1, 8)).due == datetime.datetime(2025, 10, 2, 8)
    with pytest.raises(UnknownRule):
        compute("no-such-rule", D(2025, 1, 1))


def test_a_local_rule_wins_inside_its_region_subtree(world, rules):
    DeadlineRule.objects.create(code="assistance-reply", name="协作答复（许昌市）", count=4, unit="working_days",
                                start_event="收到协作请求", citation="许昌市规定", region=world.city)
    DeadlineRule.objects.create(code="assistance-reply", name="协作答复（襄城县）", count=2, unit="working_days",
                                start_event="收到协作请求", citation="襄城县规定", region=world.county)
    assert resolve_rule("assistance-reply", world.town_a).region == world.county  # the nearest wins
    assert resolve_rule("assistance-reply", world.city).region == world.city
    assert resolve_rule("assistance-reply", world.province).region is None
    assert resolve_rule("assistance-reply").region is None
    # 2025-09-29 (Monday): 2 working days → 10-09; the national 3 → 10-10
    assert compute("assistance-reply", D(2025, 9, 29), region=world.town_b).due == D(2025, 10, 9)
    assert compute("assistance-reply", D(2025, 9, 29)).due == D(2025, 10, 10)


def test_resolving_and_computing_take_two_queries(world, rules):
    with CaptureQueriesContext(connection) as ctx:
        compute("decision-publication", D(2025, 9, 1), region=world.town_a)
    assert len(ctx) == 2
