#!/usr/bin/env python
"""make loadtest: the production setup under load and faults, measured; figures to a section of docs/benchmarks.md.

1. Load: gunicorn (deploy/gunicorn.conf.py, production settings) on PostgreSQL with the demo county (built once in
   the database ``zongzhi_load``; DATABASE_URL overrides), 50 locust users (scripts/locustfile.py) for
   LOADTEST_SECONDS (default 150). A backup is taken in the middle of it and restored into a second database.
2. Faults: 8 API writers register clues while PostgreSQL is restarted (``pg_ctlcluster --skip-systemctl-redirect``;
   only here, never in ``make test``) and then a gunicorn worker is killed; every acknowledged write must be in the
   database afterwards, every error must be JSON, and the application must recover by itself.
3. The embedded mode: gunicorn on SQLite, 8 writers for 30 s; no request may answer "database is locked".

Everything runs on 127.0.0.1, bounded in time, and stops by itself. Progress goes to stderr; the section written to
docs/benchmarks.md holds only the figures.
"""

import csv
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BIN = ROOT / ".venv" / "bin"
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/zongzhi_load")
LOAD_SECONDS = int(os.environ.get("LOADTEST_SECONDS", "150"))
USERS = 50
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "5"))
WRITERS = 8
BEGIN, END = "<!-- section: load and faults -->", "<!-- end section: load and faults -->"


def log(message):
    print(f"[loadtest {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZONGZHI_", "DJANGO_", "DATABASE_URL"))}
    env.update(PYTHONPATH=str(ROOT), **extra)
    return env


def manage(env, *args, quiet=True):
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=quiet, text=True)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{(done.stdout or '')[-2000:]}{(done.stderr or '')[-2000:]}")
    return done


# --- PostgreSQL -------------------------------------------------------------------------------------------------


def pg(url=DATABASE_URL, database=None):
    import psycopg

    parts = urllib.parse.urlparse(url)
    if database:
        parts = parts._replace(path=f"/{database}")
    return psycopg.connect(parts.geturl(), autocommit=True)


def database_name(url=DATABASE_URL) -> str:
    return urllib.parse.urlparse(url).path.lstrip("/")


def recreate(name):
    with pg(database="postgres") as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def ensure_demo(var):
    """The demo county in the load database, built once (build_demo refuses production, so it runs embedded)."""
    name = database_name()
    with pg(database="postgres") as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists:
        with pg() as connection:
            built = connection.execute("SELECT to_regclass('users_user') IS NOT NULL").fetchone()[0] and \
                connection.execute("SELECT count(*) FROM users_user WHERE username = 'officer'").fetchone()[0]
        if built:
            return "built earlier"
    else:
        recreate(name)
    log("building the demo county (a few minutes, once)")
    started = time.perf_counter()
    env = base_env(DATABASE_URL=DATABASE_URL, ZONGZHI_VAR_DIR=str(var))
    manage(env, "migrate", "--noinput")
    manage(env, "build_demo")
    return f"built in {time.perf_counter() - started:.0f} s"


# --- gunicorn ---------------------------------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, env, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(WORKERS)}
        self.log = open(log_path, "w")
        self.process = subprocess.Popen([str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT,
                                        env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait()

    def wait(self, seconds=120):
        import requests

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/health/", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None:
                raise SystemExit("gunicorn stopped; see its log")
            time.sleep(0.5)
        raise SystemExit("gunicorn did not answer /health/ in time")

    def workers(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in out.split()]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()


def production_env(database_url, var, **extra):
    return base_env(ZONGZHI_ENV="production", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1,localhost",
                    PUBLIC_BASE_URL="http://127.0.0.1", HTTPS="0", DATABASE_URL=database_url,
                    ZONGZHI_VAR_DIR=str(var), AUDIT_ANCHOR_FILE=str(var / "anchors.jsonl"), CONN_MAX_AGE="60",
                    LOG_LEVEL="WARNING", **extra)


# --- 1. load ----------------------------------------------------------------------------------------------------


def documents_for_public(limit=50):
    with pg() as connection:
        return connection.execute("SELECT number, verification_code FROM documents_generateddocument "
                                  "WHERE status = 'issued' ORDER BY id LIMIT %s", [limit]).fetchall()


def run_load(server, work: Path):
    data = work / "data.json"
    data.write_text(json.dumps({"documents": documents_for_public()}, ensure_ascii=False))
    prefix = work / "locust"
    command = [str(BIN / "locust"), "-f", str(ROOT / "scripts" / "locustfile.py"), "--headless", "--users", str(USERS),
               "--spawn-rate", "10", "--run-time", f"{LOAD_SECONDS}s", "--stop-timeout", "10", "--host", server.url,
               "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]
    log(f"locust: {USERS} users for {LOAD_SECONDS} s against {server.url}")
    with open(work / "locust.log", "w") as out:
        locust = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "LOADTEST_DATA": str(data)}, stdout=out,
                                  stderr=subprocess.STDOUT)
        time.sleep(min(60, LOAD_SECONDS / 3))
        drill = backup_drill(server.env, work)
        locust.wait(timeout=LOAD_SECONDS + 120)
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv"))) if Path(f"{prefix}_failures.csv").exists() else []
    return rows, failures, drill


def backup_drill(env, work: Path):
    """A backup while the users work, restored into a second database and compared."""
    log("backup under load")
    started = time.perf_counter()
    out = manage(env, "backup", str(work / "backups")).stdout
    backup_seconds = time.perf_counter() - started
    folder = Path(re.search(r"Backup written to (\S+):", out).group(1))
    manifest = json.loads((folder / "manifest.json").read_text())
    restored_name = database_name() + "_restored"
    recreate(restored_name)
    parts = urllib.parse.urlparse(DATABASE_URL)._replace(path=f"/{restored_name}").geturl()
    target = {**env, "DATABASE_URL": parts, "MEDIA_ROOT": str(work / "restored-media")}
    log("restore into a new database")
    started = time.perf_counter()
    restored = subprocess.run([PYTHON, "manage.py", "restore", str(folder)], cwd=ROOT, env=target,
                              capture_output=True, text=True)
    restore_seconds = time.perf_counter() - started
    with pg(database="postgres") as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
    return {"backup_s": backup_seconds, "restore_s": restore_seconds, "ok": restored.returncode == 0,
            "message": (restored.stdout + restored.stderr).strip().splitlines()[-1],
            "tables": len(manifest["tables"]), "rows": sum(t["rows"] for t in manifest["tables"].values()),
            "files": len(manifest["files"]), "entries": manifest["audit_head"]["count"],
            "size_mb": sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6}


# --- 2. faults --------------------------------------------------------------------------------------------------


class Writers:
    """WRITERS threads registering clues through the API as fast as the server answers."""

    def __init__(self, url, username, password, payload):
        self.url, self.username, self.password, self.payload = url, username, password, payload
        self.stop = threading.Event()
        self.results = []  # (time, status, is_json, clue id or None)
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(WRITERS)]

    def session(self):
        import requests

        s = requests.Session()
        page = s.get(self.url + "/login/", timeout=30).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        s.post(self.url + "/login/", {"csrfmiddlewaretoken": token, "username": self.username,
                                      "password": self.password}, headers={"Referer": self.url + "/login/"},
               timeout=30)
        s.headers.update({"X-CSRFToken": s.cookies.get("csrftoken", ""), "Referer": self.url + "/"})
        return s

    def run(self):
        import requests

        s = self.session()
        while not self.stop.is_set():
            body = {**self.payload, "description": f"故障测试线索 {uuid.uuid4().hex}"}
            try:
                response = s.post(self.url + "/api/v1/clues/", json=body, timeout=60)
                is_json = response.headers.get("Content-Type", "").startswith("application/json")
                clue = response.json().get("id") if response.status_code == 201 else None
                text = "" if response.status_code < 500 else response.text[:300]
                result = (time.monotonic(), response.status_code, is_json, clue, text)
            except requests.RequestException as error:
                result = (time.monotonic(), 0, False, None, type(error).__name__)
                time.sleep(0.2)
            with self.lock:
                self.results.append(result)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=90)


def clue_payload(url, username, password):
    writers = Writers(url, username, password, {})
    clue = writers.session().get(url + "/api/v1/clues/?page_size=1", timeout=30).json()["results"][0]
    return {k: clue[k] for k in ("agency", "region", "source", "category", "matter", "address")}


def summarise(results, since, until):
    window = [r for r in results if since <= r[0] <= until]
    errors = [r for r in window if r[1] != 201]
    return {"requests": len(window), "acknowledged": sum(1 for r in window if r[1] == 201),
            "errors": len(errors), "statuses": sorted({r[1] for r in errors}),
            "json_errors": sum(1 for r in errors if r[2]), "dropped": sum(1 for r in errors if r[1] == 0),
            "samples": sorted({r[4] for r in errors if r[4]})[:3]}


def restart_postgresql():
    clusters = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not clusters or not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        return None
    started = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1], "main", "restart"], check=True,
                   capture_output=True)
    return started, time.monotonic()


def run_faults(server):
    payload = clue_payload(server.url, "officer", "zongzhi2026")
    master = server.process.pid
    outcome = {}
    with Writers(server.url, "officer", "zongzhi2026", payload) as writers:
        time.sleep(8)
        log("restarting PostgreSQL under writes")
        restart = restart_postgresql()
        time.sleep(10)
        victim = server.workers()[0]
        log(f"killing gunicorn worker {victim} under writes")
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        time.sleep(10)
    results = writers.results
    first, last = results[0][0], results[-1][0]
    if restart:
        outcome["restart"] = summarise(results, restart[0], killed_at)
        outcome["restart"]["took_s"] = restart[1] - restart[0]
        after = [r[0] for r in results if r[0] > restart[1] and r[1] == 201]
        outcome["restart"]["recovered_s"] = (after[0] - restart[1]) if after else None
        errors = [r[0] for r in results if restart[0] <= r[0] <= killed_at and r[1] != 201]
        outcome["restart"]["errors_within_s"] = (max(errors) - restart[0]) if errors else 0
    outcome["kill"] = summarise(results, killed_at, last)
    outcome["all"] = summarise(results, first, last)
    acknowledged = [r[3] for r in results if r[1] == 201]
    with pg() as connection:
        found = connection.execute("SELECT count(*) FROM cases_clue WHERE id = ANY(%s)", [acknowledged]).fetchone()[0]
    outcome["acknowledged"], outcome["found"] = len(acknowledged), found
    outcome["same_master"] = server.process.poll() is None and server.process.pid == master
    outcome["workers_after"] = len(server.workers())
    import requests

    outcome["health_after"] = requests.get(server.url + "/health/", timeout=30).status_code
    return outcome


# --- 3. embedded SQLite -----------------------------------------------------------------------------------------


def run_sqlite(work: Path):
    var = work / "embedded"
    env = base_env(DATABASE_URL=f"sqlite:///{var / 'zongzhi.sqlite3'}", ZONGZHI_VAR_DIR=str(var))
    log("embedded mode: SQLite, migrate and a test world")
    manage(env, "migrate", "--noinput")
    subprocess.run([PYTHON, "-m", "zongzhi.operations.tests.writer", "setup"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    import sqlite3

    db = sqlite3.connect(var / "zongzhi.sqlite3")
    agency = db.execute("SELECT id FROM agencies_agency WHERE name = '城关街道综合行政执法队'").fetchone()[0]
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    db.close()
    server = Gunicorn({**env, "DEBUG": "0"}, work / "gunicorn-sqlite.log")
    try:
        with Writers(server.url, "officer_a", "Zongzhi-test-2026",
                     {"agency": agency, "source": "patrol", "address": "城关街道东关村"}) as writers:
            time.sleep(30)
        results = writers.results
        outcome = summarise(results, results[0][0], results[-1][0])
    finally:
        server.stop()
    locked = (work / "gunicorn-sqlite.log").read_text().count("database is locked")
    acknowledged = [r[3] for r in results if r[1] == 201]
    db = sqlite3.connect(var / "zongzhi.sqlite3")
    found = db.execute(f"SELECT count(*) FROM cases_clue WHERE id IN ({','.join('?' * len(acknowledged))})",
                       acknowledged).fetchone()[0] if acknowledged else 0
    db.close()
    return {**outcome, "locked": locked, "journal_mode": mode, "found": found,
            "rate": outcome["acknowledged"] / max(1e-9, results[-1][0] - results[0][0])}


# --- the section ------------------------------------------------------------------------------------------------


def number(value, digits=0):
    return f"{float(value):,.{digits}f}"


def machine():
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    with pg() as connection:
        version = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    return (f"{os.cpu_count()} CPUs ({platform.machine()}), Python {platform.python_version()}, PostgreSQL {version} "
            f"on the same machine; load average {load} at the end")


def section(rows, failures, drill, faults, embedded, demo):
    lines = [BEGIN, "## Load and faults (`make loadtest`)", "",
             f"- Date: {datetime.date.today():%Y-%m-%d}; {machine()}",
             f"- Setup: gunicorn with `deploy/gunicorn.conf.py` ({WORKERS} sync workers), production settings "
             f"(DEBUG off, JSON logs), PostgreSQL, the demo county ({demo}); locust {USERS} users "
             "(20 township officers, 8 township leaders, 6 justice bureau, 6 department liaisons, 10 public), 1–3 s "
             f"between two requests of a user, {LOAD_SECONDS} s (scripts/locustfile.py)", "",
             "| page | requests | errors | p50 ms | p95 ms | p99 ms |", "|---|---:|---:|---:|---:|---:|"]
    total = None
    for row in rows:
        if row["Name"] == "Aggregated":
            total = row
            continue
        name = row["Name"] if row["Type"] == "GET" else f"{row['Name']}"
        lines.append(f"| `{name}` | {number(row['Request Count'])} | {number(row['Failure Count'])} | "
                     f"{number(row['50%'])} | {number(row['95%'])} | {number(row['99%'])} |")
    if total:
        lines.append(f"| **all** | {number(total['Request Count'])} | {number(total['Failure Count'])} | "
                     f"{number(total['50%'])} | {number(total['95%'])} | {number(total['99%'])} |")
        lines += ["", f"{number(total['Requests/s'], 1)} requests/s in all."]
    if failures:
        lines += ["", "Errors: " + "; ".join(f"{f['Method']} {f['Name']}: {f['Error'][:120]} ({f['Occurrences']}×)"
                                           for f in failures[:8]) + "."]
    lines += ["", "### Backup under load", "",
              f"`manage.py backup` while the users worked: {drill['tables']} tables, {number(drill['rows'])} rows, "
              f"{drill['files']} files, audit chain of {number(drill['entries'])} entries, {drill['size_mb']:.0f} MB, "
              f"in {drill['backup_s']:.0f} s. `manage.py restore` into a new database and storage: "
              f"{drill['restore_s']:.0f} s; " + ("every table and file matched the manifest, `verify_audit` passed."
                                                  if drill["ok"] else f"FAILED: {drill['message']}")]
    lines += ["", "### Faults under writes", "",
              f"{WRITERS} API clients registered clues (`POST /api/v1/clues/`) as fast as answered."]
    if "restart" in faults:
        r = faults["restart"]
        recovered = f"{r['recovered_s']:.1f} s" if r["recovered_s"] is not None else "never"
        lines.append(f"- PostgreSQL restarted (took {r['took_s']:.1f} s): {r['requests']} requests from the restart "
                     f"to the worker kill, {r['errors']} errors (status {', '.join(map(str, r['statuses'])) or '—'}; "
                     f"{r['json_errors']} of them JSON, {r['dropped']} without an answer), all within "
                     f"{r['errors_within_s']:.1f} s of the restart; first acknowledged write {recovered} after it; "
                     "gunicorn was not restarted.")
    else:
        lines.append("- PostgreSQL restart: skipped (needs root and pg_ctlcluster).")
    k = faults["kill"]
    lines.append(f"- A gunicorn worker killed (SIGKILL): {k['requests']} requests afterwards, {k['errors']} errors "
                 f"(status {', '.join(map(str, k['statuses'])) or '—'}; {k['dropped']} without an answer: the "
                 f"requests the worker was serving); {faults['workers_after']} workers afterwards.")
    lines.append(f"- Acknowledged writes (201): {faults['acknowledged']}; found in the database afterwards: "
                 f"{faults['found']}. Health after the faults: {faults['health_after']}; same gunicorn master: "
                 f"{'yes' if faults['same_master'] else 'NO'}.")
    if faults["all"]["samples"]:
        lines.append(f"- Error bodies seen: {'; '.join(faults['all']['samples'])}")
    e = embedded
    lines += ["", "### Embedded mode (SQLite)", "",
              f"gunicorn ({WORKERS} workers) on SQLite (journal mode {e['journal_mode']}), {WRITERS} writers for "
              f"30 s: {e['requests']} requests, {e['acknowledged']} acknowledged ({e['rate']:.1f} writes/s), "
              f"{e['errors']} errors, {e['found']} found in the database; \"database is locked\": "
              f"{e['locked']} times.", END]
    return "\n".join(lines)


def write_section(text):
    path = ROOT / "docs" / "benchmarks.md"
    old = path.read_text(encoding="utf-8")
    if BEGIN in old:
        old = old[:old.index(BEGIN)].rstrip() + old[old.index(END) + len(END):]
    path.write_text(old.rstrip() + "\n\n" + text + "\n", encoding="utf-8")


def main():
    var = ROOT / "var" / "loadtest"
    var.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="zongzhi-loadtest-"))
    demo = ensure_demo(var)
    env = production_env(DATABASE_URL, var)
    log("collectstatic")
    manage(env, "collectstatic", "--noinput")
    server = Gunicorn(env, work / "gunicorn.log")
    try:
        rows, failures, drill = run_load(server, work)
        log("faults")
        faults = run_faults(server)
    finally:
        server.stop()
    embedded = run_sqlite(work)
    write_section(section(rows, failures, drill, faults, embedded, demo))
    log(f"written to docs/benchmarks.md (logs in {work})")
    if faults["found"] != faults["acknowledged"] or embedded["locked"] or not drill["ok"]:
        raise SystemExit("an acknowledged write was lost, SQLite was locked or the restore failed: see docs/benchmarks.md")


if __name__ == "__main__":
    main()
