from django.core.management.base import BaseCommand, CommandError

from zongzhi.audit.services import BrokenAnchorFile, BrokenLink, read_anchors, verify_chain, verify_files


class Command(BaseCommand):
    help = ("Verify the audit hash chain against itself, its head and the anchors outside the database, and every "
            "stored file against its recorded SHA-256; name the first broken link and every damaged file.")

    def add_arguments(self, parser):
        parser.add_argument("--anchors", help="the anchor file (default: AUDIT_ANCHOR_FILE)")
        parser.add_argument("--skip-files", action="store_true", help="do not hash the stored files")

    def handle(self, *args, **options):
        try:
            anchors = read_anchors(options["anchors"])
            count = verify_chain(anchors=anchors)
        except BrokenAnchorFile as error:
            raise CommandError(f"Anchor file unreadable: {error}") from None
        except BrokenLink as broken:
            raise CommandError(f"Audit chain broken at entry #{broken.entry_id}: {broken.reason}") from None
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} entries verified, "
                                             f"{len(anchors)} anchors matched."))
        if options["skip_files"]:
            return
        checked, problems = verify_files()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} of {checked} stored files are missing or changed.")
        self.stdout.write(self.style.SUCCESS(f"Stored files intact: {checked} files match their SHA-256."))
