import datetime
import io

import pytest
from django.core.management import call_command

from zongzhi.agencies.choices import AgencyKind
from zongzhi.agencies.models import Agency
from zongzhi.audit.models import ChangeLogEntry
from zongzhi.demo import data
from zongzhi.demo.county import build_demo_county
from zongzhi.demo.management.commands import build_demo
from zongzhi.officers.choices import CertificateKind, StaffingKind
from zongzhi.officers.models import Certificate, Officer
from zongzhi.officers.services import cleanup_candidates
from zongzhi.regions.models import Region
from zongzhi.users.models import User
from zongzhi.users.roles import ROLES
from zongzhi.utilities.identifiers import is_valid_resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    build_demo_county()


def test_sixteen_townships_each_with_government_squad_and_justice_office(demo):
    towns = Region.objects.filter(parent__code=data.COUNTY_CODE)
    assert sorted(t.kind for t in towns).count("subdistrict") == 2 and towns.count() == 16
    bureau = Agency.objects.get(name=data.JUSTICE_BUREAU)
    for town in towns:
        government = Agency.objects.get(region=town, kind__in=[AgencyKind.TOWNSHIP_GOVERNMENT,
                                                               AgencyKind.SUBDISTRICT_OFFICE])
        assert government.is_enforcement_body and government.short_name.endswith("综执")
        squad = Agency.objects.get(region=town, kind=AgencyKind.ENFORCEMENT_SQUAD)
        assert squad.acts_in_name_of == government and squad.deciding_body == government
        assert Agency.objects.get(region=town, kind=AgencyKind.JUSTICE_OFFICE).parent == bureau
        assert Officer.objects.filter(agency=squad, legal_qualification=True).exists()
    assert Agency.objects.get(name="颍桥回族镇人民政府").short_name == "颍桥镇综执"
    assert Agency.objects.get(name="城关街道办事处").kind == AgencyKind.SUBDISTRICT_OFFICE
    assert set(Agency.objects.get(name="许昌市生态环境局襄城分局").domains.values_list("code", flat=True)) == {"ecology"}


def test_the_force_has_certificates_expired_ones_and_clean_up_candidates(demo):
    officers = list(Officer.objects.select_related("agency"))
    assert 140 <= len(officers) <= 160
    assert all(is_valid_resident_id(o.id_number) and o.id_number.startswith("411025") for o in officers)
    auxiliaries = [o for o in officers if o.staffing == StaffingKind.AUXILIARY]
    assert 0.1 <= len(auxiliaries) / len(officers) <= 0.2
    assert not Certificate.objects.filter(officer__staffing=StaffingKind.AUXILIARY).exists()
    enforcement = Certificate.objects.filter(kind=CertificateKind.ENFORCEMENT).prefetch_related(
        "domains", "officer__agency__domains")
    for cert in enforcement:
        assert {d.code for d in cert.domains.all()} == {d.code for d in cert.officer.agency.domains.all()}
        assert cert.number.startswith("豫411025")
    assert Certificate.objects.filter(kind=CertificateKind.SUPERVISION, officer__agency__name=data.JUSTICE_BUREAU
                                      ).count() == 5
    assert Certificate.objects.filter(valid_to__lt=datetime.date.today()).exists()
    candidates = cleanup_candidates(Certificate.objects.all())
    assert 3 <= candidates.count() <= 10


def test_one_login_per_role_with_the_right_scope(demo):
    users = {u.username: u for u in User.objects.all()}
    assert users["admin"].is_superuser and users["admin"].check_password(data.PASSWORD)
    held = {a.role for u in users.values() for a in u.active_assignments()}
    assert held == set(ROLES)
    town = Region.objects.get(code=data.DEMO_TOWNSHIP)
    seen = Officer.objects.restrict(users["officer"])
    assert seen.count() == Officer.objects.filter(agency__region=town).count() > 0
    assert not seen.exclude(agency__region=town).exists()
    dept = Officer.objects.restrict(users["dept"])
    assert set(dept.values_list("agency__name", flat=True)) == {"襄城县农业农村局"}
    assert Officer.objects.restrict(users["bureau"]).count() == Officer.objects.count()


def test_a_second_run_creates_changes_and_logs_nothing(demo):
    entries = ChangeLogEntry.objects.count()
    snapshot = list(Officer.objects.order_by("id_number").values_list("id_number", "name", "agency__name", "status"))
    counts = build_demo_county()
    assert set(counts) == {f"{model} unchanged" for model in ("domain", "agency", "officer", "certificate",
                                                               "roleassignment")}
    assert ChangeLogEntry.objects.count() == entries
    assert list(Officer.objects.order_by("id_number").values_list(
        "id_number", "name", "agency__name", "status")) == snapshot


def test_commands_skip_what_is_missing_and_print_one_login_per_role(db, monkeypatch):
    monkeypatch.setattr(build_demo, "FOLLOW_UPS", ["no_such_command"])
    out = io.StringIO()
    call_command("build_demo", stdout=out)
    assert "Skipped no_such_command" in out.getvalue()
    out = io.StringIO()
    call_command("demo_logins", url="http://127.0.0.1:8000/", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text and data.PASSWORD in text
    for username, _role, _where in data.LOGINS:
        assert f" {username} " in text
    assert "乡镇(街道)执法队员" in text and "颍桥回族镇综合行政执法队" in text
