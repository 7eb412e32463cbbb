import datetime

import pytest
from django.utils import timezone, translation

from zongzhi.catalog.models import Matter
from zongzhi.officers.choices import StaffingKind
from zongzhi.officers.models import Certificate, Officer
from zongzhi.subjects.tests.conftest import make_subject, uscc
from zongzhi.utilities.testing import fake_id_number

from ..models import Inspection, InspectionItem, InspectionPlan
from ..services import approve_plan, publish_item, register_inspection


@pytest.fixture(autouse=True)
def chinese():
    """Messages from services are checked in Chinese, the platform's language."""
    with translation.override("zh-hans"):
        yield


def certify(officer, number, *domains):
    today = datetime.date.today()
    cert = Certificate.objects.create(officer=officer, number=number, issuing_authority="河南省人民政府",
                                      valid_from=today - datetime.timedelta(days=365),
                                      valid_to=today + datetime.timedelta(days=365))
    cert.domains.add(*domains)
    return cert


def make_item(agency, code, domain, *, matter=None, publish=True, by=None, points="证照是否齐全\n台账是否完整"):
    item = InspectionItem(agency=agency, code=code, name=f"检查事项{code}", domain=domain, matter=matter,
                          basis="《农药管理条例》第二十七条", checklist=points)
    item.full_clean()
    item.save()
    if publish:
        item = publish_item(item, by=by)
    return item


@pytest.fixture
def setup(world):
    """Both townships with subjects, published items, an approved plan and a certified team in township A."""
    w = world
    agri, urban = w.domains["agriculture"], w.domains["urban"]
    certify(w.officer_a2, "豫A-0003", agri, urban)
    w.officer_a3 = Officer.objects.create(name="吴思远", id_number=fake_id_number(15), agency=w.squad_a, post="队员",
                                          staffing=StaffingKind.INSTITUTION)
    certify(w.officer_a3, "豫A-0004", agri, urban)
    w.uncertified = Officer.objects.create(name="孙未证", id_number=fake_id_number(17), agency=w.squad_a,
                                           staffing=StaffingKind.INSTITUTION)
    w.auxiliary = Officer.objects.create(name="钱辅助", id_number=fake_id_number(19), agency=w.squad_a,
                                         staffing=StaffingKind.AUXILIARY)
    w.officer_b2 = Officer.objects.create(name="冯颍桥", id_number=fake_id_number(23), agency=w.squad_b,
                                          staffing=StaffingKind.INSTITUTION)
    certify(w.officer_b2, "豫A-0005", agri, urban)
    certify(w.officer_b, "豫A-0006", agri)
    w.matter = Matter.objects.create(code="T-AG-1", name="经营假农药", domain=agri)
    w.subject_a = make_subject(w.town_a, "城关某某农资店", kind="enterprise", uscc=uscc(1), address="人民路 1 号",
                               category="agricultural_inputs", risk_class="c", latitude=33.85, longitude=113.49)
    w.subject_a2 = make_subject(w.town_a, "城关某某小吃店", category="catering", risk_class="a", address="文化路 9 号")
    w.subject_b = make_subject(w.town_b, "颍桥某某养殖场", category="farm", risk_class="d", address="颍桥村")
    w.item_a = make_item(w.squad_a, "A-01", agri, matter=w.matter)
    w.item_b = make_item(w.squad_b, "B-01", agri)
    w.draft_item = make_item(w.squad_a, "A-02", agri, publish=False)
    year = timezone.localdate().year
    w.plan_a = InspectionPlan.objects.create(agency=w.squad_a, name=f"{year}年城关执法队检查计划", year=year,
                                             starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31))
    w.plan_a.items.set([w.item_a])
    approve_plan(w.plan_a, by=w.users["leader_a"])
    w.plan_b = InspectionPlan.objects.create(agency=w.squad_b, name=f"{year}年颍桥执法队检查计划", year=year,
                                             starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31))
    w.plan_b.items.set([w.item_b])
    w.team = [w.officer_a, w.officer_a2]
    return w


@pytest.fixture
def inspect(setup):
    """Register an inspection through the service (township A, the certified team, today by default)."""

    def make(subject=None, *, date=None, inspectors=None, items=None, agency=None, by=None, reason="", **fields):
        inspection = Inspection(agency=agency or setup.squad_a, subject=subject or setup.subject_a,
                                date=date or timezone.localdate(), **fields)
        return register_inspection(inspection, items=items or [setup.item_a], inspectors=inspectors or setup.team,
                                   by=by or setup.users["officer_a"], reason=reason)

    return make
