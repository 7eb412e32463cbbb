import datetime

import pytest
from django.core.management import call_command

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.catalog import demo_data, services
from zongzhi.catalog.choices import CatalogStatus
from zongzhi.catalog.models import Acceptance, DelegationCatalog, Evaluation, Matter

pytestmark = pytest.mark.django_db
D = datetime.date


def test_demo_catalog_cites_real_articles_in_two_versions_and_is_idempotent(world):
    call_command("build_demo_catalog")
    assert Matter.objects.count() == len(demo_data.MATTERS)
    assert not Matter.objects.filter(violated_article__isnull=True).exists()
    assert not Matter.objects.filter(penalty_article__isnull=True).exists()
    straw = Matter.objects.get(code="NY-001")
    assert straw.violated_citation == "《中华人民共和国大气污染防治法》第七十七条"
    assert straw.penalty_citation == "《中华人民共和国大气污染防治法》第一百一十九条第一款"
    assert "露天焚烧秸秆" in straw.penalty_article.text
    v2023, v2024 = DelegationCatalog.objects.order_by("effective")
    assert (v2023.status, v2024.status) == (CatalogStatus.SUPERSEDED, CatalogStatus.PUBLISHED)
    items = list(v2024.items.all())
    assert sum(i.applies_to_township("town") for i in items) == 75
    assert sum(i.applies_to_township("subdistrict") for i in items) == 66
    changes = services.diff(v2023, v2024)
    assert sorted((c.kind, c.matter.code) for c in changes) == sorted(
        [("added", c) for c in demo_data.ADDED_IN_2024] + [("removed", c) for c in demo_data.REMOVED_IN_2024]
        + [("changed", "CG-009")])
    assert Acceptance.objects.filter(agency=world.gov_a, lapses_on__isnull=True).count() == 66
    assert Acceptance.objects.filter(agency=world.gov_b, lapses_on__isnull=True).count() == 75
    removed = Matter.objects.get(code="HB-008")  # towns only, dropped in 2024版
    assert services.may_exercise(world.squad_b, removed, D(2024, 1, 30)).allowed
    assert not services.may_exercise(world.squad_b, removed, D(2024, 1, 31)).allowed
    assert services.may_exercise(world.squad_a, Matter.objects.get(code="WH-002"), D(2024, 3, 1)).allowed
    report = services.evaluation_report(Evaluation.objects.all())
    assert report.total.total == 66 + 75 and report.total.not_yet_able > 0
    logged = ChangeLogEntry.objects.count()
    call_command("build_demo_catalog")
    assert ChangeLogEntry.objects.count() == logged
