import statistics
import time

from django.core.management.base import BaseCommand, CommandError

from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.laws.models import Article
from zongzhi.laws.search import search
from zongzhi.laws.services import import_laws

QUERIES = ["露天焚烧秸秆", "占道经营", "当场作出行政处罚决定", "查封扣押期限", "噪声扰民", "违法建设", "食品经营许可",
           "罚款", "听证", "行政复议期限"]
BUDGET_MS = 50


class Command(BaseCommand):
    help = "Time law search over the whole library (imported first when empty); fails above 50 ms at the 95th percentile."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, repeat=20, **options):
        if not Article.objects.exists():
            with audit_context(source=Source.COMMAND):
                import_laws()
        start = time.perf_counter()
        search(QUERIES[0])
        self.stdout.write(f"first query (index and dictionary load): {(time.perf_counter() - start) * 1000:.0f} ms")
        timings = []
        for _ in range(repeat):
            for q in QUERIES:
                start = time.perf_counter()
                search(q)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        self.stdout.write(f"law search over {Article.objects.count()} articles, {len(timings)} queries: "
                          f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")
        if p95 >= BUDGET_MS:
            raise CommandError(f"law search p95 {p95:.1f} ms is over the {BUDGET_MS} ms budget")
