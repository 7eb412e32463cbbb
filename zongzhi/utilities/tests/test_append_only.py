"""Every timeline (clue, case, non-site task, seized item) refuses changes and deletions."""

import pytest
from django.apps import apps

from zongzhi.utilities.models import AppendOnlyModel

TIMELINES = sorted((m for m in apps.get_models() if issubclass(m, AppendOnlyModel)), key=lambda m: m._meta.label)


def test_the_timelines_are_append_only_models():
    assert {m._meta.label for m in TIMELINES} >= {"cases.ClueEvent", "cases.CaseEvent", "patrols.NonSiteEvent",
                                                    "evidence.SeizedItemEvent"}


@pytest.mark.parametrize("model", TIMELINES, ids=lambda m: m._meta.label)
def test_a_written_entry_cannot_be_changed_or_deleted(model):
    entry = model(pk=1)
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
