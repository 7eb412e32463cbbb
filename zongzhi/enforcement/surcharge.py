"""加处罚款 (行政处罚法 第七十二条第一款第一项): 3% of the fine for each day after the payment deadline, never more
than the fine itself. Pure functions with Decimal arithmetic, rounded to the fen (half up).

How partial payments and instalments count (our reading, documented in docs/enforcement.md):

- The surcharge runs on the **unpaid fine** that is overdue: each day after a due date, 3% of what is still owed
  of the amount due by then. A payment made on day *p* counts for day *p* itself as late (paid on the deadline:
  0 days; the day after: 1 day) and stops the surcharge on that part from day *p + 1*.
- Money received pays the fine first, then the surcharge (the surcharge never grows on surcharge).
- The total surcharge is capped at the fine decided (not at the unpaid part).
- With an approved deferral or instalments, each instalment has its own due date.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

RATE = Decimal("0.03")
FEN = Decimal("0.01")
CITATION = "《行政处罚法》第七十二条第一款第一项"
ONE_DAY = datetime.timedelta(days=1)


def _money(value) -> Decimal:
    return Decimal(str(value))


def round_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def surcharge(fine, due_on: datetime.date, paid_on: datetime.date) -> Decimal:
    """The surcharge on ``fine`` paid in one sum on ``paid_on`` when it was due on ``due_on``:
    3% × fine × days late, at most the fine. 0 days: 0; 33 days: 99%; 34 days or more: 100%."""
    fine = _money(fine)
    days = max((paid_on - due_on).days, 0)
    return round_fen(min(fine * RATE * days, fine))


def surcharge_due(fine, schedule, payments, until: datetime.date) -> Decimal:
    """The surcharge accrued up to and including ``until``.

    ``schedule``: ``[(due_on, amount), …]`` — the fine's due dates (one line without instalments); the amounts
    should add up to the fine. ``payments``: ``[(paid_on, amount), …]``; they pay the earliest instalments first,
    and the fine before the surcharge. Payments after ``until`` are ignored."""
    fine = _money(fine)
    schedule = sorted((d, _money(a)) for d, a in schedule)
    payments = sorted((d, _money(a)) for d, a in payments if d <= until)
    # Allocate each payment to the instalments in due order: reductions[i] = [(date, amount), …].
    remaining = [a for _d, a in schedule]
    reductions = [[] for _ in schedule]
    i = 0
    for paid_on, amount in payments:
        while amount > 0 and i < len(schedule):
            part = min(amount, remaining[i])
            if part > 0:
                reductions[i].append((paid_on, part))
                remaining[i] -= part
                amount -= part
            if remaining[i] <= 0:
                i += 1
        # anything left over pays the surcharge: it does not change what is overdue
    # The overdue principal is constant between breakpoints: the day after each due date and each payment.
    points = sorted({d + ONE_DAY for d, _a in schedule} | {d + ONE_DAY for d, _a in payments} | {until + ONE_DAY})
    total = Decimal(0)
    for start, end in zip(points, points[1:], strict=False):
        if start > until:
            break
        overdue = Decimal(0)
        for (due_on, amount), cuts in zip(schedule, reductions, strict=True):
            if due_on < start:
                overdue += amount - sum((a for d, a in cuts if d < start), Decimal(0))
        if overdue > 0:
            total += overdue * RATE * (end - start).days
        if total >= fine:
            break
    return round_fen(min(total, fine))
