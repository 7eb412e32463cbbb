"""manage.py build_demo_discretion: benchmarks for the ten most common demo matters (idempotent).

河南省 publishes one benchmark per matter; 襄城县 has filed its own, narrower version for the first matter found, so
the demo shows both a provincial benchmark applied directly and a county override."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from django.core.management.base import BaseCommand
from django.db import transaction

from zongzhi.audit.context import audit_context
from zongzhi.catalog.choices import PenaltyType
from zongzhi.catalog.models import Matter
from zongzhi.discretion import services
from zongzhi.discretion.choices import Level
from zongzhi.discretion.models import DiscretionBand, DiscretionStandard
from zongzhi.regions.models import Region

# Name keywords of the ten most common township matters, most common first.
COMMON = ["露天焚烧秸秆", "设摊经营", "乱倒垃圾", "未取得建设工程规划许可证", "擅自张贴", "露天烧烤", "焚烧生活垃圾",
          "社会生活噪声", "遗撒", "挖砂"]
LIGHT_TYPES = {PenaltyType.WARNING, PenaltyType.FINE, PenaltyType.CONFISCATE_GAINS, PenaltyType.CONFISCATE_PROPERTY}
CONDITIONS = {
    Level.NO_PENALTY: "违法行为轻微并及时改正，没有造成危害后果的；初次违法且危害后果轻微并及时改正的（《中华人民共和国行政处罚法》"
                      "第三十三条第一款）",
    Level.LIGHTER: "主动消除或者减轻违法行为危害后果的；配合查处违法行为有立功表现的；违法情节较轻的",
    Level.ORDINARY: "不具有从轻、从重情节的一般违法行为",
    Level.HEAVIER: "经责令改正拒不改正的；一年内因同一违法行为受过行政处罚的；造成较大社会影响或者严重后果的",
}
PROVINCE = {"issuer": "河南省司法厅", "title": "河南省乡镇（街道）综合行政执法事项行政处罚裁量基准（2024年版）",
            "document_number": "豫司〔2024〕15号", "version": "2024", "effective_from": datetime.date(2024, 3, 1)}
COUNTY = {"issuer": "襄城县司法局", "title": "襄城县乡镇（街道）综合行政执法事项行政处罚裁量基准（2025年版）",
          "document_number": "襄司〔2025〕3号", "version": "2025", "effective_from": datetime.date(2025, 1, 1)}
# Where each level sits in the legal range (fractions of it); the county's version is narrower.
SPLITS = {"province": [(Level.LIGHTER, 0, Decimal("0.3")), (Level.ORDINARY, Decimal("0.3"), Decimal("0.7")),
                       (Level.HEAVIER, Decimal("0.7"), 1)],
          "county": [(Level.LIGHTER, 0, Decimal("0.2")), (Level.ORDINARY, Decimal("0.2"), Decimal("0.6")),
                     (Level.HEAVIER, Decimal("0.6"), 1)]}


def point(low, high, fraction, step):
    """The point ``fraction`` of the way from ``low`` to ``high``, rounded to ``step`` inside the range."""
    value = low + (high - low) * Decimal(fraction)
    return min(max((value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step, low), high)


def bands_for(matter, split, number):
    """Bands within the legal range of ``matter``; ``None`` when the matter has no range to split."""
    types = list(matter.penalty_types)
    fines = PenaltyType.FINE in types
    has_fixed = matter.fine_max is not None
    has_multiple = matter.multiple_max is not None
    base = services.multiple_base_key(matter.multiple_base)
    if not types or (fines and not has_fixed and not (has_multiple and base)):
        return None
    bands = [{"level": Level.NO_PENALTY, "penalty_types": [], "item": f"第{number}项第1目"}]
    for i, (level, lo, hi) in enumerate(split, start=2):
        band = {"level": level, "item": f"第{number}项第{i}目", "other_measures": "责令改正",
                "penalty_types": types if level == Level.HEAVIER else [t for t in types if t in LIGHT_TYPES]}
        if fines and has_fixed:
            low = matter.fine_min or Decimal(0)
            step = Decimal(10) ** max(1, len(str(int(matter.fine_max - low))) - 3)  # round amounts: 10, 100, 1000 …
            band |= {"fine_min": point(low, matter.fine_max, lo, step),
                     "fine_max": point(low, matter.fine_max, hi, step)}
        if fines and has_multiple and base:
            low = matter.multiple_min or Decimal(0)
            band |= {"multiple_min": point(low, matter.multiple_max, lo, Decimal("0.01")),
                     "multiple_max": point(low, matter.multiple_max, hi, Decimal("0.01")), "multiple_base": base}
        bands.append(band)
    return bands


class Command(BaseCommand):
    help = "Discretion benchmarks for the ten most common demo matters (idempotent)."

    def handle(self, *args, **options):
        province = Region.objects.filter(code="41").first()
        county = Region.objects.filter(code="411025").first()
        if province is None or county is None:
            self.stdout.write("Skipped discretion benchmarks: load the regions 河南省 and 襄城县 first.")
            return
        created, first = 0, True
        with transaction.atomic(), audit_context():
            for number, keyword in enumerate(COMMON, start=1):
                matter = Matter.objects.filter(name__contains=keyword).order_by("code").first()
                if matter is None:
                    self.stdout.write(f"No matter named like {keyword}: skipped.")
                    continue
                publish = partial(services.publish_standard, published_on=PROVINCE["effective_from"])
                created += self.ensure(matter, province, PROVINCE, bands_for(matter, SPLITS["province"], number),
                                       publish)
                if first:
                    file = partial(services.file_standard, filed_on=datetime.date(2024, 12, 20))
                    created += self.ensure(matter, county, COUNTY, bands_for(matter, SPLITS["county"], number), file)
                    first = False
        self.stdout.write(f"Discretion benchmarks: {created} created.")

    def ensure(self, matter, region, document, bands, finish):
        if bands is None:
            self.stdout.write(f"{matter}: no penalty range to split, skipped.")
            return 0
        standard, new = DiscretionStandard.objects.get_or_create(
            matter=matter, issuing_region=region, version=document["version"], defaults=document)
        if not new:
            return 0
        for values in bands:
            band = DiscretionBand(standard=standard, conditions=CONDITIONS[values["level"]], **values)
            band.full_clean()
            band.save()
        finish(standard, by=None)
        return 1
