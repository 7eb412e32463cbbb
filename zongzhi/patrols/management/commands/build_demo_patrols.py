"""manage.py build_demo_patrols: a year of patrols per township of the demo county, the autumn straw-burning ban
(秋季秸秆禁烧) of this autumn and last autumn with patrols, findings and clues (so the campaign page compares the
two), and non-site tasks (some submitted and reviewed, some expired, some still open). Run build_demo and
build_demo_subjects first.

Everything is invented. Idempotent and deterministic: the dates hang on a fixed anchor day, every random choice
comes from one seeded generator drawn in the same order on every run, and a record is created only when missing.
"""

import base64
import datetime
import hashlib
import random
import secrets
from collections import Counter

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from zongzhi.agencies.choices import AgencyKind
from zongzhi.agencies.models import Agency, Domain
from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.cases.choices import ClueStatus, Outcome
from zongzhi.cases.services import triage
from zongzhi.catalog.models import Matter
from zongzhi.demo import data
from zongzhi.demo.county import ensure
from zongzhi.regions.models import Region
from zongzhi.subjects.models import Area, Subject

from ... import services
from ...choices import AttachmentKind, NonSiteEventKind, NonSiteKind, NonSiteStatus
from ...models import Campaign, NonSiteAttachment, NonSiteTask, Patrol, PatrolFinding, hash_token

SEED = data.SEED + 11
ANCHOR = datetime.date(2026, 11, 20)  # the demo's "today": a year of patrols ends here
STRAW_MATTER = "NY-001"  # 露天焚烧秸秆 in the demo catalog
CAMPAIGN = "秋季秸秆禁烧专项整治"
CAMPAIGN_WEEKS = 9
# Chance that a campaign patrol finds burning: last autumn more than this autumn (seed 000: down 30%).
FINDING_CHANCE = {2025: 0.5, 2026: 0.35}
# How a straw-burning clue ends: most minor burning is met with criticism, education and a written pledge.
OUTCOMES = [(Outcome.EDUCATION, 70), (Outcome.FILED, 20), (Outcome.NOT_FILED, 10)]
REASONS = {Outcome.EDUCATION: "情节轻微，已当场制止，批评教育并责令书面保证",
           Outcome.FILED: "焚烧面积较大，依据大气污染防治法第一百一十九条立案查处",
           Outcome.NOT_FILED: "经核实为清理田间杂草，未发现焚烧秸秆"}
ROUTINE_SUMMARIES = ["集镇主要街道日常巡查，未发现明显问题", "重点网格巡查，督促商户门前三包",
                     "沿河巡查，查看有无乱堆乱放", "农资门店巡查，查看进销台账"]
TASKS = [  # (kind, topic, instructions, requested items, outcome)
    (NonSiteKind.CLOUD_PATROL, "后厨卫生云巡查", "请拍摄后厨操作间、冷藏设施和餐具消毒设施的现场照片。",
     "后厨操作间照片\n冷藏设施照片\n消毒设施照片", "accepted"),
    (NonSiteKind.CLOUD_PATROL, "燃气安全云巡查", "请拍摄燃气报警器、切断阀和软管的照片。",
     "燃气报警器照片\n燃气软管照片", "submitted"),
    (NonSiteKind.CLOUD_FILING, "营业执照云备案", "请上传营业执照和相关许可证的扫描件。", "营业执照\n许可证", "expired"),
    (NonSiteKind.CLOUD_FILING, "农资进销台账云备案", "请上传本季度农资进货和销售台账。", "进货台账\n销售台账",
     "clue"),
    (NonSiteKind.CLOUD_PATROL, "消防通道云巡查", "请拍摄安全出口和消防通道的照片。", "安全出口照片\n消防通道照片", "sent"),
]
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==")


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class Command(BaseCommand):
    help = "Build demo patrols, the straw-burning campaign of two autumns, and non-site tasks."

    def handle(self, *args, **options):
        county = Region.objects.filter(code=data.COUNTY_CODE).first()
        if county is None:
            raise CommandError("The demo county does not exist yet: run build_demo first.")
        self.rng = random.Random(SEED)
        self.counts = Counter()
        self.links = []
        admin = None
        with transaction.atomic(), audit_context(source=Source.COMMAND):
            organiser = Agency.objects.filter(region=county, kind=AgencyKind.COUNTY_GOVERNMENT).first() \
                or Agency.objects.filter(region=county).order_by("pk").first()
            straw = Matter.objects.filter(code=STRAW_MATTER).first()
            agriculture = straw.domain if straw else Domain.objects.filter(code="agriculture").first()
            if organiser is None or agriculture is None:
                raise CommandError("The demo county has no agencies or domains yet: run build_demo first.")
            campaigns = {year: self.campaign(year, organiser, county, agriculture, straw) for year in (2025, 2026)}
            for town in Region.objects.filter(parent=county).order_by("code"):
                squad = Agency.objects.filter(region=town, kind=AgencyKind.ENFORCEMENT_SQUAD).order_by("pk").first()
                if squad is None:
                    continue
                officers = list(squad.officers.order_by("pk")[:4])
                areas = list(Area.objects.filter(region=town).order_by("pk"))
                if not areas:
                    self.counts["townships without areas (run build_demo_subjects)"] += 1
                    continue
                self.routine(squad, officers, areas)
                for year, campaign in campaigns.items():
                    self.campaign_patrols(year, campaign, squad, officers, areas, straw, agriculture, admin)
                self.tasks(town, squad, straw, agriculture)
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(self.counts.items()))
        self.stdout.write(f"Demo patrols: {summary or 'nothing new'}.")
        for link in self.links[:3]:
            self.stdout.write(f"Open non-site task link (shown once): /patrols/nonsite/{link}/")

    def keep(self, result):
        obj, outcome = result
        self.counts[f"{obj._meta.model_name} {outcome}"] += 1
        return obj

    def campaign(self, year, organiser, county, agriculture, straw):
        campaign = self.keep(ensure(
            Campaign, {"region": county, "name": CAMPAIGN, "starts_on": datetime.date(year, 9, 20)},
            agency=organiser, ends_on=datetime.date(year, 11, 30), domain=agriculture,
            description="三秋时节组织专门巡查队伍开展日常巡查，对重点区域全天候全方位巡查，及时发现并制止焚烧秸秆行为；"
                        "轻微焚烧批评教育并要求书面保证，严重的依法立案处罚。"))
        if straw and not campaign.matters.filter(pk=straw.pk).exists():
            campaign.matters.add(straw)
        return campaign

    def patrol(self, squad, officers, area, start, hours, summary, campaign=None):
        patrol = self.keep(ensure(Patrol, {"agency": squad, "started_at": start}, ended_at=start + datetime.timedelta(
            hours=hours), area=area, campaign=campaign, summary=summary))
        if {o.pk for o in patrol.officers.all()} != {o.pk for o in officers}:
            patrol.officers.set(officers)
        return patrol

    def routine(self, squad, officers, areas):
        """Every other week for a year: a routine patrol of one of the township's areas."""
        day = ANCHOR - datetime.timedelta(days=364)
        while day <= ANCHOR:
            area = areas[self.rng.randrange(len(areas))]
            team = self.rng.sample(officers, min(2, len(officers)))
            summary = self.rng.choice(ROUTINE_SUMMARIES)
            hour = self.rng.choice([9, 14, 19])
            self.patrol(squad, team, area, at(day, hour), 2, summary)
            day += datetime.timedelta(days=14)

    def campaign_patrols(self, year, campaign, squad, officers, areas, straw, agriculture, admin):
        """Weekly straw-burning patrols during the campaign; some find burning, which opens a clue."""
        first = datetime.date(year, 9, 22)
        for week in range(CAMPAIGN_WEEKS):
            day = first + datetime.timedelta(days=7 * week + self.rng.randrange(5))
            area = areas[self.rng.randrange(len(areas))]
            team = self.rng.sample(officers, min(2, len(officers)))
            found = self.rng.random() < FINDING_CHANCE[year]
            outcome = self.rng.choices([o for o, _w in OUTCOMES], weights=[w for _o, w in OUTCOMES])[0]
            village = f"{self.rng.choice(data.SURNAMES)}庄村"
            if day > ANCHOR:
                continue
            patrol = self.patrol(squad, team, area, at(day, 16), 3, "秸秆禁烧专项巡查：田间地头、重点区域全覆盖",
                                 campaign)
            if not found:
                continue
            finding = self.keep(ensure(PatrolFinding, {"patrol": patrol}, found_at=at(day, 17, 20),
                                       description=f"{village}东地块发现露天焚烧秸秆，已当场制止",
                                       address=f"{squad.region.name}{village}", matter=straw, category=agriculture))
            if finding.clue_id is None:
                services.open_clue(finding, by=admin, category=agriculture)
                self.counts["clue created"] += 1
                finding.refresh_from_db()
            if finding.clue.status == ClueStatus.NEW:
                triage(finding.clue, outcome=outcome, reason=REASONS[outcome], by=admin)

    def tasks(self, town, squad, straw, agriculture):
        subjects = list(Subject.objects.filter(region=town, active=True).order_by("pk")[:200])
        if not subjects:
            return
        for n, (kind, topic, instructions, items, outcome) in enumerate(TASKS):
            subject = subjects[self.rng.randrange(len(subjects))]
            sent = at(ANCHOR - datetime.timedelta(days=40 - 8 * n), 9)
            if NonSiteTask.objects.filter(subject=subject, topic=topic).exists():
                continue
            token = secrets.token_urlsafe(32)
            expires = at(ANCHOR + datetime.timedelta(days=30), 9) if outcome == "sent" else sent + datetime.timedelta(days=7)
            task = NonSiteTask.objects.create(
                kind=kind, agency=squad, subject=subject, topic=topic, category=agriculture if outcome == "clue" else None,
                matter=None, instructions=instructions, requested_items=items, sent_at=sent, expires_at=expires,
                token_hash=hash_token(token), token_prefix=token[:8], status=NonSiteStatus.SENT)
            self.counts["nonsitetask created"] += 1
            services._event(task, NonSiteEventKind.SENT, None, expires_at=expires.isoformat(), round=1)
            if outcome == "sent":
                self.links.append(token)
                continue
            if outcome == "expired":
                task.status = NonSiteStatus.EXPIRED
                task.save()
                services._event(task, NonSiteEventKind.EXPIRED, None)
                continue
            submitted = sent + datetime.timedelta(days=2)
            attachment = NonSiteAttachment(task=task, kind=AttachmentKind.PHOTO, original_name="现场照片.png",
                                           content_type="image/png", size=len(PNG),
                                           sha256=hashlib.sha256(PNG).hexdigest())
            attachment.file.save("现场照片.png", ContentFile(PNG), save=False)
            attachment.save()
            task.status, task.submitted_at, task.subject_note = NonSiteStatus.SUBMITTED, submitted, "已按要求上传"
            task.save()
            services._event(task, NonSiteEventKind.SUBMITTED, None, "已按要求上传", round=1, files=1)
            if outcome == "accepted":
                services.review_task(task, outcome="accept", note="材料齐全，未发现问题", by=None)
            elif outcome == "clue":
                services.review_task(task, outcome="finding", note="进销台账缺少限用农药购买人信息", by=None,
                                     category=agriculture)
