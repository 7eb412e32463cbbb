"""manage.py build_demo_inspections: published inspection items, a year of plans per township squad and per county
department, random draws, a few hundred inspections with findings (clues opened, corrections ordered) and joint
inspections (run build_demo and build_demo_subjects first).

Idempotent: items and plans are found by their natural keys; a plan that already has inspections, a draw already
run and subjects already merged are left alone, so a second run writes nothing. Every random choice comes from one
seeded generator.
"""

import datetime
import random

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from zongzhi.agencies.choices import AgencyKind
from zongzhi.agencies.models import Agency
from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.catalog.models import Matter
from zongzhi.officers.models import Officer
from zongzhi.subjects.models import Subject
from zongzhi.users.models import User

from ... import services
from ...choices import DrawStatus, InspectionStatus, PlanStatus
from ...models import Draw, Inspection, InspectionItem, InspectionPlan

SEED = 411025 + 11
POINTS = {
    "agriculture": "经营许可证、营业执照是否齐全有效\n进货查验和销售台账是否建立\n是否经营国家禁用或过期的农药、种子\n产品标签是否规范",
    "urban": "门前三包责任是否落实\n是否存在占道经营、乱堆乱放\n户外广告设置是否经过审批",
    "ecology": "环保手续是否齐全\n污染防治设施是否正常运行\n是否存在露天焚烧",
    "natural_resources": "是否存在非法占地\n用地手续是否齐全",
    "water": "是否存在违法取水\n河道管理范围内有无违法建设",
    "culture": "经营许可证是否有效\n是否存在违规接纳未成年人",
}
FINDINGS = ["进货台账缺失", "经营过期农药两瓶", "店外占道经营", "营业执照未悬挂", "消防通道堆放杂物", "健康证过期"]


def eligible(officers, date, domain):
    return [o for o in officers if o.can_enforce(date, domain)]


class Command(BaseCommand):
    help = "Demo inspections for the demo county (idempotent)."

    def handle(self, *args, **options):
        self.rng = random.Random(SEED)
        self.counts = {}
        self.today = timezone.localdate()
        self.admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        with audit_context(source=Source.COMMAND):
            squads = list(Agency.objects.filter(kind=AgencyKind.ENFORCEMENT_SQUAD, region__level="township",
                                                parent__kind__in=[AgencyKind.TOWNSHIP_GOVERNMENT,
                                                                  AgencyKind.SUBDISTRICT_OFFICE])
                          .select_related("region").order_by("region__code", "pk"))
            departments = list(Agency.objects.filter(kind=AgencyKind.COUNTY_DEPARTMENT, domains__isnull=False)
                               .distinct().order_by("pk"))
            plans = []
            for squad in squads:
                with transaction.atomic():
                    plan = self.agency_plan(squad, squad.region)
                    if plan:
                        plans.append(plan)
            for dept in departments:
                with transaction.atomic():
                    plan = self.agency_plan(dept, None)
                    if plan:
                        plans.append(plan)
            for plan in plans:
                with transaction.atomic():
                    self.inspections(plan)
            for plan in plans:
                with transaction.atomic():
                    self.draw(plan)
            with transaction.atomic():
                self.joint()
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(self.counts.items())) or "nothing new"
        self.stdout.write(f"Demo inspections: {summary}.")

    def count(self, key, n=1):
        self.counts[key] = self.counts.get(key, 0) + n

    def officers(self, agency):
        return list(Officer.objects.filter(agency__path__startswith=agency.path)
                    .prefetch_related("certificates__domains").order_by("pk"))

    def agency_plan(self, agency, region):
        """Items for the agency's main domain (published) and its annual plan (approved and published)."""
        officers = self.officers(agency)
        domains = {}
        for o in officers:
            for c in o.certificates.all():
                for d in c.domains.all():
                    domains.setdefault(d.code, (d, set()))[1].add(o.pk)
        usable = sorted(((d, ids) for d, ids in domains.values()
                         if len(eligible([o for o in officers if o.pk in ids], self.today, d)) >= 2),
                        key=lambda pair: (-len(pair[1]), pair[0].code))
        if not usable:
            return None
        domain = usable[0][0]
        matters = list(Matter.objects.filter(domain=domain).order_by("code")[:3])
        items = []
        for n, matter in enumerate(matters or [None], start=1):
            code = f"JC-{agency.pk}-{n:02d}"
            item = InspectionItem.objects.filter(agency=agency, code=code).first()
            if item is None:
                name = f"{matter.name}的检查" if matter else f"{domain.name}日常检查"
                item = InspectionItem(agency=agency, code=code, name=name[:200], matter=matter, domain=domain,
                                      basis=(matter.violated_citation if matter and matter.violated_citation
                                             else f"{domain.name}领域法律法规") + "；国办发〔2024〕54号",
                                      checklist=POINTS.get(domain.code, "证照是否齐全\n台账是否完整"))
                item.full_clean()
                item.save()
                self.count("items")
            if not item.published:
                item = services.publish_item(item, published_on=datetime.date(self.today.year, 1, 10), by=self.admin)
            items.append(item)
        year = self.today.year
        name = f"{agency.short_name or agency.name}{year}年度涉企行政检查计划"
        plan = InspectionPlan.objects.filter(agency=agency, name=name).first()
        if plan is None:
            plan = InspectionPlan(agency=agency, name=name, year=year, starts_on=datetime.date(year, 1, 1),
                                  ends_on=datetime.date(year, 12, 31), planned_count=40,
                                  note="按照“双随机、一公开”和“综合查一次”要求组织实施。")
            plan.full_clean()
            services.save_plan(plan, items=items, by=self.admin)
            self.count("plans")
        if plan.status == PlanStatus.DRAFT:
            plan = services.approve_plan(plan, approved_on=datetime.date(year, 1, 15), by=self.admin)
        if plan.status == PlanStatus.APPROVED:
            plan = services.publish_plan(plan, published_on=datetime.date(year, 1, 20), by=self.admin)
        plan.demo_domain = domain
        return plan

    def subjects(self, plan):
        if plan.agency.kind == AgencyKind.COUNTY_DEPARTMENT:
            county = plan.agency.region
            return list(Subject.objects.filter(region__path__startswith=county.path, active=True).order_by("pk"))
        return list(Subject.objects.filter(region=plan.agency.region, active=True).order_by("pk"))

    def register(self, plan, subject, date, team, items):
        inspection = Inspection(agency=plan.agency, subject=subject, plan=plan, date=date,
                                non_site=self.rng.random() < 0.1)
        try:
            return services.register_inspection(inspection, items=items, inspectors=team, by=self.admin)
        except ValidationError as error:
            if "reason" not in error.message_dict:
                return None
            inspection = Inspection(agency=plan.agency, subject=subject, plan=plan, date=date,
                                    non_site=inspection.non_site)
            return services.register_inspection(inspection, items=items, inspectors=team, by=self.admin,
                                                reason="根据投诉举报线索开展核查")

    def inspections(self, plan):
        if plan.inspections.exists():
            return
        subjects = self.subjects(plan)
        if not subjects:
            return
        officers = self.officers(plan.agency)
        items = list(plan.items.all())
        start = datetime.date(plan.year, 1, 20)
        span = max((self.today - start).days, 1)
        n = 18 if plan.agency.kind == AgencyKind.ENFORCEMENT_SQUAD else 10
        for _k in range(n):
            date = start + datetime.timedelta(days=self.rng.randrange(span + 30))
            team = eligible(officers, date, plan.demo_domain)
            if len(team) < 2:
                continue
            subject = self.rng.choice(subjects)
            inspection = self.register(plan, subject, date, self.rng.sample(team, 2), items)
            if inspection is None:
                continue
            self.count("inspections")
            if date <= self.today:
                self.record(inspection, date)

    def record(self, inspection, date):
        at = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9, self.rng.randrange(60))))
        services.start_inspection(inspection, at=at, by=self.admin)
        roll = self.rng.random()
        if roll < 0.25:
            finding = services.add_finding(inspection, description=self.rng.choice(FINDINGS), by=self.admin)
            self.count("findings")
            if roll < 0.08:
                services.open_clue(finding, by=self.admin)
                self.count("clues")
            else:
                services.order_correction(finding, deadline=date + datetime.timedelta(days=15), by=self.admin)
                self.count("corrections")
        services.finish_inspection(inspection, at=at + datetime.timedelta(hours=1), by=self.admin)

    def draw(self, plan):
        if plan.agency.kind != AgencyKind.ENFORCEMENT_SQUAD:
            return
        name = f"{plan.year}年第二季度双随机抽查"
        draw = Draw.objects.filter(plan=plan, name=name).first()
        if draw is None:
            draw = Draw(plan=plan, name=name, region=plan.agency.region, ratio=5, inspectors_per_inspection=2,
                        scheduled_for=datetime.date(plan.year, 5, 20))
            draw.full_clean()
            draw.save()
            self.count("draws")
        if draw.status == DrawStatus.DRAFT:
            try:
                draw = services.run_draw(draw, by=self.admin, seed=SEED + plan.pk)
            except ValidationError:
                return
            for inspection in draw.inspections.all():
                if inspection.date <= self.today:
                    self.record(inspection, inspection.date)
                self.count("inspections")
        if draw.status == DrawStatus.DRAWN and draw.scheduled_for <= self.today:
            services.publish_draw(draw, published_on=draw.scheduled_for + datetime.timedelta(days=10), by=self.admin)

    def joint(self):
        """A county department inspects a few township subjects in the same month as the township: merged."""
        if Inspection.objects.filter(joint__isnull=False).exists():
            return
        future = Inspection.objects.filter(status=InspectionStatus.SCHEDULED, date__gt=self.today,
                                           agency__kind=AgencyKind.ENFORCEMENT_SQUAD, follow_up_of__isnull=True)
        depts = {p.agency_id: p for p in InspectionPlan.objects.filter(agency__kind=AgencyKind.COUNTY_DEPARTMENT,
                                                                     year=self.today.year)}
        for township_inspection in list(future.select_related("subject").order_by("pk")[:12]):
            for plan in list(depts.values())[:2]:
                officers = self.officers(plan.agency)
                team = eligible(officers, township_inspection.date, plan.items.first().domain)
                if len(team) < 2:
                    continue
                if self.register(plan, township_inspection.subject,
                                 township_inspection.date + datetime.timedelta(days=self.rng.randrange(5)),
                                 self.rng.sample(team, 2), list(plan.items.all())):
                    self.count("inspections")
        window = (self.today, self.today + datetime.timedelta(days=60))
        for candidate in services.joint_candidates(Inspection.objects.all(), *window):
            lead = next((i.agency for i in candidate.inspections if i.agency.kind == AgencyKind.ENFORCEMENT_SQUAD),
                        candidate.agencies[0])
            services.merge_joint(candidate.inspections, lead_agency=lead, date=candidate.inspections[0].date,
                                 by=self.admin)
            self.count("joint inspections")
