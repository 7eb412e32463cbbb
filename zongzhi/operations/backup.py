"""Backup and restore of the database and the media storage, with a manifest of hashes (docs/deployment.md).

A backup is one folder: the database (``pg_dump --format=custom``, or an online copy of SQLite through its backup
API), every file of the media storage, and ``manifest.json`` with the SHA-256 of each, and each table's row count and
content hash at the moment of the snapshot. Both engines take the snapshot while the server goes on writing: SQLite's
backup copies one read transaction (WAL lets writers go on), PostgreSQL's dump and the table hashes read one exported
snapshot. The files are copied after the snapshot, so every file the database refers to is there."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from zongzhi.audit.models import GENESIS, AuditChainHead
from zongzhi.audit.services import read_anchors, verify_chain, verify_files

MANIFEST = "manifest.json"
PREFIX = "zongzhi-backup-"
FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _sha256_file(path: Path) -> str:
    with open(path, "rb") as handle:
        return _sha256(handle)


# --- table contents -----------------------------------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_digests(path) -> dict:
    """{table: {"rows", "sha256"}} of every table of an SQLite file, rows in primary-key order."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        result = {}
        for table in tables:
            info = db.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
            keys = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]] or [c[1] for c in info]
            order = ", ".join(_quote(k) for k in keys)
            rows = (repr(row) for row in db.execute(f"SELECT * FROM {_quote(table)} ORDER BY {order}"))
            result[table] = _digest(rows)
        return result
    finally:
        db.close()


def postgresql_digests(raw) -> dict:
    """The same for the PostgreSQL database of the psycopg connection ``raw``, read in its current transaction
    (each row as PostgreSQL's own text form of the row)."""
    with raw.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        tables = [r[0] for r in cursor.fetchall()]
        keys = {}
        for table in tables:
            cursor.execute("""SELECT a.attname FROM pg_index i
                              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                              WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY a.attnum""",
                           [_quote(table)])
            keys[table] = [r[0] for r in cursor.fetchall()]
    result = {}
    for table in tables:
        order = ", ".join(_quote(k) for k in keys[table]) or "t::text"
        with raw.cursor(name=f"digest_{len(result)}") as cursor:
            cursor.itersize = 5000
            cursor.execute(f"SELECT t::text FROM {_quote(table)} AS t ORDER BY {order}")
            result[table] = _digest(row[0] for row in cursor)
    return result


def _digest(rows) -> dict:
    digest, count = hashlib.sha256(), 0
    for row in rows:
        digest.update(row.encode("utf-8"))
        digest.update(b"\n")
        count += 1
    return {"rows": count, "sha256": digest.hexdigest()}


# --- media ----------------------------------------------------------------------------------------------------------


def storage_files(storage=None, folder=""):
    """Every file name in the storage (recursively)."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from storage_files(storage, f"{folder}/{sub}" if folder else sub)


def _copy_out(storage, name, target: Path) -> dict:
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as source, open(target, "wb") as out:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


# --- backup ---------------------------------------------------------------------------------------------------------


def _libpq_env(db) -> dict:
    values = {"PGHOST": db.get("HOST"), "PGPORT": str(db.get("PORT") or ""), "PGUSER": db.get("USER"),
              "PGPASSWORD": db.get("PASSWORD"), "PGDATABASE": db["NAME"]}
    return {**os.environ, **{k: v for k, v in values.items() if v}}


def _head() -> dict:
    head = AuditChainHead.objects.filter(pk=1).first()
    return {"last_id": head.last_id, "count": head.count, "hash": head.last_hash} if head else \
        {"last_id": 0, "count": 0, "hash": GENESIS}


def _backup_sqlite(target: Path) -> tuple[dict, dict]:
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=60)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # one step: one read transaction, a consistent snapshot
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        copy.close()
        source.close()
    db = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT last_id, count, last_hash FROM audit_auditchainhead WHERE id = 1").fetchone()
    finally:
        db.close()
    head = {"last_id": row[0], "count": row[1], "hash": row[2]} if row else {"last_id": 0, "count": 0,
                                                                              "hash": GENESIS}
    return sqlite_digests(target), head


def _backup_postgresql(target: Path) -> tuple[dict, dict]:
    db = settings.DATABASES["default"]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        # pg_dump reads the same snapshot as the hashes below, while this transaction stays open.
        dump = subprocess.Popen(["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}",
                                 f"--file={target}"], env=_libpq_env(db), stderr=subprocess.PIPE, text=True)
        tables = postgresql_digests(connection.connection)
        head = _head()
        _, errors = dump.communicate()
    if dump.returncode:
        raise BackupError(f"pg_dump failed: {errors.strip()}")
    return tables, head


def backup(destination=None, *, keep=None) -> Path:
    """Write a backup folder under ``destination`` (default BACKUP_DIR) and return it."""
    started = timezone.now()
    root = Path(destination or settings.BACKUP_DIR)
    folder = root / f"{PREFIX}{timezone.localtime(started):%Y%m%dT%H%M%S}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = root / f"{PREFIX}{timezone.localtime(started):%Y%m%dT%H%M%S}-{suffix}"
    folder.mkdir(parents=True)
    vendor = connection.vendor
    if vendor == "sqlite":
        database = folder / "database.sqlite3"
        tables, head = _backup_sqlite(database)
    elif vendor == "postgresql":
        database = folder / "database.dump"
        tables, head = _backup_postgresql(database)
    else:
        raise BackupError(f"backups of {vendor} are not supported")
    files = {name: _copy_out(default_storage, name, folder / "media" / name) for name in storage_files()}
    manifest = {
        "format": FORMAT, "created": started.isoformat(), "finished": timezone.now().isoformat(), "engine": vendor,
        "database": {"file": database.name, "sha256": _sha256_file(database), "size": database.stat().st_size},
        "audit_head": head, "tables": tables, "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False))
    if keep:
        prune(root, keep)
    return folder


def prune(root: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` complete backups in ``root``."""
    complete = sorted(p for p in root.glob(f"{PREFIX}*") if (p / MANIFEST).exists())
    removed = complete[:-keep] if keep > 0 else []
    for path in removed:
        shutil.rmtree(path)
    return removed


# --- restore --------------------------------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder / MANIFEST}: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder}: unknown backup format {manifest.get('format')!r}")
    return manifest


def check_backup(folder: Path, manifest: dict) -> list[str]:
    """Every hash of the manifest against the folder: [] when the backup is whole."""
    problems = []
    database = folder / manifest["database"]["file"]
    if not database.exists() or _sha256_file(database) != manifest["database"]["sha256"]:
        problems.append(f"{database.name}: missing or changed")
    for name, recorded in manifest["files"].items():
        path = folder / "media" / name
        if not path.exists() or _sha256_file(path) != recorded["sha256"]:
            problems.append(f"media/{name}: missing or changed")
    return problems


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _restore_sqlite(source: Path):
    target = Path(settings.DATABASES["default"]["NAME"])
    connection.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".restoring")
    shutil.copyfile(source, temporary)
    for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)  # a journal of the old database would be applied to the new one
    os.replace(temporary, target)
    connection.close()
    return sqlite_digests(target)


def _restore_postgresql(source: Path):
    db = settings.DATABASES["default"]
    connection.close()
    done = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error",
                           f"--dbname={db['NAME']}", str(source)], env=_libpq_env(db), capture_output=True,
                          text=True)
    if done.returncode:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return postgresql_digests(connection.connection)


def _restore_file(storage, name, path: Path, recorded) -> None:
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            current = _sha256(handle)
        if current == recorded["sha256"]:
            return
        storage.delete(name)
    with open(path, "rb") as handle:
        stored = storage.save(name, File(handle, name=os.path.basename(name)))
    if stored != name:
        raise BackupError(f"storage stored {name} as {stored}")


def restore(folder, *, force=False) -> dict:
    """Load a backup into the configured database and storage, then compare everything with the manifest. Returns
    {"tables", "files", "entries", "problems", "newer_anchors"}; ``problems`` empty when the restore is exact."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    damaged = check_backup(folder, manifest)
    if damaged:
        raise BackupError("the backup is damaged: " + "; ".join(damaged[:10]))
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"the backup is of {manifest['engine']}, the configured database is {connection.vendor}")
    if not force and not _database_is_empty():
        raise BackupError("the configured database is not empty (restore into a new one, or use --force)")
    database = folder / manifest["database"]["file"]
    tables = _restore_sqlite(database) if connection.vendor == "sqlite" else _restore_postgresql(database)
    for name, recorded in manifest["files"].items():
        _restore_file(default_storage, name, folder / "media" / name, recorded)

    problems = [f"table {name}: {tables.get(name)} instead of {recorded}"
                for name, recorded in manifest["tables"].items() if tables.get(name) != recorded]
    problems += [f"table {name}: not in the backup" for name in tables if name not in manifest["tables"]]
    for name, recorded in manifest["files"].items():
        with default_storage.open(name, "rb") as handle:
            if _sha256(handle) != recorded["sha256"]:
                problems.append(f"file {name}: differs after the restore")
    head = manifest["audit_head"]
    anchors = read_anchors()
    covered = [a for a in anchors if a["last_id"] <= head["last_id"]]
    entries = 0
    try:
        entries = verify_chain(anchors=covered)
    except Exception as broken:  # noqa: BLE001 - reported with the rest
        problems.append(f"audit chain: {broken}")
    checked, damaged_files = verify_files()
    problems += damaged_files
    return {"tables": len(tables), "rows": sum(t["rows"] for t in tables.values()), "files": len(manifest["files"]),
            "stored_files_checked": checked, "entries": entries, "problems": problems,
            "newer_anchors": [a for a in anchors if a["last_id"] > head["last_id"]], "created": manifest["created"]}
