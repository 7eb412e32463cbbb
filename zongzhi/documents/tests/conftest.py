import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from zongzhi.catalog.models import Matter
from zongzhi.utilities.testing import fake_id_number


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_BASE_URL = "https://zongzhi.example.gov.cn"


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db):
    call_command("seed_document_templates", verbosity=0)
    call_command("seed_deadline_rules", verbosity=0)


def make_case(world, *, agency=None, region=None, number="城关街综执罚立〔2025〕1号", person=True, **fields):
    from zongzhi.cases.models import Case, Party

    agency = agency or world.squad_a
    matter = Matter.objects.get_or_create(code="T-AG-9", defaults=dict(
        name="露天焚烧秸秆", domain=world.domains["agriculture"]))[0]
    values = dict(number=number, year=2025, serial=Case.objects.count() + 1, agency=agency,
                  deciding_body=agency.deciding_body, region=region or agency.region, matter=matter,
                  cause="露天焚烧秸秆案", facts="在承包地内露天焚烧小麦秸秆约3亩，产生大量烟尘。",
                  act_place="城关街道东关村北地", act_on=datetime.date(2025, 9, 10),
                  discovered_on=datetime.date(2025, 9, 10), filed_on=datetime.date(2025, 9, 11),
                  status="open", stage="decision", outcome="penalty", penalty_types=["fine"],
                  fine_amount=Decimal("500"), decided_on=datetime.date(2025, 9, 28))
    values.update(fields)
    case = Case.objects.create(**values)
    case.officers.add(world.officer_a, world.officer_a2)
    if person:
        Party.objects.create(case=case, kind="person", name="欧阳明华", identifier=fake_id_number(7),
                             address="襄城县城关街道东关村3组", phone="13812345678")
    else:
        Party.objects.create(case=case, kind="organisation", name="襄城县丰收农业合作社",
                             identifier="93411025MA4000000U", representative="李建国", address="襄城县城关街道")
    return case


@pytest.fixture
def case_a(world, seeded):
    return make_case(world)


@pytest.fixture
def case_b(world, seeded):
    return make_case(world, agency=world.squad_b, number="颍桥镇综执罚立〔2025〕1号")
