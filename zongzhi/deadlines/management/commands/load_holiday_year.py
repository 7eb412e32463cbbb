import csv
import datetime
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zongzhi.audit.context import audit_context
from zongzhi.deadlines.models import HolidayYear
from zongzhi.deadlines.services import enter_holiday_year, parse_holiday_lines

PUBLISHED = re.compile(r"(\d{4}-\d{2}-\d{2})[)）]\s*$")


class Command(BaseCommand):
    help = ("Enter the holiday arrangement of one or more years from a CSV file in the format of "
            "data/calendar/ (date,kind,festival,source). A year already entered is replaced.")

    def add_arguments(self, parser):
        parser.add_argument("csv", type=Path)
        parser.add_argument("--year", type=int, help="load only this year (default: every year in the file)")
        parser.add_argument("--source", help="the notice (default: the file's source column)")

    def handle(self, *args, **options):
        try:
            text = options["csv"].read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from None
        days, errors = parse_holiday_lines(text)
        if errors:
            raise CommandError("\n".join(errors))
        years = [options["year"]] if options["year"] else sorted({d.date.year for d in days})
        sources = {}
        for row in csv.reader(text.splitlines()):
            if len(row) > 3 and row[0][:4].isdigit():
                sources.setdefault(int(row[0][:4]), row[3].strip())
        by_year = {y: [d for d in days if d.date.year == y] for y in years}
        for y, year_days in by_year.items():
            if not year_days:
                raise CommandError(f"{options['csv']} has no days of {y}.")
            if not (options["source"] or sources.get(y)):
                raise CommandError(f"The file names no source for {y}: give --source.")
        with audit_context(), transaction.atomic():
            for y, year_days in by_year.items():
                source = options["source"] or sources[y]
                match = PUBLISHED.search(source)
                enter_holiday_year(
                    year=y, source=source, days=year_days,
                    published=datetime.date.fromisoformat(match.group(1)) if match else None,
                    instance=HolidayYear.objects.filter(year=y).first(),
                )
                self.stdout.write(f"{y}: {len(year_days)} days")
