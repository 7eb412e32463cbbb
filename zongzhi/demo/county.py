"""Building the demo county, idempotently: every record is found by its natural key (region code, agency name
within its region, identity number, certificate number, username) and saved only when it differs, so a second
run creates, changes and logs nothing. All random choices come from one seeded generator and are drawn in the
same order on every run, whatever the database already holds."""

import datetime
import random
from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from zongzhi.agencies.choices import AgencyKind
from zongzhi.agencies.models import Agency, Domain
from zongzhi.audit.choices import Source
from zongzhi.audit.context import audit_context
from zongzhi.officers.choices import CertificateKind, CertificateStatus, OfficerStatus, StaffingKind
from zongzhi.officers.models import Certificate, Officer
from zongzhi.regions.models import Region
from zongzhi.regions.services import import_region
from zongzhi.users.models import RoleAssignment, User
from zongzhi.utilities.identifiers import id_check_char

from . import data


def ensure(model, lookup, **values):
    """The ``model`` row matching ``lookup``, created or brought up to ``values``; saved only when it differs."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), "created"
    changed = False
    for name, value in values.items():
        field = model._meta.get_field(name)
        current = getattr(obj, field.attname)
        wanted = value.pk if field.is_relation and value is not None else value
        if current != wanted:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    return obj, "updated" if changed else "unchanged"


def ensure_domains(obj, domains):
    if {d.pk for d in obj.domains.all()} != {d.pk for d in domains}:
        obj.domains.set(domains)


def township_short(region) -> str:
    """颍桥回族镇 -> 颍桥镇, 城关街道 -> 城关街, 湛北乡 -> 湛北乡: the stem used in short names."""
    for suffix, short in (("回族镇", "镇"), ("街道", "街"), ("镇", "镇"), ("乡", "乡")):
        if region.name.endswith(suffix):
            return region.name[: -len(suffix)] + short
    return region.name


@dataclass
class Person:
    agency: Agency
    post: str
    auxiliary: bool
    domains: list
    certificate: str | None  # a CertificateKind, or None
    status: str = OfficerStatus.ON_DUTY
    certificate_kept: bool = True  # for a gone officer: the certificate was never revoked (clean-up list)


class DemoCounty:
    def __init__(self):
        self.rng = random.Random(data.SEED)
        self.counts = Counter()
        self.names = set()
        self.id_numbers = set()
        self.phone_serial = 0

    def keep(self, result):
        obj, outcome = result
        self.counts[f"{obj._meta.model_name} {outcome}"] += 1
        return obj

    # --- invented values -------------------------------------------------------------------------------
    def phone(self) -> str:
        self.phone_serial += 1
        return f"0374-7000{self.phone_serial:03d}"

    def name(self) -> str:
        while True:
            given = "".join(self.rng.choice(data.GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
            name = self.rng.choice(data.SURNAMES) + given
            if name not in self.names:
                self.names.add(name)
                return name

    def address(self, place) -> str:
        return f"{data.COUNTY}{place}{self.rng.choice(data.ROADS)}{self.rng.randint(1, 299)}号"

    def id_number(self, retired: bool) -> str:
        """Valid (GB 11643 check character) and invented: county 411025, a working-age birth date."""
        years = (1961, 1965) if retired else (1968, 1999)
        while True:
            birth = datetime.date(self.rng.randint(*years), 1, 1) + datetime.timedelta(days=self.rng.randint(0, 364))
            first17 = f"{data.COUNTY_CODE}{birth:%Y%m%d}{self.rng.randint(1, 999):03d}"
            number = first17 + id_check_char(first17)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    # --- the county ------------------------------------------------------------------------------------
    def build(self):
        import_region(data.COUNTY_CODE)
        self.county = Region.objects.get(code=data.COUNTY_CODE)
        self.domains = {code: self.keep(ensure(Domain, {"code": code}, name=name, order=i))
                        for i, (code, name) in enumerate(data.DOMAINS)}
        self.build_agencies()
        self.build_officers()
        self.build_logins()
        return self.counts

    def agency(self, region, name, kind, *, parent=None, short_name="", enforcement=False, acts_in_name_of=None,
               domains=()):
        place = "" if region == self.county else region.name
        agency = self.keep(ensure(
            Agency, {"region": region, "name": name}, kind=kind, parent=parent, short_name=short_name,
            is_enforcement_body=enforcement, acts_in_name_of=acts_in_name_of, address=self.address(place),
            phone=self.phone(), liaison_name=self.name(), liaison_phone=self.phone(),
        ))
        ensure_domains(agency, [self.domains[code] for code in domains])
        return agency

    def build_agencies(self):
        county = self.county
        self.government = self.agency(county, data.GOVERNMENT, AgencyKind.COUNTY_GOVERNMENT, enforcement=True)
        self.county_bodies = {}
        for name, kind, domain, enforcement, _size in data.COUNTY_BODIES:
            parent = self.government if kind in (AgencyKind.JUSTICE_BUREAU, AgencyKind.COUNTY_DEPARTMENT) else None
            self.county_bodies[name] = self.agency(county, name, kind, parent=parent, enforcement=enforcement,
                                                   domains=[domain] if domain else [])
        bureau = self.county_bodies[data.JUSTICE_BUREAU]
        self.townships = {}
        for town in Region.objects.filter(parent=county).order_by("code"):
            subdistrict = town.kind == "subdistrict"
            short = township_short(town)
            government = self.agency(
                town, f"{town.name}办事处" if subdistrict else f"{town.name}人民政府",
                AgencyKind.SUBDISTRICT_OFFICE if subdistrict else AgencyKind.TOWNSHIP_GOVERNMENT,
                short_name=f"{short}综执", enforcement=True, domains=data.TOWNSHIP_DOMAINS)
            squad = self.agency(town, f"{town.name}综合行政执法队", AgencyKind.ENFORCEMENT_SQUAD, parent=government,
                                acts_in_name_of=government, domains=data.TOWNSHIP_DOMAINS)
            office = self.agency(town, f"{short[:-1]}司法所", AgencyKind.JUSTICE_OFFICE, parent=bureau)
            self.townships[town.code] = {"region": town, "government": government, "squad": squad, "office": office}

    # --- the force -------------------------------------------------------------------------------------
    def staff_plan(self) -> list[Person]:
        people = []
        for town in self.townships.values():
            squad = town["squad"]
            size = data.SQUAD_SIZE[town["region"].kind]
            posts = (data.SQUAD_POSTS + [data.SQUAD_MEMBER] * size)[: size - 1]
            for post in posts:
                people.append(Person(squad, post, False, data.TOWNSHIP_DOMAINS, CertificateKind.ENFORCEMENT))
            people.append(Person(squad, data.AUXILIARY_POST, True, [], None))
        for name, kind, domain, _enforcement, size in data.COUNTY_BODIES:
            agency = self.county_bodies[name]
            bureau = kind == AgencyKind.JUSTICE_BUREAU
            posts = (data.BUREAU_POSTS if bureau else data.DEPARTMENT_POSTS)[:size]
            for i, post in enumerate(posts):
                auxiliary = not bureau and i >= 2 and self.rng.random() < 0.25
                cert_kind = CertificateKind.SUPERVISION if bureau else CertificateKind.ENFORCEMENT
                people.append(Person(agency, data.AUXILIARY_POST if auxiliary else post, auxiliary,
                                     [] if bureau else [domain], None if auxiliary else cert_kind))
        # A few have moved on; some of them still hold an active certificate: the monthly clean-up finds them.
        certified = [p for p in people if p.certificate == CertificateKind.ENFORCEMENT and p.post not in
                     (data.SQUAD_POSTS[0], data.SQUAD_POSTS[2])]
        gone = self.rng.sample(certified, 11)
        statuses = [OfficerStatus.RETIRED] * 3 + [OfficerStatus.TRANSFERRED] * 3 + [OfficerStatus.LEFT] * 3 + \
            [OfficerStatus.SECONDED] * 2
        for i, (person, status) in enumerate(zip(gone, statuses, strict=True)):
            person.status = status
            person.certificate_kept = i % 3 != 0
        return people

    def build_officers(self):
        serial = {CertificateKind.ENFORCEMENT: 0, CertificateKind.SUPERVISION: 0}
        for person in self.staff_plan():
            administrative = person.post in (data.SQUAD_POSTS[0], *data.BUREAU_POSTS[:2], *data.DEPARTMENT_POSTS[:2])
            staffing = (StaffingKind.AUXILIARY if person.auxiliary else
                        StaffingKind.ADMINISTRATIVE if administrative or self.rng.random() < 0.3 else
                        StaffingKind.INSTITUTION)
            qualified = person.post in (data.SQUAD_POSTS[2], data.DEPARTMENT_POSTS[1], data.BUREAU_POSTS[0]) or (
                not person.auxiliary and self.rng.random() < 0.05)
            name = self.name()
            officer = self.keep(ensure(
                Officer, {"id_number": self.id_number(person.status == OfficerStatus.RETIRED)}, name=name,
                agency=person.agency, post=person.post, staffing=staffing, legal_qualification=qualified,
                status=person.status,
            ))
            if person.certificate is None:
                continue
            serial[person.certificate] += 1
            self.certificate(officer, person, serial[person.certificate])

    def certificate(self, officer, person, serial):
        supervision = person.certificate == CertificateKind.SUPERVISION
        expired = self.rng.random() < 0.1
        first = datetime.date(2019, 1, 1) if expired else datetime.date(2022, 1, 1)
        span = (datetime.date(2020, 12, 31) if expired else datetime.date(2026, 3, 31)) - first
        valid_from = first + datetime.timedelta(days=self.rng.randint(0, span.days))
        valid_to = valid_from + datetime.timedelta(days=data.CERTIFICATE_DAYS - 1)
        revoked = person.status not in (OfficerStatus.ON_DUTY, OfficerStatus.SECONDED) and not person.certificate_kept
        cert = self.keep(ensure(
            Certificate, {"number": f"豫{'监' if supervision else ''}{data.COUNTY_CODE}{serial:05d}"},
            officer=officer, kind=person.certificate, issuing_authority=data.ISSUER, valid_from=valid_from,
            valid_to=valid_to, status=CertificateStatus.REVOKED if revoked else CertificateStatus.ACTIVE,
            revoke_reason=data.REVOKE_REASONS[person.status] if revoked else "",
            revoked_on=data.REVOKED_ON if revoked else None,
        ))
        ensure_domains(cert, [self.domains[code] for code in person.domains])

    # --- one login per role ----------------------------------------------------------------------------
    def login_agency(self, where):
        if where == data.GOVERNMENT:
            return self.government
        if where in self.county_bodies:
            return self.county_bodies[where]
        return self.townships[data.DEMO_TOWNSHIP][where]

    def build_logins(self):
        for username, role, where in data.LOGINS:
            display_name = self.name()
            user = User.objects.filter(username=username).first()
            if user is None:
                create = User.objects.create_superuser if role is None else User.objects.create_user
                user = create(username=username, password=data.PASSWORD, display_name=display_name)
                self.counts["user created"] += 1
            if role is not None:
                self.keep(ensure(RoleAssignment, {"user": user, "role": role, "agency": self.login_agency(where)},
                                 active=True))


def build_demo_county():
    """Build (or bring back) the demo county; return counts like {"officer created": 146}."""
    with audit_context(source=Source.COMMAND), transaction.atomic():
        return DemoCounty().build()


def login_rows():
    """(role code or None, username, agency or None) of the demo logins that exist."""
    users = {u.username: u for u in User.objects.filter(username__in=[u for u, _r, _w in data.LOGINS])}
    rows = []
    for username, role, _where in data.LOGINS:
        user = users.get(username)
        if user is None:
            continue
        assignment = user.role_assignments.select_related("agency").filter(role=role).first() if role else None
        rows.append((role, username, assignment.agency if assignment else None))
    return rows
