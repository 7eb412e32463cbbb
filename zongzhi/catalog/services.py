"""State changes and questions of the powers catalog (STYLE.md §4).

The actor of each change is taken from the request (UI, API) or the command's ``audit_context``.

The question every other module asks is ``may_exercise(agency, matter, date)``: may this agency exercise this
matter on that date, and in whose name? A case is judged on its filing date, so a case filed before a matter
lapsed stays with whoever filed it (the case module calls ``may_exercise(agency, matter, filing_date)``).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zongzhi.agencies.models import Agency
from zongzhi.regions.models import Region

from .choices import CHANGE_COLORS, TOWNSHIP_BODY_KINDS, AcceptanceStatus, CatalogStatus, ChangeKind, Conclusion
from .models import Acceptance, CatalogItem, CountySelection, DelegationCatalog, Evaluation, TransitionSetting

IN_FORCE = (CatalogStatus.PUBLISHED, CatalogStatus.SUPERSEDED)
# Bodies that hold the matters of their domains where they are not delegated.
DEPARTMENT_KINDS = ("county_department", "enforcement_bureau")


# --- catalog versions ---------------------------------------------------------------------------------------

def catalog_in_force(region, on_date) -> DelegationCatalog | None:
    """The newest published (or since superseded) version in force on ``on_date`` from an issuer at or above
    ``region``."""
    codes = [c for c in region.path.split("/") if c]
    return (DelegationCatalog.objects.filter(issuer__code__in=codes, status__in=IN_FORCE, effective__lte=on_date)
            .order_by("-effective", "-pk").first())


def add_item(catalog, matter, *, number=0, concurrent=False) -> CatalogItem:
    if not catalog.is_draft:
        raise ValidationError(_("Items can only be added to a draft catalog."))
    with transaction.atomic():
        item = CatalogItem(catalog=catalog, matter=matter, number=number, concurrent=concurrent)
        item.snapshot()
        item.full_clean()
        item.save()
    return item


def publish_version(catalog, *, on=None) -> list[Acceptance]:
    """Publish a draft: freeze its items as the matters stand now, supersede the previous version and set the
    lapse date of every acceptance whose matter the new version no longer delegates to that township (the
    effective date plus the transition days of the township's jurisdiction). Returns those acceptances."""
    with transaction.atomic():
        catalog = DelegationCatalog.objects.select_for_update().get(pk=catalog.pk)
        if not catalog.is_draft:
            raise ValidationError(_("Only a draft can be published."))
        items = list(catalog.items.select_related("matter__violated_article__version__law",
                                                  "matter__penalty_article__version__law"))
        if not items:
            raise ValidationError(_("A catalog without items cannot be published."))
        previous = catalog.previous
        if previous is not None and previous.status != CatalogStatus.PUBLISHED:
            raise ValidationError(_("The previous version %(catalog)s is not the published one.") % {
                "catalog": previous})
        for item in items:
            item.snapshot()
            item.save()
        catalog.status = CatalogStatus.PUBLISHED
        catalog.published_on = on or datetime.date.today()
        catalog.save()
        if previous is None:
            return []
        previous.status = CatalogStatus.SUPERSEDED
        previous.save()
        return _lapse_removed(previous, catalog, items)


def _lapse_removed(previous, catalog, items) -> list[Acceptance]:
    new_items = {i.matter_id: i for i in items}
    old_matters = previous.items.values_list("matter_id", flat=True)
    days_by_region = {}
    lapsed = []
    acceptances = (Acceptance.objects.filter(matter_id__in=old_matters)
                   .filter(Q(lapses_on__isnull=True) | Q(lapses_on__gt=catalog.effective))
                   .select_related("agency__region", "matter"))
    for acc in acceptances:
        item = new_items.get(acc.matter_id)
        if item is not None and item.applies_to_township(acc.agency.region.kind):
            continue
        region = acc.agency.region
        if region.pk not in days_by_region:
            days_by_region[region.pk] = TransitionSetting.for_region(region)[0]
        lapse = catalog.effective + datetime.timedelta(days=days_by_region[region.pk])
        if acc.lapses_on is None or acc.lapses_on > lapse:
            acc.lapses_on = max(lapse, acc.accepted_on + datetime.timedelta(days=1))
            acc.save()
            lapsed.append(acc)
    return lapsed


@dataclass
class Change:
    kind: str
    matter: object
    before: CatalogItem | None = None
    after: CatalogItem | None = None
    fields: list = field(default_factory=list)  # [(label, before, after)]

    @property
    def kind_label(self):
        return ChangeKind(self.kind).label

    @property
    def color(self):
        return CHANGE_COLORS[self.kind]


def _shown(item, name):
    value = getattr(item, name)
    if name == "applies_to":
        return item.get_applies_to_display()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else str(value)


def diff(old, new) -> list[Change]:
    """Items added, removed and changed (field by field) from version ``old`` to version ``new``."""
    def items(catalog):
        qs = catalog.items.select_related("matter", "domain").order_by("number", "pk")
        return {i.matter_id: i for i in qs}

    before, after = items(old), items(new)
    changes = []
    for matter_id, item in after.items():
        if matter_id not in before:
            changes.append(Change(ChangeKind.ADDED, item.matter, after=item))
            continue
        fields = []
        for name in CatalogItem.DIFF_FIELDS:
            was, now = _shown(before[matter_id], name), _shown(item, name)
            if was != now:
                fields.append((CatalogItem._meta.get_field(name).verbose_name, was, now))
        if fields:
            changes.append(Change(ChangeKind.CHANGED, item.matter, before[matter_id], item, fields))
    for matter_id, item in before.items():
        if matter_id not in after:
            changes.append(Change(ChangeKind.REMOVED, item.matter, before=item))
    order = {ChangeKind.ADDED: 0, ChangeKind.REMOVED: 1, ChangeKind.CHANGED: 2}
    return sorted(changes, key=lambda c: (order[c.kind], c.matter.code))


# --- acceptance ---------------------------------------------------------------------------------------------

def accept(agency, matter, catalog, accepted_on, *, document_number="") -> Acceptance:
    with transaction.atomic():
        acceptance = Acceptance(agency=agency, matter=matter, catalog=catalog, accepted_on=accepted_on,
                                document_number=document_number)
        acceptance.full_clean()
        acceptance.save()
    return acceptance


def withdraw(acceptance, *, on, note="") -> Acceptance:
    """The township gives the matter back: it may not be exercised from ``on``."""
    with transaction.atomic():
        acceptance = Acceptance.objects.select_for_update().get(pk=acceptance.pk)
        if acceptance.status == AcceptanceStatus.WITHDRAWN:
            raise ValidationError(_("This acceptance was already withdrawn."))
        if on <= acceptance.accepted_on:
            raise ValidationError({"on": _("It must lapse after the day it was accepted.")})
        acceptance.status = AcceptanceStatus.WITHDRAWN
        acceptance.lapses_on = min(on, acceptance.lapses_on) if acceptance.lapses_on else on
        if note:
            acceptance.note = note
        acceptance.save()
    return acceptance


# --- may agency A exercise matter M on date D? ---------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    allowed: bool
    reason: str
    in_name_of: Agency | None = None
    acceptance: Acceptance | None = None
    catalog: DelegationCatalog | None = None


def township_of(region):
    """The township-level region at or above ``region`` (None above township level)."""
    if region.level == "township":
        return region
    return next((r for r in region.ancestors() if r.level == "township"), None)


def may_exercise(agency, matter, on_date, *, region=None) -> Answer:
    """May ``agency`` exercise ``matter`` on ``on_date`` (optionally: at ``region``), and in whose name?

    A squad acts in the name of its township (``Agency.deciding_body``). A township holds a matter while its
    acceptance is in force. A county department holds the matters of its domains except where a township holds
    them, unless the catalog item leaves them to the department concurrently."""
    body = agency.deciding_body
    if body is None:
        return Answer(False, _("%(agency)s is not an enforcement body and acts in no body's name.") % {
            "agency": agency})
    if region is not None and not region.path.startswith(body.region.path):
        return Answer(False, _("%(region)s lies outside the territory of %(agency)s.") % {
            "region": region, "agency": body})
    if body.kind in TOWNSHIP_BODY_KINDS:
        return _township_answer(body, matter, on_date)
    return _department_answer(body, matter, on_date, region)


def _township_answer(body, matter, on_date) -> Answer:
    acceptances = list(Acceptance.objects.filter(agency=body, matter=matter).select_related("catalog")
                       .order_by("-accepted_on"))
    catalog = catalog_in_force(body.region, on_date)
    for acc in acceptances:
        if acc.is_active_on(on_date):
            reason = _("Accepted on %(date)s (%(catalog)s).") % {"date": acc.accepted_on, "catalog": acc.catalog}
            if acc.lapses_on:
                reason += _(" Lapses on %(date)s.") % {"date": acc.lapses_on}
            return Answer(True, reason, body, acc, catalog or acc.catalog)
    past = [a for a in acceptances if a.accepted_on <= on_date]
    if past:
        return Answer(False, _("This matter lapsed for %(agency)s on %(date)s.") % {
            "agency": body, "date": past[0].lapses_on}, acceptance=past[0], catalog=catalog)
    item = catalog.items.filter(matter=matter).first() if catalog else None
    county = body.region.administrative_parent
    if item is None or not item.applies_to_township(body.region.kind) or not item.selections.filter(
            county=county).exists():
        return Answer(False, _("This matter is not delegated to %(agency)s.") % {"agency": body}, catalog=catalog)
    future = [a for a in acceptances if a.accepted_on > on_date]
    if future:
        return Answer(False, _("%(agency)s has not accepted this matter yet (it will from %(date)s).") % {
            "agency": body, "date": future[-1].accepted_on}, catalog=catalog)
    return Answer(False, _("%(agency)s has not accepted this matter yet.") % {"agency": body}, catalog=catalog)


def _department_answer(body, matter, on_date, region) -> Answer:
    if not body.domains.filter(pk=matter.domain_id).exists():
        return Answer(False, _("This matter is outside the domains of %(agency)s.") % {"agency": body})
    township = township_of(region) if region is not None else None
    catalog = catalog_in_force(township or body.region, on_date)
    if township is not None:
        holder = next((a for a in Acceptance.objects.filter(matter=matter, agency__region=township)
                       .select_related("agency").order_by("-accepted_on") if a.is_active_on(on_date)), None)
        if holder is not None:
            item = catalog.items.filter(matter=matter).first() if catalog else None
            if item is None or not item.concurrent:
                return Answer(False, _("Delegated to %(agency)s since %(date)s: the department no longer "
                                       "exercises it there.") % {"agency": holder.agency,
                                                                 "date": holder.accepted_on},
                              acceptance=holder, catalog=catalog)
            return Answer(True, _("Delegated to %(agency)s, and kept by the department concurrently.") % {
                "agency": holder.agency}, body, holder, catalog)
    return Answer(True, _("A matter of the department's own domain."), body, catalog=catalog)


# --- duty boundaries ----------------------------------------------------------------------------------------

@dataclass
class Boundary:
    item: CatalogItem
    township: Region
    townships: list  # township bodies holding it
    departments: list  # departments holding it

    @property
    def holders(self):
        return self.townships + self.departments


@dataclass
class BoundaryReport:
    county: Region
    on_date: datetime.date
    catalog: DelegationCatalog | None
    selection: CountySelection | None
    cells: int = 0
    by_township: int = 0
    by_department: int = 0
    overlaps: list = field(default_factory=list)
    gaps: list = field(default_factory=list)


def boundaries(county, on_date) -> BoundaryReport:
    """Who holds each selected matter in each township of ``county`` on ``on_date``: overlaps (two township
    bodies, or two departments, hold the same matter in the same place) and gaps (nobody holds it)."""
    catalog = catalog_in_force(county, on_date)
    selection = (CountySelection.objects.filter(county=county, catalog=catalog).first() if catalog else None)
    report = BoundaryReport(county, on_date, catalog, selection)
    if selection is None:
        return report
    items = list(selection.items.select_related("domain", "matter").order_by("number", "pk"))
    townships = list(Region.objects.filter(path__startswith=county.path, level="township").order_by("code"))
    held = defaultdict(list)
    for acc in (Acceptance.objects.filter(agency__region__in=townships, accepted_on__lte=on_date)
                .filter(Q(lapses_on__isnull=True) | Q(lapses_on__gt=on_date)).select_related("agency")):
        held[(acc.agency.region_id, acc.matter_id)].append(acc.agency)
    by_domain = defaultdict(list)
    for dept in (Agency.objects.filter(region=county, kind__in=DEPARTMENT_KINDS, is_enforcement_body=True, active=True)
                 .prefetch_related("domains").order_by("name")):
        for d in dept.domains.all():
            by_domain[d.pk].append(dept)
    for item in items:
        for township in townships:
            if not item.applies_to_township(township.kind):
                continue
            t_holders = held[(township.pk, item.matter_id)]
            d_holders = by_domain[item.domain_id] if not t_holders or item.concurrent else []
            cell = Boundary(item, township, t_holders, d_holders)
            report.cells += 1
            report.by_township += bool(t_holders)
            report.by_department += not t_holders and bool(d_holders)
            if len(t_holders) > 1 or len(d_holders) > 1:
                report.overlaps.append(cell)
            if not cell.holders:
                report.gaps.append(cell)
    return report


# --- capacity evaluation ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Usage:
    cases: int
    inspections: int
    assistance_open: int
    certified_officers: int


def certified_officers(agency, domain, on_date) -> int:
    """Serving, non-auxiliary officers of ``agency`` and its units with an enforcement certificate valid on
    ``on_date`` for ``domain`` (行政处罚法 Art. 42)."""
    from zongzhi.officers.choices import SERVING_STATUSES, CertificateKind, CertificateStatus, StaffingKind
    from zongzhi.officers.models import Officer

    return (Officer.objects.filter(agency__path__startswith=agency.path, status__in=SERVING_STATUSES)
            .exclude(staffing=StaffingKind.AUXILIARY)
            .filter(certificates__kind=CertificateKind.ENFORCEMENT, certificates__status=CertificateStatus.ACTIVE,
                    certificates__valid_from__lte=on_date, certificates__valid_to__gte=on_date,
                    certificates__domains=domain)
            .distinct().count())


def usage(agency, matter, on_date) -> Usage:
    """Use of a delegated matter in the last 12 months. Cases, inspections and assistance requests are not
    recorded in the platform yet, so they read zero."""
    return Usage(cases=0, inspections=0, assistance_open=0,
                 certified_officers=certified_officers(agency, matter.domain, on_date))


@dataclass
class Tally:
    label: str
    effective: int = 0
    not_yet_able: int = 0

    @property
    def total(self):
        return self.effective + self.not_yet_able


@dataclass
class EvaluationReport:
    total: Tally
    by_domain: list
    by_township: list
    latest: list  # the latest evaluation of each (township, matter)


def evaluation_report(queryset) -> EvaluationReport:
    """Seed 004's report ("112 items: 35 effectively accepted, 77 not yet") from the latest evaluation of each
    township and matter in ``queryset`` (already restricted to what the user may see)."""
    latest = {}
    for ev in queryset.select_related("agency__region", "matter__domain").order_by("evaluated_on", "pk"):
        latest[(ev.agency_id, ev.matter_id)] = ev
    total = Tally(_("Total"))
    domains, townships = {}, {}
    for ev in latest.values():
        for tally in (total, domains.setdefault(ev.matter.domain, Tally(str(ev.matter.domain))),
                      townships.setdefault(ev.agency, Tally(str(ev.agency)))):
            if ev.conclusion == Conclusion.EFFECTIVE:
                tally.effective += 1
            else:
                tally.not_yet_able += 1
    return EvaluationReport(
        total,
        [domains[d] for d in sorted(domains, key=lambda d: (d.order, d.code))],
        [townships[a] for a in sorted(townships, key=lambda a: (a.region.code, a.name))],
        sorted(latest.values(), key=lambda e: (e.agency.region.code, e.matter.code)),
    )


def evaluate(agency, matter, conclusion, *, evaluator, on, reasons="") -> Evaluation:
    with transaction.atomic():
        evaluation = Evaluation(agency=agency, matter=matter, conclusion=conclusion, evaluator=evaluator,
                                evaluated_on=on, reasons=reasons)
        evaluation.full_clean()
        evaluation.save()
    return evaluation
