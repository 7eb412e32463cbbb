"""The working-day calendar and date arithmetic of the legal clock (no view code).

A date is a working day by the ordinary rule (Monday to Friday) unless the year's holiday arrangement says
otherwise. The arrangement of a year comes from, in this order: a ``HolidayYear`` entered by an administrator,
the ``chinesecalendar`` package, or — for a year the State Council has not published yet — the statutory holidays
that 《全国年节及纪念日放假办法》 itself fixes (``statutory_holidays``): such a year is *provisional*, every date
counted through it is marked so, and it is recounted when the official year is entered. A year before that
revision came into force with no data at all raises ``CalendarDataMissing``.

Counting follows the period rules of 行政处罚法第八十五条 / 行政强制法第六十九条 (working days) and 民事诉讼法
第八十五条 by analogy (natural days and months: the start day is not counted; a last day that is not a working
day moves to the next working day).
"""

import calendar as stdlib_calendar
import datetime
import functools
from dataclasses import dataclass

import chinese_calendar
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import DayKind
from .models import HolidayYear

# The festival names of the ``chinesecalendar`` package, for display.
FESTIVALS = {
    "New Year's Day": _("New Year's Day"),
    "Spring Festival": _("Spring Festival"),
    "Tomb-sweeping Day": _("Tomb-sweeping Day"),
    "Labour Day": _("Labour Day"),
    "Dragon Boat Festival": _("Dragon Boat Festival"),
    "National Day": _("National Day"),
    "Mid-autumn Festival": _("Mid-autumn Festival"),
    "Anti-Fascist 70th Day": _("Anti-Fascist 70th Day"),
}


# 《全国年节及纪念日放假办法》 as revised by 国务院令第795号 (2024-11-10), in force from 2025-01-01, Art. 2: the
# holidays of all citizens. A provisional year has exactly these days off, weekends otherwise, no make-up days.
STATUTORY_BASIS = "《全国年节及纪念日放假办法》第二条（2024年11月10日国务院令第795号修订，2025年1月1日起施行）"
STATUTORY_SINCE = 2025


@functools.cache
def statutory_holidays(year: int) -> dict[datetime.date, str]:
    """The days off that 《全国年节及纪念日放假办法》 fixes for ``year`` (``STATUTORY_BASIS``): 元旦 1 January;
    春节 the lunar New Year's Eve and 正月初一 to 初三; 清明节 the day of the 清明 solar term; 劳动节 1–2 May;
    端午节 农历五月初五; 中秋节 农历八月十五; 国庆节 1–3 October. Lunar dates and the solar term come from
    ``lunar_python``. The State Council's yearly notice adds bridges and make-up working days; those are
    unknown until it is published."""
    from lunar_python import Lunar, Solar

    def solar(lunar_month, lunar_day):
        s = Lunar.fromYmd(year, lunar_month, lunar_day).getSolar()
        return datetime.date(s.getYear(), s.getMonth(), s.getDay())

    qingming = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    spring = solar(1, 1)
    days = {datetime.date(year, 1, 1): "New Year's Day",
            **{spring + datetime.timedelta(days=n): "Spring Festival" for n in (-1, 0, 1, 2)},
            datetime.date(qingming.getYear(), qingming.getMonth(), qingming.getDay()): "Tomb-sweeping Day",
            datetime.date(year, 5, 1): "Labour Day", datetime.date(year, 5, 2): "Labour Day",
            solar(5, 5): "Dragon Boat Festival",
            solar(8, 15): "Mid-autumn Festival",
            **{datetime.date(year, 10, n): "National Day" for n in (1, 2, 3)}}
    # 中秋 can fall on 1–3 October (2028-10-03): one day off for two festivals, named 国庆节 here.
    return dict(sorted(days.items()))


def validate_in_range(value: datetime.date):
    """Dates the calculator accepts: far enough from the limits of Python's dates for any period."""
    if not 1900 <= value.year <= 2100:
        raise ValidationError(_("Enter a date between 1900 and 2100."), code="out_of_range")


def package_years() -> range:
    """The years the ``chinesecalendar`` package knows."""
    years = {d.year for d in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


class CalendarDataMissing(Exception):
    """A computation reached a year before ``STATUTORY_SINCE`` whose holiday arrangement is known neither from
    an administrator nor from the ``chinesecalendar`` package (a later year is computed provisionally)."""

    def __init__(self, year):
        self.year = year
        super().__init__(gettext(
            "The holiday arrangement for %(year)s has not been entered, so deadlines reaching that year cannot be "
            "computed. Once the State Council publishes it, an administrator enters it under Legal clock › "
            "Holiday years › Add a year."
        ) % {"year": year})


@dataclass(frozen=True)
class Day:
    date: datetime.date
    workday: bool
    festival: str  # the holiday's name, "" for an ordinary day
    provisional: bool = False  # from the statutory holidays of a year not published yet


class WorkCalendar:
    """Answers ``day(date)`` for any date from 2004 on. Administrator-entered years are read once per instance
    (one query); use one instance for one computation. The provisional years it had to compute are collected in
    ``provisional_years``: a result that consulted one of them is provisional."""

    def __init__(self):
        self._entered = None  # {year: {date: (kind, festival)}}
        self.provisional_years = set()

    def entered_years(self) -> dict:
        if self._entered is None:
            self._entered = {}
            for year, date, kind, festival in HolidayYear.objects.values_list(
                    "year", "days__date", "days__kind", "days__festival"):
                days = self._entered.setdefault(year, {})
                if date is not None:
                    days[date] = (kind, festival)
        return self._entered

    def day(self, date: datetime.date) -> Day:
        entered = self.entered_years().get(date.year)
        if entered is not None:
            kind, festival = entered.get(date, (None, ""))
            if kind is None:
                return Day(date, date.weekday() < 5, "")
            return Day(date, kind == DayKind.MAKEUP_WORKDAY, festival)
        try:
            workday = chinese_calendar.is_workday(date)
            _holiday, name = chinese_calendar.get_holiday_detail(date)
        except NotImplementedError:
            if date.year < STATUTORY_SINCE:
                raise CalendarDataMissing(date.year) from None
            self.provisional_years.add(date.year)
            name = statutory_holidays(date.year).get(date)
            return Day(date, name is None and date.weekday() < 5, str(FESTIVALS[name]) if name else "", True)
        return Day(date, workday, str(FESTIVALS.get(name, name or "")))

    def is_workday(self, date: datetime.date) -> bool:
        return self.day(date).workday

    def next_workday(self, date: datetime.date, step: int = 1) -> datetime.date:
        """``date`` itself if it is a working day, else the next one (the previous one for ``step=-1``)."""
        while not self.is_workday(date):
            date += datetime.timedelta(days=step)
        return date

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The n-th working day after ``start`` (not counted); ``start`` itself for n = 0. A negative n counts
        backwards: the n-th working day before ``start``."""
        step = 1 if n >= 0 else -1
        date = start
        for _i in range(abs(n)):
            date = self.next_workday(date + datetime.timedelta(days=step), step)
        return date

    def add_natural_days(self, start: datetime.date, n: int) -> datetime.date:
        """``start`` + n days (the start day is not counted); a last day that is not a working day moves to the
        next working day (to the previous one when counting backwards)."""
        return self.next_workday(start + datetime.timedelta(days=n), 1 if n >= 0 else -1)

    def add_months(self, start: datetime.date, n: int) -> datetime.date:
        """The same day of the month n months later, clamped to the month's end (31 January + 1 month is the
        last day of February), then moved to a working day like ``add_natural_days``."""
        return self.next_workday(months_later(start, n), 1 if n >= 0 else -1)

    def non_working_days(self, first: datetime.date, last: datetime.date) -> list[Day]:
        """The days in [first, last] that are not working days."""
        days = []
        date = first
        while date <= last:
            day = self.day(date)
            if not day.workday:
                days.append(day)
            date += datetime.timedelta(days=1)
        return days


def months_later(start: datetime.date, n: int) -> datetime.date:
    """The same day of the month n months later (earlier for a negative n), clamped to the month's end."""
    year, month = divmod(start.year * 12 + start.month - 1 + n, 12)
    return datetime.date(year, month + 1, min(start.day, stdlib_calendar.monthrange(year, month + 1)[1]))


def _non_negative(n):
    if n < 0:
        raise ValueError("n must not be negative")
    return n


def is_workday(date: datetime.date) -> bool:
    return WorkCalendar().is_workday(date)


def next_workday(date: datetime.date) -> datetime.date:
    """``date`` if it is a working day, else the next working day."""
    return WorkCalendar().next_workday(date)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after ``start`` (the start day is not counted)."""
    return WorkCalendar().add_working_days(start, _non_negative(n))


def subtract_working_days(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day before ``start`` (the start day is not counted)."""
    return WorkCalendar().add_working_days(start, -_non_negative(n))


def add_natural_days(start: datetime.date, n: int) -> datetime.date:
    return WorkCalendar().add_natural_days(start, _non_negative(n))


def add_months(start: datetime.date, n: int) -> datetime.date:
    return WorkCalendar().add_months(start, _non_negative(n))


def add_hours(start: datetime.datetime, n: int) -> datetime.datetime:
    """Hours run around the clock: holidays do not stop them."""
    return start + datetime.timedelta(hours=_non_negative(n))
