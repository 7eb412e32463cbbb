from django.core.management.base import BaseCommand, CommandError

from zongzhi.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup folder into the configured (empty) database and storage, then compare every table and "
            "file with its manifest and verify the audit chain. Run it with the application stopped.")

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder written by manage.py backup")
        parser.add_argument("--force", action="store_true", help="replace a database that is not empty")

    def handle(self, *args, **options):
        try:
            report = restore(options["folder"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        for anchor in report["newer_anchors"]:
            self.stderr.write(f"The anchor of {anchor['time']} (entry #{anchor['last_id']}) is newer than the backup: "
                              "the entries after the backup are not in it.")
        for problem in report["problems"]:
            self.stderr.write(problem)
        if report["problems"]:
            raise CommandError(f"The restore differs from the backup in {len(report['problems'])} places.")
        self.stdout.write(self.style.SUCCESS(
            f"Restored the backup of {report['created']}: {report['tables']} tables and {report['rows']} rows match "
            f"the manifest, {report['files']} files match their hashes, the audit chain ({report['entries']} entries) "
            f"is intact and {report['stored_files_checked']} stored files match their recorded SHA-256."))
