import pytest
from django import forms

from zongzhi.agencies.models import Agency
from zongzhi.audit.models import ChangeLogEntry
from zongzhi.utilities.pagination import CappedPaginator
from zongzhi.utilities.widgets import FastSelect, speed_up


class Sample(forms.Form):
    choice = forms.ChoiceField(choices=[("", "---"), ("a", "甲<乙>"), ("b", "丙")])


def test_fast_select_renders_like_a_select():
    form = speed_up(Sample(data={"choice": "b"}))
    assert isinstance(form.fields["choice"].widget, FastSelect)
    html = str(form["choice"])
    assert '<option value="b" selected>丙</option>' in html
    assert "甲&lt;乙&gt;" in html and 'name="choice"' in html and 'id="id_choice"' in html


@pytest.mark.django_db
def test_fast_select_with_a_model_choice_field(world):
    field = forms.ModelChoiceField(queryset=Agency.objects.all())
    form = forms.Form()
    form.fields["agency"] = field
    speed_up(form)
    html = str(form["agency"])
    assert f'<option value="{world.squad_a.pk}">城关街道综合行政执法队</option>' in html


@pytest.mark.django_db
def test_capped_paginator_counts_at_most_the_cap(world):
    total = ChangeLogEntry.objects.count()
    paginator = CappedPaginator(ChangeLogEntry.objects.order_by("-id"), 5)
    paginator.cap = 10
    assert total > 10 and paginator.count == 10 and paginator.capped and paginator.num_pages == 2
    small = CappedPaginator(ChangeLogEntry.objects.order_by("-id")[:3], 5)
    assert small.count == 3 and not small.capped


@pytest.mark.django_db
def test_named_choice_filter_offers_names_and_refuses_hidden_choices(world):
    from zongzhi.officers.filtersets import OfficerFilterSet
    from zongzhi.utilities.testing import client_for

    client = client_for(world.users["officer_a"])
    body = client.get("/force/officers/").content.decode()
    assert f'<option value="{world.squad_a.pk}">城关街道综合行政执法队</option>' in body
    assert "颍桥回族镇综合行政执法队" not in body
    hidden = client.get(f"/force/officers/?agency={world.squad_b.pk}")
    assert world.officer_b.get_absolute_url() not in hidden.content.decode()
    assert OfficerFilterSet({"agency": world.squad_b.pk}, request=type("R", (), {"user": world.users["officer_a"]})).is_valid() is False
    shown = client.get(f"/force/officers/?agency={world.squad_a.pk}").content.decode()
    assert world.officer_a.get_absolute_url() in shown and f'value="{world.squad_a.pk}" selected' in shown
