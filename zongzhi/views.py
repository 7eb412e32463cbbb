"""The home page: per role, my tasks and the nearest deadlines. Each app contributes through its
``home.panels(user)``, which returns {"tasks": [...], "deadlines": [...]}."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from zongzhi.cases import home as cases_home
from zongzhi.officers import home as officers_home

PANEL_SOURCES = [officers_home.panels, cases_home.panels]


@login_required
def home(request):
    user = request.user
    tasks, deadlines = [], []
    for source in PANEL_SOURCES:
        panel = source(user)
        tasks += panel.get("tasks", [])
        deadlines += panel.get("deadlines", [])
    deadlines.sort(key=lambda d: d["due"])
    return render(request, "home.html", {
        "tasks": tasks, "deadlines": deadlines[:10], "assignments": user.active_assignments(),
    })
