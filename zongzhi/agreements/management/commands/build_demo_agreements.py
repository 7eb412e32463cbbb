"""manage.py build_demo_agreements: one signed and published agreement per county department and township.

Each covers the catalog matters of the department's domains that suit the township kind (乡镇/街道); a department
without such matters gets none (run build_demo_catalog first). Idempotent: a pair that already has an agreement
is left alone.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from zongzhi.agencies.models import Agency
from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.catalog.choices import AppliesTo
from zongzhi.catalog.models import Matter
from zongzhi.demo.data import COUNTY_CODE
from zongzhi.regions.choices import TownshipKind

from ... import services
from ...choices import DELEGATING_KINDS, RECEIVING_KINDS, AgreementKind
from ...documents import defaults
from ...models import DelegationAgreement


class Command(BaseCommand):
    help = "Build the demo delegation agreements: each county department with each township (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--county", default=COUNTY_CODE, help="Region code of the county (default: the demo).")

    def handle(self, *args, county, **options):
        year = datetime.date.today().year
        departments = Agency.objects.filter(region__code=county, kind__in=DELEGATING_KINDS).prefetch_related(
            "domains").order_by("name")
        townships = list(Agency.objects.filter(region__parent__code=county, kind__in=RECEIVING_KINDS)
                         .select_related("region").order_by("region__code"))
        existing = set(DelegationAgreement.objects.values_list("delegating_agency", "receiving_agency"))
        created = skipped = 0
        with transaction.atomic(), audit_context(source=Source.COMMAND):
            for dept in departments:
                domains = list(dept.domains.all())
                matters = Matter.objects.filter(domain__in=domains)
                for seq, town in enumerate(townships, start=1):
                    wrong = AppliesTo.TOWN if town.region.kind == TownshipKind.SUBDISTRICT else AppliesTo.SUBDISTRICT
                    fitting = list(matters.exclude(applies_to=wrong))
                    if not fitting:
                        skipped += 1
                        continue
                    if (dept.pk, town.pk) in existing:
                        continue
                    agreement = DelegationAgreement.objects.create(
                        kind=AgreementKind.ENTRUSTMENT, number=f"{town.region.parent.name[0]}{domains[0].name[0]}委"
                                                               f"〔{year}〕{seq}号",
                        delegating_agency=dept, receiving_agency=town,
                        valid_from=datetime.date(year, 1, 1), valid_to=datetime.date(year + 2, 12, 31),
                        **defaults(AgreementKind.ENTRUSTMENT),
                    )
                    agreement.matters.set(fitting)
                    services.sign(agreement, signed_on=datetime.date(year - 1, 12, 22), by=None)
                    services.publish(agreement, published_on=datetime.date(year - 1, 12, 25), by=None)
                    created += 1
        self.stdout.write(f"Demo agreements: {created} created; {skipped} department–township pairs without "
                          f"matters skipped.")
