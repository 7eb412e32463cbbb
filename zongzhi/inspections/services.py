"""Every state change of the inspections module goes through here: pages, API, demo and tests alike (STYLE.md §4).

Each runs in a transaction, checks its preconditions (each refusal names its rule) and is attributed to ``by`` in
the change log.

Limits (无事不扰, 国办发〔2024〕54号), decided as follows:
- repeat checks of one subject by ALL agencies (defaults: more than 1 a day, 2 a week, 3 a month;
  ``settings.INSPECTIONS_REPEAT_LIMITS``) are *warnings*: shown before registering, recorded on the inspection;
- the annual cap of the subject's risk class (the class strategy's frequency rounded up, else
  ``settings.INSPECTIONS_ANNUAL_CAPS``) and the three-no-finding rule (an inspector whose last three checks of the
  subject found nothing) *refuse* the registration unless a reason is given; the reason is recorded.
Follow-up re-inspections ordered by a finding are not counted against the limits.
"""

import contextlib
import datetime
import hashlib
import json
import math
import random
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zongzhi.audit.context import audit_context, current
from zongzhi.officers.choices import SERVING_STATUSES, StaffingKind
from zongzhi.officers.models import Officer
from zongzhi.subjects.models import Subject

from .choices import (
    FREQUENCY_RULE,
    INSPECTOR_RULE,
    RANDOM_RULE,
    UNPUBLISHED_ITEM_RULE,
    DrawStatus,
    FindingAction,
    InspectionMode,
    InspectionResult,
    InspectionStatus,
    JointStatus,
    PlanStatus,
    PointResult,
)
from .models import (
    ChecklistResult,
    ConflictOfInterest,
    Draw,
    Finding,
    Inspection,
    InspectionItem,
    InspectionPhoto,
    InspectionPlan,
    JointInspection,
    Rating,
)

DEFAULT_REPEAT_LIMITS = {"day": 1, "week": 2, "month": 3}
DEFAULT_ANNUAL_CAPS = {"a": 1, "b": 2, "c": 4, "d": 6}
NO_FINDING_RUN = 3
PHOTO_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}
PHOTO_MAX_BYTES = 10 * 1024 * 1024


@contextlib.contextmanager
def _acting(by):
    _user, source, request_id = current()
    with transaction.atomic(), audit_context(user=by or _user, source=source, request_id=request_id or None):
        yield


def _today():
    return timezone.localdate()


# --- items and plans ---------------------------------------------------------------------------------------


def publish_item(item, *, published_on=None, by):
    """Publish an inspection item: from then on it may be used in plans and inspections."""
    published_on = published_on or _today()
    with _acting(by):
        item = InspectionItem.objects.select_for_update().get(pk=item.pk)
        if item.published:
            raise ValidationError(_("This item is already published."))
        if not item.points:
            raise ValidationError({"checklist": _("An item needs at least one checklist point before publication.")})
        item.published, item.published_on = True, published_on
        item.save()
    return item


def check_items_published(items):
    """Refuse unpublished items: 涉企行政检查事项未公布的不得实施."""
    unpublished = [str(i) for i in items if not i.published]
    if unpublished:
        raise ValidationError({"items": _("%(items)s: not published. %(rule)s") % {
            "items": "、".join(unpublished), "rule": UNPUBLISHED_ITEM_RULE}})


def may_approve(user, plan) -> bool:
    """A plan is approved by a leader: a township leader for a township's plan, the department's liaison for a
    county department's plan (or a superuser)."""
    from zongzhi.users import roles
    from zongzhi.utilities.scope import CHANGE, in_scope

    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not in_scope(user, plan, CHANGE):
        return False
    return user.role_assignments.filter(active=True, role__in=[roles.LEADER, roles.DEPARTMENT_LIAISON]).exists()


def approve_plan(plan, *, approved_on=None, by):
    if not may_approve(by, plan):
        raise ValidationError(_("Only a leader of the agency may approve its inspection plan."))
    with _acting(by):
        plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != PlanStatus.DRAFT:
            raise ValidationError(_("Only a draft plan can be approved; this plan is %(status)s.") % {
                "status": plan.get_status_display()})
        items = list(plan.items.all())
        if not items:
            raise ValidationError({"items": _("A plan needs at least one inspection item.")})
        check_items_published(items)
        plan.status, plan.approved_by, plan.approved_on = PlanStatus.APPROVED, by, approved_on or _today()
        plan.save()
    return plan


def publish_plan(plan, *, published_on=None, by):
    with _acting(by):
        plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != PlanStatus.APPROVED:
            raise ValidationError(_("Only an approved plan can be published; this plan is %(status)s.") % {
                "status": plan.get_status_display()})
        published_on = published_on or _today()
        if published_on < plan.approved_on:
            raise ValidationError({"published_on": _("It cannot be published before it was approved.")})
        plan.status, plan.published_on = PlanStatus.PUBLISHED, published_on
        plan.save()
    return plan


def save_plan(plan, *, items, by):
    """Create or edit a draft plan with its items (only published items)."""
    check_items_published(items)
    if plan.pk and plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be edited."))
    with _acting(by):
        plan.save()
        plan.items.set(items)
    return plan


# --- limits (无事不扰) ---------------------------------------------------------------------------------------


@dataclass
class LimitReport:
    warnings: list[str] = field(default_factory=list)  # shown; registration goes on
    blocks: list[str] = field(default_factory=list)  # refused unless a reason is given

    @property
    def clean(self):
        return not self.warnings and not self.blocks


def repeat_limits() -> dict:
    return {**DEFAULT_REPEAT_LIMITS, **getattr(settings, "INSPECTIONS_REPEAT_LIMITS", {})}


def annual_cap(subject) -> int:
    """The most inspections a year for the subject's risk class: the class strategy's frequency rounded up, else
    the configured default."""
    from zongzhi.subjects.services import strategies_for

    strategy = strategies_for(subject.region).get(subject.risk_class)
    if strategy is not None:
        return max(1, math.ceil(strategy.inspections_per_year))
    caps = {**DEFAULT_ANNUAL_CAPS, **getattr(settings, "INSPECTIONS_ANNUAL_CAPS", {})}
    return caps.get(subject.risk_class, DEFAULT_ANNUAL_CAPS["b"])


def counted(qs):
    """Inspections that count against the limits: not cancelled, not follow-ups."""
    return qs.exclude(status=InspectionStatus.CANCELLED).filter(follow_up_of__isnull=True)


def visits(qs) -> int:
    """Visits: a joint inspection counts once however many agencies took part."""
    rows = qs.values_list("joint_id", flat=True)
    return len({("j", j) if j else ("i", n) for n, j in enumerate(rows)})


def check_limits(subject, date, inspectors=(), *, exclude=None, joint=None) -> LimitReport:
    """What registering one more inspection of ``subject`` on ``date`` would break."""
    report = LimitReport()
    qs = counted(Inspection.objects.filter(subject=subject))
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if joint is not None:
        qs = qs.exclude(joint=joint)
    limits = repeat_limits()
    windows = {"day": (date, date), "week": (date - datetime.timedelta(days=date.weekday()),
                                             date + datetime.timedelta(days=6 - date.weekday())),
               "month": (date.replace(day=1), (date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
                         - datetime.timedelta(days=1))}
    labels = {"day": _("a day"), "week": _("a week"), "month": _("a month")}
    for key in ("day", "week", "month"):
        n = visits(qs.filter(date__range=windows[key])) + 1
        if n > limits[key]:
            report.warnings.append(_("%(subject)s would be inspected %(n)s times in %(period)s (more than %(limit)s, "
                                     "all agencies counted). %(rule)s") % {
                "subject": subject, "n": n, "period": labels[key], "limit": limits[key], "rule": FREQUENCY_RULE})
    cap = annual_cap(subject)
    n = visits(qs.filter(date__year=date.year)) + 1
    if n > cap:
        report.blocks.append(_("Annual cap: %(subject)s (%(klass)s) may be inspected %(cap)s times in %(year)s; "
                               "this would be the %(n)sth. %(rule)s") % {
            "subject": subject, "klass": subject.get_risk_class_display(), "cap": cap, "year": date.year, "n": n,
            "rule": FREQUENCY_RULE})
    for officer in inspectors:
        last = list(Inspection.objects.filter(subject=subject, inspectors=officer, status=InspectionStatus.FINISHED)
                    .order_by("-date", "-id").values_list("finding_count", flat=True)[:NO_FINDING_RUN])
        if len(last) == NO_FINDING_RUN and not any(last):
            report.blocks.append(_("%(officer)s found nothing in the last three inspections of %(subject)s: a fourth "
                                   "needs a stated reason. %(rule)s") % {
                "officer": officer, "subject": subject, "rule": FREQUENCY_RULE})
    return report


# --- registering and recording -------------------------------------------------------------------------------


def check_inspectors(inspectors, date, items):
    """At least two inspectors, each serving, never an auxiliary, with a certificate valid on ``date`` for the
    domain of every item."""
    errors = []
    if len(inspectors) < 2:
        errors.append(_("At least two inspectors are needed."))
    domains = {i.domain for i in items}
    for officer in inspectors:
        if officer.staffing == StaffingKind.AUXILIARY:
            errors.append(_("%(officer)s is auxiliary staff and cannot inspect.") % {"officer": officer})
            continue
        missing = [d.name for d in domains if not officer.can_enforce(date, d)]
        if missing or officer.status not in SERVING_STATUSES:
            errors.append(_("%(officer)s holds no enforcement certificate valid on %(date)s for %(domains)s.") % {
                "officer": officer, "date": date, "domains": "、".join(missing) or "—"})
    if errors:
        raise ValidationError({"inspectors": [*errors, INSPECTOR_RULE]})


def _prefetched(officers):
    return list(Officer.objects.filter(pk__in=[o.pk for o in officers]).prefetch_related("certificates__domains")
                .order_by("pk"))


def register_inspection(inspection, *, items, inspectors, by, reason="", follow_up_of=None, draw=None,
                        check=True) -> Inspection:
    """Register a new inspection: published items only, two certified inspectors, the limits checked (warnings
    recorded; caps and the three-no-finding rule refuse unless ``reason``)."""
    if inspection.pk is not None:
        raise ValidationError(_("This inspection is already registered."))
    items = list(items)
    inspectors = _prefetched(inspectors)
    if not items:
        raise ValidationError({"items": _("Choose at least one inspection item.")})
    check_items_published(items)
    if inspection.plan_id and inspection.plan.status == PlanStatus.DRAFT:
        raise ValidationError({"plan": _("The plan has not been approved yet.")})
    check_inspectors(inspectors, inspection.date, items)
    inspection.follow_up_of = follow_up_of
    inspection.draw = draw
    if follow_up_of is None and check:
        report = check_limits(inspection.subject, inspection.date, inspectors)
        reason = (reason or "").strip()
        if report.blocks and not reason:
            raise ValidationError({"reason": [*report.blocks, _("Give a reason to go ahead.")]})
        inspection.warnings = report.warnings + report.blocks
        inspection.limit_reason = reason if report.blocks or report.warnings else ""
    inspection.full_clean(exclude=["code"])
    with _acting(by):
        inspection.save()
        inspection.items.set(items)
        inspection.inspectors.set(inspectors)
    return inspection


def _locked(inspection, *statuses):
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if statuses and locked.status not in statuses:
        raise ValidationError(_("This inspection is %(status)s.") % {"status": locked.get_status_display()})
    return locked


def start_inspection(inspection, *, by, at=None):
    with _acting(by):
        inspection = _locked(inspection, InspectionStatus.SCHEDULED)
        inspection.status, inspection.started_at = InspectionStatus.IN_PROGRESS, at or timezone.now()
        inspection.save()
    return inspection


def record_checklist(inspection, answers, *, by):
    """``answers``: [(item, number, result, note)]; replaces earlier answers for the same points."""
    with _acting(by):
        inspection = _locked(inspection, InspectionStatus.SCHEDULED, InspectionStatus.IN_PROGRESS)
        items = {i.pk: i for i in inspection.items.all()}
        for item, number, result, note in answers:
            item_id = getattr(item, "pk", item)
            if item_id not in items:
                raise ValidationError(_("The item is not part of this inspection."))
            points = items[item_id].points
            if not 1 <= number <= len(points):
                raise ValidationError(_("There is no such checklist point."))
            row = ChecklistResult(inspection=inspection, item_id=item_id, number=number, point=points[number - 1][:300],
                                  result=result, note=note or "")
            row.full_clean(validate_unique=False, validate_constraints=False)
            ChecklistResult.objects.filter(inspection=inspection, item_id=item_id, number=number).delete()
            row.save()
    return inspection


def add_photo(inspection, upload, *, caption="", by):
    """Store a photo or scan through Django's storage, with its type and size checked and its SHA-256."""
    content_type = getattr(upload, "content_type", "") or ""
    if content_type not in PHOTO_TYPES:
        raise ValidationError({"file": _("Only JPEG, PNG, WebP photos or PDF scans are accepted.")})
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    digest = hashlib.sha256()
    head = b""
    for chunk in upload.chunks():
        head = head or chunk[:16]
        digest.update(chunk)
    signatures = {"image/jpeg": (b"\xff\xd8\xff",), "image/png": (b"\x89PNG",), "image/webp": (b"RIFF",),
                  "application/pdf": (b"%PDF",)}
    if not head.startswith(signatures[content_type]):
        raise ValidationError({"file": _("The file's content does not match its type.")})
    upload.seek(0)
    with _acting(by):
        inspection = _locked(inspection)
        photo = InspectionPhoto(inspection=inspection, caption=caption, content_type=content_type, size=upload.size,
                                sha256=digest.hexdigest(), extension=PHOTO_TYPES[content_type])
        photo.file.save(f"{photo.sha256}{photo.extension}", upload, save=False)
        photo.save()
    return photo


def add_finding(inspection, *, description, matter=None, by):
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Describe what was found.")})
    with _acting(by):
        inspection = _locked(inspection, InspectionStatus.SCHEDULED, InspectionStatus.IN_PROGRESS,
                             InspectionStatus.FINISHED)
        finding = Finding.objects.create(inspection=inspection, description=description, matter=matter)
        inspection.finding_count = inspection.findings.count()
        if inspection.status == InspectionStatus.FINISHED:
            inspection.result = InspectionResult.PROBLEMS
        inspection.save()
    return finding


def finish_inspection(inspection, *, result=None, summary="", by, at=None):
    with _acting(by):
        inspection = _locked(inspection, InspectionStatus.SCHEDULED, InspectionStatus.IN_PROGRESS)
        n = inspection.findings.count()
        bad_points = inspection.checklist_results.filter(result=PointResult.DOES_NOT).exists()
        result = result or (InspectionResult.PROBLEMS if n or bad_points else InspectionResult.CONFORMS)
        if result == InspectionResult.CONFORMS and n:
            raise ValidationError({"result": _("There are findings: the result cannot be “no problem found”.")})
        now = at or timezone.now()
        inspection.status, inspection.result, inspection.finished_at = InspectionStatus.FINISHED, result, now
        inspection.started_at = inspection.started_at or now
        inspection.finding_count = n
        inspection.summary = summary or inspection.summary
        inspection.save()
        if inspection.joint_id and not Inspection.objects.filter(
                joint_id=inspection.joint_id, status__in=[InspectionStatus.SCHEDULED, InspectionStatus.IN_PROGRESS]
        ).exists():
            JointInspection.objects.filter(pk=inspection.joint_id).update(status=JointStatus.FINISHED)
    return inspection


def cancel_inspection(inspection, *, by):
    with _acting(by):
        inspection = _locked(inspection, InspectionStatus.SCHEDULED)
        inspection.status = InspectionStatus.CANCELLED
        inspection.save()
    return inspection


def order_correction(finding, *, deadline, by):
    """Order the subject to correct by ``deadline``; a follow-up re-inspection is scheduled for that day with the
    same items and inspectors (certificates checked again for that date)."""
    if finding.action:
        raise ValidationError(_("This finding has already been dealt with (%(action)s).") % {
            "action": finding.get_action_display()})
    origin = finding.inspection
    if deadline is None or deadline < origin.date:
        raise ValidationError({"deadline": _("The deadline must be on or after the inspection date.")})
    with _acting(by):
        follow = Inspection(agency=origin.agency, subject=origin.subject, plan=origin.plan,
                            mode=InspectionMode.FOLLOW_UP, date=deadline,
                            summary=_("Re-inspection of the correction ordered on %(date)s: %(finding)s") % {
                                "date": origin.date, "finding": finding.description[:200]})
        register_inspection(follow, items=origin.items.all(), inspectors=origin.inspectors.all(), by=by,
                            follow_up_of=origin)
        finding.action, finding.correction_deadline, finding.follow_up = FindingAction.CORRECTION, deadline, follow
        finding.save()
    return finding


def open_clue(finding, *, by, agency=None):
    """Open a clue from a finding in one step, carrying the subject, the place and the matter."""
    from zongzhi.cases.choices import ClueSource
    from zongzhi.cases.models import Clue
    from zongzhi.cases.services import register_clue

    if finding.action == FindingAction.CLUE:
        raise ValidationError(_("A clue was already opened from this finding."))
    inspection = finding.inspection
    subject = inspection.subject
    matter = finding.matter
    if matter is None:
        matter = next((i.matter for i in inspection.items.select_related("matter") if i.matter_id), None)
    category = matter.domain if matter else inspection.items.select_related("domain").first().domain
    clue = Clue(source=ClueSource.PATROL, agency=agency or inspection.agency, region=subject.region, matter=matter,
                category=category, address=subject.address, latitude=_decimal(subject.latitude),
                longitude=_decimal(subject.longitude), subject_name=subject.name,
                subject_identifier=subject.uscc,
                description=_("Found in the inspection of %(date)s (inspection code %(code)s): %(text)s") % {
                    "date": inspection.date, "code": inspection.code, "text": finding.description})
    with _acting(by):
        register_clue(clue, by=by)
        finding.action, finding.clue = FindingAction.CLUE, clue
        finding.save()
    return finding


def link_case(case, *, by=None) -> int:
    """Called when a case is filed on a clue: the findings that opened that clue point to the case. Returns how
    many findings were linked."""
    if not getattr(case, "clue_id", None):
        return 0
    with _acting(by):
        findings = list(Finding.objects.select_for_update().filter(clue_id=case.clue_id, case__isnull=True))
        for finding in findings:
            finding.case = case
            finding.save()
    return len(findings)


def _decimal(value):
    from decimal import Decimal

    return None if value is None else Decimal(f"{value:.6f}")


def rate_inspection(inspection, *, score, comment=""):
    """The enterprise rates a finished or started inspection once, anonymously."""
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("Give a score from 1 to 5.")})
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if inspection.status in (InspectionStatus.SCHEDULED, InspectionStatus.CANCELLED):
            raise ValidationError(_("This inspection has not taken place, so it cannot be rated yet."))
        if Rating.objects.select_for_update().filter(inspection=inspection).exists():
            raise ValidationError(_("This inspection has already been rated."))
        return Rating.objects.create(inspection=inspection, score=score, comment=(comment or "").strip()[:500])


# --- random draws (双随机一公开) -------------------------------------------------------------------------------


def candidate_subjects(draw):
    qs = Subject.objects.filter(active=True, region__path__startswith=draw.region.path)
    if draw.area_id:
        qs = qs.filter(area_id=draw.area_id)
    if draw.risk_classes:
        qs = qs.filter(risk_class__in=draw.risk_classes)
    if draw.categories:
        qs = qs.filter(category__in=draw.categories)
    return qs


def inspector_pool(draw, date):
    """The certified pool: serving officers of the agency's subtree, never auxiliaries, each with a certificate
    valid on ``date`` for every domain of the plan's items. Returns (eligible ids, {excluded id: reason})."""
    items = list(draw.plan.items.select_related("domain"))
    domains = {i.domain for i in items}
    officers = (Officer.objects.filter(agency__path__startswith=draw.agency.path)
                .prefetch_related("certificates__domains").order_by("pk"))
    eligible, excluded = [], {}
    for officer in officers:
        if officer.staffing == StaffingKind.AUXILIARY:
            excluded[officer.pk] = "auxiliary"
        elif officer.status not in SERVING_STATUSES:
            excluded[officer.pk] = "not_serving"
        elif not all(officer.can_enforce(date, d) for d in domains):
            excluded[officer.pk] = "uncertified"
        else:
            eligible.append(officer.pk)
    return eligible, excluded


def _compute(inputs, seed):
    """The draw itself, from recorded inputs only: anyone with the inputs and the seed gets the same result."""
    rng = random.Random(seed)
    candidates = inputs["candidates"]
    n = inputs["count"]
    chosen = rng.sample(candidates, n) if n <= len(candidates) else []
    conflicts = {}
    for officer, subject in inputs["conflicts"]:
        conflicts.setdefault(subject, set()).add(officer)
    k = inputs["inspectors_per_inspection"]
    result = []
    everyone = inputs["pool"]
    for subject in chosen:
        excluded = conflicts.get(subject)
        pool = [o for o in everyone if o not in excluded] if excluded else everyone
        if len(pool) < k:
            raise ValidationError(_("Too few certified inspectors without a conflict of interest for subject "
                                    "%(subject)s (%(n)s, need %(k)s).") % {"subject": subject, "n": len(pool), "k": k})
        result.append({"subject": subject, "inspectors": sorted(rng.sample(pool, k))})
    return result


def draw_inputs(draw) -> dict:
    candidates = list(candidate_subjects(draw).order_by("pk").values_list("pk", flat=True))
    if draw.count is not None:
        n = draw.count
    else:
        n = math.ceil(len(candidates) * float(draw.ratio) / 100)
    if n > len(candidates):
        raise ValidationError({"count": _("Only %(n)s subjects match the filter.") % {"n": len(candidates)}})
    pool, excluded = inspector_pool(draw, draw.scheduled_for)
    # Conflicts are few: fetched by officer and matched against the candidates here (a hundred thousand ids in
    # one SQL IN list would cost more than the draw).
    wanted = set(candidates)
    conflicts = sorted((officer, subject) for officer, subject in ConflictOfInterest.objects.filter(
        officer_id__in=pool).values_list("officer_id", "subject_id") if subject in wanted) if candidates else []
    return {
        "filter": {"region": draw.region.code, "area": draw.area_id, "risk_classes": sorted(draw.risk_classes),
                   "categories": sorted(draw.categories), "ratio": str(draw.ratio) if draw.ratio is not None else None,
                   "count": draw.count},
        "date": draw.scheduled_for.isoformat(),
        "candidates": candidates,
        "candidates_sha256": hashlib.sha256(json.dumps(candidates).encode()).hexdigest(),
        "count": n,
        "pool": pool,
        "excluded_inspectors": {str(k): v for k, v in sorted(excluded.items())},
        "conflicts": [list(c) for c in conflicts],
        "inspectors_per_inspection": draw.inspectors_per_inspection,
    }


def run_draw(draw, *, by, seed=None, create_inspections=True):
    """Draw subjects and inspectors with ``random.Random(seed)`` over the ordered candidates; record the seed, the
    inputs and the result; create the inspections."""
    with _acting(by):
        draw = Draw.objects.select_for_update().get(pk=draw.pk)
        if draw.status != DrawStatus.DRAFT:
            raise ValidationError(_("This draw has already been run."))
        if draw.plan.status == PlanStatus.DRAFT:
            raise ValidationError({"plan": _("The plan has not been approved yet.")})
        check_items_published(list(draw.plan.items.all()))
        inputs = draw_inputs(draw)
        seed = seed if seed is not None else secrets.randbits(63)
        result = _compute(inputs, seed)
        draw.seed, draw.inputs, draw.result = seed, inputs, result
        draw.status, draw.drawn_at, draw.drawn_by = DrawStatus.DRAWN, timezone.now(), by
        draw.results_due = results_due(draw)
        draw.save()
        if create_inspections:
            _inspections_from_draw(draw, by)
    return draw


def _inspections_from_draw(draw, by):
    items = list(draw.plan.items.all())
    subjects = Subject.objects.in_bulk([r["subject"] for r in draw.result])
    officers = Officer.objects.in_bulk([o for r in draw.result for o in r["inspectors"]])
    for row in draw.result:
        inspection = Inspection(agency=draw.agency, subject=subjects[row["subject"]], plan=draw.plan,
                                mode=InspectionMode.RANDOM, date=draw.scheduled_for)
        # Drawn by lot: the limits are shown as warnings, never a refusal of the draw's result.
        report = check_limits(inspection.subject, inspection.date)
        inspection.warnings = report.warnings + report.blocks
        register_inspection(inspection, items=items, inspectors=[officers[o] for o in row["inspectors"]], by=by,
                            draw=draw, check=False)


def verify_draw(draw) -> bool:
    """Re-run the draw from its recorded seed and inputs and compare with the recorded result."""
    if draw.seed is None:
        return False
    expected = hashlib.sha256(json.dumps(draw.inputs["candidates"]).encode()).hexdigest()
    if expected != draw.inputs.get("candidates_sha256"):
        return False
    try:
        return _compute(draw.inputs, draw.seed) == draw.result
    except ValidationError:
        return False


def results_due(draw):
    """Results are published within 20 working days of the inspections (the deadline rule
    ``random-inspection-publication``, else 20 working days counted here)."""
    from zongzhi.deadlines import workdays
    from zongzhi.deadlines.services import UnknownRule, compute

    try:
        return compute("random-inspection-publication", draw.scheduled_for, region=draw.region).due
    except UnknownRule:
        return workdays.add_working_days(draw.scheduled_for, 20)
    except Exception:  # CalendarDataMissing: the due date stays open, the page says so
        return None


def publish_draw(draw, *, published_on=None, by):
    """Publish the draw and its results (一公开)."""
    published_on = published_on or _today()
    with _acting(by):
        draw = Draw.objects.select_for_update().get(pk=draw.pk)
        if draw.status != DrawStatus.DRAWN:
            raise ValidationError(_("Only a draw that has been run can be published."))
        draw.status, draw.published_on = DrawStatus.PUBLISHED, published_on
        draw.save()
    return draw


RESULTS_CITATION = RANDOM_RULE


# --- joint inspections (综合查一次) ------------------------------------------------------------------------------


@dataclass
class JointCandidate:
    subject: Subject
    inspections: list
    agencies: list

    @property
    def visits_saved(self):
        return len(self.inspections) - 1


def joint_candidates(queryset, start, end) -> list[JointCandidate]:
    """Subjects that two or more agencies plan to inspect between ``start`` and ``end`` (scheduled, not yet in a
    joint inspection)."""
    open_ = queryset.filter(status=InspectionStatus.SCHEDULED, joint__isnull=True, date__range=(start, end))
    subject_ids = list(open_.values("subject_id").annotate(n=Count("agency_id", distinct=True)).filter(n__gte=2)
                       .order_by("subject_id").values_list("subject_id", flat=True)[:200])
    rows = list(open_.filter(subject_id__in=subject_ids).select_related("subject", "agency").order_by("date", "id"))
    out = []
    for sid in subject_ids:
        mine = [r for r in rows if r.subject_id == sid]
        agencies = list({r.agency_id: r.agency for r in mine}.values())
        out.append(JointCandidate(mine[0].subject, mine, agencies))
    return out


def merge_joint(inspections, *, lead_agency, date, by, note=""):
    """Merge scheduled inspections of one subject by several agencies into one visit on ``date``."""
    inspections = list(inspections)
    if len(inspections) < 2:
        raise ValidationError(_("Choose at least two inspections to merge."))
    if len({i.subject_id for i in inspections}) != 1:
        raise ValidationError(_("Only inspections of the same subject can be merged."))
    agencies = {i.agency_id for i in inspections}
    if lead_agency.pk not in agencies:
        raise ValidationError({"lead_agency": _("The lead agency must be one of the participating agencies.")})
    with _acting(by):
        locked = list(Inspection.objects.select_for_update().filter(pk__in=[i.pk for i in inspections]))
        if any(i.status != InspectionStatus.SCHEDULED or i.joint_id for i in locked):
            raise ValidationError(_("Only scheduled inspections outside any joint inspection can be merged."))
        joint = JointInspection.objects.create(subject=locked[0].subject, lead_agency=lead_agency,
                                               scheduled_for=date, note=note, visits_saved=len(locked) - 1)
        joint.agencies.set(sorted(agencies))
        for i in locked:
            i.joint, i.date, i.mode = joint, date, InspectionMode.JOINT
            i.save()
    return joint


def combined_checklist(joint):
    """The items of every merged inspection, once each, with the agency that brings them."""
    items = {}
    for i in joint.inspections.select_related("agency").prefetch_related("items"):
        for item in i.items.all():
            items.setdefault(item.pk, (item, i.agency))
    return sorted(items.values(), key=lambda pair: (pair[1].pk, pair[0].code))


# --- the ledger (一台账) ------------------------------------------------------------------------------------------


@dataclass
class LedgerEntry:
    date: datetime.date
    kind: str  # "inspection" or "finding"
    agency: str
    text: str
    result: str
    url: str
    inspection_id: int


def ledger_entries(subject, user=None) -> list[LedgerEntry]:
    """Every inspection of ``subject`` by every agency and every finding, in time order (two queries)."""
    qs = Inspection.objects.filter(subject=subject)
    if user is not None:
        qs = qs.restrict(user)
    inspections = list(qs.exclude(status=InspectionStatus.CANCELLED).select_related("agency")
                       .order_by("date", "id"))
    findings = list(Finding.objects.filter(inspection__in=[i.pk for i in inspections]).select_related("clue", "case")
                    .order_by("inspection_id", "id"))
    by_inspection = {}
    for f in findings:
        by_inspection.setdefault(f.inspection_id, []).append(f)
    entries = []
    for i in inspections:
        entries.append(LedgerEntry(i.date, "inspection", str(i.agency), f"{i.get_mode_display()}",
                                   i.get_result_display() if i.result else i.get_status_display(),
                                   i.get_absolute_url(), i.pk))
        for f in by_inspection.get(i.pk, []):
            action = f.get_action_display()
            if f.clue_id:
                action = f"{action} {f.clue.number}"
                if f.case_id:
                    action = f"{action} → {f.case.number}"
            elif f.correction_deadline:
                action = _("%(action)s by %(date)s") % {"action": action, "date": f.correction_deadline}
            entries.append(LedgerEntry(i.date, "finding", str(i.agency), f.description, action,
                                       i.get_absolute_url(), i.pk))
    return entries


def statistics(queryset) -> dict:
    """Counts for the list page: on-site and non-site apart, findings, joint visits saved."""
    agg = queryset.aggregate(total=Count("pk"), non_site=Count("pk", filter=Q(non_site=True)),
                             with_findings=Count("pk", filter=Q(finding_count__gt=0)))
    return agg
