import io

import pytest
from django.core.management import call_command

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.cases.models import Clue

from .. import services
from ..choices import NonSiteStatus
from ..models import Campaign, NonSiteTask, Patrol, PatrolFinding

pytestmark = pytest.mark.django_db


def test_demo_patrols_compare_two_autumns_and_a_second_run_changes_nothing(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("build_demo_subjects", stdout=io.StringIO())
    out = io.StringIO()
    call_command("build_demo_patrols", stdout=out)
    assert "/patrols/nonsite/" in out.getvalue()
    this, last = Campaign.objects.order_by("-starts_on")
    assert (this.starts_on.year, last.starts_on.year) == (2026, 2025) and this.name == last.name == "秋季秸秆禁烧专项整治"
    rows = {key: (now, before) for key, now, before, _ in services.campaign_comparison(this, world.users["bureau"])["rows"]}
    assert rows["patrols"][0] > 0 and rows["patrols"][1] > 0
    assert rows["findings"][1] > 0 and rows["clues"][1] == rows["findings"][1]
    assert Patrol.objects.filter(campaign__isnull=True).count() >= 2 * 26  # a year of routine patrols per township
    for patrol in Patrol.objects.all()[:30]:
        patrol.full_clean()
    for finding in PatrolFinding.objects.all()[:10]:
        finding.full_clean()
    statuses = set(NonSiteTask.objects.values_list("status", flat=True))
    assert {NonSiteStatus.ACCEPTED, NonSiteStatus.SUBMITTED, NonSiteStatus.EXPIRED, NonSiteStatus.SENT,
            NonSiteStatus.CLUE_OPENED} <= statuses
    before = (list(Patrol.objects.values_list("pk", "started_at", "area", "campaign", "updated").order_by("pk")),
              NonSiteTask.objects.count(), Clue.objects.count(), ChangeLogEntry.objects.count())
    out = io.StringIO()
    call_command("build_demo_patrols", stdout=out)
    assert "created" not in out.getvalue() and "updated" not in out.getvalue()
    assert (list(Patrol.objects.values_list("pk", "started_at", "area", "campaign", "updated").order_by("pk")),
            NonSiteTask.objects.count(), Clue.objects.count(), ChangeLogEntry.objects.count()) == before
