import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from zongzhi.subjects.models import Area, ClassStrategy, Subject
from zongzhi.subjects.services import create_or_update_subject, save_area
from zongzhi.utilities.identifiers import uscc_check_char

# Two squares around invented township centres (WGS84), and a grid inside the first.
CENTRE_A = (33.85, 113.49)
CENTRE_B = (33.80, 113.60)


def square(lat, lng, half):
    ring = [[lng - half, lat - half], [lng + half, lat - half], [lng + half, lat + half], [lng - half, lat + half]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def uscc(serial: int) -> str:
    body = f"91411025MA{serial:07d}"
    return body + uscc_check_char(body)


def make_subject(region, name, *, by=None, **values):
    values.setdefault("kind", "individual_business")
    values.setdefault("category", "retail")
    subject = Subject(region=region, name=name, **values)
    subject.full_clean()
    return create_or_update_subject(subject, by=by)


def make_area(region, name, boundary, **values):
    area = Area(region=region, name=name, boundary=boundary, **values)
    area.full_clean()
    save_area(area)
    return area


@pytest.fixture
def places(world):
    """Areas and subjects in both townships of ``world``."""
    w = world
    w.area_a = make_area(w.town_a, "城关一区", square(*CENTRE_A, 0.02), team=w.squad_a)
    w.grid_a = make_area(w.town_a, "人民路网格", square(*CENTRE_A, 0.005), kind="grid", team=w.squad_a)
    w.area_b = make_area(w.town_b, "颍桥一区", square(*CENTRE_B, 0.02), team=w.squad_b)
    w.subject_a = make_subject(w.town_a, "襄城县城关某某农资店", kind="enterprise", uscc=uscc(1),
                               category="agricultural_inputs", latitude=CENTRE_A[0] + 0.001,
                               longitude=CENTRE_A[1] + 0.001, risk_class="c", contact_name="王某",
                               contact_phone="0374-7000001", address="人民路 1 号")
    w.subject_a2 = make_subject(w.town_a, "城关某某小吃店", category="catering", latitude=CENTRE_A[0] + 0.01,
                                longitude=CENTRE_A[1] + 0.01, risk_class="a", address="文化路 9 号")
    w.subject_b = make_subject(w.town_b, "颍桥某某养殖场", category="farm", latitude=CENTRE_B[0],
                               longitude=CENTRE_B[1], risk_class="d", address="颍桥村")
    w.strategy_county = ClassStrategy.objects.create(region=w.county, risk_class="c", inspections_per_year=2,
                                                     mode="on_site", note="县级默认")
    w.strategy_a = ClassStrategy.objects.create(region=w.town_a, risk_class="c", inspections_per_year=4,
                                                mode="on_site", note="城关加密")
    return w


def inspection(w, subject, *, days_ago=0, result="conforms", findings=0, status="finished", agency=None,
               inspectors=None):
    """A registered inspection as the map reads it (the map only reads: the rows are written directly)."""
    from zongzhi.inspections.models import Inspection

    row = Inspection.objects.create(agency=agency or (w.squad_a if subject.region_id == w.town_a.pk else w.squad_b),
                                    subject=subject, date=timezone.localdate() - datetime.timedelta(days=days_ago),
                                    status=status, result=result, finding_count=findings)
    row.inspectors.set(inspectors or ([w.officer_a, w.officer_a2] if subject.region_id == w.town_a.pk
                                      else [w.officer_b]))
    return row


def clue_at(w, lat, lng):
    from zongzhi.cases.choices import ClueSource
    from zongzhi.cases.models import Clue
    from zongzhi.cases.services import register_clue

    clue = Clue(agency=w.squad_a, received_at=timezone.now(), source=ClueSource.PATROL,
                description="巡查发现露天焚烧秸秆", category=w.domains["agriculture"],
                latitude=Decimal(f"{lat:.6f}"), longitude=Decimal(f"{lng:.6f}"))
    return register_clue(clue, by=w.users["officer_a"])


@pytest.fixture
def mapped(places):
    """``places`` with inspections of both townships' subjects and open cases located in three ways."""
    from zongzhi.cases.testing import build_case_world, filed_case, person

    w = build_case_world(places)
    w.recent_a = inspection(w, w.subject_a, days_ago=3, result="problems", findings=2)
    w.today_a2 = inspection(w, w.subject_a2, days_ago=0, result="", status="scheduled")
    w.old_a = inspection(w, w.subject_a, days_ago=200)
    w.cancelled_a = inspection(w, w.subject_a2, days_ago=1, result="", status="cancelled")
    w.recent_b = inspection(w, w.subject_b, days_ago=5)
    w.clue_case = filed_case(w, clue=clue_at(w, CENTRE_A[0] + 0.002, CENTRE_A[1] - 0.002), cause="涉嫌露天焚烧秸秆案")
    w.party_case = filed_case(w, parties=[person(subject=w.subject_a2)], cause="涉嫌擅自占道经营案",
                              matter=w.stall)
    w.nowhere_case = filed_case(w, cause="涉嫌焚烧垃圾案")
    w.case_b = filed_case(w, town="b", parties=[person("李某", 33, subject=w.subject_b)], cause="颍桥占道经营案")
    return w
