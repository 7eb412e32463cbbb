"""Demo cases for the demo county: several hundred cases in every stage and outcome, made through the same
services an officer uses, each step on the day it happened (the clock is set back while the step runs, so every
date, deadline and timeline entry is what it would have been). Cases still open when their next step would lie
in the future stay at that stage; a few are left late on purpose, so the overdue lists have something to show.
Idempotent: a county that has its demo cases is left alone."""

import contextlib
import datetime
import functools
import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zongzhi.audit.context import audit_context
from zongzhi.audit.models import Source

from . import services
from .choices import CaseOutcome, ClueSource, PartyKind, StageCode
from .models import Case, Clue, Party

SEED = 20261122
PER_TOWNSHIP = 24
DEMO_TOWNSHIP_EXTRA = 40


class NotYet(Exception):
    """The next step of a demo case would lie in the future: the case stays where it is."""


@functools.cache
def _clock_fields():
    """The model fields whose default is the clock (``timezone.now``, ``timezone.localdate``, ``date.today``): a
    default holds the function itself, so setting the clock back must swap these too."""
    from django.apps import apps

    clocks = {timezone.now: "now", timezone.localdate: "date", datetime.date.today: "date"}
    return [(field, clocks[field.default]) for model in apps.get_models() for field in model._meta.concrete_fields
            if callable(field.default) and field.default in clocks]


@contextlib.contextmanager
def on_day(day, hour=9):
    """Run the block as if it were ``day`` (at ``hour`` o'clock local time); a day after today stops the case."""
    if day > datetime.date.today():
        raise NotYet
    local = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, random.randint(0, 59))))
    # As timezone.now() gives it (the audit hash covers its text), and never later than now: a step of today
    # happens at the earlier of its hour and the present moment.
    moment = min(local.astimezone(datetime.UTC), timezone.now())
    fields = _clock_fields()
    real_now, saved = timezone.now, [(field, field.default) for field, _kind in fields]
    timezone.now = lambda: moment
    for field, kind in fields:
        field.default = (lambda: moment) if kind == "now" else (lambda: day)
        field.__dict__.pop("_get_default", None)
    try:
        yield moment
    finally:
        timezone.now = real_now
        for field, default in saved:
            field.default = default
            field.__dict__.pop("_get_default", None)


class DemoCases:
    def __init__(self, county, today=None, per_township=PER_TOWNSHIP, demo_extra=DEMO_TOWNSHIP_EXTRA):
        from zongzhi.demo import data

        self.county = county
        self.today = today or timezone.localdate()
        self.rng = random.Random(SEED)
        self.data = data
        self.counts = {"cases": 0, "skipped": 0}
        self.refusals = {}
        self.per_township, self.demo_extra = per_township, demo_extra

    # --- who and what -----------------------------------------------------------------------------------------

    def township_setup(self, town):
        from zongzhi.agencies.models import Agency
        from zongzhi.catalog.models import Acceptance
        from zongzhi.users import roles
        from zongzhi.users.models import User

        squad = Agency.objects.filter(region=town, kind="enforcement_squad",
                                      parent__kind__in=["township_government", "subdistrict_office"]).first()
        if squad is None:
            return None
        body = squad.deciding_body
        acceptances = [a for a in Acceptance.objects.filter(agency=body).select_related("matter__domain")
                       if a.is_active_on(self.today) and a.accepted_on <= self.today - datetime.timedelta(days=500)]
        officers = list(squad.officers.prefetch_related("certificates__domains").order_by("pk"))
        usable = []
        for acc in acceptances:
            certified = [o for o in officers if o.can_enforce(self.today, acc.matter.domain)]
            if len(certified) >= 2:
                usable.append((acc.matter, officers))
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        users = {role: self.user_with(role, town) or admin for role in (roles.OFFICER, roles.LEADER,
                                                                          roles.LEGAL_REVIEWER)}
        return {"squad": squad, "matters": usable, "head": users[roles.LEADER], "officer": users[roles.OFFICER],
                "reviewer": users[roles.LEGAL_REVIEWER]}

    @staticmethod
    def user_with(role, town):
        """The first user holding ``role`` at an agency of ``town`` (the demo logins work in 颍桥回族镇; elsewhere
        the superuser stands in)."""
        from zongzhi.users.models import User

        return User.objects.filter(role_assignments__role=role, role_assignments__active=True,
                                   role_assignments__agency__region=town).order_by("pk").first()

    def party(self, town, n):
        from zongzhi.subjects.models import Subject
        from zongzhi.utilities.testing import fake_id_number

        subjects = list(Subject.objects.filter(region=town).exclude(uscc="").order_by("pk")[:40])
        if subjects and n % 3 == 0:
            s = subjects[n % len(subjects)]
            kind = PartyKind.ORGANISATION if s.kind == "enterprise" else PartyKind.INDIVIDUAL_BUSINESS
            return Party(kind=kind, name=s.name, identifier=s.uscc, address=s.address, subject=s,
                         representative=s.contact_name, phone=s.contact_phone)
        surnames, given = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗", "建国秀英志强桂兰春梅海燕德明玉珍红霞卫东"
        name = surnames[n % 20] + given[(n * 7) % 20] + given[(n * 3 + 1) % 20]
        return Party(kind=PartyKind.PERSON, name=name, identifier=fake_id_number(1000 + n),
                     address=f"{town.name}{n % 30 + 1}组", phone=f"137{n:08d}"[:11])

    # --- one case through its life ----------------------------------------------------------------------------

    def plan(self):
        """(target, weight): where each case ends up, so every stage and outcome appears."""
        return [("pending", 4), ("investigation", 10), ("overdue", 4), ("legal_review", 6), ("discussion", 2),
                ("hearing", 5), ("decision", 4), ("service", 5), ("execution", 8), ("closure", 4),
                ("closed", 8), ("archived", 26), ("no_penalty", 6), ("education_pledge", 6), ("summary", 6),
                ("suspended", 2), ("not_approved", 2), ("transferred", 2)]

    def build(self):
        from zongzhi.regions.models import Region

        if Case.objects.filter(region__path__startswith=self.county.path).exists():
            return self.counts
        towns = Region.objects.filter(path__startswith=self.county.path, level="township").order_by("code")
        targets, weights = zip(*self.plan(), strict=True)
        n = 0
        for town in towns:
            setup = self.township_setup(town)
            if not setup or not setup["matters"]:
                continue
            count = self.per_township + (self.demo_extra if town.code == self.data.DEMO_TOWNSHIP else 0)
            for _ in range(count):
                n += 1
                target = self.rng.choices(targets, weights)[0]
                try:
                    with audit_context(source=Source.COMMAND):
                        self.one(town, setup, target, n)
                except ValidationError as error:  # a step the law refuses on the drawn dates
                    self.counts["skipped"] += 1
                    reason = " ".join(error.messages)[:80]
                    self.refusals[reason] = self.refusals.get(reason, 0) + 1
                else:
                    self.counts["cases"] += 1
        return self.counts

    def one(self, town, setup, target, n):
        rng = self.rng
        matter, force = setup["matters"][n % len(setup["matters"])]
        officer, head, reviewer = setup["officer"], setup["head"], setup["reviewer"]
        # Days since filing for cases left open: each is still within the time limit of its stage, except the
        # "overdue" ones (the 90 days to decide have run out).
        open_targets = {"pending": 2, "investigation": 30, "overdue": 120, "legal_review": 20, "discussion": 45,
                        "hearing": 24, "decision": 60, "service": 40, "execution": 52, "closure": 95,
                        "suspended": 40}
        # How long ago the case began: open ones recently, finished ones up to two years back.
        age = open_targets.get(target) or rng.randint(110, 420)
        day = self.today - datetime.timedelta(days=age + rng.randint(0, 8))
        certified = [o for o in force if o.can_enforce(day, matter.domain)]
        if len(certified) < 2:
            raise ValidationError("fewer than two certified officers on that day")
        officers = rng.sample(certified, 2)
        act_on = day - datetime.timedelta(days=rng.randint(1, 20))
        case = Case(agency=setup["squad"], region=town, matter=matter, act_on=act_on, discovered_on=day,
                    act_place=f"{town.name}{rng.choice(['村口', '集贸市场', '主街', '田间', '河道旁'])}{n % 50 + 1}号附近")
        party = self.party(town, n)
        if target == "summary":
            with on_day(day):
                services.decide_on_the_spot(case, parties=[party], officers=officers, by=officer,
                                            fine_amount=rng.choice([50, 100, 200]), penalty_types=["fine"],
                                            decision_text="当场给予罚款处罚。")
                self.document(case, "summary_decision", officer, always=True)
            try:
                self.serve(case, officer, day)
                self.pay(case, officer, day)
                with on_day(day + datetime.timedelta(days=3)):
                    services.close_case(case, by=head, note="当场处罚已执行。")
                with on_day(day + datetime.timedelta(days=10)):
                    services.archive_case(case, by=officer)
            except NotYet:
                pass
            return
        with transaction.atomic(), contextlib.suppress(NotYet):
            with on_day(day):
                clue = services.register_clue(Clue(agency=setup["squad"], source=rng.choice(ClueSource.values),
                                                   matter=matter, description=f"反映{case.act_place}{matter.name}。",
                                                   address=case.act_place, received_at=timezone.now()), by=officer)
                case.clue = clue
                services.file_case(case, parties=[party], officers=officers, by=officer)
            if target == "pending":
                return
            day += datetime.timedelta(days=1)
            with on_day(day):
                if target == "not_approved":
                    services.approve_filing(case, by=head, approve=False, reason="经核实，违法事实不清，不予立案。")
                    return
                services.approve_filing(case, by=head)
                self.document(case, "filing_approval", officer)
            self.evidence(case, officer, day)
            if target in ("investigation", "overdue"):
                return
            if target == "suspended":
                with on_day(day + datetime.timedelta(days=10)):
                    services.suspend(case, by=head, reason="等待农业技术部门出具鉴定意见。")
                return
            if target == "transferred":
                self.transfer(case, officer, head, day + datetime.timedelta(days=12))
                return
            outcome = {"no_penalty": CaseOutcome.NO_PENALTY, "education_pledge": CaseOutcome.EDUCATION_PLEDGE}.get(
                target, CaseOutcome.PENALTY)
            fine = self.fine(matter)
            day += datetime.timedelta(days=rng.randint(10, 25))
            with on_day(day):
                services.submit_report(case, by=officer, facts=f"经查，当事人{party.name}于{act_on:%Y年%m月%d日}在"
                                       f"{case.act_place}{matter.name}，有现场检查笔录、照片等证据证实。",
                                       proposed_outcome=outcome, fine_amount=fine,
                                       penalty_types=["fine"] if outcome == CaseOutcome.PENALTY else [],
                                       complex_case=target == "discussion")
            case.refresh_from_db()
            if target == "legal_review":
                return
            day = self.review_and_discuss(case, reviewer, head, day, stop_at_discussion=target == "discussion")
            case.refresh_from_db()
            if case.stage == StageCode.DISCUSSION:
                return
            if case.stage == StageCode.NOTICE:
                day += datetime.timedelta(days=2)
                with on_day(day):
                    services.give_notice(case, by=officer)
                    self.document(case, "penalty_notice", officer)
                if target == "hearing":
                    return
                day += datetime.timedelta(days=rng.randint(12, 16))
                with on_day(day):
                    if case.hearing_rights:
                        services.record_statement(case, by=officer, text="当事人书面放弃陈述申辩和听证权利。", waived=True)
                    services.end_statement(case, by=officer)
                case.refresh_from_db()
                if case.stage == StageCode.LEGAL_REVIEW:
                    day = self.review_and_discuss(case, reviewer, head, day)
            if target == "decision":
                return
            day += datetime.timedelta(days=1)
            with on_day(day):
                services.decide(case, by=head, outcome=outcome, no_penalty_ground=(
                    "first_violation" if outcome == CaseOutcome.NO_PENALTY else ""),
                    education_record="对当事人进行了批评教育，当事人当场书面保证不再违法。" if outcome != CaseOutcome.PENALTY else "",
                    decision_text=f"依据{matter.penalty_citation or '相关规定'}作出决定。")
                if outcome == CaseOutcome.PENALTY:
                    self.document(case, "penalty_decision", officer, always=True)
                elif outcome == CaseOutcome.NO_PENALTY:
                    self.document(case, "no_penalty_decision", officer, always=True)
            if outcome == CaseOutcome.PENALTY:
                # Published within the 7 working days as a rule; now and then late, so the flag shows.
                with on_day(day + datetime.timedelta(days=rng.choice([1, 2, 3, 4, 15]))):
                    from zongzhi.documents.services import publish

                    publish(case, by=officer)
            if target == "service":
                return
            day += datetime.timedelta(days=2)
            self.serve(case, officer, day)
            case.refresh_from_db()
            if case.stage == StageCode.EXECUTION:
                if target == "execution":
                    return
                day += datetime.timedelta(days=rng.randint(3, 14))
                self.pay(case, officer, day)
            if target == "closure":
                return
            day += datetime.timedelta(days=5)
            with on_day(day):
                services.close_case(case, by=head, note="处罚决定已执行完毕，报请结案。")
            if target == "closed":
                return
            with on_day(day + datetime.timedelta(days=10)):
                services.archive_case(case, by=officer)

    def document(self, case, kind, by, always=False):
        """Issue a document of the case; the demo township gets every one, the others their decisions only (each
        document is a real DOCX and PDF, which takes a moment)."""
        from zongzhi.documents.case_integration import issue_for_case

        if always or case.region.code == self.data.DEMO_TOWNSHIP:
            case.refresh_from_db()
            issue_for_case(case, kind, by=by)

    def fine(self, matter):
        low = int(matter.fine_min or 100)
        high = int(matter.fine_max or 5000)
        high = min(high, low + 20000)
        return self.rng.randrange(low, high + 1, 100) if high > low else low

    # --- the other modules' steps -----------------------------------------------------------------------------

    def evidence(self, case, officer, day):
        try:
            from zongzhi.evidence.demo import add_demo_evidence
        except ImportError:
            return
        with on_day(day):
            add_demo_evidence(case, by=officer)

    def review_and_discuss(self, case, reviewer, head, day, stop_at_discussion=False):
        case.refresh_from_db()
        if case.stage == StageCode.LEGAL_REVIEW:
            day += datetime.timedelta(days=self.rng.randint(2, 6))
            with on_day(day):
                try:
                    from zongzhi.reviews.demo import review
                except ImportError:
                    services.review_done(case, passed=True, by=reviewer, reason="同意。")
                else:
                    review(case, by=reviewer)
            case.refresh_from_db()
        if case.stage == StageCode.DISCUSSION and not stop_at_discussion:
            day += datetime.timedelta(days=2)
            with on_day(day):
                try:
                    from zongzhi.reviews.demo import discuss
                except ImportError:
                    services.discussion_done(case, conclusion="agree", by=head)
                else:
                    discuss(case, by=head)
        return day

    def serve(self, case, officer, day):
        with on_day(day):
            try:
                from zongzhi.enforcement.demo import serve
            except ImportError:
                services.served(case, by=officer, served_on=day)
            else:
                serve(case, by=officer, served_on=day)

    def pay(self, case, officer, day):
        with on_day(day):
            try:
                from zongzhi.enforcement.demo import pay
            except ImportError:
                services.executed(case, by=officer, note="当事人已缴清罚款。")
            else:
                pay(case, by=officer, paid_on=day)

    def transfer(self, case, officer, head, day):
        """A suspected crime: reported to the head, approved the next day and sent to the police."""
        from zongzhi.reviews.services import decide_criminal_transfer, report_crime, send_transfer

        with on_day(day):
            transfer = report_crime(case, by=officer, grounds="焚烧面积大、造成财产损失，涉嫌失火罪。", police="襄城县公安局",
                                    procuratorate="襄城县人民检察院")
        with on_day(day + datetime.timedelta(days=1)):
            decide_criminal_transfer(transfer, by=head, approve=True, note="同意移送。")
        with on_day(day + datetime.timedelta(days=1), hour=15):
            send_transfer(transfer, by=officer)


