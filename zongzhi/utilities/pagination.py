from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows: a log of millions shows "more than 10,000" instead of counting them all.
    Filters narrow the list down; only the first ``cap`` rows are reachable page by page."""

    cap = 10_000

    @cached_property
    def count(self):
        # Without the ordering: the database may stop after cap + 1 rows instead of sorting them all first.
        rows = self.object_list
        if hasattr(rows, "query") and not rows.query.is_sliced:
            rows = rows.order_by()
        n = rows[: self.cap + 1].count()
        self.capped = n > self.cap
        return min(n, self.cap)

    capped = False
