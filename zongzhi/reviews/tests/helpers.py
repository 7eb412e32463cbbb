"""Helpers of the reviews tests: cases taken to the review stages through the services."""

from zongzhi.cases import services as cases
from zongzhi.cases.choices import CaseOutcome
from zongzhi.cases.testing import filed_case
from zongzhi.reviews.choices import CHECKLIST_CODES


def report(cw, case, *, fine=1000, complex_case=False, **kwargs):
    by = cw.users["officer_a" if case.region_id == cw.town_a.pk else "officer_b"]
    return cases.submit_report(case, by=by, facts="当事人在田间露天焚烧秸秆约两亩。", proposed_outcome=CaseOutcome.PENALTY,
                               fine_amount=fine, penalty_types=["fine"], complex_case=complex_case, **kwargs)


def at_review(cw, town="a", **kwargs):
    """A case of township ``town`` waiting at the legal review stage."""
    return report(cw, filed_case(cw, town=town), **kwargs)


def all_pass():
    return {code: {"result": "pass", "note": ""} for code in CHECKLIST_CODES}
