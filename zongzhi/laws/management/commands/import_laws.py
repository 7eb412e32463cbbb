from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.laws.services import LawImportError, import_laws


class Command(BaseCommand):
    help = "Import law texts (Markdown) into the law library; by default every file of data/laws/ in the manifest."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="law files to import (default: the shipped library)")

    def handle(self, *args, files=(), **options):
        try:
            with audit_context(source=Source.COMMAND):
                outcomes = import_laws(files)
        except LawImportError as error:
            raise CommandError(str(error)) from None
        for o in outcomes:
            if o.version_created:
                state = _("new version")
            elif o.changed:
                state = _("%(n)s articles changed") % {"n": o.articles_changed}
            else:
                state = _("unchanged")
            self.stdout.write(f"{o.version}: {state}")
        changed = sum(o.changed for o in outcomes)
        self.stdout.write(self.style.SUCCESS(_("%(n)s laws imported, %(c)s changed.") % {"n": len(outcomes),
                                                                                        "c": changed}))
