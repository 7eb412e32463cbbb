"""The navigation shows only what exists and what the user may see."""

from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse
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
    MenuGroup(_("Enforcement force"), "users", [
        MenuItem(_("Officers"), "officers:officer_list", "officers.Officer"),
        MenuItem(_("Certificates"), "officers:certificate_list", "officers.Certificate"),
        MenuItem(_("Certificate clean-up"), "officers:certificate_cleanup", "officers.Certificate"),
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
            if item.model and not can(user, apps.get_model(item.model), VIEW):
                continue
            try:
                url = reverse(item.url_name)
            except Exception:  # not built (yet): the menu shows only what exists
                continue
            items.append({"label": item.label, "url": url})
        if items:
            groups.append({"label": group.label, "icon": group.icon, "items": items})
    return groups
