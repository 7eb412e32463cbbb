"""The map's (一图) layers beyond areas and subjects: recent inspections and open cases, as GeoJSON.

Each layer is one scoped query (``restrict`` on its own model), capped at ``LIMIT`` points, newest first, plus a fixed
number of helper queries (the inspectors of the inspections shown; the count and the first few of the open cases
without a location), whatever the number of points: the township map's data stays within its budget (issue 5,
``zongzhi/inspections/bench.py``). Indexes: ``inspections_date_id_idx`` (Inspection(date, id)) for the newest
inspections, ``cases_case_status_region_idx`` (Case(status, region)) for the open cases of a township.
"""

import datetime

from django.db.models import FloatField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone

# The most points one layer returns (newest first); the response says when there were more.
LIMIT = 1000
# How many of the open cases without a location are named in the note under the map.
UNLOCATED_LISTED = 20
# Colours of the inspection markers by result (Tabler's palette, as RISK_HEX).
RESULT_HEX = {"conforms": "#2fb344", "problems": "#d63939", "not_found": "#667382", "": "#4299e1"}
CASE_HEX, OVERDUE_HEX = "#ae3ec9", "#d63939"
_PK = 999999999


def _url_template(name):
    """``reverse`` once per layer, not once per point (thousands of points)."""
    url = reverse(name, args=[_PK])
    return lambda pk: url.replace(str(_PK), str(pk))


def _point(lng, lat):
    return {"type": "Point", "coordinates": [float(lng), float(lat)]}


def inspection_layer(user, subjects, *, days, limit=None):
    """The inspections of the last ``days`` days (today included, cancelled ones left out) of the ``subjects``
    (a queryset: the map's subject filters and box, located subjects only), in the user's inspection scope; at the
    subject's location, coloured by result (red when there are findings). Two queries."""
    from zongzhi.inspections.choices import InspectionResult, InspectionStatus
    from zongzhi.inspections.models import Inspection

    limit = LIMIT if limit is None else limit
    today = timezone.localdate()
    rows = list(
        Inspection.objects.restrict(user)
        .filter(date__gte=today - datetime.timedelta(days=days - 1), date__lte=today,
                subject__in=subjects.values("pk"))
        .exclude(status=InspectionStatus.CANCELLED)
        .order_by("-date", "-id")
        .values("pk", "date", "status", "result", "finding_count", "agency__name", "subject__name",
                "subject__latitude", "subject__longitude")[:limit + 1])
    shown = rows[:limit]
    inspectors = {}
    if shown:
        through = Inspection.inspectors.through
        for inspection_id, name in through.objects.filter(inspection_id__in=[r["pk"] for r in shown]).order_by(
                "inspection_id", "officer__name").values_list("inspection_id", "officer__name"):
            inspectors.setdefault(inspection_id, []).append(name)
    results, statuses = dict(InspectionResult.choices), dict(InspectionStatus.choices)
    url = _url_template("inspections:inspection")
    features = [{
        "type": "Feature", "id": f"inspection-{r['pk']}",
        "geometry": _point(r["subject__longitude"], r["subject__latitude"]),
        "properties": {
            "layer": "inspection", "name": r["subject__name"], "date": r["date"].isoformat(),
            "agency": r["agency__name"], "inspectors": "、".join(inspectors.get(r["pk"], [])),
            "result": r["result"], "result_label": str(results.get(r["result"]) or statuses[r["status"]]),
            "findings": r["finding_count"],
            "color": RESULT_HEX["problems"] if r["finding_count"] else RESULT_HEX.get(r["result"], RESULT_HEX[""]),
            "url": url(r["pk"])},
    } for r in shown]
    return {"type": "FeatureCollection", "features": features, "truncated": len(rows) > limit, "limit": limit,
            "days": days}


def case_layer(user, *, region=None, box=None, limit=None):
    """The open cases (pending, open, suspended) in the user's case scope, at the clue's location when the clue has
    one, else at the location of a party's linked subject; newest first. The cases without a location are counted
    and the first ``UNLOCATED_LISTED`` named (among the newest ``2 * limit`` when there are more). One query."""
    from zongzhi.cases.choices import CaseStatus, StageCode
    from zongzhi.cases.models import Case, Party

    limit = LIMIT if limit is None else limit
    located = Party.objects.filter(case=OuterRef("pk"), subject__latitude__isnull=False,
                                   subject__longitude__isnull=False).order_by("pk")
    cases = Case.objects.restrict(user).filter(
        status__in=[CaseStatus.PENDING, CaseStatus.OPEN, CaseStatus.SUSPENDED])
    if region is not None:
        cases = cases.filter(region_id=region)
    cases = cases.annotate(
        lat=Coalesce(Cast("clue__latitude", FloatField()), Subquery(located.values("subject__latitude")[:1]),
                     output_field=FloatField()),
        lng=Coalesce(Cast("clue__longitude", FloatField()), Subquery(located.values("subject__longitude")[:1]),
                     output_field=FloatField()))
    # One pass over the newest open cases (twice the cap): those with a place are drawn, those without are
    # counted — no scan of every open case of a county with a million cases.
    window = list(cases.order_by("-requested_on", "-id").values(
        "pk", "number", "cause", "status", "stage", "next_due_on", "next_due_label", "lat", "lng")[:2 * limit + 1])
    scanned_all = len(window) <= 2 * limit
    window = window[:2 * limit]
    rows = [r for r in window if r["lat"] is not None and r["lng"] is not None]
    if box:
        west, south, east, north = box
        rows = [r for r in rows if south <= r["lat"] <= north and west <= r["lng"] <= east]
    unlocated = [r for r in window if r["lat"] is None or r["lng"] is None]
    unlocated_count = len(unlocated)
    unlocated_rows = unlocated[:UNLOCATED_LISTED]
    today = timezone.localdate()
    stages, statuses = dict(StageCode.choices), dict(CaseStatus.choices)
    url = _url_template("cases:case")
    features = []
    for r in rows[:limit]:
        overdue = bool(r["next_due_on"] and r["next_due_on"] < today
                       and r["status"] in (CaseStatus.PENDING, CaseStatus.OPEN))
        features.append({
            "type": "Feature", "id": f"case-{r['pk']}", "geometry": _point(r["lng"], r["lat"]),
            "properties": {
                "layer": "case", "name": r["number"], "number": r["number"], "cause": r["cause"],
                "status": str(statuses[r["status"]]), "stage": str(stages.get(r["stage"], r["stage"])),
                "next_due_on": r["next_due_on"].isoformat() if r["next_due_on"] else "",
                "next_due_label": r["next_due_label"], "overdue": overdue,
                "color": OVERDUE_HEX if overdue else CASE_HEX, "url": url(r["pk"])},
        })
    return {"type": "FeatureCollection", "features": features, "truncated": len(rows) > limit or not scanned_all,
            "limit": limit,
            "without_location": {"count": unlocated_count, "of_newest": None if scanned_all else 2 * limit, "cases": [
                {"number": r["number"], "cause": r["cause"], "url": url(r["pk"])} for r in unlocated_rows]}}
