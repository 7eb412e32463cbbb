"""The roles of DOMAIN.md §2: what each may do, and over which part of the tree.

``scope`` is "region" (the subtree of the region of the agency where the role is held: a township
officer sees that township, the county justice bureau the whole county) or "agency" (the subtree of the
agency itself: a county department sees its own records). Permissions are per model label and action;
"*" stands for every model.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
WRITE = frozenset({ADD, CHANGE, DELETE})


@dataclass(frozen=True)
class Role:
    code: str
    label: str
    scope: str
    perms: dict = field(default_factory=dict)
    description: str = ""

    def allows(self, model_label: str, action: str) -> bool:
        for key in (model_label, model_label.split(".")[0] + ".*", "*"):
            if action in self.perms.get(key, ()):
                return True
        return False


JUSTICE_BUREAU = "justice_bureau"
DEPARTMENT_LIAISON = "department_liaison"
LEADER = "leader"
OFFICER = "officer"
LEGAL_REVIEWER = "legal_reviewer"
JUSTICE_OFFICE = "justice_office"
SUPERVISOR = "special_supervisor"
HOTLINE = "hotline"

# What everyone who handles cases may do: clues, cases, evidence, service and payment, documents, transfers.
CASEWORK = {
    "cases.*": {ADD, CHANGE},
    "evidence.*": {ADD, CHANGE},
    "enforcement.*": {ADD, CHANGE},
    "documents.generateddocument": {ADD, CHANGE},
    "reviews.transfer": {ADD, CHANGE},
}

ROLES = {
    r.code: r
    for r in [
        Role(
            JUSTICE_BUREAU,
            _("County justice bureau"),
            "region",
            {
                "*": {VIEW},
                "agencies.*": WRITE,
                "officers.*": WRITE,
                "regions.region": {CHANGE},
                "deadlines.*": WRITE,
                "laws.*": WRITE,
                "catalog.*": WRITE,
                "agreements.*": WRITE,
                "discretion.*": WRITE,
                "subjects.*": WRITE,
                "documents.documenttemplate": WRITE,
                "cases.*": {CHANGE},
            },
            _("Catalogs, agreements, certificates, training, case-file review, assessment and reports for the county."),
        ),
        Role(
            DEPARTMENT_LIAISON,
            _("County department liaison"),
            "agency",
            {"*": {VIEW}, "officers.*": WRITE, "agreements.*": {ADD, CHANGE}, **CASEWORK,
             "subjects.subject": {ADD, CHANGE}, "inspections.*": {ADD, CHANGE}},
            _("Guides delegated matters, answers assistance requests, receives transfers."),
        ),
        Role(
            LEADER,
            _("Township leader"),
            "region",
            {"*": {VIEW}, "officers.officer": {ADD, CHANGE}, "agencies.agency": {CHANGE},
             "catalog.acceptance": {ADD, CHANGE}, **CASEWORK, "subjects.*": WRITE,
             "inspections.*": WRITE, "patrols.*": WRITE, "reviews.*": {ADD, CHANGE}},
            _("Approves filing and decisions, chairs collective discussion, commands the team."),
        ),
        Role(
            OFFICER,
            _("Township enforcement officer"),
            "region",
            {"*": {VIEW}, **CASEWORK, "subjects.*": {ADD, CHANGE}, "inspections.*": {ADD, CHANGE},
             "patrols.*": {ADD, CHANGE}},
            _("Patrols, inspections, clues and cases, documents and ledgers."),
        ),
        Role(
            LEGAL_REVIEWER,
            _("Township legal reviewer"),
            "region",
            {"*": {VIEW}, "reviews.*": {ADD, CHANGE}},
            _("Reviews decisions before they are made."),
        ),
        Role(
            JUSTICE_OFFICE,
            _("Township justice office"),
            "region",
            {"*": {VIEW}},
            _("On-site accompanying supervision of township enforcement."),
        ),
        Role(
            HOTLINE,
            _("12345 hotline account"),
            "region",
            {"*": {VIEW}, "cases.clue": {ADD}},
            _("Pushes hotline work orders through Open311; never sees reporters' details afterwards."),
        ),
        Role(
            SUPERVISOR,
            _("Special supervisor"),
            "region",
            {"*": {VIEW}},
            _("Observes and reports; read-only."),
        ),
    ]
}

ROLE_CHOICES = [(r.code, r.label) for r in ROLES.values()]
