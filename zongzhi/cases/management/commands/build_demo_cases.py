"""manage.py build_demo_cases: several hundred cases of the demo county in every stage and outcome."""

from django.core.management.base import BaseCommand

from zongzhi.cases.demo import DemoCases


class Command(BaseCommand):
    help = "Demo cases for 襄城县 through the real services, each step on its own day (idempotent)."

    def handle(self, *args, **options):
        from django.db import transaction

        from zongzhi.demo import data
        from zongzhi.regions.models import Region

        county = Region.objects.get(code=data.COUNTY_CODE)
        demo = DemoCases(county)
        with transaction.atomic():  # all or nothing: a failed run leaves no half-built demo behind
            counts = demo.build()
        if not counts["cases"] and not counts["skipped"]:
            self.stdout.write("Demo cases: already there, nothing written.")
            return
        self.stdout.write(f"Demo cases: {counts['cases']} created; {counts['skipped']} drawn cases the law refused "
                          "on their dates were left out:")
        for reason, n in sorted(demo.refusals.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {n} × {reason}")
