"""A fresh checkout deploys with the production steps of docs/deployment.md, command by command, with
deploy/env.example, deploy/gunicorn.conf.py and deploy/nginx.conf, and serves pages over HTTPS.

Runs once, in the SQLite run of the suite (the PostgreSQL run would repeat it): on PostgreSQL when
ZONGZHI_TEST_PG_URL is set (a database of its own), else on SQLite."""

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOCS = ROOT / "docs" / "deployment.md"
HOST = "zongzhi.example.gov.cn"
ENV_FILE = "/etc/zongzhi/env"

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")),
                                reason="deployed once, in the SQLite run (on PostgreSQL when ZONGZHI_TEST_PG_URL is set)")


def documented_steps() -> list[str]:
    block = DOCS.read_text().split("### Steps", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_checkout(target: Path):
    """What `git clone` gives: the files git knows (committed or about to be), nothing ignored (no var/, no .mo)."""
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def env_file(path: Path, values: dict):
    """deploy/env.example with this test's values in place of the examples."""
    lines, seen = [], set()
    for line in (ROOT / "deploy" / "env.example").read_text().splitlines():
        if line.startswith("#") or "=" not in line:
            continue
        key = line.split("=", 1)[0]
        seen.add(key)
        lines.append(f"{key}={values.get(key, line.split('=', 1)[1])}")
    assert set(values) <= seen, f"deploy/env.example lacks {set(values) - seen}"
    path.write_text("\n".join(lines) + "\n")


@pytest.fixture
def database():
    pg = os.environ.get("ZONGZHI_TEST_PG_URL")
    if not pg:
        yield None
        return
    import psycopg

    url = urllib.parse.urlparse(pg)
    name = f"{url.path.lstrip('/') or 'zongzhi'}_deploy"
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield url._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Site:
    """HTTP(S) to 127.0.0.1 with the site's host name, keeping cookies."""

    def __init__(self, port, tls):
        self.port, self.tls, self.cookies = port, tls, {}

    def request(self, method, path, body=None, headers=None):
        if self.tls:
            connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30,
                                                     context=ssl._create_unverified_context())
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": HOST, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.body = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        connection.close()
        return response


def wait_for(site, path="/health/", seconds=120):
    """The first answer of gunicorn itself (nginx answers 502 until gunicorn listens)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            response = site.request("GET", path)
            if response.status != 502:
                return response
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"no answer from gunicorn at {path} in {seconds} s")
        time.sleep(0.5)


def test_a_fresh_checkout_deploys_with_the_documented_steps(tmp_path, database):
    steps = documented_steps()
    assert steps[0].startswith("git clone") and steps[1].startswith("python3.11 -m venv")
    assert steps[-1] == ".venv/bin/gunicorn -c deploy/gunicorn.conf.py"
    checkout = tmp_path / "zongzhi"
    checkout.mkdir()
    fresh_checkout(checkout)
    # The documented virtualenv, already installed from the same requirements.txt: the suite's own.
    (checkout / ".venv").symlink_to(Path(settings.BASE_DIR, ".venv").resolve())
    gunicorn_port, http_port, https_port = free_port(), free_port(), free_port()
    env_path = tmp_path / "env"
    env_file(env_path, {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database or f"sqlite:///{tmp_path / 'zongzhi.sqlite3'}",
        "ZONGZHI_VAR_DIR": str(tmp_path / "var"),
        "AUDIT_ANCHOR_FILE": str(tmp_path / "anchors" / "audit-anchors.jsonl"),
        "GUNICORN_BIND": f"127.0.0.1:{gunicorn_port}",
        "PUBLIC_BASE_URL": f"https://{HOST}:{https_port}",
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{https_port}",
    })
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("DJANGO_", "ZONGZHI_", "DATABASE_URL", "PYTEST", "STATIC_ROOT", "MEDIA_"))}
    environment.update(DJANGO_SUPERUSER_USERNAME="root", DJANGO_SUPERUSER_PASSWORD="Deploy-Test-2026",
                       DJANGO_SUPERUSER_EMAIL="root@example.gov.cn", GUNICORN_WORKERS="2")
    script = ["set -euo pipefail"]
    for step in steps[2:-1]:
        step = step.replace(ENV_FILE, str(env_path))
        if step.endswith("manage.py createsuperuser"):
            step += " --noinput"  # the values come from DJANGO_SUPERUSER_* instead of the prompt
        script.append(step)
    done = subprocess.run(["bash", "-c", "\n".join(script)], cwd=checkout, env=environment, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    weak = set(re.findall(r"security\.W\d+", done.stdout + done.stderr)) - {"security.W005", "security.W021"}
    assert not weak, done.stderr[-3000:]

    log = open(tmp_path / "gunicorn.log", "w")
    server = subprocess.Popen(["bash", "-c", f"set -a && . {env_path} && set +a && exec {steps[-1]}"], cwd=checkout,
                              env=environment, stdout=log, stderr=subprocess.STDOUT)
    proxy = None
    try:
        if shutil.which("nginx"):
            proxy = start_nginx(tmp_path, gunicorn_port, http_port, https_port)
            site, plain = Site(https_port, tls=True), Site(http_port, tls=False)
        else:  # without nginx, straight to gunicorn, as the proxy would call it
            site, plain = Site(gunicorn_port, tls=False), Site(gunicorn_port, tls=False)
        served(site, plain, tls=proxy is not None)
    finally:
        for process in (proxy, server):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
        log.close()
    records = [json.loads(line) for line in (tmp_path / "gunicorn.log").read_text().splitlines() if line.strip()]
    access = [r for r in records if r.get("logger") == "gunicorn.access"]
    assert any(r["path"] == "/login/" and r["status"] == 200 and r.get("request_id") for r in access)


def served(site, plain, *, tls):
    health = wait_for(plain)
    assert health.status == 200, health.body
    assert json.loads(health.body)["status"] == "ok"
    if tls:
        redirect = plain.request("GET", "/login/")
        assert redirect.status == 301 and redirect.getheader("Location").startswith("https://")
    extra = {} if tls else {"X-Forwarded-Proto": "https"}
    login = site.request("GET", "/login/", headers=extra)
    assert login.status == 200
    assert login.getheader("Strict-Transport-Security", "").startswith("max-age=31536000")
    assert "Secure" in login.getheader("Set-Cookie", "")
    page = login.body.decode()
    stylesheet = re.search(r'href="(/static/vendor/tabler/tabler\.min\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the page names the hashed static file"
    asset = site.request("GET", stylesheet.group(1), headers={"Accept-Encoding": "gzip", **extra})
    assert asset.status == 200 and asset.getheader("Content-Encoding") == "gzip"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    origin = f"https://{HOST}:{site.port}" if tls else f"https://{HOST}"
    signed_in = site.request("POST", "/login/", urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "root", "password": "Deploy-Test-2026"}),
        {"Content-Type": "application/x-www-form-urlencoded", "Referer": origin + "/login/", "Origin": origin,
         **extra})
    assert signed_in.status == 302, signed_in.body.decode()[:2000]
    assert "sessionid" in site.cookies
    for path, text in [("/", "root"), ("/regions/", "襄城县"), ("/laws/", "行政处罚法"),
                       ("/deadlines/rules/", "行政处罚法")]:
        response = site.request("GET", path, headers=extra)
        assert response.status == 200, (path, response.status)
        assert text in response.body.decode(), path
    me = site.request("GET", "/api/v1/me/", headers=extra)
    assert me.status == 200 and "root" in me.body.decode()
    assert me.getheader("X-Request-ID")


def start_nginx(tmp_path, gunicorn_port, http_port, https_port):
    """deploy/nginx.conf with this test's ports and a self-signed certificate, in a minimal nginx.conf."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
                    "-keyout", tmp_path / "key.pem", "-out", tmp_path / "cert.pem"], check=True, capture_output=True)
    site = (Path(settings.BASE_DIR) / "deploy" / "nginx.conf").read_text()
    for old, new in [("server 127.0.0.1:8000;", f"server 127.0.0.1:{gunicorn_port};"),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
                     ("/etc/ssl/zongzhi/fullchain.pem", str(tmp_path / "cert.pem")),
                     ("/etc/ssl/zongzhi/privkey.pem", str(tmp_path / "key.pem"))]:
        assert old in site, old
        site = site.replace(old, new)
    nginx = tmp_path / "nginx"
    nginx.mkdir()
    (nginx / "site.conf").write_text(site)
    user = "user root;" if os.geteuid() == 0 else ""
    (nginx / "nginx.conf").write_text(f"""{user}
worker_processes 1;
pid {nginx}/nginx.pid;
error_log {nginx}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {nginx}/access.log;
    client_body_temp_path {nginx}/body;
    proxy_temp_path {nginx}/proxy;
    fastcgi_temp_path {nginx}/fastcgi;
    uwsgi_temp_path {nginx}/uwsgi;
    scgi_temp_path {nginx}/scgi;
    include {nginx}/site.conf;
}}
""")
    subprocess.run(["nginx", "-t", "-p", str(nginx), "-c", str(nginx / "nginx.conf")], check=True,
                   capture_output=True)
    return subprocess.Popen(["nginx", "-p", str(nginx), "-c", str(nginx / "nginx.conf"), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_the_systemd_units_run_the_documented_commands():
    steps = documented_steps()
    unit = (ROOT / "deploy" / "zongzhi.service").read_text()
    working = re.search(r"^WorkingDirectory=(.+)$", unit, re.M).group(1)
    assert steps[0].endswith(f"{working} && cd {working}")
    assert re.search(r"^EnvironmentFile=(.+)$", unit, re.M).group(1) == ENV_FILE
    assert re.search(r"^ExecStart=(.+)$", unit, re.M).group(1) == f"{working}/{steps[-1]}"
    anchor = (ROOT / "deploy" / "zongzhi-anchor.service").read_text()
    assert f"ExecStart={working}/.venv/bin/python manage.py anchor_audit" in anchor
    assert f"EnvironmentFile={ENV_FILE}" in anchor and f"WorkingDirectory={working}" in anchor
    assert "OnCalendar=" in (ROOT / "deploy" / "zongzhi-anchor.timer").read_text()
    # The proxy sends to where gunicorn listens by default, and the example environment says the same.
    assert "server 127.0.0.1:8000;" in (ROOT / "deploy" / "nginx.conf").read_text()
    assert "GUNICORN_BIND=127.0.0.1:8000" in (ROOT / "deploy" / "env.example").read_text()
    assert '"GUNICORN_BIND", "127.0.0.1:8000"' in (ROOT / "deploy" / "gunicorn.conf.py").read_text()


def test_production_names_every_missing_value_at_once(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ZONGZHI_", "DJANGO_", "SECRET_KEY"))}
    environment.update(ZONGZHI_ENV="production", ZONGZHI_VAR_DIR=str(tmp_path), ALLOWED_HOSTS="a.example")
    done = subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "check"], cwd=ROOT, env=environment,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "SECRET_KEY" in done.stderr and "PUBLIC_BASE_URL" in done.stderr and "ALLOWED_HOSTS:" not in done.stderr
    environment.update(SECRET_KEY="short", PUBLIC_BASE_URL="https://a.example")
    done = subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "check"], cwd=ROOT, env=environment,
                          capture_output=True, text=True)
    assert done.returncode == 1 and "50 characters" in done.stderr
    environment.update(SECRET_KEY=secrets.token_urlsafe(50))
    done = subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "build_demo"], cwd=ROOT, env=environment,
                          capture_output=True, text=True)
    assert done.returncode == 1 and "build_demo refuses" in done.stderr
