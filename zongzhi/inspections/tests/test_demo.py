import io

import pytest
from django.core.management import call_command

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.officers.choices import StaffingKind
from zongzhi.officers.models import Officer
from zongzhi.utilities.testing import fake_id_number

from ..choices import PlanStatus
from ..models import Draw, Inspection, InspectionItem, InspectionPlan, JointInspection
from .conftest import certify

pytestmark = pytest.mark.django_db


def test_demo_inspections_and_a_second_run_changes_nothing(world):
    call_command("build_demo_subjects", stdout=io.StringIO())
    w = world
    certify(w.officer_a2, "豫A-0103", w.domains["urban"], w.domains["agriculture"])
    b2 = Officer.objects.create(name="冯颍桥", id_number=fake_id_number(23), agency=w.squad_b,
                                staffing=StaffingKind.INSTITUTION)
    certify(b2, "豫A-0105", w.domains["urban"])
    for n, name in enumerate(["农业执法甲", "农业执法乙"]):
        o = Officer.objects.create(name=name, id_number=fake_id_number(40 + n), agency=w.dept,
                                   staffing=StaffingKind.ADMINISTRATIVE)
        certify(o, f"豫A-02{n}", w.domains["agriculture"])
    out = io.StringIO()
    call_command("build_demo_inspections", stdout=out)
    assert InspectionItem.objects.filter(published=True).count() >= 3
    assert InspectionPlan.objects.filter(status=PlanStatus.PUBLISHED).count() == 3
    assert Draw.objects.filter(seed__isnull=False).count() == 2
    assert Inspection.objects.count() >= 30 and Inspection.objects.filter(finding_count__gt=0).exists()
    assert JointInspection.objects.exists()
    before = (list(Inspection.objects.values_list("pk", "updated").order_by("pk")), ChangeLogEntry.objects.count())
    out = io.StringIO()
    call_command("build_demo_inspections", stdout=out)
    assert "nothing new" in out.getvalue()
    assert (list(Inspection.objects.values_list("pk", "updated").order_by("pk")), ChangeLogEntry.objects.count()) \
        == before
