"""Uploads on S3-compatible object storage (MEDIA_STORAGE=s3, django-storages) against a local S3 server (moto in
server mode, from PyPI): evidence files are stored and hashed there, verify_audit reads them back, the backup takes
them and the restore puts them into another bucket, and a missing object is reported."""

import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings

from .test_backup import PYTHON, ROOT, environment, manage

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="run once, in the SQLite run")

KEYS = {"S3_ACCESS_KEY": "zongzhi-test", "S3_SECRET_KEY": "zongzhi-test-secret"}


@pytest.fixture
def s3_server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(Path(settings.BASE_DIR) / ".venv" / "bin" / "moto_server"), "-H", "127.0.0.1", "-p",
                               str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    import boto3

    client = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=KEYS["S3_ACCESS_KEY"],
                          aws_secret_access_key=KEYS["S3_SECRET_KEY"], region_name="us-east-1")
    deadline = time.monotonic() + 60
    while True:
        try:
            client.create_bucket(Bucket="zongzhi-media")
            client.create_bucket(Bucket="zongzhi-restored")
            break
        except Exception:  # noqa: BLE001 - not listening yet
            assert time.monotonic() < deadline and server.poll() is None
            time.sleep(0.3)
    yield endpoint, client
    server.terminate()
    server.wait(timeout=30)


def s3_environment(tmp_path, database, endpoint, bucket):
    env = environment(tmp_path, f"sqlite:///{tmp_path / database}", tmp_path / "unused-media")
    env.update(MEDIA_STORAGE="s3", S3_BUCKET=bucket, S3_ENDPOINT_URL=endpoint, **KEYS)
    return env


def test_evidence_files_on_s3_are_hashed_backed_up_and_restored(tmp_path, s3_server):
    endpoint, client = s3_server
    source = s3_environment(tmp_path, "source.sqlite3", endpoint, "zongzhi-media")
    manage(source, "migrate", "--noinput")
    case_id = subprocess.run([PYTHON, "-m", "zongzhi.operations.tests.writer", "setup"], cwd=ROOT, env=source,
                             capture_output=True, text=True, check=True).stdout.split()[-1]
    writer = subprocess.run([PYTHON, "-m", "zongzhi.operations.tests.writer", "write", case_id, str(tmp_path / "ack"),
                             "3"], cwd=ROOT, env=source, capture_output=True, text=True, check=True)
    summary = json.loads(writer.stdout.splitlines()[-1])
    assert summary["written"] >= 1 and summary["errors"] == []
    keys = [o["Key"] for o in client.list_objects_v2(Bucket="zongzhi-media")["Contents"]]
    assert len(keys) == summary["written"] and all(k.startswith("evidence/") for k in keys)
    assert not (tmp_path / "unused-media").exists()
    assert f"{summary['written']} files match" in manage(source, "verify_audit").stdout

    manage(source, "backup", str(tmp_path / "backups"))
    folder = next((tmp_path / "backups").iterdir())
    assert sorted(json.loads((folder / "manifest.json").read_text())["files"]) == sorted(keys)
    target = s3_environment(tmp_path, "restored.sqlite3", endpoint, "zongzhi-restored")
    manage(target, "restore", str(folder))
    assert sorted(o["Key"] for o in client.list_objects_v2(Bucket="zongzhi-restored")["Contents"]) == sorted(keys)

    client.delete_object(Bucket="zongzhi-restored", Key=keys[0])
    damaged = manage(target, "verify_audit", check=False)
    assert damaged.returncode == 1 and f"{keys[0]}: missing from storage" in damaged.stderr


def test_s3_storage_names_its_missing_values(tmp_path):
    env = environment(tmp_path, f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path / "media")
    env.update(MEDIA_STORAGE="s3", S3_BUCKET="b")
    done = manage(env, "check", check=False)
    assert done.returncode == 1
    assert "S3_ENDPOINT_URL, S3_ACCESS_KEY, S3_SECRET_KEY" in done.stderr
