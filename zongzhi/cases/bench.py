"""Benchmark data for cases (``make bench``, PostgreSQL only): 1,000,000 cases spread over the demo county's
townships and years, with one party each and an open deadline for every live case — written with
``INSERT … SELECT generate_series`` so generation takes seconds, not hours. The case lists are then timed by
``scripts/bench.py`` through the real pages."""

import datetime

CASES = 1_000_000


def generate_cases(n=CASES, log=print):
    """Add synthetic cases until there are ``n`` (idempotent: nothing when they exist)."""
    from django.db import connection

    from zongzhi.agencies.models import Agency
    from zongzhi.catalog.models import Matter

    from .models import Case

    missing = n - Case.objects.count()
    if missing <= 0:
        return 0
    squads = list(Agency.objects.filter(kind="enforcement_squad", parent__kind__in=[
        "township_government", "subdistrict_office"]).values_list("pk", "acts_in_name_of_id", "region_id")
        .order_by("pk"))
    matters = list(Matter.objects.order_by("pk").values_list("pk", flat=True)[:60])
    if not squads or not matters:
        raise RuntimeError("Build the demo county and catalog first.")
    log(f"{missing} cases")
    today = datetime.date.today()
    start = (Case.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    def array(values):
        return "(ARRAY[" + ",".join(str(v) for v in values) + "])"

    agencies_sql, bodies_sql, regions_sql = (array(column) for column in zip(*squads, strict=True))
    matters_sql = array(matters)
    statuses = "ARRAY['archived','archived','archived','closed','closed','open','open','open','pending','suspended']"
    stages = ("ARRAY['archive','archive','archive','archive','archive','investigation','decision','service',"
              "'filing','investigation']")
    with connection.cursor() as cursor:
        cursor.execute(f"""
            WITH g AS (
                SELECT i, 1 + (i % {len(squads)}) AS s, {matters_sql}[1 + (i / 7 % {len(matters)})] AS m,
                       (%(today)s::date - (i % 1800)) AS d, 1 + (i %% 10) AS k
                FROM generate_series(%(start)s, %(stop)s) AS i
            )
            INSERT INTO cases_case (id, created, updated, number, year, serial, agency_id, deciding_body_id,
                region_id, matter_id, procedure, cause, facts, act_place, act_on, continuing, harmful, discovered_on,
                status, stage, requested_on, filed_on, next_due_on, next_due_label, suspended_days, extended_days,
                hearing_rights, review_reasons, discussion_required, outcome, penalty_types, fine_amount,
                confiscated_amount, discretion_level, discretion_flags, deviation_reason, no_penalty_ground,
                decision_text, decided_on, closed_on, archived_on)
            SELECT i, now(), now(), '基准立〔' || extract(year FROM d) || '〕' || i || '号', extract(year FROM d), i,
                {agencies_sql}[s], {bodies_sql}[s], {regions_sql}[s], m, CASE WHEN i %% 5 = 0 THEN 'summary' ELSE 'general' END, '涉嫌违法案', '',
                '基准地点' || (i %% 1000), d - 3, false, false, d,
                ({statuses})[k], ({stages})[k], d, d,
                CASE WHEN k BETWEEN 6 AND 9 THEN d + 90 END, CASE WHEN k BETWEEN 6 AND 9 THEN '作出行政处罚决定' ELSE '' END,
                0, 0, false, '[]', false, CASE WHEN k <= 5 THEN 'penalty' ELSE '' END, '[]',
                CASE WHEN k <= 5 THEN 200 + (i %% 20) * 100 ELSE 0 END, 0, '', '[]', '', '', '',
                CASE WHEN k <= 5 THEN d + 30 END, CASE WHEN k <= 5 THEN d + 60 END, CASE WHEN k <= 3 THEN d + 70 END
            FROM g
        """.replace("i % ", "i %% ").replace("i / 7 % ", "i / 7 %% "),
            {"today": today, "start": start, "stop": start + missing - 1})
        log("  parties")
        cursor.execute("""
            INSERT INTO cases_party (created, updated, case_id, kind, name, identifier, representative, address, phone)
            SELECT now(), now(), id, 'person', (ARRAY['王','李','张','刘','陈','杨','赵','黄'])[1 + id %% 8] || '某' || (id %% 97),
                   '', '', '', ''
            FROM cases_case WHERE id >= %(start)s
        """, {"start": start})
        log("  deadlines")
        cursor.execute("""
            INSERT INTO cases_casedeadline (case_id, region_id, key, label, rule, citation, start, due_on, state,
                pauses_with_case, provisional)
            SELECT id, region_id, 'decision', '作出行政处罚决定', 'penalty-decision', '《行政处罚法》第六十条', filed_on, next_due_on,
                   'open', true, false
            FROM cases_case WHERE id >= %(start)s AND next_due_on IS NOT NULL
        """, {"start": start})
        cursor.execute("SELECT setval(pg_get_serial_sequence('cases_case', 'id'), (SELECT max(id) FROM cases_case))")
        cursor.execute("ANALYZE cases_case")
        cursor.execute("ANALYZE cases_party")
        cursor.execute("ANALYZE cases_casedeadline")
    return missing
