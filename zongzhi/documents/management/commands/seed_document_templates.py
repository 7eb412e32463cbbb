from django.core.management.base import BaseCommand

from zongzhi.audit.context import audit_context
from zongzhi.documents.services import seed_document_templates


class Command(BaseCommand):
    help = "Load the national default templates of every kind of case document (idempotent)."

    def handle(self, *args, **options):
        with audit_context():
            counts = seed_document_templates()
        if options["verbosity"]:
            self.stdout.write("document templates: {created} created, {unchanged} unchanged".format(**counts))
