"""manage.py build_demo_catalog: the demo county's powers catalog (idempotent).

Needs the demo county (``build_demo``) and the law library (``import_laws``, run here when the library is
empty). Builds the matters of ``catalog.demo_data``, the city's 2023 and 2024 versions (the 2024 version
supersedes the 2023 one: its removed matters lapse after the transition period), the county's selection of
each, every township's acceptances and a capacity evaluation like seed 004's.
"""

import datetime
from decimal import Decimal

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zongzhi.agencies.models import Agency, Domain
from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.laws.models import Article, Law
from zongzhi.regions.models import Region

from ... import demo_data, services
from ...choices import SUBDISTRICT_KIND, TOWNSHIP_BODY_KINDS, Conclusion
from ...models import Acceptance, CountySelection, DelegationCatalog, Evaluation, Matter

COUNTY, CITY = "411025", "4110"
NAME = "许昌市乡镇（街道）综合行政执法赋权事项清单"
VERSIONS = [  # version, effective, published, selected by the county, accepted by the townships
    ("2023版", datetime.date(2023, 1, 1), datetime.date(2022, 12, 20), datetime.date(2023, 1, 10),
     datetime.date(2023, 2, 1)),
    ("2024版", datetime.date(2024, 1, 1), datetime.date(2023, 12, 15), datetime.date(2023, 12, 25),
     datetime.date(2024, 2, 1)),
]
# Seed 004: townships carry 生态环境 and 城市管理 matters; many 水利 and 自然资源 matters they cannot yet carry.
NOT_YET = {"water": "缺少水利专业技术人员和测量设备，近12个月无相关案件。",
           "natural_resources": "缺少规划测绘专业力量，需县自然资源局协助认定。"}


class Command(BaseCommand):
    help = "Build the demo powers catalog of 襄城县 (idempotent)."

    def handle(self, *args, **options):
        county = Region.objects.filter(code=COUNTY).first()
        city = Region.objects.filter(code=CITY).first()
        if county is None or city is None or not Domain.objects.exists():
            raise CommandError("The demo county is missing: run build_demo first.")
        if not Law.objects.exists():
            call_command("import_laws", stdout=self.stdout, stderr=self.stderr)
        with transaction.atomic(), audit_context(source=Source.COMMAND):
            built = self.build(county, city)
        self.stdout.write(f"Demo catalog: {built or 'nothing new, nothing changed'}.")

    def build(self, county, city):
        articles = self.articles()
        townships = list(Agency.objects.filter(region__path__startswith=county.path, kind__in=TOWNSHIP_BODY_KINDS,
                                               is_enforcement_body=True).select_related("region")
                         .order_by("region__code"))
        previous, built = None, []
        for version, effective, published, selected, accepted in VERSIONS:
            first = previous is None
            catalog = DelegationCatalog.objects.filter(issuer=city, name=NAME, version=version).first()
            if catalog is None:
                self.sync_matters(county, articles, as_of_2023=first)
                catalog = self.issue(city, county, version, effective, published, previous, first)
                self.select_and_accept(county, catalog, townships, selected, accepted)
                built.append(version)
            previous = catalog
        self.sync_matters(county, articles, as_of_2023=False)
        if not Evaluation.objects.filter(agency__in=townships).exists() and townships:
            self.evaluate(townships, datetime.date(2024, 9, 30))
            built.append("evaluation")
        return ", ".join(built)

    def articles(self):
        by_law = {}
        for law in Law.objects.all():
            version = law.current_version()
            by_law[law.title] = dict(Article.objects.filter(version=version).values_list("number", "pk"))

        def article(citation):
            title, number = citation[0], citation[1]
            if number not in by_law.get(title, {}):
                raise CommandError(f"The law library lacks {title} article {number}: run import_laws.")
            return by_law[title][number]

        return article

    def sync_matters(self, county, article, *, as_of_2023):
        domains = {d.code: d for d in Domain.objects.all()}
        for d in demo_data.MATTERS:
            values = {
                "name": d.name, "domain": domains[d.domain], "applies_to": d.applies_to, "keeper": county,
                "violated_article_id": article(d.violated), "violated_paragraph": d.violated[2],
                "violated_item": d.violated[3], "penalty_article_id": article(d.penalty),
                "penalty_paragraph": d.penalty[2], "penalty_item": d.penalty[3], "penalty_types": list(d.types),
                "fine_min": d.fine_min, "fine_max": d.fine_max,
                "multiple_min": Decimal(str(d.multiple[0])) if d.multiple else None,
                "multiple_max": Decimal(str(d.multiple[1])) if d.multiple else None,
                "multiple_base": d.multiple[2] if d.multiple else "",
                "original_department": demo_data.DEPARTMENTS[d.domain],
                "first_violation_exempt": d.first_violation_exempt, "endangers_safety": d.endangers_safety,
            }
            if as_of_2023:
                values.update(demo_data.CHANGED_IN_2024.get(d.code, {}))
            matter = Matter.objects.filter(code=d.code).first() or Matter(code=d.code)
            changed = matter.pk is None or any(
                _differs(getattr(matter, f), v) for f, v in values.items() if f not in ("domain", "keeper")
            ) or matter.domain_id != values["domain"].pk or matter.keeper_id != county.pk
            if changed:
                for f, v in values.items():
                    setattr(matter, f, v)
                matter.full_clean()
                matter.save()

    def issue(self, city, county, version, effective, published, previous, first):
        catalog = DelegationCatalog.objects.create(issuer=city, keeper=county, name=NAME, version=version,
                                                   effective=effective, previous=previous,
                                                   document_number=f"许政办〔{effective.year - 1}〕{18 + effective.year % 10}号")
        skip = demo_data.ADDED_IN_2024 if first else demo_data.REMOVED_IN_2024
        for number, d in enumerate((d for d in demo_data.MATTERS if d.code not in skip), start=1):
            services.add_item(catalog, Matter.objects.get(code=d.code), number=number)
        services.publish_version(catalog, on=published)
        catalog.refresh_from_db()
        return catalog

    def select_and_accept(self, county, catalog, townships, selected, accepted):
        selection = CountySelection.objects.create(county=county, catalog=catalog, decided_on=selected,
                                                   document_number=f"襄政〔{selected.year}〕{selected.month}号")
        items = list(catalog.items.select_related("matter"))
        selection.items.set(items)
        for body in townships:
            held = set(Acceptance.objects.filter(agency=body, lapses_on__isnull=True).values_list("matter_id",
                                                                                                  flat=True))
            for item in items:
                if item.applies_to_township(body.region.kind) and item.matter_id not in held:
                    services.accept(body, item.matter, catalog, accepted,
                                    document_number=f"{body.short_name or body.name}承〔{accepted.year}〕1号")

    def evaluate(self, townships, on):
        for i, body in enumerate(townships):
            for acc in Acceptance.objects.filter(agency=body, lapses_on__isnull=True).select_related("matter__domain"):
                reason = NOT_YET.get(acc.matter.domain.code) if body.region.kind != SUBDISTRICT_KIND and i % 2 else None
                services.evaluate(body, acc.matter, Conclusion.NOT_YET_ABLE if reason else Conclusion.EFFECTIVE,
                                  evaluator="襄城县司法局", on=on, reasons=reason or "")


def _differs(current, wanted):
    if current is None or wanted is None:
        return current != wanted
    try:
        return float(current) != float(wanted)
    except (TypeError, ValueError):
        return current != wanted
