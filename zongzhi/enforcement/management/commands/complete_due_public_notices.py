"""Daily run: documents served by public notice whose 30 days have passed are deemed served (民事诉讼法 第九十五条,
行政处罚法 第六十一条); the case moves on. Ended appeal windows are closed as deadlines."""

import datetime

from django.core.management.base import BaseCommand

from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context

from ...services import complete_due_public_notices


class Command(BaseCommand):
    help = "Complete the public notices whose deemed service date has come (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as of this date (YYYY-MM-DD); default today.")

    def handle(self, *args, **options):
        today = datetime.date.fromisoformat(options["date"]) if options.get("date") else None
        with audit_context(user=None, source=Source.COMMAND):
            result = complete_due_public_notices(today=today)
        for pk, message in result["failed"]:
            self.stderr.write(f"service record {pk}: {message}")
        self.stdout.write(f"public notices completed: {result['completed']}, failed: {len(result['failed'])}, "
                          f"appeal windows closed: {result['windows_closed']}")
