import datetime
from decimal import Decimal

import pytest

from zongzhi.catalog.models import Matter
from zongzhi.discretion.choices import StandardStatus
from zongzhi.discretion.models import DiscretionBand, DiscretionStandard
from zongzhi.laws.models import Article, Law, LawVersion

D = Decimal
JAN_2024 = datetime.date(2024, 1, 1)


@pytest.fixture
def law(db):
    law = Law.objects.create(title="中华人民共和国大气污染防治法", kind="law")
    version = LawVersion.objects.create(law=law, label="2018年修正", effective=datetime.date(2018, 10, 26))
    return SimpleArticles(version)


class SimpleArticles:
    def __init__(self, version):
        self.version = version

    def article(self, number):
        return Article.objects.create(version=self.version, number=number, label=f"第{number}条", text="……")


@pytest.fixture
def burning(world, law):
    """Burning straw in the open: a fine of 500–2,000 yuan (大气污染防治法 Art. 119 para. 1)."""
    return Matter.objects.create(code="ECO-001", name="露天焚烧秸秆", domain=world.domains["ecology"],
                                 penalty_article=law.article(119), penalty_paragraph=1, penalty_types=["fine"],
                                 fine_min=D(500), fine_max=D(2000))


@pytest.fixture
def sand(world, law):
    """Mining river sand without a licence: confiscation and a fine of 1–5 times the illegal gains, or
    10,000–100,000 yuan without gains."""
    return Matter.objects.create(code="WAT-001", name="未经许可河道采砂", domain=world.domains["water"],
                                 penalty_article=law.article(48), penalty_types=["confiscate_gains", "fine", "warning"],
                                 fine_min=D(10000), fine_max=D(100000), multiple_min=D(1), multiple_max=D(5),
                                 multiple_base="违法所得")


def make_standard(matter, region, *, version="2024", effective=JAN_2024, status=StandardStatus.PUBLISHED,
                  bands=(), **extra):
    standard = DiscretionStandard.objects.create(
        matter=matter, issuing_region=region, issuer=f"{region.name}生态环境局", version=version,
        title=f"{region.name}生态环境行政处罚裁量基准（{version}年版）", document_number=f"文〔{version}〕1号",
        effective_from=effective, **extra)
    for band in bands:
        DiscretionBand.objects.create(standard=standard, **band)
    if status != StandardStatus.DRAFT:
        DiscretionStandard.objects.filter(pk=standard.pk).update(status=status)
        standard.refresh_from_db()
    return standard


def band(level, low=None, high=None, types=("fine",), item="第一项", **extra):
    return {"level": level, "conditions": f"{level}情形", "penalty_types": list(types), "fine_min": low,
            "fine_max": high, "item": item, **extra}


BURNING_BANDS = [
    band("no_penalty", types=(), item="第一项第1目"),
    band("lighter", D(500), D(800), item="第一项第2目"),
    band("ordinary", D(800), D(1500), item="第一项第3目"),
    band("heavier", D(1500), D(2000), item="第一项第4目"),
]


@pytest.fixture
def province_burning(burning, world):
    return make_standard(burning, world.province, bands=BURNING_BANDS)
