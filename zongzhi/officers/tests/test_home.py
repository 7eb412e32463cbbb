import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.officers import home
from zongzhi.officers.models import Certificate
from zongzhi.utilities.testing import client_for

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_tasks_count_cleanup_candidates_and_expiring_certificates_in_scope(world):
    world.officer_a.status = "retired"
    world.officer_a.save()
    world.cert_b.valid_to = TODAY + datetime.timedelta(days=30)
    world.cert_b.save()
    tasks = {t["url"]: t["count"] for t in home.panels(world.users["bureau"])["tasks"]}
    assert tasks == {"/force/certificates/cleanup/": 1, "/force/certificates/?expiring_within=60": 1}
    assert home.panels(world.users["officer_a"])["tasks"] == [], "officers do not manage certificates"
    assert home.panels(world.users["dept"])["tasks"] == [], "nothing in the department's own agency"


def test_deadlines_are_the_nearest_expiries_in_scope(world):
    for i in range(7):
        Certificate.objects.create(officer=world.officer_a2, number=f"豫A-05{i}", issuing_authority="河南省人民政府",
                                   valid_from=TODAY - datetime.timedelta(days=10),
                                   valid_to=TODAY + datetime.timedelta(days=10 + i))
    Certificate.objects.create(officer=world.officer_b, number="豫B-0500", issuing_authority="河南省人民政府",
                               valid_from=TODAY - datetime.timedelta(days=10), valid_to=TODAY + datetime.timedelta(days=1))
    with CaptureQueriesContext(connection) as ctx:
        deadlines = home.panels(world.users["officer_a"])["deadlines"]
    assert len(ctx) <= 3
    assert [d["due"] for d in deadlines] == [TODAY + datetime.timedelta(days=10 + i) for i in range(5)]
    assert "周明远" in deadlines[0]["label"] and "豫A-050" in deadlines[0]["label"]
    page = client_for(world.users["officer_a"]).get("/")
    assert "豫A-050" in page.content.decode() and "豫B-0500" not in page.content.decode()
