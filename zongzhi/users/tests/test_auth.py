import pytest
from django.apps import apps
from django.test import Client, override_settings

from zongzhi.users.models import ApiToken
from zongzhi.utilities.scope import ScopeSpec
from zongzhi.utilities.testing import PASSWORD, client_for

pytestmark = pytest.mark.django_db


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCK_MINUTES=15)
def test_login_locks_after_repeated_failures(world):
    client = Client()
    for _ in range(3):
        response = client.post("/login/", {"username": "officer_a", "password": "wrong"})
        assert response.status_code == 200
    assert "账户已锁定" in response.content.decode()
    # Even the right password is refused while locked, with the same message.
    response = client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 200 and "账户已锁定" in response.content.decode()
    world.users["officer_a"].refresh_from_db()
    assert world.users["officer_a"].is_locked()


def test_login_succeeds_and_resets_failures(world):
    client = Client()
    response = client.post("/login/", {"username": "officer_a", "password": "wrong"})
    assert "请输入一个正确的用户名和密码" in response.content.decode() or "正确" in response.content.decode()
    response = client.post("/login/", {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 302
    world.users["officer_a"].refresh_from_db()
    assert world.users["officer_a"].failed_logins == 0


def test_pages_need_login(world):
    assert Client().get("/agencies/").status_code == 302
    assert Client().get("/api/v1/agencies/").status_code in (401, 403)


def test_user_creates_uses_and_revokes_own_token(world):
    client = client_for(world.users["officer_a"])
    response = client.post("/account/tokens/", {"name": "12345热线"})
    assert response.status_code == 200
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=world.users["officer_a"])
    assert token.key_hash != key and key.startswith(token.prefix)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    me = api.get("/api/v1/me/")
    assert me.status_code == 200 and me.json()["username"] == "officer_a"
    # Another user cannot revoke it.
    assert client_for(world.users["officer_b"]).post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    client.post(f"/account/tokens/{token.pk}/revoke/")
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert "已撤销" in response.json()["detail"]


def test_token_api_create_and_revoke(world):
    client = client_for(world.users["officer_a"])
    created = client.post("/api/v1/tokens/", {"name": "脚本"}, content_type="application/json")
    assert created.status_code == 201 and len(created.json()["key"]) == 40
    listed = client.get("/api/v1/tokens/").json()
    assert listed["results"][0]["key"] is None
    token_id = created.json()["id"]
    assert client.post(f"/api/v1/tokens/{token_id}/revoke/").json()["revoked"]
    bad = client.post("/api/v1/tokens/", {"name": ""}, content_type="application/json")
    assert bad.status_code == 400 and "name" in bad.json()


def test_token_form_rejects_past_expiry(world):
    response = client_for(world.users["officer_a"]).post("/account/tokens/", {"name": "x", "expires": "2020-01-01"})
    assert response.status_code == 400
    assert "到期日必须晚于今天" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_every_model_declares_its_scope():
    """Scope is security: every project model says how it is restricted (or that it is public reference data)."""
    for model in apps.get_models():
        if not model.__module__.startswith("zongzhi."):
            continue
        if model._meta.label in {"users.User", "audit.AuditChainHead", "catalog.ImportJob"}:
            continue  # users: the administrator's; the chain head: internal; import jobs: read by their owner only
        assert isinstance(getattr(model, "scope", None), ScopeSpec), model._meta.label


def test_home_page_per_role(world):
    for username in world.users:
        response = client_for(world.users[username]).get("/")
        assert response.status_code == 200, username
    body = client_for(world.users["officer_a"]).get("/").content.decode()
    assert "乡镇(街道)执法队员" in body and "城关街道综合行政执法队" in body


def test_api_schema_and_docs_are_local(world):
    client = client_for(world.users["officer_a"])
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/agencies/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "/static/drf_spectacular_sidecar/" in docs
