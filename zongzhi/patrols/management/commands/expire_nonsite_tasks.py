"""manage.py expire_nonsite_tasks: close every non-site task whose link has run out (run it daily, e.g. from cron;
the public page also expires a task when its stale link is opened)."""

from django.core.management.base import BaseCommand

from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context

from ...services import expire_overdue


class Command(BaseCommand):
    help = "Mark non-site tasks whose link has expired as expired."

    def handle(self, *args, **options):
        with audit_context(source=Source.COMMAND):
            count = expire_overdue()
        self.stdout.write(f"Expired non-site tasks: {count}.")
