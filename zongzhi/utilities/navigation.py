"""The navigation shows only what exists and what the user may see."""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .scope import VIEW, can


@dataclass
class MenuItem:
    label: object
    url_name: str
    model: str | None = None  # "app.Model": shown when the user may view it
    superuser: bool = False


@dataclass
class MenuGroup:
    label: object
    icon: str
    items: list = field(default_factory=list)


MENU = [
    MenuGroup(_("Organisation"), "building", [
        MenuItem(_("Regions"), "regions:region_list", "regions.Region"),
        MenuItem(_("Agencies"), "agencies:agency_list", "agencies.Agency"),
        MenuItem(_("Liaison directory"), "agencies:liaison_directory", "agencies.Agency"),
    ]),
    MenuGroup(_("Subjects and inspections"), "map", [
        MenuItem(_("Map"), "subjects:map", "subjects.Subject"),
        MenuItem(_("Subjects"), "subjects:subject_list", "subjects.Subject"),
        MenuItem(_("Areas"), "subjects:area_list", "subjects.Area"),
        MenuItem(_("Inspections"), "inspections:inspection_list", "inspections.Inspection"),
        MenuItem(_("Inspection plans"), "inspections:inspectionplan_list", "inspections.InspectionPlan"),
        MenuItem(_("Inspection items"), "inspections:inspectionitem_list", "inspections.InspectionItem"),
        MenuItem(_("Random draws"), "inspections:draw_list", "inspections.Draw"),
        MenuItem(_("Joint inspections"), "inspections:jointinspection_list", "inspections.JointInspection"),
        MenuItem(_("Non-site inspections"), "patrols:nonsitetask_list", "patrols.NonSiteTask"),
        MenuItem(_("Patrols"), "patrols:patrol_list", "patrols.Patrol"),
        MenuItem(_("Campaigns"), "patrols:campaign_list", "patrols.Campaign"),
    ]),
    MenuGroup(_("Cases"), "briefcase", [
        MenuItem(_("Clue ledger"), "cases:clue_list", "cases.Clue"),
        MenuItem(_("Cases"), "cases:case_list", "cases.Case"),
        MenuItem(_("Deadlines due"), "cases:deadlines", "cases.Case"),
        MenuItem(_("Legal review queue"), "reviews:legalreview_list", "reviews.LegalReview"),
        MenuItem(_("Transfers"), "reviews:transfer_list", "reviews.Transfer"),
        MenuItem(_("Seized items ledger"), "evidence:seizeditem_list", "evidence.SeizedItem"),
        MenuItem(_("Payments"), "enforcement:payment_list", "enforcement.Payment"),
        MenuItem(_("Publications"), "documents:publication_list", "documents.Publication"),
        MenuItem(_("Documents"), "documents:generateddocument_list", "documents.GeneratedDocument"),
        MenuItem(_("Document templates"), "documents:documenttemplate_list", "documents.DocumentTemplate"),
    ]),
    MenuGroup(_("Enforcement force"), "users", [
        MenuItem(_("Officers"), "officers:officer_list", "officers.Officer"),
        MenuItem(_("Certificates"), "officers:certificate_list", "officers.Certificate"),
        MenuItem(_("Certificate clean-up"), "officers:certificate_cleanup", "officers.Certificate"),
    ]),
    MenuGroup(_("Powers and law"), "book", [
        MenuItem(_("Law search"), "laws:search", "laws.Law"),
        MenuItem(_("Law library"), "laws:law_list", "laws.Law"),
        MenuItem(_("Matters"), "catalog:matter_list", "catalog.Matter"),
        MenuItem(_("Delegation catalogs"), "catalog:delegationcatalog_list", "catalog.DelegationCatalog"),
        MenuItem(_("Acceptances"), "catalog:acceptance_list", "catalog.Acceptance"),
        MenuItem(_("Duty boundaries"), "catalog:boundaries", "catalog.Matter"),
        MenuItem(_("Capacity evaluation"), "catalog:evaluation_report", "catalog.Evaluation"),
        MenuItem(_("Delegation agreements"), "agreements:delegationagreement_list", "agreements.DelegationAgreement"),
        MenuItem(_("Discretion standards"), "discretion:discretionstandard_list", "discretion.DiscretionStandard"),
    ]),
    MenuGroup(_("Legal clock"), "clock", [
        MenuItem(_("Deadline calculator"), "deadlines:calculator", "deadlines.DeadlineRule"),
        MenuItem(_("Deadline rules"), "deadlines:deadlinerule_list", "deadlines.DeadlineRule"),
        MenuItem(_("Holiday years"), "deadlines:holidayyear_list", "deadlines.HolidayYear"),
    ]),
    MenuGroup(_("System"), "settings", [
        MenuItem(_("Change log"), "audit:changelogentry_list", "audit.ChangeLogEntry"),
        MenuItem(_("API tokens"), "users:token_list"),
        MenuItem(_("API documentation"), "api_docs"),
        MenuItem(_("Admin site"), "admin:index", superuser=True),
    ]),
]


def menu_for(user):
    groups = []
    for group in MENU:
        items = []
        for item in group.items:
            if item.superuser and not user.is_superuser:
                continue
            try:
                model = apps.get_model(item.model) if item.model else None
                url = reverse(item.url_name)
            except (LookupError, NoReverseMatch):  # not built (yet): the menu shows only what exists
                continue
            if model is not None and not can(user, model, VIEW):
                continue
            items.append({"label": item.label, "url": url})
        if items:
            groups.append({"label": group.label, "icon": group.icon, "items": items})
    return groups
