"""manage.py bench_catalog_import: import a generated catalog workbook (5,000 matters by default) through the
same importer as the upload page, show the progress, and fail when it takes longer than the limit. Nothing is
kept: the whole run is rolled back."""

import io
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from openpyxl import Workbook

from zongzhi.agencies.models import Domain
from zongzhi.laws.models import Article, Law
from zongzhi.users.models import User

from ...imports import MatterImporter


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the Excel import of a catalog of matters (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=5000)
        parser.add_argument("--limit", type=float, default=30.0, help="seconds allowed")

    def handle(self, *args, rows, limit, **options):
        if not Law.objects.exists():
            call_command("import_laws", stdout=io.StringIO())
        try:
            with transaction.atomic():
                elapsed, result = self.run(rows)
                raise Rollback
        except Rollback:
            pass
        if not result.ok:
            raise CommandError(f"The import reported errors: {result.errors[:3]}")
        self.stdout.write(f"Imported {result.created} matters in {elapsed:.1f} s (limit {limit:.0f} s).")
        if elapsed > limit:
            raise CommandError(f"Too slow: {elapsed:.1f} s > {limit:.0f} s.")

    def run(self, rows):
        domain = Domain.objects.first() or Domain.objects.create(code="bench", name="基准测试")
        article = Article.objects.select_related("version__law").order_by("pk").first()
        law = article.version.law.title
        user = User.objects.create_superuser(username="bench-catalog-import", password=None)
        wb = Workbook()
        ws = wb.active
        ws.append(["事项编码", "事项名称", "执法领域", "违法依据法律", "违法依据条", "处罚依据法律", "处罚依据条", "处罚种类",
                   "罚款下限（元）", "罚款上限（元）", "适用对象", "可适用首违不罚"])
        for i in range(rows):
            ws.append([f"BENCH-{i:05d}", f"基准事项{i}", domain.name, law, article.number, law, article.number, "警告、罚款",
                       100, 1000 + i, "乡镇和街道", "否"])
        buffer = io.BytesIO()
        wb.save(buffer)
        buffer.seek(0)

        def progress(done, total):
            self.stdout.write(f"\rchecked {done}/{total} rows", ending="")
            self.stdout.flush()

        start = time.monotonic()
        result = MatterImporter(user).run(buffer, progress=progress)
        elapsed = time.monotonic() - start
        self.stdout.write("")
        return elapsed, result
