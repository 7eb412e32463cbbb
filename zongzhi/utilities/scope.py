"""One mechanism restricts every queryset: UI lists and details, exports and the API (STYLE.md §6).

A model declares how to reach the region path and the agency path of a record in ``scope``::

    scope = ScopeSpec(region="agency__region__path", agency="agency__path")

A user's role assignments give *grants* per model and action (``zongzhi.users.roles``): a region grant
covers a region subtree, an agency grant covers an agency subtree. ``restrict`` turns them into one
``Q`` filter; ``in_scope`` checks an unsaved instance the same way, in Python.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"


@dataclass(frozen=True)
class ScopeSpec:
    region: str | None = None  # lookup to a Region.path
    agency: str | None = None  # lookup to an Agency.path
    public: bool = False  # reference data: any signed-in user may view all of it
    ancestors_visible: bool = False  # directory data: records of the regions above the user's are visible
    # More (region lookup, agency lookup) pairs that also reach a record, OR'ed with the first pair: a record seen
    # from two sides (a transfer: the sending case's place and agency, and the receiving agency). Either may be None.
    also: tuple = ()

    def pairs(self):
        return [(self.region, self.agency), *self.also]


@dataclass(frozen=True)
class Grant:
    kind: str  # "all", "region" or "agency"
    path: str = ""
    region_path: str = ""


def ancestor_paths(path: str) -> list[str]:
    """'/41/4110/411025/' -> ['/41/', '/41/4110/']."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]


def scope_of(model) -> ScopeSpec:
    spec = getattr(model, "scope", None)
    if spec is None:
        raise TypeError(f"{model.__name__} declares no scope")
    return spec


def grants_for(user, model, action) -> list[Grant]:
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return [Grant("all")]
    return user.grants(model, action)


def lookup_q(model, lookup: str, op: str, value) -> Q:
    """``Q(lookup__op=value)`` written as nested ``pk IN (subquery)`` along forward foreign keys:
    ``agency__region__path__startswith`` becomes ``agency IN (agencies whose region IN (regions whose path …))``.
    Counting and paging a large list then needs no join per row (a hash semi-join instead)."""
    first, _sep, rest = lookup.partition("__")
    if rest:
        field = model._meta.get_field(first)
        if field.is_relation and (field.many_to_one or field.one_to_one) and not field.auto_created:
            related = field.related_model
            return Q(**{f"{first}__in": related._base_manager.filter(lookup_q(related, rest, op, value)).values("pk")})
    return Q(**{f"{lookup}__{op}": value})


def scope_q(user, model, action=VIEW) -> Q | None:
    """The filter for ``model`` and ``action``; ``None`` means everything, ``Q(pk__in=[])`` nothing."""
    spec = scope_of(model)
    if spec.public and action == VIEW and user is not None and user.is_authenticated and user.is_active:
        return None  # reference data: every signed-in user reads all of it
    grants = grants_for(user, model, action)
    if not grants:
        return Q(pk__in=[])
    if any(g.kind == "all" for g in grants):
        return None
    q = Q(pk__in=[])
    for g in grants:
        if g.kind == "region" and spec.region:
            q |= lookup_q(model, spec.region, "startswith", g.path)
            if spec.ancestors_visible and action == VIEW:
                q |= lookup_q(model, spec.region, "in", ancestor_paths(g.path))
        elif g.kind == "agency":
            if spec.agency:
                q |= lookup_q(model, spec.agency, "startswith", g.path)
            if spec.ancestors_visible and action == VIEW and spec.region and g.region_path:
                q |= lookup_q(model, spec.region, "in", [*ancestor_paths(g.region_path), g.region_path])
        for region, agency in spec.also:
            if g.kind == "region" and region:
                q |= lookup_q(model, region, "startswith", g.path)
            elif g.kind == "agency" and agency:
                q |= lookup_q(model, agency, "startswith", g.path)
    return q


def restrict(queryset, user, action=VIEW):
    q = scope_q(user, queryset.model, action)
    return queryset if q is None else queryset.filter(q)


def _resolve(instance, lookup):
    value = instance
    for part in lookup.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def in_scope(user, instance, action) -> bool:
    """Whether ``instance`` (saved or not) lies inside the user's grants for ``action``."""
    spec = scope_of(type(instance))
    grants = grants_for(user, type(instance), action)
    if any(g.kind == "all" for g in grants):
        return True
    for region_lookup, agency_lookup in spec.pairs():
        region = _resolve(instance, region_lookup) if region_lookup else None
        agency = _resolve(instance, agency_lookup) if agency_lookup else None
        for g in grants:
            if g.kind == "region" and region and region.startswith(g.path):
                return True
            if g.kind == "agency" and agency and agency.startswith(g.path):
                return True
    return False


def can(user, model, action) -> bool:
    """Whether the user holds any grant for ``action`` on ``model`` (somewhere); reading public reference data
    needs only a signed-in user."""
    if action == VIEW and scope_of(model).public and user is not None and user.is_authenticated:
        return True
    return bool(grants_for(user, model, action))


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user, action=VIEW):
        return restrict(self, user, action)
