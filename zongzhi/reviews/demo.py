"""Helpers for the case demo (``zongzhi.cases`` demo data): take a case through legal review or collective
discussion the way a reviewer or the head would, through the services."""

from django.utils import timezone

from . import services
from .choices import CHECKLIST_CODES, CheckResult, Opinion


def review(case, *, by, opinion=Opinion.AGREE, officer=None):
    """Open the review of ``case`` (at the legal review stage) and give ``opinion`` as ``by`` (a legal reviewer of
    the township), signing as ``officer`` — by default the township's first officer with the legal professional
    qualification. Returns the review."""
    item = services.request_review(case, by=by)
    if officer is None:
        officer = services.reviewer_officers(case).filter(legal_qualification=True).first()
    problem = opinion != Opinion.AGREE
    checklist = {code: {"result": CheckResult.PASS, "note": ""} for code in CHECKLIST_CODES}
    if problem:
        checklist["facts"] = {"result": CheckResult.PROBLEM, "note": "部分证据需补充现场照片。"}
    return services.give_opinion(
        item, by=by, officer=officer, checklist=checklist, opinion=opinion,
        reasons="事实清楚，证据确凿，程序合法。" if opinion == Opinion.AGREE else "现场照片不足以证明违法事实。",
        changes="补充现场照片并重新制作调查终结报告。" if opinion == Opinion.AGREE_WITH_CHANGES else "")


def discuss(case, *, by, conclusion="agree", held_on=None):
    """Record a collective discussion of ``case`` (at the discussion stage) chaired by ``by`` (the head), with
    three invented heads. Returns the discussion."""
    chair = str(by)
    attendees = [{"name": chair, "post": "主要负责人", "opinion": "同意"},
                 {"name": "赵文涛", "post": "分管领导", "opinion": "同意"},
                 {"name": "钱雅琴", "post": "党委委员", "opinion": "同意"}]
    return services.record_discussion(case, by=by, held_on=held_on or timezone.localdate(), chair=chair,
                                      attendees=attendees, conclusion=conclusion,
                                      minutes="经集体讨论，同意承办人员的处理意见。", place="会议室")
