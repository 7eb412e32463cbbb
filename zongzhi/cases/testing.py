"""A world with cases for tests of every case module: matters delegated to both townships (the 2023 catalog),
deadline rules and stages seeded, two certified officers in each township's squad, and helpers that take a case
to any stage through the services."""

import datetime
from types import SimpleNamespace

from django.core.management import call_command
from django.utils import timezone

from zongzhi.catalog import services as catalog_services
from zongzhi.catalog.models import CountySelection, DelegationCatalog, Matter
from zongzhi.laws.models import Article, Law, LawVersion
from zongzhi.officers.choices import StaffingKind
from zongzhi.officers.models import Certificate, Officer
from zongzhi.utilities.testing import fake_id_number

from . import services
from .choices import CaseOutcome, PartyKind
from .models import Case, Party

D = datetime.date


def build_case_world(w):
    """Add to ``build_world()``'s world what cases need. Returns the same namespace."""
    call_command("seed_deadline_rules", verbosity=0)
    services.ensure_stages()
    air = Law.objects.create(title="中华人民共和国大气污染防治法", kind="law")
    air_v = LawVersion.objects.create(law=air, label="2018年修正", effective=D(2018, 10, 26))
    city = Law.objects.create(title="城市市容和环境卫生管理条例", kind="administrative_regulation")
    city_v = LawVersion.objects.create(law=city, label="2017年修订", effective=D(2017, 3, 1))
    art = {n: Article.objects.create(version=v, number=n, label=f"第{n}条", text="……")
           for v, n in [(air_v, 77), (air_v, 119), (city_v, 14), (city_v, 36)]}
    d = w.domains
    w.straw = Matter.objects.create(code="NY-001", name="露天焚烧秸秆", domain=d["agriculture"],
                                    violated_article=art[77], penalty_article=art[119], penalty_paragraph=1,
                                    fine_min=500, fine_max=2000, penalty_types=["fine"], keeper=w.county)
    w.stall = Matter.objects.create(code="CG-001", name="擅自占道经营", domain=d["urban"], violated_article=art[14],
                                    penalty_article=art[36], fine_max=50000, penalty_types=["warning", "fine"],
                                    keeper=w.county)
    catalog = DelegationCatalog.objects.create(issuer=w.province, keeper=w.county, name="河南省乡镇赋权指导目录",
                                               version="2023版", effective=D(2023, 1, 1))
    for n, matter in enumerate([w.straw, w.stall], start=1):
        catalog_services.add_item(catalog, matter, number=n)
    catalog_services.publish_version(catalog, on=D(2022, 12, 20))
    catalog.refresh_from_db()
    selection = CountySelection.objects.create(county=w.county, catalog=catalog, decided_on=D(2023, 2, 1))
    selection.items.set(catalog.items.all())
    catalog_services.accept(w.gov_a, w.straw, catalog, D(2023, 3, 1))
    catalog_services.accept(w.gov_a, w.stall, catalog, D(2023, 3, 1))
    catalog_services.accept(w.gov_b, w.stall, catalog, D(2023, 3, 1))
    w.catalog = catalog
    today = timezone.localdate()
    w.cert_a2 = Certificate.objects.create(officer=w.officer_a2, number="豫A-0003", issuing_authority="河南省人民政府",
                                           valid_from=today - datetime.timedelta(days=365),
                                           valid_to=today + datetime.timedelta(days=365))
    w.cert_a2.domains.add(d["agriculture"], d["urban"])
    w.officer_b2 = Officer.objects.create(name="韩书瑶", id_number=fake_id_number(23), agency=w.squad_b, post="队员",
                                          staffing=StaffingKind.INSTITUTION)
    cert = Certificate.objects.create(officer=w.officer_b2, number="豫A-0004", issuing_authority="河南省人民政府",
                                      valid_from=today - datetime.timedelta(days=365),
                                      valid_to=today + datetime.timedelta(days=365))
    cert.domains.add(d["urban"])
    return w


def person(name="王建国", n=31, **fields):
    return Party(kind=PartyKind.PERSON, name=name, identifier=fake_id_number(n), address="襄城县城关街道", **fields)


def new_case(w, *, town="a", matter=None, days_ago=3, **fields):
    """An unsaved case of township ``town`` (act ``days_ago`` days ago)."""
    today = timezone.localdate()
    fields.setdefault("act_place", "城关街道人民路12号" if town == "a" else "颍桥回族镇颍桥村")
    return Case(agency=w.squad_a if town == "a" else w.squad_b, region=w.town_a if town == "a" else w.town_b,
                matter=matter or (w.straw if town == "a" else w.stall),
                act_on=today - datetime.timedelta(days=days_ago), discovered_on=today, **fields)


def filed_case(w, *, town="a", parties=None, approve=True, **fields):
    """A case filed (and approved) through the services: at the investigation stage."""
    by = w.users["officer_a" if town == "a" else "officer_b"]
    officers = [w.officer_a, w.officer_a2] if town == "a" else [w.officer_b, w.officer_b2]
    case = services.file_case(new_case(w, town=town, **fields), parties=parties or [person()], officers=officers,
                              by=by)
    if approve:
        leader = w.users["leader_a"] if town == "a" else w.users["admin"]
        case = services.approve_filing(case, by=leader)
    return case


def head_of(w, case):
    return w.users["leader_a"] if case.region_id == w.town_a.pk else w.users["admin"]


def to_decision(w, case, *, fine=1000, notified_days_ago=10):
    """Report a fine, pass legal review, notify, let the time to answer run out: the case awaits the decision."""
    officer = w.users["officer_a"]
    case = services.submit_report(case, by=officer, facts="当事人在田间露天焚烧秸秆约两亩。",
                                  proposed_outcome=CaseOutcome.PENALTY, fine_amount=fine, penalty_types=["fine"])
    if case.stage == "legal_review":
        case = services.review_done(case, passed=True, by=w.users["reviewer_a"])
    if case.stage == "discussion":
        case = services.discussion_done(case, conclusion="agree", by=head_of(w, case))
    notified = timezone.localdate() - datetime.timedelta(days=notified_days_ago)
    case = services.give_notice(case, by=officer, notified_on=notified)
    case = services.end_statement(case, by=officer)
    return case


def decided_case(w, *, fine=1000, **fields):
    case = to_decision(w, filed_case(w, **fields), fine=fine)
    return services.decide(case, by=head_of(w, case), outcome=CaseOutcome.PENALTY, decision_text="罚款。")


__all__ = ["build_case_world", "new_case", "filed_case", "to_decision", "decided_case", "person", "head_of",
           "Case", "SimpleNamespace"]
