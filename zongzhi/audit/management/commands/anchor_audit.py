import json

from django.core.management.base import BaseCommand

from zongzhi.audit.services import anchor_head


class Command(BaseCommand):
    help = ("Append the audit chain's head to the append-only anchor file (AUDIT_ANCHOR_FILE) and print it, so that "
            "it can be kept elsewhere too. Run it daily.")

    def add_arguments(self, parser):
        parser.add_argument("--anchors", help="the anchor file (default: AUDIT_ANCHOR_FILE)")

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(anchor_head(options["anchors"]), sort_keys=True))
