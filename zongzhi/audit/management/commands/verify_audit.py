from django.core.management.base import BaseCommand, CommandError

from zongzhi.audit.services import BrokenLink, verify_chain


class Command(BaseCommand):
    help = "Verify the audit hash chain and name the first broken link."

    def handle(self, *args, **options):
        try:
            count = verify_chain()
        except BrokenLink as broken:
            raise CommandError(f"Audit chain broken at entry #{broken.entry_id}: {broken.reason}") from None
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} entries verified."))
