"""Every state change of a non-site task, a patrol or a finding goes through here: pages, API, demo and tests
alike (STYLE.md §4). Each runs in a transaction, checks its preconditions and, for non-site tasks, appends a
typed ``NonSiteEvent``; the change log records the field changes, attributed to ``by``.
"""

import contextlib
import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from zongzhi.audit.context import audit_context, current
from zongzhi.cases.choices import ClueSource
from zongzhi.cases.models import Clue
from zongzhi.cases.services import register_clue

from .choices import NonSiteEventKind, NonSiteKind, NonSiteStatus, ReviewOutcome
from .models import NonSiteAttachment, NonSiteEvent, NonSiteTask, hash_token
from .uploads import check_uploads

DEFAULT_LINK_DAYS = 7


def link_days() -> int:
    """How long a non-site task's public link stays open (setting ``PATROLS_NONSITE_LINK_DAYS``)."""
    return int(getattr(settings, "PATROLS_NONSITE_LINK_DAYS", DEFAULT_LINK_DAYS))


@contextlib.contextmanager
def _acting(by):
    _user, source, request_id = current()
    with transaction.atomic(), audit_context(user=by, source=source, request_id=request_id or None):
        yield


def _event(task, kind, by=None, note="", **data):
    actor = by if by is not None and getattr(by, "is_authenticated", False) else None
    return NonSiteEvent.objects.create(task=task, kind=kind, actor=actor, actor_name=str(actor) if actor else "",
                                       note=note, data=data)


def _coordinate(value):
    """A float degree as the clue's six-decimal Decimal."""
    return None if value is None else Decimal(str(round(value, 6)))


def _new_token(task, days, now=None):
    token = secrets.token_urlsafe(32)
    task.token_hash = hash_token(token)
    task.token_prefix = token[:8]
    task.expires_at = (now or timezone.now()) + datetime.timedelta(days=days)
    return token


# --- non-site tasks ------------------------------------------------------------------------------------------


class LinkRefused(Exception):
    """The public link cannot be used; ``message`` says why in the subject's language."""

    def __init__(self, message, status=410):
        super().__init__(message)
        self.message = message
        self.status = status


def send_task(task, *, by, days=None):
    """Validate and save a new task with a fresh link; return ``(task, token)``. The token is shown once: only
    its hash is stored."""
    if task.pk is not None:
        raise ValidationError(_("This task has already been sent."))
    days = link_days() if days is None else days
    if days < 1:
        raise ValidationError({"days": _("A link must stay open at least one day.")})
    task.sent_at = timezone.now()
    token = _new_token(task, days, task.sent_at)
    task.full_clean(exclude=["token_hash"])
    with _acting(by):
        task.status = NonSiteStatus.SENT
        task.save()
        _event(task, NonSiteEventKind.SENT, by, expires_at=task.expires_at.isoformat(), round=task.round)
    return task, token


def task_for_token(token):
    """The task a public link opens, or ``LinkRefused``: unknown (404), expired, already submitted or closed
    (410). An expired task is marked expired on the way."""
    task = NonSiteTask.objects.select_related("subject", "agency", "matter").filter(
        token_hash=hash_token(token or "")).first() if token else None
    if task is None:
        raise LinkRefused(_("This link is not valid. Check that you copied all of it."), status=404)
    if task.status == NonSiteStatus.SENT and task.is_expired():
        expire_task(task)
        task.refresh_from_db()
    if task.status == NonSiteStatus.EXPIRED:
        raise LinkRefused(_("This link expired on %(date)s. Please ask %(agency)s for a new one.") % {
            "date": timezone.localtime(task.expires_at).strftime("%Y-%m-%d %H:%M"), "agency": task.agency})
    if task.status != NonSiteStatus.SENT:
        raise LinkRefused(_("This task was already submitted on %(date)s; the link cannot be used again.") % {
            "date": timezone.localtime(task.submitted_at).strftime("%Y-%m-%d %H:%M") if task.submitted_at else "—"})
    return task


def _locked(task, *statuses):
    locked = NonSiteTask.objects.select_for_update().get(pk=task.pk)
    if locked.status not in statuses:
        raise ValidationError(_("This task is %(status)s: nothing can be done to it now.") % {
            "status": locked.get_status_display()})
    return locked


def submit_task(task, *, note="", photos=(), files=()):
    """The subject's answer through the public link: the uploads (checked, hashed, stored) and a note. Single
    use: afterwards the link refuses."""
    photos, files = list(photos), list(files)
    checked = check_uploads(photos, files)
    if not checked:
        raise ValidationError({"photos": _("Upload at least one photo or file.")})
    with _acting(None):
        task = _locked(task, NonSiteStatus.SENT)
        if task.is_expired():
            raise ValidationError(_("This link has expired."))
        for item in checked:
            attachment = NonSiteAttachment(task=task, round=task.round, kind=item.kind, original_name=item.name,
                                           content_type=item.content_type, size=item.size, sha256=item.sha256)
            attachment.file.save(item.name, item.upload, save=False)
            attachment.save()
        task.subject_note = (note or "").strip()[:4000]
        task.submitted_at = timezone.now()
        task.status = NonSiteStatus.SUBMITTED
        task.save()
        _event(task, NonSiteEventKind.SUBMITTED, None, task.subject_note, round=task.round, files=len(checked))
    return task


def review_task(task, *, outcome, note="", by, category=None):
    """The officer's remote review of a submitted task. Returns ``(task, token)``: ``token`` is the new link when
    the subject is asked again (with the reason), else ``None``. A finding opens a clue (source: non-site
    monitoring) in one step."""
    note = (note or "").strip()
    errors = {}
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = _("Choose a valid outcome.")
    if outcome in (ReviewOutcome.ASK_AGAIN, ReviewOutcome.FINDING) and not note:
        errors["note"] = _("Give the reason: the subject (or the clue) needs it.")
    if outcome == ReviewOutcome.FINDING and not (task.category_id or category):
        errors["category"] = _("Choose the category of the clue.")
    if errors:
        raise ValidationError(errors)
    token = None
    with _acting(by):
        task = _locked(task, NonSiteStatus.SUBMITTED)
        task.reviewed_at, task.reviewed_by, task.review_note = timezone.now(), by, note
        if outcome == ReviewOutcome.ACCEPT:
            task.status = NonSiteStatus.ACCEPTED
            task.save()
            _event(task, NonSiteEventKind.ACCEPTED, by, note)
        elif outcome == ReviewOutcome.ASK_AGAIN:
            task.round += 1
            token = _new_token(task, link_days())
            task.status = NonSiteStatus.SENT
            task.submitted_at = None
            task.save()
            _event(task, NonSiteEventKind.ASKED_AGAIN, by, note, round=task.round,
                   expires_at=task.expires_at.isoformat())
        else:
            subject = task.subject
            clue = Clue(source=ClueSource.NON_SITE, agency=task.agency, region=subject.region, matter=task.matter,
                        category=task.category or category,
                        description=_("Non-site inspection of %(subject)s: %(note)s") % {
                            "subject": subject.name, "note": note},
                        address=subject.address, subject_name=subject.name, subject_identifier=subject.uscc,
                        latitude=_coordinate(subject.latitude), longitude=_coordinate(subject.longitude))
            register_clue(clue, by=by)
            task.clue = clue
            task.status = NonSiteStatus.CLUE_OPENED
            task.save()
            _event(task, NonSiteEventKind.CLUE_OPENED, by, note, clue=clue.pk)
    return task, token


def expire_task(task):
    """Close a task whose link ran out before the subject answered."""
    with _acting(None):
        task = _locked(task, NonSiteStatus.SENT)
        if not task.is_expired():
            raise ValidationError(_("The link of this task is still open."))
        task.status = NonSiteStatus.EXPIRED
        task.save()
        _event(task, NonSiteEventKind.EXPIRED, None, expires_at=task.expires_at.isoformat())
    return task


def expire_overdue(now=None):
    """Mark every task whose link has run out as expired; return how many."""
    now = now or timezone.now()
    count = 0
    for task in NonSiteTask.objects.filter(status=NonSiteStatus.SENT, expires_at__lte=now).order_by("pk"):
        expire_task(task)
        count += 1
    return count


def nonsite_counts(queryset, *, start=None, end=None):
    """Non-site inspections counted apart from on-site ones (seed 001: 云巡查 6,589, 云备案 372): per kind, the
    tasks sent in [start, end) and how they ended."""
    if start is not None:
        queryset = queryset.filter(sent_at__gte=start)
    if end is not None:
        queryset = queryset.filter(sent_at__lt=end)
    rows = queryset.order_by().values("kind", "status").annotate(n=Count("pk"))
    counts = {kind: {"total": 0, **{s: 0 for s in NonSiteStatus.values}} for kind in NonSiteKind.values}
    for row in rows:
        counts[row["kind"]][row["status"]] += row["n"]
        counts[row["kind"]]["total"] += row["n"]
    counts["total"] = sum(counts[k]["total"] for k in NonSiteKind.values)
    return counts


# --- patrols ------------------------------------------------------------------------------------------------


def save_patrol(patrol, *, officers=None, by):
    """Save a validated patrol and its officers."""
    with _acting(by):
        patrol.save()
        if officers is not None:
            patrol.officers.set(officers)
    return patrol


def add_finding(finding, *, photo=None, by):
    """Save a validated finding, with its photo checked and hashed."""
    checked = check_uploads([photo], []) if photo else []
    with _acting(by):
        if checked:
            finding.photo_sha256 = checked[0].sha256
            finding.photo.save(checked[0].name, checked[0].upload, save=False)
        finding.save()
    return finding


def open_clue(finding, *, by, category=None):
    """Open a clue (source: patrol) from a finding in one step, carrying its place, subject and photo."""
    if finding.clue_id:
        raise ValidationError(_("A clue was already opened from this finding: %(clue)s.") % {"clue": finding.clue})
    category = finding.category or category
    if category is None:
        raise ValidationError({"category": _("Choose the category of the clue.")})
    patrol = finding.patrol
    subject = finding.subject
    region = subject.region if subject else (patrol.area.region if patrol.area_id else None)
    clue = Clue(source=ClueSource.PATROL, agency=patrol.agency, region=region, matter=finding.matter, category=category,
                received_at=finding.found_at, description=finding.description, address=finding.address or (
                    subject.address if subject else ""),
                latitude=_coordinate(finding.latitude), longitude=_coordinate(finding.longitude),
                subject_name=subject.name if subject else "", subject_identifier=subject.uscc if subject else "",
                media_url="")
    with _acting(by):
        register_clue(clue, by=by)
        finding.clue = clue
        finding.category = category
        finding.save(update_fields=["clue", "category", "updated"])
    return clue


# --- campaigns ----------------------------------------------------------------------------------------------


def shift_year(day, years=-1):
    """The same date a year earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _bounds(start, end):
    tz = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz),
            timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), tz))


def _change(now, before):
    """The change in per cent (one decimal), or None when there is nothing to compare with."""
    if not before:
        return None
    return round((now - before) * 100 / before, 1)


def _same_kind(campaign, matters):
    if matters:
        return Q(matter__in=matters)
    if campaign.domain_id:
        return Q(category_id=campaign.domain_id)
    return Q(pk__in=[])


def campaign_clues(campaign, user, start=None, end=None, matters=None):
    """The clues that count towards a campaign: its matters (or domain), its region, its period."""
    if matters is None:
        matters = list(campaign.matters.values_list("pk", flat=True))
    low, high = _bounds(start or campaign.starts_on, end or campaign.ends_on)
    path = campaign.region.path
    place = Q(region__path__startswith=path) | Q(region__isnull=True, agency__region__path__startswith=path)
    return Clue.objects.restrict(user).filter(_same_kind(campaign, matters), place, received_at__gte=low,
                                              received_at__lt=high)


def campaign_window(campaign, start, end, user):
    """The figures of a campaign's region and matters over [start, end], inside ``user``'s scope."""
    from zongzhi.cases.choices import Outcome

    from .models import Campaign, Patrol, PatrolFinding

    matters = list(campaign.matters.values_list("pk", flat=True))
    low, high = _bounds(start, end)
    path = campaign.region.path
    same_kind = _same_kind(campaign, matters)
    clues = campaign_clues(campaign, user, start, end, matters)
    by_outcome = dict(clues.exclude(outcome="").order_by().values_list("outcome").annotate(n=Count("pk")))
    # Patrols of this campaign, or of another campaign on the same matters (last year's edition).
    of_campaign = Q(campaign=campaign)
    if matters:
        of_campaign |= Q(campaign__in=Campaign.objects.filter(matters__in=matters).values("pk"))
    elif campaign.domain_id:
        of_campaign |= Q(campaign__domain_id=campaign.domain_id)
    patrols = Patrol.objects.restrict(user).filter(of_campaign, agency__region__path__startswith=path,
                                                   started_at__gte=low, started_at__lt=high)
    patrol_ids = patrols.values("pk")
    findings = PatrolFinding.objects.restrict(user).filter(patrol__in=patrol_ids)
    tasks = NonSiteTask.objects.restrict(user).filter(
        Q(campaign=campaign) | same_kind, subject__region__path__startswith=path, sent_at__gte=low, sent_at__lt=high)
    figures = {
        "patrols": patrols.count(),
        "findings": findings.count(),
        "findings_with_clue": findings.filter(clue__isnull=False).count(),
        "nonsite_tasks": tasks.count(),
        "clues": clues.count(),
        **{f"clues_{o}": by_outcome.get(o, 0) for o in Outcome.values},
        "clues_pending": clues.filter(outcome="").count(),
    }
    figures.update(case_figures(campaign, matters, low, high, user))
    return figures


def case_figures(campaign, matters, low, high, user):
    """Cases of the campaign's matters, region and period by outcome (penalty, no penalty, education with a
    written pledge) — when the case model exists."""
    try:
        from zongzhi.cases.models import Case
    except ImportError:
        return {}
    names = {f.name for f in Case._meta.get_fields()}
    if not {"agency", "matter", "region", "filed_on", "outcome"} <= names:
        return {}
    path = campaign.region.path
    kind = Q(matter__in=matters) if matters else Q(matter__domain_id=campaign.domain_id)
    cases = Case.objects.restrict(user).filter(
        kind, region__path__startswith=path,
        filed_on__gte=timezone.localtime(low).date(), filed_on__lt=timezone.localtime(high).date())
    by_outcome = dict(cases.order_by().values_list("outcome").annotate(n=Count("pk")))
    out = {"cases": sum(by_outcome.values())}
    for value in _case_outcomes():
        out[f"cases_{value}"] = by_outcome.get(value, 0)
    out["cases_undecided"] = by_outcome.get("", 0)
    return out


def _case_outcomes():
    from zongzhi.cases import choices

    enum = getattr(choices, "CaseOutcome", None)
    return list(enum.values) if enum is not None else []


def campaign_comparison(campaign, user):
    """This campaign's figures beside those of the same period a year earlier (same region and matters), with
    the change in per cent: ``[(key, this year, last year, change %)]`` plus both periods."""
    start, end = campaign.starts_on, campaign.ends_on
    last_start, last_end = shift_year(start), shift_year(end)
    now = campaign_window(campaign, start, end, user)
    before = campaign_window(campaign, last_start, last_end, user)
    rows = [(key, now[key], before.get(key, 0), _change(now[key], before.get(key, 0))) for key in now]
    return {"period": (start, end), "last_period": (last_start, last_end), "rows": rows, "this": now,
            "last": before}


# Public names for the labels of comparison rows (views and API).
def figure_labels():
    from zongzhi.cases.choices import Outcome

    labels = {
        "patrols": pgettext("figure", "Patrols"), "findings": _("Patrol findings"), "findings_with_clue": _("Findings that opened a clue"),
        "nonsite_tasks": _("Non-site tasks"), "clues": _("Clues"), "clues_pending": _("Clues not yet triaged"),
        "cases": _("Cases filed"), "cases_undecided": _("Cases: not yet decided"),
    }
    for value, label in Outcome.choices:
        labels[f"clues_{value}"] = _("Clues: %(outcome)s") % {"outcome": label}
    try:
        from zongzhi.cases import choices

        enum = getattr(choices, "CaseOutcome", None)
        for value, label in (enum.choices if enum is not None else []):
            labels[f"cases_{value}"] = _("Cases: %(outcome)s") % {"outcome": label}
    except ImportError:
        pass
    return labels

