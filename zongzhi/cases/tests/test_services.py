import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from zongzhi.audit.services import history

from ..choices import ClueStatus, EventKind, Outcome, PublicStatus
from ..models import Clue, ClueEvent, normalise
from ..services import mark_duplicate, register_clue, triage

pytestmark = pytest.mark.django_db


def test_numbers_follow_the_deciding_body_per_year(world, make_clue):
    year = timezone.localtime().year
    first = make_clue()
    second = make_clue(agency=world.gov_a)  # the squad numbers in its township's name: one sequence
    other = make_clue(agency=world.squad_b, by=world.users["officer_b"])
    assert first.number == f"城关街综执线〔{year}〕1号"
    assert second.number == f"城关街综执线〔{year}〕2号"
    assert other.number == f"颍桥镇综执线〔{year}〕1号"
    last_year = make_clue(days_ago=400)
    assert last_year.number == f"城关街综执线〔{last_year.year}〕1号" and last_year.year < year


def test_register_writes_the_event_and_the_change_log(world, make_clue):
    clue = make_clue()
    event = clue.events.get()
    assert event.kind == EventKind.REGISTERED and event.actor == world.users["officer_a"]
    assert history(clue).first().user_name == "officer_a"
    assert clue.status == ClueStatus.NEW and clue.public_status == PublicStatus.OPEN
    assert clue.region == world.town_a  # where it happened defaults to the agency's township


def test_register_refuses_bad_input_and_saves_nothing(world, matters):
    clue = Clue(agency=world.squad_a, source="patrol", description="x", matter=matters["pesticide"],
                category=world.domains["urban"], latitude=34)
    with pytest.raises(ValidationError) as error:
        register_clue(clue, by=world.users["officer_a"])
    assert {"category", "longitude"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        register_clue(Clue(agency=world.squad_a, source="patrol", description="x"), by=world.users["officer_a"])
    assert "category" in error.value.message_dict
    assert not Clue.objects.exists() and not ClueEvent.objects.exists()


def test_category_follows_the_matter_and_anonymous_reports_keep_no_reporter(world, matters, make_clue):
    clue = make_clue(matter=matters["seed"], anonymous=True, reporter_name="张三", reporter_phone="13800000000")
    assert clue.category == world.domains["agriculture"]
    assert clue.reporter_name == "" and clue.reporter_phone == ""



def test_address_normalisation():
    assert normalise("城关街道 人民路１２号。") == normalise("城关街道人民路12号")


def test_duplicates_inside_the_window_are_linked_not_merged(world, matters, make_clue):
    first = make_clue(matter=matters["pesticide"], address="城关街道人民路12号", days_ago=10)
    second = make_clue(matter=matters["pesticide"], address="城关街道 人民路１２号")
    assert list(second.suspected_duplicates.all()) == [first]
    assert list(first.suspected_duplicates.all()) == [second]  # shown on both
    event = second.events.get(kind=EventKind.DUPLICATE_SUSPECTED)
    assert event.data == {"clues": [first.pk]} and event.note == ""
    assert second.status == ClueStatus.NEW  # never merged automatically


def test_same_subject_counts_as_the_same_thing(world, matters, make_clue):
    first = make_clue(matter=matters["pesticide"], subject_identifier="91411025MA0000000X")
    second = make_clue(matter=matters["pesticide"], subject_identifier="91411025ma0000000x", address="别处")
    assert list(second.suspected_duplicates.all()) == [first]


def test_no_duplicate_outside_the_window_or_for_another_matter(world, matters, make_clue, settings):
    make_clue(matter=matters["pesticide"], address="人民路12号", days_ago=31)
    make_clue(matter=matters["seed"], address="人民路12号")
    make_clue(category=world.domains["urban"], address="人民路12号")
    clue = make_clue(matter=matters["pesticide"], address="人民路12号")
    assert not clue.suspected_duplicates.exists()
    assert not clue.events.filter(kind=EventKind.DUPLICATE_SUSPECTED).exists()
    settings.CASES_DUPLICATE_WINDOW_DAYS = 60
    later = make_clue(matter=matters["pesticide"], address="人民路12号")
    assert later.suspected_duplicates.count() == 2  # the 31-day-old one and ``clue``


def test_a_clue_without_a_matter_matches_on_category(world, matters, make_clue):
    first = make_clue(matter=matters["pesticide"], address="人民路12号")
    second = make_clue(address="人民路12号")  # category agriculture only
    assert list(second.suspected_duplicates.all()) == [first]


@pytest.mark.parametrize("outcome,public", [(Outcome.NOT_FILED, "closed"), (Outcome.EDUCATION, "closed"),
                                            (Outcome.FILED, "open")])
def test_triage_outcomes(world, make_clue, outcome, public):
    clue = triage(make_clue(), outcome=outcome, reason="经核查", by=world.users["leader_a"])
    assert clue.status == ClueStatus.TRIAGED and clue.outcome == outcome and clue.public_status == public
    assert clue.triaged_by == world.users["leader_a"] and clue.triaged_at is not None
    event = clue.events.get(kind=EventKind.TRIAGED)
    assert event.note == "经核查" and event.data["outcome"] == outcome


def test_transfer_needs_the_receiving_agency(world, make_clue):
    clue = make_clue()
    with pytest.raises(ValidationError) as error:
        triage(clue, outcome=Outcome.TRANSFERRED, reason="属农业部门管辖", by=world.users["officer_a"])
    assert "transferred_to" in error.value.message_dict
    clue.refresh_from_db()
    assert clue.status == ClueStatus.NEW and not clue.events.filter(kind=EventKind.TRIAGED).exists()
    clue = triage(clue, outcome=Outcome.TRANSFERRED, reason="属农业部门管辖", by=world.users["officer_a"],
                  transferred_to=world.dept)
    assert clue.transferred_to == world.dept and clue.public_status == PublicStatus.CLOSED
    assert "襄城县农业农村局" in clue.status_notes


def test_triage_needs_a_reason_and_a_new_clue(world, make_clue):
    clue = make_clue()
    with pytest.raises(ValidationError) as error:
        triage(clue, outcome=Outcome.NOT_FILED, reason="  ", by=world.users["officer_a"])
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        triage(clue, outcome=Outcome.EDUCATION, reason="x", by=world.users["officer_a"], transferred_to=world.dept)
    assert "transferred_to" in error.value.message_dict
    triage(clue, outcome=Outcome.EDUCATION, reason="初次轻微", by=world.users["officer_a"])
    with pytest.raises(ValidationError):
        triage(clue, outcome=Outcome.FILED, reason="再议", by=world.users["officer_a"])


def test_mark_duplicate(world, make_clue):
    original, copy = make_clue(address="人民路12号"), make_clue(address="人民路12号")
    merged = mark_duplicate(copy, original, by=world.users["officer_a"])
    assert merged.status == ClueStatus.DUPLICATE and merged.duplicate_of == original
    assert merged.public_status == PublicStatus.CLOSED and original.number in merged.status_notes
    assert original.events.filter(kind=EventKind.DUPLICATE_MERGED_IN).exists()
    with pytest.raises(ValidationError):
        mark_duplicate(make_clue(), merged, by=world.users["officer_a"])  # not onto a merged one
    with pytest.raises(ValidationError):
        mark_duplicate(original, original, by=world.users["officer_a"])


def test_events_are_append_only(world, make_clue):
    event = make_clue().events.get()
    event.note = "改写"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_distinct_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the row lock matters on PostgreSQL")
    from zongzhi.utilities.testing import build_world

    world = build_world()
    numbers, errors = [], []

    def register():
        try:
            clue = Clue(agency=world.squad_a, source="patrol", description="并发", category=world.domains["urban"],
                        received_at=timezone.now() - datetime.timedelta(seconds=1))
            numbers.append(register_clue(clue, by=world.users["officer_a"]).number)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(numbers)) == 8
