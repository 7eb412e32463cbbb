"""Importing divisions from the shipped NBS file, and the administered-by relation."""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .choices import RegionLevel, township_kind
from .models import Region

LEVEL_BY_LENGTH = {2: RegionLevel.PROVINCE, 4: RegionLevel.PREFECTURE, 6: RegionLevel.COUNTY,
                   9: RegionLevel.TOWNSHIP}


def division_file() -> Path:
    return Path(settings.DATA_DIR) / "regions" / "cn_regions_2023.csv"


def read_divisions(path=None) -> dict[str, dict]:
    with open(path or division_file(), encoding="utf-8", newline="") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


class RegionImportError(ValueError):
    pass


@transaction.atomic
def import_region(code: str, *, rows=None) -> dict:
    """Import the division ``code`` (a province, prefecture or county), its ancestors and everything
    below it. Idempotent: existing regions are updated only where the file differs.
    Returns {"created": n, "updated": n, "unchanged": n}."""
    rows = rows if rows is not None else read_divisions()
    code = code.strip()
    if code not in rows:
        raise RegionImportError(_("No division with code %(code)s in the national division file.") % {"code": code})
    wanted = []
    node = rows[code]
    while node:  # ancestors, top first
        wanted.insert(0, node)
        node = rows.get(node["parent_code"]) if node["parent_code"] else None
    prefix = code
    wanted += sorted((r for c, r in rows.items() if c != code and c.startswith(prefix) and len(c) > len(code)),
                     key=lambda r: (len(r["code"]), r["code"]))
    existing = {r.code: r for r in Region.objects.filter(code__in=[r["code"] for r in wanted])}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in wanted:
        c = row["code"]
        level = LEVEL_BY_LENGTH[len(c)]
        kind = township_kind(c) if level == RegionLevel.TOWNSHIP else ""
        parent = existing.get(row["parent_code"]) if row["parent_code"] else None
        region = existing.get(c)
        if region is None:
            region = Region(code=c, name=row["name"], level=level, kind=kind, parent=parent)
            region.save()
            existing[c] = region
            counts["created"] += 1
        elif (region.name, region.level, region.kind, region.parent_id) != (row["name"], level, kind,
                                                                             parent.pk if parent else None):
            region.name, region.level, region.kind, region.parent = row["name"], level, kind, parent
            region.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


def is_inside(candidate: Region, region: Region) -> bool:
    """Whether ``candidate`` is ``region`` or lies below it, by location or by administration."""
    if candidate.pk == region.pk or candidate.path.startswith(region.path):
        return True
    node = candidate.parent
    while node is not None:
        if node.pk == region.pk:
            return True
        node = node.parent
    return False


@transaction.atomic
def set_administered_by(region: Region, body: Region | None) -> Region:
    """Record that ``region`` is run by ``body`` (or by its location again, with None) and move the
    administrative paths of its subtree, so that scope follows administration."""
    if body is not None and is_inside(body, region):
        raise RegionImportError(_("A region cannot be administered by itself or by a region inside it."))
    old_path = region.path
    region.administered_by = body
    region.save()
    new_path = region.path
    if new_path != old_path:
        for child in Region.objects.filter(path__startswith=old_path).exclude(pk=region.pk).order_by("path"):
            Region.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path):])
    return region
