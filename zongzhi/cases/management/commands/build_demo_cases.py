"""manage.py build_demo_cases: several hundred cases of the demo county in every stage and outcome."""

from django.core.management.base import BaseCommand

from zongzhi.cases.demo import build_demo_cases


class Command(BaseCommand):
    help = "Demo cases for 襄城县 through the real services, each step on its own day (idempotent)."

    def handle(self, *args, **options):
        counts = build_demo_cases()
        if not counts["cases"] and not counts["skipped"]:
            self.stdout.write("Demo cases: already there, nothing written.")
        else:
            self.stdout.write(f"Demo cases: {counts['cases']} created ({counts['skipped']} drawn cases the law "
                              "refused on their dates were left out).")
