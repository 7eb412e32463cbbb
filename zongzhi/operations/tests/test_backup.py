"""The backup drill: back up SQLite and PostgreSQL while writers add evidence with files, restore into a new
database and storage, compare every table and every file, verify the audit chain (with its anchors) and every stored
file; the documented tool commands work too. Each drill runs real processes on a real database, once, in the SQLite
run of the suite (the PostgreSQL drill when ZONGZHI_TEST_PG_URL is set)."""

import hashlib
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DOCS = (ROOT / "docs" / "deployment.md").read_text()

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")),
                                reason="drilled once, in the SQLite run (PostgreSQL when ZONGZHI_TEST_PG_URL is set)")


def environment(tmp_path, database_url, media):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "ZONGZHI_", "DATABASE_URL", "MEDIA_", "AUDIT_", "PYTEST"))}
    env.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media), ZONGZHI_VAR_DIR=str(tmp_path / "var"),
               AUDIT_ANCHOR_FILE=str(tmp_path / "anchors.jsonl"), PYTHONPATH=str(ROOT))
    return env


def manage(env, *args, check=True):
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    if check:
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def acknowledged(acks) -> set[int]:
    ids = set()
    for ack in acks:
        if ack.exists():
            ids |= {int(line.split()[0]) for line in ack.read_text().splitlines() if line.strip()}
    return ids


def drill(tmp_path, source_url, target_url, *, writers, rows_of):
    """Writers on the source; a backup in the middle; a restore into the target. Returns what the test compares."""
    source = environment(tmp_path, source_url, tmp_path / "media")
    target = environment(tmp_path, target_url, tmp_path / "restored-media")
    manage(source, "migrate", "--noinput")
    case_id = subprocess.run([PYTHON, "-m", "zongzhi.operations.tests.writer", "setup"], cwd=ROOT, env=source,
                             capture_output=True, text=True, check=True).stdout.split()[-1]
    acks = [tmp_path / f"ack-{n}" for n in range(writers)]
    processes = [subprocess.Popen([PYTHON, "-m", "zongzhi.operations.tests.writer", "write", case_id, str(ack), "240"],
                                  cwd=ROOT, env=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for ack in acks]
    try:
        deadline = time.monotonic() + 180
        while not all(ack.exists() and len(ack.read_text().splitlines()) >= 3 for ack in acks):
            assert time.monotonic() < deadline, "the writers did not get going"
            assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
            time.sleep(0.5)
        manage(source, "anchor_audit")
        before_backup = acknowledged(acks)
        out = manage(source, "backup", str(tmp_path / "backups")).stdout
        writes_during_backup = len(acknowledged(acks)) - len(before_backup)
        time.sleep(2)
    finally:
        for ack in acks:
            ack.with_name(ack.name + ".stop").touch()
    summaries = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr[-3000:]
        summaries.append(json.loads(stdout.strip().splitlines()[-1]))
    folder = next((tmp_path / "backups").iterdir())
    assert str(folder) in out
    restored = manage(target, "restore", str(folder))
    assert "match the manifest" in restored.stdout and "is intact" in restored.stdout
    manifest = json.loads((folder / "manifest.json").read_text())
    return {"source": source, "target": target, "folder": folder, "manifest": manifest, "summaries": summaries,
            "before_backup": before_backup, "during_backup": writes_during_backup,
            "all_acknowledged": acknowledged(acks), "restored_ids": rows_of("SELECT id FROM evidence_evidence")}


def check_drill(result):
    # No writer ever failed: no "database is locked", no lost connection.
    assert all(s["errors"] == [] for s in result["summaries"]), result["summaries"]
    assert sum(s["written"] for s in result["summaries"]) == len(result["all_acknowledged"])
    # Everything acknowledged before the backup began is in the restored database.
    assert result["before_backup"] <= result["restored_ids"]
    # Every file of the backup is in the restored storage with its hash; every evidence file of the restored
    # database is among them.
    manifest, target_media = result["manifest"], Path(result["target"]["MEDIA_ROOT"])
    assert len(manifest["files"]) >= len(result["before_backup"])
    for name, recorded in manifest["files"].items():
        assert hashlib.sha256((target_media / name).read_bytes()).hexdigest() == recorded["sha256"], name
    # verify_audit on the restored installation: the chain, the anchors up to the backup, every stored file.
    verified = manage(result["target"], "verify_audit")
    assert "Audit chain intact" in verified.stdout and "Stored files intact" in verified.stdout


def sqlite_contents(path) -> dict:
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        db.close()


def test_sqlite_backup_under_four_writers_restores_every_table_and_file(tmp_path):
    restored_db = tmp_path / "restored.sqlite3"

    def rows_of(query):
        db = sqlite3.connect(restored_db)
        try:
            return {r[0] for r in db.execute(query)}
        finally:
            db.close()

    result = drill(tmp_path, f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{restored_db}", writers=4,
                   rows_of=rows_of)
    check_drill(result)
    assert result["during_backup"] >= 0
    # Every table of the restored database equals the backup's snapshot, row by row.
    assert sqlite_contents(restored_db) == sqlite_contents(result["folder"] / "database.sqlite3")
    # The source is in WAL mode (readers and the backup never block the writers).
    db = sqlite3.connect(tmp_path / "source.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()

    # A damaged backup is refused before anything is touched.
    victim = next(iter(result["manifest"]["files"]))
    (result["folder"] / "media" / victim).write_bytes(b"damaged")
    refused = manage(environment(tmp_path, f"sqlite:///{tmp_path / 'again.sqlite3'}", tmp_path / "again"),
                     "restore", str(result["folder"]), check=False)
    assert refused.returncode == 1 and "damaged" in refused.stderr and victim in refused.stderr
    assert not (tmp_path / "again").exists()
    # A non-empty database is not overwritten without --force.
    refused = manage(result["target"], "restore", str(result["folder"]), check=False)
    assert refused.returncode == 1


@pytest.mark.skipif(not os.environ.get("ZONGZHI_TEST_PG_URL"), reason="needs ZONGZHI_TEST_PG_URL")
def test_postgresql_backup_under_writers_restores_every_table_and_file(tmp_path):
    import psycopg

    from zongzhi.operations.backup import postgresql_digests

    url = urllib.parse.urlparse(os.environ["ZONGZHI_TEST_PG_URL"])
    base = url.path.lstrip("/") or "zongzhi"
    names = {role: f"{base}_drill_{role}" for role in ("source", "target", "tools")}
    admin = url._replace(path="/postgres").geturl()
    urls = {role: url._replace(path=f"/{name}").geturl() for role, name in names.items()}
    with psycopg.connect(admin, autocommit=True) as connection:
        for name in names.values():
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    try:
        def rows_of(query):
            with psycopg.connect(urls["target"]) as connection:
                return {r[0] for r in connection.execute(query)}

        result = drill(tmp_path, urls["source"], urls["target"], writers=3, rows_of=rows_of)
        check_drill(result)
        with psycopg.connect(urls["target"]) as connection:
            assert postgresql_digests(connection) == result["manifest"]["tables"]

        # The documented pg_restore line restores the dump into an empty database (exit status 0).
        line = next(line for line in DOCS.splitlines() if line.startswith("pg_restore "))
        command = shlex.split(line.replace("zongzhi_restored", names["tools"])
                              .replace("zongzhi-backup-<time>/database.dump", str(result["folder"] / "database.dump")))
        libpq = {**os.environ, "PGHOST": url.hostname, "PGPORT": str(url.port or 5432), "PGUSER": url.username or ""}
        done = subprocess.run(command, env=libpq, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        with psycopg.connect(urls["tools"]) as connection:
            assert postgresql_digests(connection) == result["manifest"]["tables"]
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            for name in names.values():
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(not shutil.which("sqlite3"), reason="the sqlite3 command-line tool is not installed")
def test_the_documented_sqlite_backup_command_works_under_writes(tmp_path):
    line = next(line for line in DOCS.splitlines() if "sqlite3 var/zongzhi.sqlite3" in line)
    command = line.split("`")[1]
    source = environment(tmp_path, f"sqlite:///{tmp_path / 'zongzhi.sqlite3'}", tmp_path / "media")
    manage(source, "migrate", "--noinput")
    case_id = subprocess.run([PYTHON, "-m", "zongzhi.operations.tests.writer", "setup"], cwd=ROOT, env=source,
                             capture_output=True, text=True, check=True).stdout.split()[-1]
    ack = tmp_path / "ack"
    writer = subprocess.Popen([PYTHON, "-m", "zongzhi.operations.tests.writer", "write", case_id, str(ack), "120"],
                              cwd=ROOT, env=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (ack.exists() and len(ack.read_text().splitlines()) >= 3):
            assert time.monotonic() < deadline and writer.poll() is None
            time.sleep(0.5)
        done = subprocess.run(["bash", "-c", command.replace("var/zongzhi.sqlite3", str(tmp_path / "zongzhi.sqlite3"))],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    finally:
        ack.with_name("ack.stop").touch()
        writer.communicate(timeout=120)
    copy = sqlite3.connect(tmp_path / "zongzhi.sqlite3.bak")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM evidence_evidence").fetchone()[0] >= 3
    copy.close()
