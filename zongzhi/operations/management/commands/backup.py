from django.core.management.base import BaseCommand, CommandError

from zongzhi.operations.backup import BackupError, backup, read_manifest


class Command(BaseCommand):
    help = ("Back up the database and every stored file into one folder with a manifest of hashes, while the server "
            "goes on (docs/deployment.md).")

    def add_arguments(self, parser):
        parser.add_argument("destination", nargs="?", help="the folder to write into (default: BACKUP_DIR)")
        parser.add_argument("--keep", type=int, help="then remove all but the newest KEEP backups there")

    def handle(self, *args, **options):
        try:
            folder = backup(options["destination"], keep=options["keep"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = read_manifest(folder)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {folder}: {manifest['engine']} database ({len(manifest['tables'])} tables, {rows} rows,"
            f" audit chain {manifest['audit_head']['count']} entries), {len(manifest['files'])} files."))
