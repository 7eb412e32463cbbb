"""The demo cases: made through the services day by day, in many stages, audit chain intact, idempotent."""

import datetime

import pytest
from django.core.management import call_command

from zongzhi.audit.services import verify_chain
from zongzhi.cases.choices import CaseStatus
from zongzhi.cases.demo import DemoCases
from zongzhi.cases.models import Case
from zongzhi.officers.models import Certificate, Officer
from zongzhi.utilities.testing import fake_id_number

pytestmark = pytest.mark.django_db


def test_demo_cases_in_many_stages_and_a_second_run_writes_nothing(world):
    for command in ("seed_deadline_rules", "import_laws", "build_demo_catalog", "seed_document_templates"):
        call_command(command, verbosity=0)
    # Two more certified officers per squad, certified for every domain since long ago.
    for n, squad in enumerate([world.squad_a, world.squad_b, world.squad_a, world.squad_b]):
        officer = Officer.objects.create(name=f"演示队员{n}", id_number=fake_id_number(60 + n), agency=squad, post="队员",
                                         legal_qualification=n < 2)
        cert = Certificate.objects.create(officer=officer, number=f"豫D-{n:04d}", issuing_authority="河南省人民政府",
                                          valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2030, 1, 1))
        cert.domains.set(world.domains.values())
    demo = DemoCases(world.county, per_township=14, demo_extra=0)
    counts = demo.build()
    assert counts["cases"] >= 20, demo.refusals
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {CaseStatus.OPEN, CaseStatus.ARCHIVED} <= statuses
    stages = set(Case.objects.values_list("stage", flat=True))
    assert len(stages) >= 5
    # Every step happened on its own day: filing dates spread over months, all in the past.
    dates = sorted(Case.objects.values_list("requested_on", flat=True))
    assert (dates[-1] - dates[0]).days > 60
    archived = Case.objects.filter(status=CaseStatus.ARCHIVED).first()
    assert archived.archived_on > archived.filed_on
    assert verify_chain() > 0
    assert DemoCases(world.county, per_township=14, demo_extra=0).build() == {"cases": 0, "skipped": 0}
