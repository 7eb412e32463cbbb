"""manage.py build_demo_subjects: about 2,000 invented subjects, an area and two grids per township of the demo
county, and the county's class strategies (run build_demo first).

Everything is invented: township centres are plausible points inside 襄城县, names are "襄城县某某农资店"-like,
codes are valid (GB 32100 check character) but made up. Idempotent and deterministic: every random choice comes
from one seeded generator, drawn in the same order on every run, and a record is saved only when it differs.
"""

import math
import random
from collections import Counter
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zongzhi.agencies.choices import AgencyKind
from zongzhi.agencies.models import Agency
from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.demo import data
from zongzhi.demo.county import ensure, township_short
from zongzhi.regions.models import Region
from zongzhi.utilities.identifiers import USCC_CHARSET, uscc_check_char

from ...choices import AreaKind, Category, CreditClass, InspectionMode, RiskClass, SubjectKind
from ...models import Area, ClassStrategy, Subject
from ...services import find_area

SEED = data.SEED + 7
SUBJECTS_PER_TOWNSHIP = 125
BOX = (33.75, 113.35, 33.95, 113.70)  # south, west, north, east: inside 襄城县
# (kind, category, name suffixes, weight)
TRADES = [
    (SubjectKind.INDIVIDUAL_BUSINESS, Category.CATERING, ["小吃店", "饭店", "烩面馆", "早餐店"], 20),
    (SubjectKind.INDIVIDUAL_BUSINESS, Category.RETAIL, ["百货店", "便利店", "五金店"], 18),
    (SubjectKind.INDIVIDUAL_BUSINESS, Category.AGRICULTURAL_INPUTS, ["农资店", "种子门市部"], 10),
    (SubjectKind.INDIVIDUAL_BUSINESS, Category.MARKET_STALL, ["蔬菜摊", "水果摊", "肉摊"], 12),
    (SubjectKind.ENTERPRISE, Category.MANUFACTURING, ["食品有限公司", "建材有限公司", "烟草机械有限公司"], 8),
    (SubjectKind.ENTERPRISE, Category.FARM, ["养殖有限公司", "种植专业合作社"], 8),
    (SubjectKind.ENTERPRISE, Category.AGRICULTURAL_INPUTS, ["农资有限公司"], 4),
    (SubjectKind.ENTERPRISE, Category.CATERING, ["餐饮管理有限公司"], 3),
    (SubjectKind.PLACE, Category.ENTERTAINMENT, ["网吧", "歌舞厅", "棋牌室"], 5),
    (SubjectKind.PLACE, Category.MARKET, ["农贸市场", "集贸市场"], 2),
    (SubjectKind.PROJECT, Category.CONSTRUCTION, ["安置房建设项目", "道路改造工程"], 4),
    (SubjectKind.PROJECT, Category.RIVER, ["河段", "水库"], 2),
    (SubjectKind.PERSON, Category.FARM, ["养殖户", "种植户"], 4),
]
RISK_WEIGHTS = [(RiskClass.A, 40), (RiskClass.B, 38), (RiskClass.C, 16), (RiskClass.D, 6)]
CREDIT_WEIGHTS = [("", 50), (CreditClass.TRUSTWORTHY, 30), (CreditClass.ORDINARY, 12), (CreditClass.WATCH, 6),
                  (CreditClass.UNTRUSTWORTHY, 2)]
# The county's strategy per class (inspections a year, mode, note).
STRATEGIES = {
    RiskClass.A: (Decimal("0.5"), InspectionMode.NON_SITE, "无事不扰，以非现场检查为主"),
    RiskClass.B: (Decimal("1"), InspectionMode.RANDOM, "纳入双随机抽查"),
    RiskClass.C: (Decimal("2"), InspectionMode.ON_SITE, "提高抽查比例，现场检查"),
    RiskClass.D: (Decimal("4"), InspectionMode.ON_SITE, "重点监管，每季度现场检查"),
}
FIRMS = "鑫源宏达恒盛永丰兴旺福顺金诚华润嘉禾中原瑞丰汇通广聚"


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[-1] for p in pairs])[0]


def ring(lat, lng, radius, points, rng):
    """An irregular closed polygon around a point: [longitude, latitude] pairs rounded to 6 decimals."""
    out = []
    for i in range(points):
        angle = 2 * math.pi * i / points
        r = radius * rng.uniform(0.8, 1.15)
        out.append([round(lng + r * math.cos(angle) / math.cos(math.radians(lat)), 6), round(lat + r * math.sin(angle), 6)])
    return [*out, out[0]]


def rectangle(south, west, north, east):
    corners = [[west, south], [east, south], [east, north], [west, north]]
    return [[round(x, 6), round(y, 6)] for x, y in [*corners, corners[0]]]


class Command(BaseCommand):
    help = "Build about 2,000 demo subjects, the areas and grids of every township, and class strategies."

    def handle(self, *args, **options):
        county = Region.objects.filter(code=data.COUNTY_CODE).first()
        if county is None:
            raise CommandError("The demo county does not exist yet: run build_demo first.")
        self.rng = random.Random(SEED)
        self.counts = Counter()
        self.codes = set()
        with transaction.atomic(), audit_context(source=Source.COMMAND):
            for risk, (per_year, mode, note) in STRATEGIES.items():
                self.keep(ensure(ClassStrategy, {"region": county, "risk_class": risk}, inspections_per_year=per_year,
                                 mode=mode, note=note))
            townships = list(Region.objects.filter(parent=county).order_by("code"))
            centres = self.centres(len(townships))
            for town, centre in zip(townships, centres, strict=True):
                self.township(town, centre)
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(self.counts.items()))
        self.stdout.write(f"Demo subjects: {summary}.")

    def keep(self, result):
        obj, outcome = result
        self.counts[f"{obj._meta.model_name} {outcome}"] += 1
        return obj

    def centres(self, n):
        """One invented centre per township on a jittered grid across the county."""
        south, west, north, east = BOX
        columns = math.ceil(math.sqrt(n))
        rows = math.ceil(n / columns)
        out = []
        for i in range(n):
            row, column = divmod(i, columns)
            lat = south + (north - south) * (row + 0.5 + self.rng.uniform(-0.15, 0.15)) / rows
            lng = west + (east - west) * (column + 0.5 + self.rng.uniform(-0.15, 0.15)) / columns
            out.append((round(lat, 6), round(lng, 6)))
        return out

    def township(self, town, centre):
        lat, lng = centre
        stem = township_short(town)[:-1]
        squad = Agency.objects.filter(region=town, kind=AgencyKind.ENFORCEMENT_SQUAD).first()
        officers = list(squad.officers.order_by("pk")[:4]) if squad else []
        area = self.area(town, f"{stem}执法区域", AreaKind.AREA, ring(lat, lng, 0.022, 10, self.rng), squad,
                         officers[:2], key=False)
        grids = [
            self.area(town, f"{stem}第一网格", AreaKind.GRID, rectangle(lat, lng - 0.012, lat + 0.01, lng), squad,
                      officers[:1], key=False),
            self.area(town, f"{stem}集镇重点网格", AreaKind.GRID, rectangle(lat - 0.01, lng, lat, lng + 0.012), squad,
                      officers[1:3], key=True),
        ]
        areas = [area, *grids]
        for serial in range(SUBJECTS_PER_TOWNSHIP):
            self.subject(town, stem, serial, lat, lng, areas)

    def area(self, town, name, kind, outline, squad, officers, *, key):
        area = self.keep(ensure(Area, {"region": town, "name": name}, kind=kind, key_area=key,
                                boundary={"type": "Polygon", "coordinates": [outline]}, team=squad))
        if {o.pk for o in area.officers.all()} != {o.pk for o in officers}:
            area.officers.set(officers)
        return area

    def uscc(self):
        while True:
            body = "91411025" + "".join(self.rng.choice(USCC_CHARSET) for _ in range(9))
            code = body + uscc_check_char(body)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def subject(self, town, stem, serial, lat, lng, areas):
        rng = self.rng
        kind, category, suffixes, _weight = rng.choices(TRADES, weights=[t[-1] for t in TRADES])[0]
        firm = "".join(rng.sample(FIRMS, 2))
        surname = rng.choice(data.SURNAMES)
        if kind == SubjectKind.PERSON:
            name = f"{surname}某某（{rng.choice(suffixes)}）"
        elif kind == SubjectKind.ENTERPRISE:
            name = f"襄城县{firm}{rng.choice(suffixes)}"
        else:
            name = f"{stem}{firm}{rng.choice(suffixes)}"
        address = f"{town.name}{rng.choice(data.ROADS)}{serial + 1}号"
        located = rng.random() > 0.05
        s_lat, s_lng = round(lat + rng.gauss(0, 0.008), 6), round(lng + rng.gauss(0, 0.01), 6)
        code = self.uscc() if kind == SubjectKind.ENTERPRISE else ""
        contact = f"{surname}{rng.choice(data.GIVEN)}{rng.choice(data.GIVEN)}"
        phone = f"0374-75{rng.randint(0, 99999):05d}"
        risk, credit = weighted(rng, RISK_WEIGHTS), weighted(rng, CREDIT_WEIGHTS)
        area = find_area(town.pk, s_lat, s_lng, areas) if located else None
        self.keep(ensure(
            Subject, {"region": town, "name": name, "address": address}, kind=kind, uscc=code, category=category,
            latitude=s_lat if located else None, longitude=s_lng if located else None, area=area, risk_class=risk,
            credit_class=credit, contact_name=contact if kind != SubjectKind.PERSON else "", contact_phone=phone,
        ))
