#!/usr/bin/env python
"""make bench: page timings on PostgreSQL with a county-sized-and-then-some dataset; figures to docs/benchmarks.md.

Dataset (generated once; a second run finds it and skips generation): the demo county 襄城县, 400 more agencies
under its townships, 50,000 officers with certificates and 1,000,000 change-log entries forming a valid hash
chain, 5,000 of them on one agency so that its history page has 100 pages.

Each benchmark is a function in BENCHMARKS returning markdown; add more (laws search …) the same way.

Usage: scripts/bench.py [--reset]   (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/zongzhi_bench)
"""

import datetime
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/zongzhi_bench")
os.environ["DJANGO_SETTINGS_MODULE"] = "zongzhi.settings"

OFFICERS = 50_000
ENTRIES = 1_000_000
BUSY_ENTRIES = 5_000
SQUADS_PER_TOWNSHIP = 25
RUNS = 20
LIMIT_MS = 100


def ensure_database(reset: bool):
    """Create the database (dropped first with --reset) through the server's maintenance database."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = config["NAME"]
    conninfo = dict(host=config["HOST"] or None, port=config["PORT"] or None, user=config["USER"] or None,
                    password=config["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v is not None}) as conn:
        if reset:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup(reset: bool):
    ensure_database(reset)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- the dataset ---------------------------------------------------------------------------------------------

def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def generate():
    from zongzhi.agencies.models import Agency
    from zongzhi.audit.models import ChangeLogEntry
    from zongzhi.demo.county import build_demo_county
    from zongzhi.officers.models import Officer

    if Officer.objects.count() >= OFFICERS and ChangeLogEntry.objects.count() >= ENTRIES:
        log("dataset present: generation skipped")
        return False
    log("demo county")
    build_demo_county()
    squads = list(Agency.objects.filter(kind="enforcement_squad").order_by("region__code"))
    if Agency.objects.filter(kind="enforcement_squad", parent__kind="enforcement_squad").count() == 0:
        log(f"{SQUADS_PER_TOWNSHIP} teams per township")
        for squad in squads:
            for i in range(1, SQUADS_PER_TOWNSHIP + 1):
                Agency.objects.create(name=f"{squad.region.name}第{i}执法中队", kind="enforcement_squad",
                                      region=squad.region, parent=squad, acts_in_name_of=squad.acts_in_name_of)
    officers(Agency.objects.filter(kind__in=["enforcement_squad", "county_department"]).order_by("pk"))
    entries()
    return True


def officers(agencies):
    from zongzhi.agencies.models import Domain
    from zongzhi.officers.models import Certificate, Officer
    from zongzhi.utilities.identifiers import id_check_char

    missing = OFFICERS - Officer.objects.count()
    if missing <= 0:
        return
    log(f"{missing} officers with certificates")
    agencies = list(agencies)
    start = datetime.date(1966, 1, 1)  # a year no demo officer was born in: no identity number clashes
    surnames, given = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗", "伟芳敏静丽强磊军洋勇艳杰涛明超霞平刚华玉"
    rows = []
    for i in range(missing):
        first17 = f"411025{start + datetime.timedelta(days=i // 900):%Y%m%d}{i % 900 + 100:03d}"
        rows.append(Officer(name=surnames[i % 20] + given[i // 20 % 20] + given[i // 400 % 20],
                            id_number=first17 + id_check_char(first17), agency=agencies[i % len(agencies)],
                            post="执法队员", staffing="auxiliary" if i % 7 == 0 else "institution",
                            legal_qualification=i % 25 == 0, status="retired" if i % 97 == 0 else "on_duty"))
    Officer.objects.bulk_create(rows, batch_size=5000)
    today = datetime.date.today()
    certified = Officer.objects.exclude(staffing="auxiliary").filter(certificates__isnull=True).values_list("pk",
                                                                                                            flat=True)
    certs = [Certificate(officer_id=pk, number=f"豫B{pk:010d}", issuing_authority="河南省人民政府",
                         valid_from=today - datetime.timedelta(days=400 + pk % 1500),
                         valid_to=today + datetime.timedelta(days=pk % 1500 - 200)) for pk in certified]
    Certificate.objects.bulk_create(certs, batch_size=5000)
    urban = Domain.objects.get(code="urban")
    through = Certificate.domains.through
    through.objects.bulk_create([through(certificate_id=c.pk, domain_id=urban.pk)
                                 for c in Certificate.objects.filter(number__startswith="豫B")], batch_size=5000)


def entries():
    """Append synthetic updates to the chain: hashes computed in order, rows written with COPY, head moved."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from zongzhi.agencies.models import Agency
    from zongzhi.audit.models import GENESIS, AuditChainHead, ChangeLogEntry
    from zongzhi.officers.models import Officer

    missing = ENTRIES - ChangeLogEntry.objects.count()
    if missing <= 0:
        return
    log(f"{missing} change-log entries")
    busy = busy_agency()
    targets = [(ContentType.objects.get_for_model(Officer).pk, str(o.pk), o.name, o.agency.region.path, o.agency.path)
               for o in Officer.objects.select_related("agency__region").order_by("pk")]
    busy_target = (ContentType.objects.get_for_model(Agency).pk, str(busy.pk), busy.name, busy.region.path, busy.path)
    columns = ["id", "time", "user_id", "user_name", "request_id", "source", "action", "content_type_id", "object_id",
               "object_repr", "before", "after", "region_path", "agency_path", "prev_hash", "hash"]
    busy_every = missing // BUSY_ENTRIES
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        prev_hash, next_id = head.last_hash or GENESIS, (ChangeLogEntry.objects.order_by("-id").values_list(
            "id", flat=True).first() or 0) + 1
        start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
        with connection.cursor() as cursor, cursor.cursor.copy(
                f"COPY audit_changelogentry ({', '.join(columns)}) FROM STDIN") as copy:
            for i in range(missing):
                ct, object_id, name, region_path, agency_path = (
                    busy_target if i % busy_every == 0 and i // busy_every < BUSY_ENTRIES else targets[i % len(targets)])
                entry = ChangeLogEntry(
                    id=next_id + i, time=start + datetime.timedelta(seconds=30 * i), user_id=None, user_name="bench",
                    request_id=f"{i // 10:032x}", source="import", action="update", content_type_id=ct,
                    object_id=object_id, object_repr=name, before={"phone": f"0374-7{i % 1000000:06d}"},
                    after={"phone": f"0374-7{(i + 1) % 1000000:06d}"}, region_path=region_path,
                    agency_path=agency_path, prev_hash=prev_hash)
                entry.hash = entry.compute_hash()
                prev_hash = entry.hash
                copy.write_row([entry.id, entry.time, None, entry.user_name, entry.request_id, entry.source,
                                entry.action, ct, object_id, name, json.dumps(entry.before), json.dumps(entry.after),
                                region_path, agency_path, entry.prev_hash, entry.hash])
                if i and i % 100_000 == 0:
                    log(f"  {i} entries")
        last_id = next_id + missing - 1
        AuditChainHead.objects.filter(pk=1).update(last_hash=prev_hash, last_id=last_id, count=head.count + missing)
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('audit_changelogentry', 'id'), %s)", [last_id])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def busy_agency():
    from zongzhi.agencies.models import Agency
    from zongzhi.demo import data

    return Agency.objects.select_related("region").get(region__code=data.DEMO_TOWNSHIP, kind="enforcement_squad",
                                                       parent__kind="township_government")


# --- measuring ----------------------------------------------------------------------------------------------

def measure(client, url, runs=RUNS):
    """(median ms, p95 ms, queries, SQL ms) of GET ``url``; two warm-up requests first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    return statistics.median(times), times[int(0.95 * (len(times) - 1) + 0.5)], len(queries), sql


def client_for(username):
    from django.test import Client

    from zongzhi.users.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def page_table(cases):
    """Markdown rows for (label, user, url) cases; page 1 and page 100 of one list must run the same queries."""
    rows = ["| page | user | median ms | p95 ms | queries | SQL ms |", "|---|---|---:|---:|---:|---:|"]
    slow, counts = [], {}
    for label, username, url in cases:
        median, p95, queries, sql = measure(client_for(username), url)
        log(f"  {label} as {username}: median {median:.1f} ms, p95 {p95:.1f} ms, {queries} queries ({sql:.0f} ms)")
        rows.append(f"| {label} (`{url}`) | {username} | {median:.1f} | {p95:.1f} | {queries} | {sql:.0f} |")
        counts.setdefault((username, url.split("page=")[0].rstrip("?&")), set()).add(queries)
        if median > LIMIT_MS:
            slow.append(f"{label} ({username})")
    varying = [key for key, values in counts.items() if len(values) > 1]
    assert not varying, f"query count differs between pages: {varying}"
    rows.append("")
    rows.append(f"Over {LIMIT_MS} ms (median): {', '.join(slow)}." if slow else f"Every page is under {LIMIT_MS} ms "
                "(median); page 1 and a far page run the same number of queries.")
    return "\n".join(rows)


def bench_officer_list():
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("officers:officer_list")
    except NoReverseMatch:
        url = None
    if url is None:  # before the officers pages existed: the agency list and the change log instead
        cases = [("agency list", "bureau", "/agencies/"), ("agency list", "officer", "/agencies/"),
                 ("change log", "bureau", "/audit/"), ("change log", "bureau", "/audit/?page=100")]
        return "## Lists\n\nThe officer list does not exist yet: agency list and change log.\n\n" + page_table(cases)
    filtered = f"{url}?status=on_duty&q=王"
    cases = [(label, user, u) for user, last, last_filtered in (("bureau", 100, 20), ("officer", 50, 3))
             for label, u in [("officer list", url), (f"officer list, page {last}", f"{url}?page={last}"),
                              ("officer list, filtered", filtered),
                              (f"officer list, filtered, page {last_filtered}", f"{filtered}&page={last_filtered}")]]
    cases += [("change log", "bureau", "/audit/"), ("change log, page 100", "bureau", "/audit/?page=100")]
    return "## Lists\n\n" + page_table(cases)


def bench_history():
    busy = busy_agency()
    url = f"/agencies/{busy.pk}/history/"
    cases = [(label, user, f"{url}{page}") for user in ("bureau", "officer")
             for label, page in (("history", ""), ("history, page 100", "?page=100"))]
    return (f"## History of one busy object\n\n{busy.name} has {BUSY_ENTRIES:,} change-log entries (100 pages "
            f"of 50).\n\n" + page_table(cases))


def bench_verify_chain():
    from zongzhi.audit.services import verify_chain

    started = time.perf_counter()
    count = verify_chain()
    seconds = time.perf_counter() - started
    log(f"  verify_chain: {count} entries in {seconds:.0f} s")
    return f"## Verifying the audit chain\n\n`manage.py verify_audit` over {count:,} entries: {seconds:.0f} s."


def _command_summary(name, heading):
    """Run a benchmark management command; its last line is the figure (a failure is reported, not hidden)."""
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    try:
        call_command(name, stdout=out)
        verdict = ""
    except CommandError as error:
        verdict = f"\n\n**Over budget:** {error}"
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    log(f"  {lines[-1] if lines else name}")
    return f"## {heading}\n\n" + "\n".join(f"- {line}" for line in lines) + verdict


def bench_law_search():
    return _command_summary("bench_law_search", "Law search over the whole shipped library (budget 50 ms)")


def bench_catalog_import():
    return _command_summary("bench_catalog_import", "Importing a 5,000-row catalog workbook (budget 30 s)")


def case_dataset():
    """The matters the synthetic cases refer to (the demo catalog), then 1,000,000 cases."""
    from django.core.management import call_command

    from zongzhi.cases.bench import generate_cases
    from zongzhi.catalog.models import Matter

    if not Matter.objects.exists():
        log("deadline rules, laws and the demo catalog")
        for name in ("seed_deadline_rules", "import_laws", "build_demo_catalog"):
            call_command(name, verbosity=0)
    generate_cases(log=log)


def bench_case_lists():
    from django.urls import reverse

    from zongzhi.cases.models import Case

    case_dataset()
    cases_url, deadlines_url = reverse("cases:case_list"), reverse("cases:deadlines")
    filtered = f"{cases_url}?status=open&procedure=general"
    rows = [("case list", "officer", cases_url), ("case list, page 50", "officer", f"{cases_url}?page=50"),
            ("case list, filtered", "officer", filtered), ("case list, filtered, page 20", "officer",
                                                            f"{filtered}&page=20"),
            ("case list, county", "bureau", cases_url), ("case list, county, filtered", "bureau", filtered),
            ("overdue list, county", "bureau", f"{deadlines_url}?overdue=1"),
            ("overdue list, township", "leader", f"{deadlines_url}?overdue=1")]
    global LIMIT_MS
    LIMIT_MS, previous = 150, LIMIT_MS
    try:
        table = page_table(rows)
    finally:
        LIMIT_MS = previous
    return (f"## Case lists (budget 150 ms)\n\n{Case.objects.count():,} cases; one township holds about "
            f"{Case.objects.count() // 16:,}.\n\n" + table)


def bench_documents():
    from zongzhi.documents.bench import bench_case_file

    return bench_case_file(log)


def bench_inspections():
    from zongzhi.inspections.bench import bench_inspections as run

    return run(log)


BENCHMARKS = [bench_officer_list, bench_history, bench_case_lists, bench_inspections, bench_documents,
              bench_law_search,
              bench_catalog_import, bench_verify_chain]


def dataset_extra():
    """The case and inspection data the later benchmarks generate (counted from the table statistics: exact
    counts of ten million rows take seconds)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relname IN "
                       "('cases_case', 'subjects_subject', 'inspections_inspection')")
        rows = dict(cursor.fetchall())
    return (f"about {rows.get('cases_case', 0):,} cases, {rows.get('subjects_subject', 0):,} subjects and "
            f"{rows.get('inspections_inspection', 0):,} inspections")


def machine():
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo")
                   if line.startswith("MemTotal")), 0)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), {memory} GiB memory, "
            f"Python {platform.python_version()}, PostgreSQL {pg.split()[0]} on the same machine; load average "
            f"{load} when the measurements ended")


def kept_sections(path: Path) -> list[str]:
    """The sections other scripts write into the same page (between their ``<!-- section: … -->`` markers)."""
    import re

    old = path.read_text(encoding="utf-8") if path.exists() else ""
    return [m.strip() for m in re.findall(r"<!-- section: .*?<!-- end section: [^>]*-->", old, re.S)]


def main():
    setup("--reset" in sys.argv)
    from zongzhi.agencies.models import Agency
    from zongzhi.audit.models import ChangeLogEntry
    from zongzhi.officers.models import Officer

    started = time.perf_counter()
    fresh = generate()
    generated = f"generated in {time.perf_counter() - started:.0f} s" if fresh else "generated earlier"
    sections = []
    for bench in BENCHMARKS:
        log(bench.__name__)
        sections.append(bench())
    target = ROOT / "docs" / "benchmarks.md"
    text = "\n\n".join([
        "# Benchmarks\n\nWritten by `make bench` (scripts/bench.py) and `make loadtest` (scripts/loadtest.py, its own "
        "section at the end); do not edit by hand.",
        f"- Date: {datetime.date.today():%Y-%m-%d}\n- Machine: {machine()}\n"
        f"- Dataset: {Agency.objects.count():,} agencies, {Officer.objects.count():,} officers, "
        f"{ChangeLogEntry.objects.count():,} change-log entries ({generated}); {dataset_extra()}\n"
        f"- Method: django.test.Client in one process (no network), {RUNS} timed requests after 2 warm-ups; "
        "the query count and the SQL time are of one more request. DEBUG as in the embedded mode.",
        *sections,
        *kept_sections(target),
    ]) + "\n"
    target.write_text(text, encoding="utf-8")
    log("written to docs/benchmarks.md")


if __name__ == "__main__":
    main()
