"""Every change of a subject or an area goes through here: pages, API, Excel import, demo and tests alike
(STYLE.md §4). A located subject lies in the smallest area whose outline contains it; an area that is
redrawn takes the located subjects of its township along."""

import contextlib

from django.db import transaction
from django.db.models import Q

from zongzhi.audit.context import audit_context, current
from zongzhi.regions.choices import RegionLevel
from zongzhi.regions.models import Region
from zongzhi.utilities.scope import VIEW, ancestor_paths, grants_for

from . import geo
from .models import Area, ClassStrategy, Subject


@contextlib.contextmanager
def _acting(by):
    _user, source, request_id = current()
    with transaction.atomic(), audit_context(user=by or _user, source=source, request_id=request_id or None):
        yield


def find_area(region_id, lat, lng, areas=None):
    """The smallest area of the township that contains the point (a grid rather than the area around it)."""
    if lat is None or lng is None or region_id is None:
        return None
    if areas is None:
        areas = Area.objects.filter(region_id=region_id, min_lat__lte=lat, max_lat__gte=lat, min_lng__lte=lng,
                                    max_lng__gte=lng)
    containing = [a for a in areas if a.region_id == region_id and a.contains(lat, lng)]
    return min(containing, key=lambda a: geo.planar_area(a.boundary), default=None)


def assign_area(subject, areas=None):
    """Set ``subject.area`` from its location (unlocated subjects keep the area chosen by hand); return whether it
    changed. Does not save."""
    if not subject.located:
        return False
    area = find_area(subject.region_id, subject.latitude, subject.longitude, areas)
    if (area.pk if area else None) == subject.area_id:
        return False
    subject.area = area
    return True


def create_or_update_subject(subject, *, by=None):
    """Save a validated subject, its area found from its location."""
    with _acting(by):
        assign_area(subject)
        subject.save()
    return subject


def save_area(area, *, officers=None, by=None):
    """Save a validated area (and its officers) and re-place the located subjects of its township; return the
    number of subjects whose area changed."""
    with _acting(by):
        area.save()
        if officers is not None:
            area.officers.set(officers)
        return reassign_subjects(area.region_id)


def reassign_subjects(region_id):
    areas = list(Area.objects.filter(region_id=region_id))
    moved = 0
    located = Subject.objects.filter(region_id=region_id, latitude__isnull=False, longitude__isnull=False)
    for subject in located.order_by("pk"):
        if assign_area(subject, areas):
            subject.save(update_fields=["area", "updated"])
            moved += 1
    return moved


def strategies_for(region):
    """{risk class: strategy} for a township: its own strategies, else those of the nearest region above it."""
    rows = ClassStrategy.objects.filter(region__path__in=[region.path, *ancestor_paths(region.path)]).select_related(
        "region")
    chosen = {}
    for s in sorted(rows, key=lambda s: len(s.region.path)):
        chosen[s.risk_class] = s
    return chosen


def townships_for(user, model, action=VIEW, levels=(RegionLevel.TOWNSHIP,)):
    """The townships (or other ``levels``) where ``user`` holds ``action`` on ``model`` (regions are public reference data, so the
    choices of a form or a filter are narrowed to the user's part of the tree)."""
    grants = grants_for(user, model, action)
    townships = Region.objects.filter(level__in=levels).order_by("code")
    if any(g.kind == "all" for g in grants):
        return townships
    q = Q(pk__in=[])
    for g in grants:
        q |= Q(path__startswith=g.region_path)
    return townships.filter(q)
