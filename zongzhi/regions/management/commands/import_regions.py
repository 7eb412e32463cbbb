from django.core.management.base import BaseCommand, CommandError

from zongzhi.audit.context import audit_context
from zongzhi.regions.services import RegionImportError, import_region


class Command(BaseCommand):
    help = "Import a province, prefecture or county (with its townships) from the shipped NBS division file."

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="+", help="division codes, e.g. 411025 (county), 4110 (city), 41 (province)")

    def handle(self, *args, **options):
        with audit_context():
            for code in options["codes"]:
                try:
                    counts = import_region(code)
                except RegionImportError as error:
                    raise CommandError(str(error)) from None
                self.stdout.write(f"{code}: {counts['created']} created, {counts['updated']} updated, "
                                  f"{counts['unchanged']} unchanged")
