"""Open311 GeoReport v2 (JSON) so that a hotline (12345) or a city system can push reports and read their status.

- ``GET services.json``: one service per enforcement domain (service_code = the domain code).
- ``POST requests.json`` (form-encoded or JSON) with ``api_key``: the key is a user's own API token; the user must
  be allowed to register clues. The clue is registered with the source "12345 hotline transfer" and handled by:
  the township enforcement body of ``jurisdiction_id`` (a township region code) if given; else of the township
  whose name appears in ``address_string`` (among the townships the key's user covers); else the user's own
  agency (a county-level hotline account: the county dispatches from there by transfer).
- ``GET requests.json`` and ``GET requests/<id>.json``: public, only requests received here, never any reporter
  detail. ``service_request_id`` (comma list) overrides the other filters; the date range defaults to the last
  90 days, may not span more than 90 days, and at most 1,000 requests are returned; ``jurisdiction_id`` (a region
  code) narrows the list to the clues handled in that region.

Errors follow the standard: ``[{"code": 400, "description": "…"}]`` with the same HTTP status (400 missing or
invalid parameter, 403 missing or invalid api_key, 404 unknown request, service or jurisdiction).
"""

import datetime
import decimal
import json

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import JsonResponse
from django.urls import re_path
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from zongzhi.agencies.choices import AgencyKind
from zongzhi.agencies.models import Agency, Domain
from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.regions.choices import RegionLevel
from zongzhi.regions.models import Region
from zongzhi.users.models import ApiToken
from zongzhi.utilities.scope import ADD, can, grants_for, in_scope

from .choices import ClueSource, PublicStatus
from .models import Clue
from .services import register_clue

MAX_RANGE = datetime.timedelta(days=90)
MAX_RESULTS = 1000
MAX_DESCRIPTION = 4000
TOWNSHIP_BODIES = (AgencyKind.TOWNSHIP_GOVERNMENT, AgencyKind.SUBDISTRICT_OFFICE)


class Open311Error(Exception):
    def __init__(self, code, description):
        super().__init__(description)
        self.code = code
        self.description = description


def _json(data, status=200):
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def endpoint(methods):
    """A GeoReport endpoint: JSON only, CSRF-exempt (callers authenticate with api_key), errors in the
    GeoReport format."""

    def wrap(view):
        @csrf_exempt
        def wrapped(request, fmt, **kwargs):
            try:
                if fmt != "json":
                    raise Open311Error(400, _("Only the JSON format is supported: use the .json suffix."))
                if request.method not in methods:
                    raise Open311Error(405, _("Method %(method)s is not allowed here.") % {"method": request.method})
                return view(request, **kwargs)
            except Open311Error as error:
                return _json([{"code": error.code, "description": error.description}], status=error.code)

        return wrapped

    return wrap


def _params(request):
    """The arguments of a request; empty values count as absent (GeoReport convention)."""
    if request.method == "POST" and request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise Open311Error(400, _("The request body is not valid JSON.")) from None
        if not isinstance(data, dict):
            raise Open311Error(400, _("The request body must be a JSON object."))
    else:
        data = request.POST if request.method == "POST" else request.GET
    return {k: str(v).strip() for k, v in data.items() if v is not None and str(v).strip()}


# --- services ------------------------------------------------------------------------------------------------

@endpoint(["GET"])
def services_view(request):
    group = _("Comprehensive administrative law enforcement")
    return _json([{
        "service_code": d.code,
        "service_name": d.name,
        "description": _("Report a suspected violation in the domain of %(domain)s.") % {"domain": d.name},
        "metadata": False,
        "type": "realtime",
        "keywords": d.name,
        "group": group,
    } for d in Domain.objects.all()])


# --- requests ------------------------------------------------------------------------------------------------

def _notice(clue):
    return _("Received as clue %(number)s, handled by %(agency)s.") % {"number": clue.number,
                                                                      "agency": clue.agency.name}


def _iso(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _request_json(clue):
    """The public view of a clue: no reporter detail, ever."""
    return {
        "service_request_id": str(clue.pk),
        "status": clue.public_status,
        "status_notes": str(clue.status_notes),
        "service_name": clue.category.name if clue.category else None,
        "service_code": clue.service_code,
        "description": clue.description,
        "agency_responsible": clue.agency.name,
        "service_notice": _notice(clue),
        "requested_datetime": _iso(clue.received_at),
        "updated_datetime": _iso(clue.updated),
        "expected_datetime": None,
        "address": clue.address or None,
        "address_id": None,
        "zipcode": None,
        "lat": float(clue.latitude) if clue.latitude is not None else None,
        "long": float(clue.longitude) if clue.longitude is not None else None,
        "media_url": clue.media_url or None,
    }


def _public():
    return Clue.objects.exclude(service_code="").select_related("agency", "category")


def _date(params, name):
    if name not in params:
        return None
    value = parse_datetime(params[name])
    if value is None:
        raise Open311Error(400, _("%(name)s must be an ISO 8601 date and time, e.g. 2026-01-01T00:00:00+08:00.")
                           % {"name": name})
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _list(params):
    if "service_request_id" in params:
        ids = [i.strip() for i in params["service_request_id"].split(",") if i.strip()]
        if not all(i.isdigit() for i in ids):
            raise Open311Error(400, _("service_request_id must be a comma-separated list of request ids."))
        return _public().filter(pk__in=ids).order_by("-received_at", "-pk")
    start, end = _date(params, "start_date"), _date(params, "end_date")
    end = end or (start + MAX_RANGE if start else timezone.now())
    start = start or end - MAX_RANGE
    if end < start:
        raise Open311Error(400, _("end_date is before start_date."))
    if end - start > MAX_RANGE:
        raise Open311Error(400, _("The date range may not span more than 90 days."))
    queryset = _public().filter(received_at__range=(start, end))
    if "jurisdiction_id" in params:
        queryset = queryset.filter(agency__region__path__startswith=_region(params["jurisdiction_id"]).path)
    if "service_code" in params:
        queryset = queryset.filter(service_code__in=[c.strip() for c in params["service_code"].split(",")])
    if "status" in params:
        statuses = {s.strip() for s in params["status"].split(",")}
        if not statuses <= set(PublicStatus.values):
            raise Open311Error(400, _("status must be open or closed."))
        queryset = queryset.filter(public_status__in=statuses)
    return queryset.order_by("-received_at", "-pk")


@endpoint(["GET", "POST"])
def requests_view(request):
    if request.method == "POST":
        return _create(request)
    return _json([_request_json(c) for c in _list(_params(request))[:MAX_RESULTS]])


@endpoint(["GET"])
def request_view(request, pk):
    clue = _public().filter(pk=pk).first() if pk.isdigit() else None
    if clue is None:
        raise Open311Error(404, _("Service request %(id)s was not found.") % {"id": pk})
    return _json([_request_json(clue)])


def _user(params):
    key = params.get("api_key")
    token = ApiToken.find(key) if key else None
    if token is None or not token.is_valid or not token.user.is_active:
        raise Open311Error(403, _("api_key is missing or invalid."))
    if not can(token.user, Clue, ADD):
        raise Open311Error(403, _("The user of this api_key may not register clues."))
    return token.user


def _coordinate(params, name, limit):
    try:
        value = decimal.Decimal(params[name])
    except decimal.InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) > limit:
        raise Open311Error(400, _("%(name)s must be a WGS84 coordinate between -%(limit)s and %(limit)s.")
                           % {"name": name, "limit": limit})
    return value.quantize(decimal.Decimal("0.000001"))


def _region(code):
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Open311Error(404, _("jurisdiction_id %(code)s was not found.") % {"code": code})
    return region


def _township_body(region):
    return Agency.objects.filter(region=region, kind__in=TOWNSHIP_BODIES, is_enforcement_body=True,
                                 active=True).order_by("pk").first()


def _route(user, params):
    """(agency, township region) for a new request; see the module docstring."""
    if "jurisdiction_id" in params:
        region = _region(params["jurisdiction_id"])
        agency = _township_body(region)
        if agency is not None:
            return agency, region
    address = params.get("address_string", "")
    paths = [g.path for g in grants_for(user, Clue, ADD) if g.kind == "region"]
    if address and paths:
        townships = Region.objects.filter(level=RegionLevel.TOWNSHIP)
        candidates = [r for p in paths for r in townships.filter(path__startswith=p) if r.name in address]
        for region in candidates:
            agency = _township_body(region)
            if agency is not None:
                return agency, region
    for assignment in user.active_assignments():
        if in_scope(user, Clue(agency=assignment.agency), ADD):
            region = assignment.agency.region
            return assignment.agency, region if region.level == RegionLevel.TOWNSHIP else None
    raise Open311Error(400, _("jurisdiction_id was not provided and the responsible township cannot be told from "
                              "the address."))


def _create(request):
    params = _params(request)
    user = _user(params)
    if "service_code" not in params:
        raise Open311Error(400, _("service_code was not provided."))
    category = Domain.objects.filter(code=params["service_code"]).first()
    if category is None:
        raise Open311Error(404, _("service_code %(code)s was not found.") % {"code": params["service_code"]})
    has_point = "lat" in params or "long" in params
    if has_point and not ("lat" in params and "long" in params):
        raise Open311Error(400, _("lat and long must be sent together."))
    if not has_point and "address_string" not in params:
        raise Open311Error(400, _("A location is required: lat and long, or address_string (address_id is not "
                                  "supported)."))
    description = params.get("description", "")
    if not description:
        raise Open311Error(400, _("description was not provided."))
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, _("description may not exceed 4,000 characters."))
    media_url = params.get("media_url", "")
    if media_url:
        try:
            URLValidator()(media_url)
        except ValidationError:
            raise Open311Error(400, _("media_url is not a valid URL.")) from None
    agency, region = _route(user, params)
    reporter = {
        "reporter_name": params.get("last_name", "") + params.get("first_name", ""),
        "reporter_phone": params.get("phone", ""),
        "reporter_contact": params.get("email", ""),
    }
    clue = Clue(
        source=ClueSource.HOTLINE, agency=agency, region=region, category=category, service_code=category.code,
        description=description, address=params.get("address_string", "")[:200],
        latitude=_coordinate(params, "lat", 90) if has_point else None,
        longitude=_coordinate(params, "long", 180) if has_point else None,
        media_url=media_url, anonymous=not any(reporter.values()), **reporter,
    )
    if not in_scope(user, clue, ADD):
        raise Open311Error(403, _("The user of this api_key may not register clues for %(agency)s.")
                           % {"agency": agency.name})
    try:
        with audit_context(user=user, source=Source.API):
            clue = register_clue(clue, by=user)
    except ValidationError as error:
        raise Open311Error(400, " ".join(error.messages)) from None
    return _json([{"service_request_id": str(clue.pk), "service_notice": _notice(clue), "account_id": None}],
                 status=201)


urlpatterns = [
    re_path(r"^services\.(?P<fmt>\w+)$", services_view, name="open311_services"),
    re_path(r"^requests\.(?P<fmt>\w+)$", requests_view, name="open311_requests"),
    re_path(r"^requests/(?P<pk>[^/.]+)\.(?P<fmt>\w+)$", request_view, name="open311_request"),
]
