import csv
import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.deadlines import workdays
from zongzhi.deadlines.choices import Direction, TimeUnit
from zongzhi.deadlines.models import HolidayDay, HolidayYear
from zongzhi.deadlines.services import count_period
from zongzhi.deadlines.workdays import CalendarDataMissing, WorkCalendar

pytestmark = pytest.mark.django_db

CSV = settings.DATA_DIR / "calendar" / "cn_official_holidays_2024_2026.csv"
D = datetime.date


def official_workdays():
    """Every date of 2024–2026 and whether it is a working day, by the official notices."""
    with CSV.open(encoding="utf-8") as f:
        kinds = {D.fromisoformat(row["date"]): row["kind"] for row in csv.DictReader(f)}
    day, expected = D(2024, 1, 1), {}
    while day <= D(2026, 12, 31):
        kind = kinds.get(day)
        expected[day] = kind == "makeup_workday" if kind else day.weekday() < 5
        day += datetime.timedelta(days=1)
    return expected


def assert_agrees_with_official():
    expected = official_workdays()
    cal = WorkCalendar()
    mismatches = [day for day, workday in expected.items() if cal.is_workday(day) != workday]
    assert len(expected) == 1096 and mismatches == []


def test_every_day_of_2024_to_2026_agrees_with_the_official_notices():
    assert_agrees_with_official()


def test_the_official_file_entered_as_holiday_years_gives_the_same_days():
    call_command("load_holiday_year", str(CSV))
    assert set(HolidayYear.objects.values_list("year", flat=True)) == {2024, 2025, 2026}
    assert HolidayDay.objects.count() == 108
    assert HolidayYear.objects.get(year=2025).published == D(2024, 11, 12)
    assert_agrees_with_official()


def test_working_days_across_national_day_2025():
    # 2025-09-28 (Sunday) and 2025-10-11 (Saturday) are make-up working days; 10-01..10-08 are off.
    assert workdays.add_working_days(D(2025, 9, 28), 7) == D(2025, 10, 14)
    assert workdays.add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)


def test_working_days_across_spring_festival_2025():
    # 01-26 (Sunday) worked, 01-28..02-04 off.
    assert workdays.add_working_days(D(2025, 1, 24), 5) == D(2025, 2, 7)
    assert workdays.subtract_working_days(D(2025, 2, 5), 1) == D(2025, 1, 27)


def test_the_start_day_is_not_counted():
    assert workdays.add_working_days(D(2025, 9, 29), 1) == D(2025, 9, 30)
    assert workdays.add_natural_days(D(2025, 3, 3), 1) == D(2025, 3, 4)
    assert workdays.add_working_days(D(2025, 9, 29), 0) == D(2025, 9, 29)


def test_next_workday():
    assert workdays.next_workday(D(2025, 10, 1)) == D(2025, 10, 9)
    assert workdays.next_workday(D(2025, 10, 11)) == D(2025, 10, 11)  # a make-up Saturday


def test_a_natural_day_period_ending_on_a_holiday_ends_on_the_next_working_day():
    assert workdays.add_natural_days(D(2025, 9, 16), 15) == D(2025, 10, 9)  # 10-01 is National Day
    assert workdays.add_natural_days(D(2025, 3, 7), 15) == D(2025, 3, 24)  # 03-22 is a Saturday
    result = count_period(D(2025, 9, 16), 15, TimeUnit.NATURAL_DAYS)
    assert result.nominal == D(2025, 10, 1) and result.moved
    assert [d.date for d in result.skipped] == [D(2025, 10, d) for d in range(1, 9)]
    assert result.skipped[0].festival


def test_months_keep_the_day_or_clamp_to_the_month_end():
    assert workdays.add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert workdays.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert workdays.add_months(D(2025, 7, 1), 3) == D(2025, 10, 9)  # 10-01 is off: moved
    assert workdays.add_months(D(2025, 11, 14), 6) == D(2026, 5, 14)


def test_before_counts_backwards():
    result = count_period(D(2025, 10, 14), 7, TimeUnit.WORKING_DAYS, Direction.BEFORE)
    assert result.due == D(2025, 9, 28)
    assert workdays.subtract_working_days(D(2025, 10, 14), 7) == D(2025, 9, 28)


def test_hours_run_around_the_clock():
    start = datetime.datetime(2025, 10, 1, 9, 30)
    assert workdays.add_hours(start, 24) == datetime.datetime(2025, 10, 2, 9, 30)
    assert count_period(start, 24, TimeUnit.HOURS).due == datetime.datetime(2025, 10, 2, 9, 30)
    assert count_period(D(2025, 10, 1), 24, TimeUnit.HOURS).due == datetime.datetime(2025, 10, 2)


def test_working_days_skipped_are_listed():
    result = count_period(D(2025, 9, 28), 7, TimeUnit.WORKING_DAYS)
    skipped = [d.date for d in result.skipped]
    assert skipped == [D(2025, 10, d) for d in (1, 2, 3, 4, 5, 6, 7, 8, 12)]


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        workdays.add_working_days(D(2025, 1, 1), -1)


def test_a_year_without_data_is_computed_provisionally_from_the_statutory_holidays():
    """2027 is neither entered nor in the package: 《全国年节及纪念日放假办法》 fixes its days off."""
    cal = WorkCalendar()
    assert not cal.is_workday(D(2027, 1, 1)) and cal.day(D(2027, 1, 1)).provisional
    # 春节 2027: 除夕 02-05 to 初三 02-08; 清明 04-05; 劳动节 05-01/02; 端午 06-09; 中秋 09-15; 国庆 10-01..03.
    off = [D(2027, 2, 5), D(2027, 2, 8), D(2027, 4, 5), D(2027, 6, 9), D(2027, 9, 15), D(2027, 10, 1)]
    assert [cal.is_workday(d) for d in off] == [False] * len(off)
    assert cal.is_workday(D(2027, 2, 9)) and cal.is_workday(D(2027, 10, 4))  # no bridges, no make-up days
    assert cal.provisional_years == {2027}
    result = count_period(D(2026, 12, 28), 7, TimeUnit.WORKING_DAYS)
    assert result.due == D(2027, 1, 7) and result.provisional and "2027" in result.provisional_note
    assert count_period(D(2026, 11, 1), 30, TimeUnit.NATURAL_DAYS).provisional is False  # stays inside 2026
    assert workdays.add_natural_days(D(2026, 11, 1), 90) == D(2027, 2, 1)  # 01-30 is a Saturday


def test_the_statutory_holidays_are_days_off_in_the_official_2025_and_2026_arrangements():
    """The provisional computation checked against published years: every statutory day is off there."""
    official = official_workdays()
    for year in (2025, 2026):
        days = workdays.statutory_holidays(year)
        assert len(days) == 13
        assert [d for d in days if official[d]] == []
    assert set(workdays.statutory_holidays(2025)) >= {D(2025, 1, 28), D(2025, 4, 4), D(2025, 5, 31), D(2025, 10, 6)}


def test_a_year_before_the_revised_holiday_measures_without_data_is_refused_with_a_clear_message():
    with pytest.raises(CalendarDataMissing) as error:
        workdays.add_working_days(D(2003, 12, 1), 7)
    assert error.value.year == 2003
    assert "2003" in str(error.value) and "节假日" in str(error.value)


def test_an_administrator_entered_2027_then_works():
    year = HolidayYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    HolidayDay.objects.create(holiday_year=year, date=D(2027, 1, 1), kind="off", festival="元旦")
    assert workdays.add_working_days(D(2026, 12, 28), 7) == D(2027, 1, 7)
    assert not workdays.is_workday(D(2027, 1, 1))
    assert workdays.is_workday(D(2027, 1, 4))


def test_an_entered_year_takes_precedence_over_the_package():
    year = HolidayYear.objects.create(year=2025, source="更正")
    HolidayDay.objects.create(holiday_year=year, date=D(2025, 3, 3), kind="off", festival="测试")
    assert not workdays.is_workday(D(2025, 3, 3))
    assert workdays.is_workday(D(2025, 10, 1))


def test_a_computation_reads_the_entered_years_once():
    HolidayYear.objects.create(year=2027, source="x")
    with CaptureQueriesContext(connection) as ctx:
        count_period(D(2025, 1, 1), 20, TimeUnit.WORKING_DAYS)
        count_period(D(2026, 12, 1), 30, TimeUnit.NATURAL_DAYS)
    assert len(ctx) == 2


def test_load_holiday_year_takes_one_year_and_refuses_a_bad_file(tmp_path):
    from django.core.management.base import CommandError

    call_command("load_holiday_year", str(CSV), "--year", "2025")
    assert list(HolidayYear.objects.values_list("year", flat=True)) == [2025]
    assert HolidayYear.objects.get().days.count() == 33
    bad = tmp_path / "2027.csv"
    bad.write_text("date,kind,festival,source\n2027-01-01,off,元旦,通知\n2027-01-32,off,元旦,通知\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 3 行"):
        call_command("load_holiday_year", str(bad))
    assert not HolidayYear.objects.filter(year=2027).exists()
