import datetime
import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from zongzhi.catalog.models import Matter
from zongzhi.discretion import services
from zongzhi.discretion.choices import StandardStatus
from zongzhi.discretion.models import DiscretionBand, DiscretionStandard

pytestmark = pytest.mark.django_db


def test_demo_benchmarks_are_idempotent_and_within_the_legal_range(world, burning):
    Matter.objects.create(code="CG-008", name="擅自占用城市道路设摊经营", domain=world.domains["urban"],
                          penalty_types=["warning", "fine"], fine_min=D(50), fine_max=D(200))
    building = Matter.objects.create(code="ZR-008", name="未取得建设工程规划许可证进行建设",
                                     domain=world.domains["natural_resources"],
                                     penalty_types=["fine", "confiscate_property", "confiscate_gains"],
                                     multiple_min=D("0.05"), multiple_max=D("0.1"), multiple_base="建设工程造价")
    out = io.StringIO()
    call_command("build_demo_discretion", stdout=out)
    assert "乱倒垃圾" in out.getvalue() and "Discretion benchmarks: 4 created." in out.getvalue()
    call_command("build_demo_discretion", stdout=io.StringIO())
    assert DiscretionStandard.objects.count() == 4 and DiscretionBand.objects.count() == 16
    county = DiscretionStandard.objects.get(issuing_region=world.county)
    assert county.matter == burning and county.status == StandardStatus.FILED
    assert set(DiscretionStandard.objects.exclude(pk=county.pk).values_list("status", flat=True)) == {
        StandardStatus.PUBLISHED}
    today = datetime.date(2025, 6, 1)
    assert services.applicable_standard(burning, world.town_b, today) == county
    band = services.band_for(building, world.town_b, today, "heavier", {"building_cost": D(1000000)})
    assert band.standard.issuing_region == world.province
    assert (band.amount_min, band.amount_max, band.legal_min, band.legal_max) == (D(90000), D(100000), D(50000),
                                                                                  D(100000))
    for b in DiscretionBand.objects.all():
        b.standard.status = StandardStatus.DRAFT  # validate as a draft: the band lies within the legal range
        b.full_clean()
