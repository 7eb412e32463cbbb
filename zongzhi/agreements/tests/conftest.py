import datetime

import pytest

from zongzhi.agreements.choices import AgreementKind
from zongzhi.agreements.documents import defaults
from zongzhi.agreements.models import DelegationAgreement
from zongzhi.catalog.models import Matter
from zongzhi.laws.models import Article, Law, LawVersion

D = datetime.date


@pytest.fixture
def matters(world):
    air = Law.objects.create(title="中华人民共和国大气污染防治法", kind="law")
    version = LawVersion.objects.create(law=air, label="2018年修正", effective=D(2018, 10, 26))
    art77 = Article.objects.create(version=version, number=77, label="第七十七条", text="……")
    art119 = Article.objects.create(version=version, number=119, label="第一百一十九条", text="……")
    d = world.domains
    return {
        "straw": Matter.objects.create(code="NY-001", name="露天焚烧秸秆", domain=d["agriculture"],
                                       violated_article=art77, penalty_article=art119, penalty_paragraph=1),
        "pond": Matter.objects.create(code="NY-002", name="在乡村水塘电鱼", domain=d["agriculture"], applies_to="town"),
        "stall": Matter.objects.create(code="CG-001", name="擅自占道经营", domain=d["urban"]),
    }


def make_agreement(world, receiving, *, number, matters=(), **values):
    agreement = DelegationAgreement.objects.create(
        kind=AgreementKind.ENTRUSTMENT, number=number, delegating_agency=world.dept, receiving_agency=receiving,
        valid_from=D(2026, 1, 1), valid_to=D(2028, 12, 31), **{**defaults(AgreementKind.ENTRUSTMENT), **values},
    )
    agreement.matters.set(matters)
    return agreement


@pytest.fixture
def agreement_a(world, matters):
    return make_agreement(world, world.gov_a, number="襄农委〔2026〕1号", matters=[matters["straw"]])


@pytest.fixture
def agreement_b(world, matters):
    return make_agreement(world, world.gov_b, number="襄农委〔2026〕2号", matters=[matters["straw"], matters["pond"]])
