"""Every state change of a clue goes through here: web pages, API, Open311 and tests alike (STYLE.md §4).

Each runs in a transaction, checks its preconditions and appends a typed ``ClueEvent`` to the timeline; the
change log records the field changes, attributed to ``by``.
"""

import contextlib
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zongzhi.audit.context import audit_context, current

from ..choices import CLOSING_OUTCOMES, ClueStatus, EventKind, Outcome, PublicStatus
from ..models import Clue, ClueCounter, ClueEvent

DEFAULT_DUPLICATE_WINDOW_DAYS = 30


def duplicate_window() -> datetime.timedelta:
    """How far apart two reports of the same thing may be to count as suspected duplicates."""
    return datetime.timedelta(days=getattr(settings, "CASES_DUPLICATE_WINDOW_DAYS", DEFAULT_DUPLICATE_WINDOW_DAYS))


@contextlib.contextmanager
def _acting(by):
    _user, source, request_id = current()
    with transaction.atomic(), audit_context(user=by, source=source, request_id=request_id or None):
        yield


def _event(clue, kind, by, note="", **data):
    return ClueEvent.objects.create(clue=clue, kind=kind, actor=by, actor_name=str(by) if by else "", note=note,
                                    data=data)


def numbering_body(agency):
    """Clue numbers are given in the name of the body the agency acts for (a squad numbers as its township)."""
    return agency.deciding_body or agency


def _take_number(clue):
    body = numbering_body(clue.agency)
    year = timezone.localtime(clue.received_at).year
    ClueCounter.objects.get_or_create(agency=body, year=year)
    counter = ClueCounter.objects.select_for_update().get(agency=body, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    clue.year, clue.serial = year, counter.last
    clue.number = f"{body.short_name or body.name}线〔{year}〕{counter.last}号"


def suspected_duplicates(clue):
    """Earlier or later clues within the window about the same place or subject and the same matter (or, when
    either has no matter, the same category). Merged duplicates are left out: their original stands for them."""
    same_thing = Q()
    if clue.address_key:
        same_thing |= Q(address_key=clue.address_key)
    if clue.subject_identifier:
        same_thing |= Q(subject_identifier=clue.subject_identifier)
    if clue.subject_name:
        same_thing |= Q(subject_name=clue.subject_name)
    if not same_thing:
        return Clue.objects.none()
    if clue.matter_id:
        same_kind = Q(matter_id=clue.matter_id) | Q(matter__isnull=True, category_id=clue.category_id)
    else:
        same_kind = Q(category_id=clue.category_id)
    window = duplicate_window()
    return (Clue.objects.filter(same_thing, same_kind,
                                received_at__range=(clue.received_at - window, clue.received_at + window))
            .exclude(pk=clue.pk).exclude(status=ClueStatus.DUPLICATE).order_by("received_at", "pk"))


def register_clue(clue, *, by):
    """Validate and save a new clue with the next number of its agency and year; link suspected duplicates
    (never merging them: a person decides with ``mark_duplicate``)."""
    if clue.pk is not None:
        raise ValidationError(_("This clue is already registered."))
    clue.full_clean(exclude=["number", "year", "serial"])
    with _acting(by):
        _take_number(clue)
        clue.save()
        _event(clue, EventKind.REGISTERED, by)
        suspects = list(suspected_duplicates(clue))
        if suspects:
            clue.suspected_duplicates.add(*suspects)
            # Ids only: a suspect may lie outside the scope of some readers of this timeline.
            _event(clue, EventKind.DUPLICATE_SUSPECTED, by, clues=[c.pk for c in suspects])
    return clue


def _locked_new(clue):
    locked = Clue.objects.select_for_update().get(pk=clue.pk)
    if locked.status != ClueStatus.NEW:
        raise ValidationError(_("Clue %(number)s has already been dealt with (%(status)s).") % {
            "number": locked.number, "status": locked.get_status_display()})
    return locked


def triage(clue, *, outcome, reason, by, transferred_to=None):
    """Decide what becomes of a new clue. A reason is always required; a transfer names the competent agency.
    ``filed`` only records the outcome: the case is opened by the case module."""
    reason = (reason or "").strip()
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose a valid outcome.")
    if not reason:
        errors["reason"] = _("Give the reason for this outcome.")
    if outcome == Outcome.TRANSFERRED and transferred_to is None:
        errors["transferred_to"] = _("A transfer needs the agency that receives the clue.")
    if outcome != Outcome.TRANSFERRED and transferred_to is not None:
        errors["transferred_to"] = _("Only a transfer names a receiving agency.")
    if outcome == Outcome.TRANSFERRED and transferred_to is not None and transferred_to.pk == clue.agency_id:
        errors["transferred_to"] = _("A clue cannot be transferred to the agency that already handles it.")
    if errors:
        raise ValidationError(errors)
    with _acting(by):
        clue = _locked_new(clue)
        clue.status = ClueStatus.TRIAGED
        clue.outcome = outcome
        clue.triage_reason = reason
        clue.transferred_to = transferred_to
        clue.triaged_by = by
        clue.triaged_at = timezone.now()
        clue.public_status = PublicStatus.CLOSED if outcome in CLOSING_OUTCOMES else PublicStatus.OPEN
        clue.save()
        _event(clue, EventKind.TRIAGED, by, reason, outcome=outcome,
               transferred_to=transferred_to.pk if transferred_to else None)
    return clue


def mark_duplicate(clue, of, *, by):
    """Merge ``clue`` into ``of``, an earlier clue about the same thing that is not itself a duplicate."""
    if of.pk == clue.pk:
        raise ValidationError({"of": _("A clue cannot be a duplicate of itself.")})
    if of.status == ClueStatus.DUPLICATE:
        raise ValidationError({"of": _("%(number)s is itself merged into %(original)s; choose that one.") % {
            "number": of.number, "original": of.duplicate_of}})
    with _acting(by):
        clue = _locked_new(clue)
        clue.status = ClueStatus.DUPLICATE
        clue.duplicate_of = of
        clue.triaged_by = by
        clue.triaged_at = timezone.now()
        clue.public_status = PublicStatus.CLOSED
        clue.save()
        _event(clue, EventKind.MERGED, by, of.number, of=of.pk)
        _event(of, EventKind.DUPLICATE_MERGED_IN, by, clue.number, duplicate=clue.pk)
    return clue
