import io

import pytest
from django.core.management import call_command

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.subjects.models import Area, ClassStrategy, Subject
from zongzhi.utilities.identifiers import is_valid_uscc

pytestmark = pytest.mark.django_db


def test_demo_subjects_are_valid_and_a_second_run_changes_nothing(world):
    call_command("build_demo_subjects", stdout=io.StringIO())
    assert Subject.objects.count() == 250 and Area.objects.count() == 6 and ClassStrategy.objects.count() == 4
    codes = list(Subject.objects.exclude(uscc="").values_list("uscc", flat=True))
    assert codes and all(is_valid_uscc(c) and c.startswith("91411025") for c in codes)
    for obj in [*Area.objects.all(), *Subject.objects.all()[:50]]:
        obj.full_clean()
    assert Subject.objects.filter(area__kind="grid").exists()
    assert set(Area.objects.values_list("team__kind", flat=True)) == {"enforcement_squad"}
    before = (list(Subject.objects.values_list("pk", "name", "latitude", "area", "updated").order_by("pk")),
              ChangeLogEntry.objects.count())
    out = io.StringIO()
    call_command("build_demo_subjects", stdout=out)
    assert "created" not in out.getvalue() and "updated" not in out.getvalue()
    assert (list(Subject.objects.values_list("pk", "name", "latitude", "area", "updated").order_by("pk")),
            ChangeLogEntry.objects.count()) == before
