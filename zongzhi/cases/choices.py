from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ClueSource(models.TextChoices):
    PATROL = "patrol", _("Patrol")
    PUBLIC_REPORT = "public_report", _("Public report or complaint")
    HOTLINE = "hotline", _("12345 hotline transfer")
    DEPARTMENT_NOTICE = "department_notice", _("Department notice")
    COUNTY_DISPATCH = "county_dispatch", _("County dispatch")
    SUPERIOR = "superior", _("Superior assignment")
    NON_SITE = "non_site", _("Non-site monitoring")
    SUPERVISION_CENTRE = "supervision_centre", _("Supervision centre")


class ClueStatus(models.TextChoices):
    NEW = "new", _("New")
    TRIAGED = "triaged", _("Triaged")
    DUPLICATE = "duplicate", _("Merged as duplicate")


class Outcome(models.TextChoices):
    """The outcome of triage (线索处置)."""

    NOT_FILED = "not_filed", _("Not filed")
    TRANSFERRED = "transferred", _("Transferred to the competent agency")
    EDUCATION = "education", _("Education only")
    FILED = "filed", _("Filed as a case")


class PublicStatus(models.TextChoices):
    """The status a reporter sees (Open311 GeoReport v2 ``status``)."""

    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    DUPLICATE_SUSPECTED = "duplicate_suspected", _("Suspected duplicates found")
    TRIAGED = "triaged", _("Triaged")
    MERGED = "merged", _("Merged as duplicate")
    DUPLICATE_MERGED_IN = "duplicate_merged_in", _("A duplicate was merged into this clue")


STATUS_COLORS = {"new": "blue", "triaged": "green", "duplicate": "secondary"}
OUTCOME_COLORS = {"not_filed": "secondary", "transferred": "purple", "education": "yellow", "filed": "green"}
EVENT_COLORS = {"registered": "blue", "duplicate_suspected": "orange", "triaged": "green", "merged": "secondary",
                "duplicate_merged_in": "secondary"}

# Outcomes after which a reporter sees the clue as closed; a filed clue stays open while its case runs.
CLOSING_OUTCOMES = (Outcome.NOT_FILED, Outcome.TRANSFERRED, Outcome.EDUCATION)


# --- cases (案件) -------------------------------------------------------------------------------------------

class Procedure(models.TextChoices):
    SUMMARY = "summary", _("Summary procedure")
    GENERAL = "general", _("General procedure")


class CaseStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting filing approval")
    OPEN = "open", pgettext_lazy("case status", "Open")
    SUSPENDED = "suspended", pgettext_lazy("case status", "Suspended")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")
    NOT_APPROVED = "not_approved", _("Filing not approved")
    TRANSFERRED = "transferred", _("Transferred out")


CASE_STATUS_COLORS = {"pending": "yellow", "open": "blue", "suspended": "orange", "closed": "green",
                      "archived": "secondary", "not_approved": "secondary", "transferred": "purple"}
# Cases whose clock runs and which count in the overdue lists.
RUNNING_STATUSES = (CaseStatus.PENDING, CaseStatus.OPEN)
LIVE_STATUSES = (CaseStatus.PENDING, CaseStatus.OPEN, CaseStatus.SUSPENDED)


class StageCode(models.TextChoices):
    """The stages of a case in their legal order (STYLE.md §5: definitions in ``Stage``, state in ``CaseStage``)."""

    FILING = "filing", _("Filing")
    INVESTIGATION = "investigation", _("Investigation")
    REPORT = "report", _("Investigation report")
    LEGAL_REVIEW = "legal_review", _("Legal review")
    DISCUSSION = "discussion", _("Collective discussion")
    NOTICE = "notice", _("Notice of intended penalty")
    HEARING = "hearing", _("Statement and hearing")
    DECISION = "decision", _("Decision")
    SERVICE = "service", _("Service")
    EXECUTION = "execution", _("Execution")
    CLOSURE = "closure", _("Closure")
    ARCHIVE = "archive", _("Archive")


class StageStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Not required")
    RETURNED = "returned", _("Sent back")


STAGE_STATUS_COLORS = {"active": "blue", "done": "green", "skipped": "secondary", "returned": "orange"}


class PartyKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    INDIVIDUAL_BUSINESS = "individual_business", _("Individual business")
    ORGANISATION = "organisation", _("Legal person or other organisation")


class CaseOutcome(models.TextChoices):
    """How a case ends (行政处罚法 Art. 57)."""

    PENALTY = "penalty", _("Penalty imposed")
    NO_PENALTY = "no_penalty", _("No penalty (Art. 33)")
    EDUCATION_PLEDGE = "education_pledge", _("Criticism and education with a written pledge")
    NOT_ESTABLISHED = "not_established", _("Violation not established")
    TRANSFERRED = "transferred", pgettext_lazy("case", "Transferred")


OUTCOME_COLORS_CASE = {"penalty": "red", "no_penalty": "green", "education_pledge": "yellow",
                       "not_established": "secondary", "transferred": "purple"}
LENIENT_OUTCOMES = (CaseOutcome.NO_PENALTY, CaseOutcome.EDUCATION_PLEDGE)


class NoPenaltyGround(models.TextChoices):
    MINOR_CORRECTED = "minor_corrected", _("Minor, corrected in time, no harm (Art. 33 para. 1)")
    FIRST_VIOLATION = "first_violation", _("First violation, slight harm, corrected in time (Art. 33 para. 1)")
    NO_FAULT = "no_fault", _("No subjective fault proven (Art. 33 para. 2)")
    UNDER_AGE = "under_age", _("Under fourteen (Art. 30)")
    MENTAL_ILLNESS = "mental_illness", _("Unable to recognise or control conduct (Art. 31)")


class CaseEventKind(models.TextChoices):
    """Typed events of a case's timeline (全过程记录). Other apps record theirs with these codes too."""

    REGISTERED = "registered", _("Filing requested")
    FILING_APPROVED = "filing_approved", _("Filing approved")
    FILING_REFUSED = "filing_refused", _("Filing not approved")
    STAGE_STARTED = "stage_started", _("Stage started")
    STAGE_FINISHED = "stage_finished", _("Stage finished")
    STAGE_RETURNED = "stage_returned", _("Sent back")
    OFFICERS_CHANGED = "officers_changed", _("Handling officers changed")
    PARTY_ADDED = "party_added", _("Party added")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    PRESERVATION = "preservation", _("Evidence registered for preservation")
    SEIZURE = "seizure", _("Seizure or impoundment")
    SEIZURE_RELEASED = "seizure_released", _("Seized items dealt with")
    REPORT = "report", _("Investigation report")
    REVIEW_REQUESTED = "review_requested", _("Legal review requested")
    REVIEW_OPINION = "review_opinion", _("Legal review opinion")
    DISCUSSION = "discussion", _("Collective discussion")
    NOTICE = "notice", _("Notice of intended penalty")
    STATEMENT = "statement", _("Statement and defence")
    HEARING_REQUESTED = "hearing_requested", _("Hearing requested")
    HEARING_NOTICE = "hearing_notice", _("Notice of hearing")
    HEARING_HELD = "hearing_held", _("Hearing held")
    DECIDED = "decided", _("Decided")
    SERVED = "served", _("Served")
    PAYMENT = "payment", _("Payment")
    INSTALMENT = "instalment", _("Instalment or deferral")
    DEMAND = "demand", _("Demand (催告)")
    COURT_APPLICATION = "court_application", _("Application to the court")
    COURT_OUTCOME = "court_outcome", _("Court enforcement outcome")
    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
    LITIGATION = "litigation", _("Administrative litigation")
    PUBLISHED = "published", _("Published")
    PUBLICATION_WITHDRAWN = "publication_withdrawn", _("Publication withdrawn")
    DOCUMENT_ISSUED = "document_issued", _("Document issued")
    TRANSFERRED = "transferred", pgettext_lazy("case", "Transferred")
    SUSPENDED = "suspended", pgettext_lazy("case status", "Suspended")
    RESUMED = "resumed", _("Resumed")
    EXTENDED = "extended", _("Time limit extended")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")
    NOTE = "note", _("Note")


class DeadlineState(models.TextChoices):
    OPEN = "open", pgettext_lazy("deadline", "Open")
    MET = "met", _("Met")
    CANCELLED = "cancelled", _("No longer applies")
