"""Benchmark of the inspections module for ``make bench`` (PostgreSQL only; never run by the test suite at full size).

Data (idempotent: a second run finds it and adds nothing), written with ``INSERT … SELECT generate_series`` so that
generation takes minutes, not hours:

- subjects up to 1,000,000 in the demo county's townships (one in ten is a ``market``: 100,000 draw candidates);
- inspections up to 10,000,000 (about ten per subject, over five years), one finding for one in eight.

Targets (issue 5): a subject's ledger in under 100 ms, the township map's data in under 300 ms, a draw over 100,000
subjects in under 2 s. The indexes that serve them: ``inspections_subject_date_idx`` (Inspection(subject, date)) for
the ledger, the subjects' own location index for the map, and the subjects' region/category indexes for the draw's
candidate list.

Hook it in scripts/bench.py::

    def bench_inspections():
        from zongzhi.inspections.bench import bench_inspections as run
        return run(log)

    BENCHMARKS = [..., bench_inspections]
"""

import datetime
import statistics
import time

SUBJECTS = 1_000_000
INSPECTIONS = 10_000_000
DRAW_CANDIDATES = 100_000
CHUNK = 1_000_000
RUNS = 10
LEDGER_MS, MAP_MS, DRAW_MS = 100, 300, 2000


def generate_subjects(n=None, log=print):
    from django.db import connection

    from zongzhi.regions.models import Region
    from zongzhi.subjects.models import Subject

    missing = (n or SUBJECTS) - Subject.objects.count()
    if missing <= 0:
        return 0
    townships = list(Region.objects.filter(level="township", path__startswith="/41/4110/411025/")
                     .order_by("code").values_list("pk", flat=True)) or list(
        Region.objects.filter(level="township").order_by("code").values_list("pk", flat=True)[:20])
    if not townships:
        raise RuntimeError("Build the demo county first.")
    start = (Subject.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    towns = "ARRAY[" + ",".join(map(str, townships)) + "]"
    categories = ("ARRAY['market','catering','retail','market_stall','agricultural_inputs','farm','construction',"
                  "'manufacturing','entertainment','other']")
    log(f"  {missing:,} subjects")
    done = 0
    while done < missing:
        lo, hi = start + done, start + min(done + CHUNK, missing) - 1
        with connection.cursor() as cursor:
            cursor.execute(f"""
                INSERT INTO subjects_subject (id, created, updated, kind, name, uscc, region_id, area_id,
                    department_id, address, latitude, longitude, category, risk_class, credit_class, contact_name,
                    contact_phone, active, dedupe_key)
                SELECT i, now(), now(), 'individual_business', '基准对象' || i, '',
                    ({towns})[1 + (i / 10 %% {len(townships)})], NULL, NULL, '基准路' || i || '号',
                    33.75 + (i %% 1000) * 0.0002, 113.35 + (i / 1000 %% 1000) * 0.00035,
                    ({categories})[1 + (i %% 10)], (ARRAY['a','b','c','d'])[1 + (i / 10 %% 4)], '', '', '', true,
                    '基准对象' || i || '|基准路' || i || '号'
                FROM generate_series(%(lo)s, %(hi)s) AS i
            """, {"lo": lo, "hi": hi})
        done = hi - start + 1
        log(f"    {done:,}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('subjects_subject', 'id'), "
                       "(SELECT max(id) FROM subjects_subject))")
        cursor.execute("ANALYZE subjects_subject")
    return missing


def generate_inspections(n=None, log=print):
    """About ten inspections per subject by its township's squad, one in eight with a finding."""
    from django.db import connection

    from zongzhi.agencies.models import Agency
    from zongzhi.subjects.models import Subject

    from .models import Finding, Inspection

    missing = (n or INSPECTIONS) - Inspection.objects.count()
    if missing <= 0:
        return 0
    squads = dict(Agency.objects.filter(kind="enforcement_squad", parent__kind__in=[
        "township_government", "subdistrict_office"]).order_by("pk").values_list("region_id", "pk"))
    low, high = (Subject.objects.order_by("id").values_list("id", flat=True).first(),
                 Subject.objects.order_by("-id").values_list("id", flat=True).first())
    if not squads or low is None:
        raise RuntimeError("Build the demo county and the subjects first.")
    regions = "ARRAY[" + ",".join(map(str, squads)) + "]"
    agencies = "ARRAY[" + ",".join(map(str, squads.values())) + "]"
    span = high - low + 1
    today = datetime.date.today()
    start = (Inspection.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    log(f"  {missing:,} inspections")
    done = 0
    while done < missing:
        lo, hi = start + done, start + min(done + CHUNK, missing) - 1
        with connection.cursor() as cursor:
            # The subject of inspection i is low + (i * 7919 mod span): spread, every subject about ten times.
            cursor.execute(f"""
                WITH g AS (
                    SELECT i, %(low)s + ((i::bigint * 7919) %% %(span)s) AS sid, (%(today)s::date - (i %% 1800)) AS d
                    FROM generate_series(%(lo)s, %(hi)s) AS i
                )
                INSERT INTO inspections_inspection (id, created, updated, agency_id, subject_id, plan_id, draw_id,
                    joint_id, follow_up_of_id, mode, non_site, date, scheduled_at, started_at, finished_at, status,
                    result, summary, code, warnings, limit_reason, finding_count)
                SELECT g.i, now(), now(),
                    ({agencies})[array_position({regions}, s.region_id)], g.sid, NULL, NULL, NULL, NULL,
                    CASE WHEN g.i %% 10 = 0 THEN 'random' ELSE 'on_site' END, g.i %% 17 = 0, g.d, NULL,
                    g.d + time '09:00', g.d + time '10:00', 'finished',
                    CASE WHEN g.i %% 8 = 0 THEN 'problems' ELSE 'conforms' END, '',
                    upper(substr(md5('bench' || g.i::text), 1, 16)), '[]', '',
                    CASE WHEN g.i %% 8 = 0 THEN 1 ELSE 0 END
                FROM g JOIN subjects_subject s ON s.id = g.sid
            """, {"low": low, "span": span, "today": today, "lo": lo, "hi": hi})
            cursor.execute("""
                INSERT INTO inspections_finding (created, updated, inspection_id, description, matter_id, action,
                    correction_deadline, follow_up_id, clue_id, case_id)
                SELECT now(), now(), i.id, '基准发现问题', NULL, '', NULL, NULL, NULL, NULL
                FROM inspections_inspection i WHERE i.id BETWEEN %(lo)s AND %(hi)s AND i.finding_count > 0
            """, {"lo": lo, "hi": hi})
        done = hi - start + 1
        log(f"    {done:,}")
    with connection.cursor() as cursor:
        for table in ("inspections_inspection", "inspections_finding"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            cursor.execute(f"ANALYZE {table}")
    assert Finding.objects.exists()
    return missing


def _timed(fn, runs=RUNS):
    fn()
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def _client(username):
    from django.test import Client

    from zongzhi.users.models import User

    client = Client()
    client.force_login(User.objects.filter(is_superuser=True).first() if username is None
                       else User.objects.get(username=username))
    return client


def _draw(log):
    """A draw over the 100,000 ``market`` subjects of the county (run without creating inspections)."""
    from django.db import transaction

    from zongzhi.agencies.models import Agency
    from zongzhi.users.models import User

    from . import services
    from .models import Draw, InspectionItem, InspectionPlan

    squad = Agency.objects.filter(kind="enforcement_squad", parent__kind="township_government").order_by("pk").first()
    county = squad.region.parent
    item = InspectionItem.objects.filter(agency=squad, code="BENCH-1").first()
    domain = squad.officers.filter(certificates__domains__isnull=False).values_list(
        "certificates__domains", flat=True).first()
    if item is None:
        item = InspectionItem.objects.create(agency=squad, code="BENCH-1", name="基准检查事项", domain_id=domain,
                                             basis="基准", checklist="要点", published=True,
                                             published_on=datetime.date.today())
    plan, _created = InspectionPlan.objects.get_or_create(
        agency=squad, name="基准计划", defaults=dict(year=datetime.date.today().year, status="published",
                                                  starts_on=datetime.date(datetime.date.today().year, 1, 1),
                                                  ends_on=datetime.date(datetime.date.today().year, 12, 31)))
    plan.items.set([item])
    admin = User.objects.filter(is_superuser=True).first()
    times = []
    for run in range(3):
        draw = Draw.objects.create(plan=plan, agency=squad, name=f"基准抽查{run}", region=county,
                                   categories=["market"], ratio=1, inspectors_per_inspection=2,
                                   scheduled_for=datetime.date.today())
        started = time.perf_counter()
        try:
            with transaction.atomic():
                services.run_draw(draw, by=admin, seed=run, create_inspections=False)
                times.append((time.perf_counter() - started) * 1000)
                candidates = len(Draw.objects.get(pk=draw.pk).inputs["candidates"])
                transaction.set_rollback(True)
        except Exception as error:  # reported, not hidden
            return f"draw failed: {error}", 0, 0
    return "ok", statistics.median(times), candidates


def bench_inspections(report=print):
    """Generate the data (once) and time the ledger, the township map's data and a draw; markdown back."""
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from zongzhi.subjects.models import Subject

    from .models import Inspection
    from .services import ledger_entries

    started = time.perf_counter()
    made = generate_subjects(log=report) + generate_inspections(log=report)
    generated = f"generated in {time.perf_counter() - started:.0f} s" if made else "generated earlier"
    subject = Subject.objects.filter(pk__in=Inspection.objects.values("subject_id")[:1]).get()
    n = Inspection.objects.filter(subject=subject).count()
    client = _client(None)
    url = subject.get_absolute_url()
    page_ms, page_max = _timed(lambda: client.get(url))
    fn_ms, _fn_max = _timed(lambda: ledger_entries(subject))
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    township = subject.region
    map_url = reverse("subjects-map") + f"?region={township.pk}"
    map_ms, map_max = _timed(lambda: client.get(map_url))
    outcome, draw_ms, candidates = _draw(report)
    busiest = Inspection.objects.values("subject_id").annotate(n=Count("pk")).order_by("-n").first()
    rows = [
        "| what | median ms | max ms | budget ms |", "|---|---:|---:|---:|",
        f"| subject ledger page (`{url}`, {n} inspections, {len(queries)} queries) | {page_ms:.1f} | {page_max:.1f} "
        f"| {LEDGER_MS} |",
        f"| `ledger_entries(subject)` alone | {fn_ms:.1f} | — | {LEDGER_MS} |",
        f"| township map data (`{map_url}`) | {map_ms:.1f} | {map_max:.1f} | {MAP_MS} |",
        f"| draw over {candidates:,} subjects ({outcome}) | {draw_ms:.1f} | — | {DRAW_MS} |",
    ]
    over = [label for label, ms, budget in (("ledger", page_ms, LEDGER_MS), ("map", map_ms, MAP_MS),
                                            ("draw", draw_ms, DRAW_MS)) if ms > budget]
    if outcome != "ok":
        over.append("draw")
    report(f"  ledger {page_ms:.1f} ms, map {map_ms:.1f} ms, draw {draw_ms:.1f} ms")
    return "\n".join([
        "## Inspections: ledger, map data and random draw",
        "",
        f"{Subject.objects.count():,} subjects, {Inspection.objects.count():,} inspections ({generated}); the "
        f"busiest subject has {busiest['n'] if busiest else 0} inspections.",
        "",
        *rows,
        "",
        f"Over budget: {', '.join(over)}." if over else "Every figure is within its budget.",
    ])
