from django.core.management.base import BaseCommand

from zongzhi.audit.context import audit_context
from zongzhi.deadlines.services import seed_deadline_rules


class Command(BaseCommand):
    help = "Create or update the national deadline rules (zongzhi/deadlines/rules_data.py). Safe to run again."

    def handle(self, *args, **options):
        with audit_context():
            counts = seed_deadline_rules()
        self.stdout.write(f"deadline rules: {counts['created']} created, {counts['updated']} updated, "
                          f"{counts['unchanged']} unchanged")
