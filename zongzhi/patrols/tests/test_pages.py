import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from zongzhi.utilities.testing import client_for

from ..choices import NonSiteStatus
from ..models import NonSiteTask

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/patrols/", "/patrols/add/", "/patrols/tasks/", "/patrols/tasks/add/",
                                 "/patrols/campaigns/", "/patrols/campaigns/add/",
                                 "/patrols/tasks/?kind=cloud_filing&status=sent&sent_after=2025-01-01",
                                 "/patrols/?started_after=2025-01-01&started_before=2026-12-31",
                                 "/patrols/campaigns/?year=2025", "/patrols/tasks/?sent_after=not-a-date"])
def test_pages_open_for_a_township_leader(pw, url):
    response = client_for(pw.users["leader_a"]).get(url)
    assert response.status_code == 200


def test_read_only_roles_get_no_add_pages(pw):
    client = client_for(pw.users["supervisor"])
    for url in ["/patrols/add/", "/patrols/tasks/add/", "/patrols/campaigns/add/"]:
        assert client.get(url).status_code == 404
    assert client.get("/patrols/tasks/").status_code == 200


def test_expire_command(pw):
    NonSiteTask.objects.filter(pk=pw.task_b.pk).update(expires_at=timezone.now())
    out = io.StringIO()
    call_command("expire_nonsite_tasks", stdout=out)
    assert "1" in out.getvalue()
    assert NonSiteTask.objects.get(pk=pw.task_b.pk).status == NonSiteStatus.EXPIRED


def test_openapi_schema_describes_the_api(world):
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    generator = SchemaGenerator(patterns=[path("api/v1/", include("zongzhi.patrols.api.urls"))])
    paths = set(generator.get_schema(request=None, public=True)["paths"])
    assert {"/api/v1/nonsite-tasks/", "/api/v1/nonsite-tasks/{id}/review/", "/api/v1/nonsite-tasks/counts/",
            "/api/v1/patrols/", "/api/v1/patrol-findings/{id}/open-clue/", "/api/v1/campaigns/{id}/figures/"} <= paths
