"""manage.py build_demo: the demo county 襄城县, then the reference data of the other apps (when they exist)."""

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from zongzhi.demo.county import build_demo_county

# Commands of other apps that load their own demo or reference data, in this order (catalog before the
# agreements and benchmarks that cite its matters).
FOLLOW_UPS = ["seed_deadline_rules", "import_laws", "build_demo_catalog", "build_demo_agreements",
              "build_demo_discretion", "build_demo_subjects", "seed_document_templates", "build_demo_inspections",
              "build_demo_patrols", "build_demo_cases"]


class Command(BaseCommand):
    help = "Build the demo county 襄城县 (idempotent: a second run duplicates nothing)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("build_demo refuses to run with ZONGZHI_ENV=production: the demo creates logins with "
                               "a published password. Build it on a separate, embedded installation.")
        counts = build_demo_county()
        created = {k: v for k, v in sorted(counts.items()) if not k.endswith("unchanged")}
        summary = ", ".join(f"{k}: {v}" for k, v in created.items()) or "nothing new, nothing changed"
        self.stdout.write(f"Demo county 襄城县: {summary}.")
        available = get_commands()
        for name in FOLLOW_UPS:
            if name in available:
                call_command(name, stdout=self.stdout, stderr=self.stderr)
            else:
                self.stdout.write(f"Skipped {name}: that command does not exist yet.")
