import datetime
from decimal import Decimal

import pytest

from ..surcharge import surcharge, surcharge_due

D = datetime.date
DUE = D(2026, 3, 1)


@pytest.mark.parametrize("fine, days, expected", [
    ("1000", -5, "0.00"),  # paid early
    ("1000", 0, "0.00"),  # paid on the last day
    ("1000", 1, "30.00"),
    ("1000", 2, "60.00"),
    ("1000", 10, "300.00"),
    ("1000", 33, "990.00"),  # 99%
    ("1000", 34, "1000.00"),  # 102% capped at the fine
    ("1000", 35, "1000.00"),
    ("1000", 400, "1000.00"),
    ("333.33", 1, "10.00"),  # 9.9999 rounds half up to the fen
    ("333.33", 3, "30.00"),  # 29.9997
    ("0.50", 1, "0.02"),  # 0.015 -> 0.02 (half up)
    ("0.10", 1, "0.00"),  # 0.003
    ("0.10", 33, "0.10"),  # 0.099 -> 0.10
    ("200", 33, "198.00"),
    ("50000", 7, "10500.00"),
    ("12345.67", 5, "1851.85"),  # 1851.8505
    ("0", 10, "0.00"),
])
def test_surcharge_arithmetic(fine, days, expected):
    result = surcharge(Decimal(fine), DUE, DUE + datetime.timedelta(days=days))
    assert result == Decimal(expected)
    assert isinstance(result, Decimal) and result.as_tuple().exponent == -2


def test_surcharge_accepts_strings_and_ints_exactly():
    assert surcharge("1000", DUE, D(2026, 3, 2)) == Decimal("30.00")
    assert surcharge(1000, DUE, D(2026, 3, 2)) == Decimal("30.00")


def test_surcharge_due_agrees_with_the_single_payment_formula():
    for days in range(0, 40):
        paid = DUE + datetime.timedelta(days=days)
        assert surcharge_due(1000, [(DUE, 1000)], [(paid, 1000)], paid) == surcharge(1000, DUE, paid), days


def test_partial_payment_reduces_the_base_to_the_unpaid_fine():
    # 1,000 due on 1 March; 600 paid on 11 March (10 days late on 1,000 = 300); 400 unpaid for 10 more days = 120.
    payments = [(D(2026, 3, 11), Decimal(600))]
    assert surcharge_due(1000, [(DUE, 1000)], payments, D(2026, 3, 21)) == Decimal("420.00")
    # paying the remaining 400 on 21 March stops it there
    payments.append((D(2026, 3, 21), Decimal(400)))
    assert surcharge_due(1000, [(DUE, 1000)], payments, D(2026, 6, 1)) == Decimal("420.00")


def test_the_cap_is_the_whole_fine_not_the_unpaid_part():
    # 900 paid on time, 100 left unpaid for a year: 3/day, capped at 1,000 (not at 100).
    assert surcharge_due(1000, [(DUE, 1000)], [(DUE, Decimal(900))], D(2027, 3, 1)) == Decimal("1000.00")
    # nothing paid: capped at 1,000 from day 34
    assert surcharge_due(1000, [(DUE, 1000)], [], D(2026, 4, 3)) == Decimal("990.00")
    assert surcharge_due(1000, [(DUE, 1000)], [], D(2026, 4, 4)) == Decimal("1000.00")


def test_payment_before_until_only():
    # a payment after the date asked about does not count yet
    assert surcharge_due(1000, [(DUE, 1000)], [(D(2026, 3, 10), 1000)], D(2026, 3, 3)) == Decimal("60.00")


def test_instalments_each_run_from_their_own_due_date():
    schedule = [(D(2026, 3, 1), Decimal(500)), (D(2026, 4, 1), Decimal(500))]
    # first instalment paid on time, second 2 days late: 500 * 3% * 2 = 30
    payments = [(D(2026, 3, 1), Decimal(500)), (D(2026, 4, 3), Decimal(500))]
    assert surcharge_due(1000, schedule, payments, D(2026, 5, 1)) == Decimal("30.00")
    # first instalment 1 day late (15), the payment covers it; nothing else late
    payments = [(D(2026, 3, 2), Decimal(500)), (D(2026, 4, 1), Decimal(500))]
    assert surcharge_due(1000, schedule, payments, D(2026, 5, 1)) == Decimal("15.00")
    # before the second due date, only the first counts
    assert surcharge_due(1000, schedule, [], D(2026, 3, 5)) == Decimal("60.00")


def test_money_beyond_the_fine_does_not_reduce_the_overdue_base_twice():
    # one payment of 1,030 paid 1 day late: 30 surcharge on 1,000, the extra 30 pays the surcharge
    assert surcharge_due(1000, [(DUE, 1000)], [(D(2026, 3, 2), Decimal(1030))], D(2026, 4, 1)) == Decimal("30.00")
