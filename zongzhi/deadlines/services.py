"""The legal clock's public functions: resolve a rule and compute a deadline; enter a holiday year; seed the
national rules. Other apps compute their deadlines with ``compute(code, start, region=...)``."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zongzhi.utilities.scope import ancestor_paths

from .choices import DayKind, Direction, TimeUnit
from .models import DeadlineRule, HolidayDay, HolidayYear
from .rules_data import RULES
from .workdays import STATUTORY_BASIS, Day, WorkCalendar, months_later

# Why a period counts the way it does (the citation of a count without a rule of its own).
COUNTING_CITATIONS = {
    TimeUnit.WORKING_DAYS: "《行政处罚法》第八十五条、《行政强制法》第六十九条",
    TimeUnit.NATURAL_DAYS: "《民事诉讼法》第八十五条（参照适用）",
    TimeUnit.MONTHS: "《民事诉讼法》第八十五条（参照适用）",
    TimeUnit.HOURS: "",
}

COUNTING_EXPLANATIONS = {
    TimeUnit.WORKING_DAYS: _("The start day is not counted; weekends and statutory holidays are not counted, make-up "
                             "working days are."),
    TimeUnit.NATURAL_DAYS: _("The start day is not counted; a last day that is not a working day moves to the next "
                             "working day."),
    TimeUnit.MONTHS: _("The period ends on the same day of the month (the month's last day if it has no such day); "
                       "a last day that is not a working day moves to the next working day."),
    TimeUnit.HOURS: _("Hours run around the clock, holidays included."),
}


# Sent after a holiday year is entered or changed: modules with provisional deadlines recount them.
holiday_year_entered = Signal()


class UnknownRule(Exception):
    def __init__(self, code):
        self.code = code
        super().__init__(gettext("There is no deadline rule with the code “%(code)s”.") % {"code": code})


@dataclass
class Deadline:
    """The result of a computation: when, why (the citation) and which non-working days were passed over."""

    start: datetime.date | datetime.datetime
    due: datetime.date | datetime.datetime
    count: int
    unit: str
    direction: str
    citation: str
    rule: DeadlineRule | None = None
    nominal: datetime.date | None = None  # natural days and months: the last day before moving to a working day
    skipped: list[Day] = field(default_factory=list)
    # Years not published yet whose statutory holidays were used (``workdays.statutory_holidays``).
    provisional_years: set = field(default_factory=set)

    @property
    def provisional(self) -> bool:
        """Counted through a year whose arrangement is not published yet: recounted once it is entered."""
        return bool(self.provisional_years)

    @property
    def provisional_note(self) -> str:
        return provisional_note(self.provisional_years)

    @property
    def moved(self):
        return self.nominal is not None and self.nominal != self.due

    @property
    def unit_label(self) -> str:
        return str(TimeUnit(self.unit).label)

    @property
    def explanation(self) -> str:
        return str(COUNTING_EXPLANATIONS[self.unit])


def provisional_note(years) -> str:
    """What a provisional date means, for pages and the API ("" for a date from published years)."""
    if not years:
        return ""
    return gettext("Provisional: the holiday arrangement for %(years)s has not been published yet. This date is "
                   "counted with the statutory holidays of %(basis)s and weekends, and is recounted automatically "
                   "when the year is entered.") % {"years": "、".join(str(y) for y in sorted(years)),
                                                   "basis": STATUTORY_BASIS}


def resolve_rule(code: str, region=None) -> DeadlineRule:
    """The rule of ``code`` that applies in ``region``: the local rule of the nearest region above (or at)
    ``region``, else the national rule."""
    paths = [*ancestor_paths(region.path), region.path] if region is not None else []
    candidates = DeadlineRule.objects.select_related("region").filter(code=code).filter(
        Q(region__isnull=True) | Q(region__path__in=paths))
    rule = max(candidates, key=lambda r: len(r.region.path) if r.region_id else 0, default=None)
    if rule is None:
        raise UnknownRule(code)
    return rule


def compute(rule, start, *, region=None) -> Deadline:
    """The deadline of ``rule`` (a ``DeadlineRule`` or its code, resolved in ``region``) for an event on
    ``start``. Raises ``UnknownRule``; a date counted through a year not published yet is ``provisional``."""
    if isinstance(rule, str):
        rule = resolve_rule(rule, region)
    return count_period(start, rule.count, rule.unit, rule.direction, rule=rule)


def count_period(start, count, unit, direction=Direction.AFTER, *, rule=None) -> Deadline:
    """Count ``count`` units of ``unit`` from ``start`` (forwards, or backwards for ``Direction.BEFORE``)."""
    sign = -1 if direction == Direction.BEFORE else 1
    citation = rule.citation if rule is not None else COUNTING_CITATIONS[unit]
    result = Deadline(start=start, due=start, count=count, unit=unit, direction=direction, citation=citation,
                      rule=rule)
    if unit == TimeUnit.HOURS:
        if not isinstance(start, datetime.datetime):
            start = datetime.datetime.combine(start, datetime.time())
        result.start, result.due = start, start + sign * datetime.timedelta(hours=count)
        return result
    if isinstance(start, datetime.datetime):
        result.start = start = start.date()
    cal = WorkCalendar()
    result.provisional_years = cal.provisional_years
    if unit == TimeUnit.WORKING_DAYS:
        result.due = cal.add_working_days(start, sign * count)
        first, last = sorted([start, result.due])
        result.skipped = cal.non_working_days(first + datetime.timedelta(days=1), last - datetime.timedelta(days=1))
        return result
    if unit == TimeUnit.NATURAL_DAYS:
        result.nominal = start + datetime.timedelta(days=sign * count)
    else:
        result.nominal = months_later(start, sign * count)
    result.due = cal.next_workday(result.nominal, sign)
    first, last = sorted([result.nominal, result.due])
    result.skipped = cal.non_working_days(first, last)
    return result


# --- holiday years --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class HolidayLine:
    date: datetime.date
    kind: str
    festival: str


SEPARATORS = re.compile(r"[,，\t]")


def parse_holiday_lines(text: str, year: int | None = None) -> tuple[list[HolidayLine], list[str]]:
    """Lines ``date,kind[,festival[,source]]`` (the CSV format of data/calendar/, header optional; commas,
    Chinese commas or tabs). Returns the days and a message for every bad line; check all before saving."""
    days, errors, seen = [], [], {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or (number == 1 and line.lower().startswith("date")):
            continue
        day, problems = _parse_line([c.strip() for c in SEPARATORS.split(line)], year, seen)
        if day is not None:
            seen.setdefault(day.date, number)
        if problems:
            errors.extend(gettext("Line %(line)s: %(problem)s") % {"line": number, "problem": p} for p in problems)
        else:
            days.append(day)
    if not days and not errors:
        errors.append(gettext("Enter at least one day."))
    return days, errors


def _parse_line(cells, year, seen) -> tuple[HolidayLine | None, list[str]]:
    if len(cells) < 2:
        return None, [gettext("expected “date,kind,festival”, e.g. 2027-01-01,off,元旦.")]
    text_date, kind, festival = cells[0], cells[1], cells[2] if len(cells) > 2 else ""
    problems = []
    date = None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text_date):
        try:
            date = datetime.date.fromisoformat(text_date)
        except ValueError:
            pass
    if date is None:
        problems.append(gettext("“%(value)s” is not a date in the form YYYY-MM-DD.") % {"value": text_date})
    if kind not in DayKind.values:
        kinds = "、".join(f"{k.value}（{k.label}）" for k in DayKind)
        problems.append(gettext("the kind “%(value)s” is not valid; use %(kinds)s.") % {"value": kind, "kinds": kinds})
    if len(festival) > HolidayDay._meta.get_field("festival").max_length:
        problems.append(gettext("the festival name is too long."))
    if date is not None:
        if year is not None and date.year != year:
            problems.append(gettext("%(date)s does not lie in the year %(year)s.") % {"date": date, "year": year})
        if date in seen:
            problems.append(gettext("%(date)s already appears on line %(other)s.") % {"date": date,
                                                                                      "other": seen[date]})
        if kind == DayKind.MAKEUP_WORKDAY and date.weekday() < 5:
            problems.append(gettext("%(date)s is a weekday; a make-up working day falls on a Saturday or Sunday.")
                            % {"date": date})
    return (HolidayLine(date, kind, festival) if date is not None else None), problems


@transaction.atomic
def enter_holiday_year(*, year: int, source: str, days: list[HolidayLine], published=None,
                       instance: HolidayYear | None = None) -> HolidayYear:
    """Create a year's arrangement, or replace the days of ``instance``. Each changed day is logged."""
    outside = [d.date for d in days if d.date.year != year]
    if outside:
        raise ValidationError(gettext("%(date)s does not lie in the year %(year)s.") % {"date": outside[0], "year": year})
    holiday_year = instance or HolidayYear()
    holiday_year.year, holiday_year.source, holiday_year.published = year, source, published
    holiday_year.save()
    wanted = {d.date: d for d in days}
    for existing in holiday_year.days.all():
        line = wanted.pop(existing.date, None)
        if line is None:
            existing.delete()
        elif (existing.kind, existing.festival) != (line.kind, line.festival):
            existing.kind, existing.festival = line.kind, line.festival
            existing.save()
    for line in wanted.values():
        HolidayDay.objects.create(holiday_year=holiday_year, date=line.date, kind=line.kind, festival=line.festival)
    transaction.on_commit(lambda: holiday_year_entered.send(sender=HolidayYear, year=year))
    return holiday_year


# --- seed -----------------------------------------------------------------------------------------------------

@transaction.atomic
def seed_deadline_rules() -> dict:
    """Create or update the national rules of ``rules_data.RULES``; local rules are left alone."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    existing = {r.code: r for r in DeadlineRule.objects.filter(region__isnull=True)}
    for data in RULES:
        values = {"note": "", **data}
        rule = existing.get(data["code"])
        if rule is None:
            DeadlineRule.objects.create(**values)
            counts["created"] += 1
        elif any(getattr(rule, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(rule, k, v)
            rule.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts
