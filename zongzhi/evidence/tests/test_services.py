import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from zongzhi.cases.choices import CaseEventKind, CaseStatus
from zongzhi.cases.models import Case
from zongzhi.cases.testing import decided_case, filed_case
from zongzhi.evidence import services
from zongzhi.evidence.choices import (
    EvidenceKind,
    ItemStatus,
    PreservationDecision,
    PreservationStatus,
    SeizureStatus,
)
from zongzhi.evidence.demo import add_demo_evidence
from zongzhi.evidence.models import Evidence, EvidenceFile, SeizedItem

from . import files as f

D = datetime.date
TODAY = timezone.localdate


def add(cw, case, *uploads, **fields):
    fields.setdefault("kind", EvidenceKind.AUDIOVISUAL)
    fields.setdefault("title", "现场照片")
    fields.setdefault("collected_by", cw.officer_a)
    return services.add_evidence(case, by=cw.users["officer_a"], files=list(uploads), **fields)


# --- files ----------------------------------------------------------------------------------------------------

def test_evidence_with_files_keeps_sha256_and_logs_the_event(cw, media):
    case = filed_case(cw)
    photo = f.png()
    content = photo.read()
    photo.seek(0)
    evidence = add(cw, case, photo, f.pdf(), f.txt(), f.mp4(), f.mp3(), f.jpg(),
                   f.office("清单.xlsx", "xl/workbook.xml"), f.office("笔录.docx", "word/document.xml"))
    assert evidence.serial == 1
    stored = list(evidence.files.order_by("id"))
    assert len(stored) == 8
    first = stored[0]
    assert first.sha256 == hashlib.sha256(content).hexdigest()
    assert first.size == len(content) and first.original_name == "现场照片.png"
    assert first.content_type == "image/png"
    assert (media / first.file.name).read_bytes() == content
    assert not first.file.name.endswith("现场照片.png")  # stored under a random name
    assert all(services.verify_file(s) for s in stored)
    event = case.events.get(kind=CaseEventKind.EVIDENCE_ADDED)
    assert event.data["files"][0]["sha256"] == first.sha256
    assert add(cw, case, title="证人证言", kind=EvidenceKind.WITNESS).serial == 2


@pytest.mark.parametrize("upload, code", [
    (lambda: f.exe("photo.jpg"), "program"),
    (lambda: f.upload("notes.exe", b"MZ\x90\x00"), "type"),
    (lambda: f.upload("fake.pdf", b"<html>not a pdf</html>"), "content"),
    (lambda: f.upload("fake.docx", b"PK\x03\x04" + b"\x00" * 40), "content"),
    (lambda: f.office("sheet.docx", "xl/workbook.xml"), "content"),
    (lambda: f.upload("binary.txt", b"abc\x00\x01\x02"), "content"),
    (lambda: f.upload("empty.png", b""), "empty"),
])
def test_wrong_files_are_refused_and_nothing_is_stored(cw, media, upload, code):
    case = filed_case(cw)
    with pytest.raises(ValidationError) as error:
        add(cw, case, f.png(), upload())
    assert "files" in error.value.message_dict
    assert not Evidence.objects.exists() and not EvidenceFile.objects.exists()
    assert not (media / "evidence").exists() or not any((media / "evidence").rglob("*.*"))


def test_renamed_program_message_names_the_file(cw):
    with pytest.raises(ValidationError) as error:
        add(cw, filed_case(cw), f.exe("现场照片.jpg"))
    assert "现场照片.jpg" in error.value.message_dict["files"][0]


def test_size_limit_comes_from_the_setting(cw, settings):
    settings.EVIDENCE_MAX_FILE_MB = 1
    big = f.upload("big.txt", b"a" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        add(cw, filed_case(cw), big)
    assert "1 MB" in error.value.message_dict["files"][0]
    settings.EVIDENCE_MAX_FILE_MB = 2
    big.seek(0)
    assert add(cw, filed_case(cw), big).files.get().size == 1024 * 1024 + 1


def test_tampered_file_is_detected(cw, media):
    evidence = add(cw, filed_case(cw), f.txt())
    stored = evidence.files.get()
    assert services.verify_file(stored)
    (media / stored.file.name).write_bytes(b"changed afterwards")
    assert not services.verify_file(stored)
    (media / stored.file.name).unlink()
    assert not services.verify_file(stored)


def test_files_are_never_changed(cw):
    stored = add(cw, filed_case(cw), f.txt()).files.get()
    stored.original_name = "other.txt"
    with pytest.raises(ValueError):
        stored.save()


def test_collector_must_be_a_handling_officer(cw):
    case = filed_case(cw)
    with pytest.raises(ValidationError) as error:
        add(cw, case, collected_by=cw.officer_b)
    assert "第四十二条" in str(error.value.message_dict["collected_by"])


def test_more_files_and_deletion_only_before_the_decision(cw, media, django_capture_on_commit_callbacks):
    case = filed_case(cw)
    evidence = add(cw, case, f.txt())
    services.add_files(evidence, by=cw.users["officer_a"], files=[f.png()])
    assert evidence.files.count() == 2
    names = [s.file.name for s in evidence.files.all()]
    with pytest.raises(ValidationError):
        services.delete_evidence(evidence, by=cw.users["officer_a"], reason="")
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_evidence(evidence, by=cw.users["officer_a"], reason="重复上传")
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert all(not (media / n).exists() for n in names)
    note = case.events.get(kind=CaseEventKind.NOTE)
    assert note.data["action"] == "evidence_deleted" and len(note.data["files"]) == 2
    # the change log (audit chain) has the file's creation and deletion, attributed, with its hash
    from zongzhi.audit.models import ChangeLogEntry
    from zongzhi.audit.services import verify_chain

    logged = ChangeLogEntry.objects.filter(content_type__model="evidencefile").order_by("id")
    assert [e.action for e in logged] == ["create", "create", "delete", "delete"]
    assert {e.user_name for e in logged} == {"officer_a"}
    assert logged[0].after["sha256"] and logged[0].region_path == cw.town_a.path
    verify_chain()


def test_evidence_of_a_decided_case_cannot_be_deleted(cw):
    case = decided_case(cw)
    evidence = add(cw, case, f.txt())
    with pytest.raises(ValidationError) as error:
        services.delete_evidence(evidence, by=cw.users["leader_a"], reason="不需要")
    assert "第四十七条" in str(error.value)
    with pytest.raises(ValidationError):
        services.add_files(evidence, by=cw.users["officer_a"], files=[f.txt()])


def test_evidence_list_in_order_with_fixed_queries(cw, django_assert_num_queries):
    case = filed_case(cw)
    for n in range(3):
        add(cw, case, f.txt(), f.png(), title=f"证据{n}")
    with django_assert_num_queries(2):
        items = list(services.evidence_list(case))
        assert [e.serial for e in items] == [1, 2, 3]
        assert all(len(e.files.all()) == 2 and e.collected_by.name for e in items)


def test_demo_evidence(cw):
    case = filed_case(cw)
    added = add_demo_evidence(case, by=cw.users["officer_a"], count=3)
    assert [e.files.get().content_type for e in added] == ["image/png", "application/pdf", "text/plain"]
    assert all(services.verify_file(e.files.get()) for e in added)
    assert add_demo_evidence(case, by=cw.users["officer_a"]) == []  # idempotent
    decided = decided_case(cw)
    assert 1 <= len(add_demo_evidence(decided, by=cw.users["officer_a"])) <= 3
    Case.objects.filter(pk=decided.pk).update(status=CaseStatus.CLOSED)
    decided.refresh_from_db()
    with pytest.raises(ValidationError):  # the pages and the API keep the guard
        add(cw, decided)


# --- registered preservation ------------------------------------------------------------------------------------

ITEMS = [{"name": "秸秆捆", "quantity": 20, "unit": "捆", "specification": "约30公斤/捆", "kept_at": "村委会仓库"}]


def test_preservation_approved_by_the_head_and_decided_within_7_working_days(cw):
    case = filed_case(cw)
    officer, head = cw.users["officer_a"], cw.users["leader_a"]
    preservation = services.register_preservation(case, by=officer, items=ITEMS, place="田间", reason="易灭失",
                                                  registered_on=TODAY() - datetime.timedelta(days=1))
    assert preservation.status == PreservationStatus.PROPOSED
    with pytest.raises(ValidationError) as error:
        services.approve_preservation(preservation, by=officer)
    assert "第五十六条" in str(error.value)
    preservation = services.approve_preservation(preservation, by=head)
    deadline = case.deadlines.get(key=f"preservation:{preservation.pk}", state="open")
    assert deadline.due_on == preservation.due_on and "第五十六条" in deadline.citation
    case.refresh_from_db()
    assert case.next_due_on <= deadline.due_on
    preservation = services.decide_preservation(preservation, by=head, decision=PreservationDecision.SEIZE,
                                                note="转为扣押")
    assert preservation.status == PreservationStatus.DECIDED and not preservation.is_late
    deadline.refresh_from_db()
    assert deadline.state == "met" and deadline.met_on == TODAY()
    actions = [e.data["action"] for e in case.events.filter(kind=CaseEventKind.PRESERVATION).order_by("id")]
    assert actions == ["registered", "approved", "decided"]
    with pytest.raises(ValidationError):
        services.decide_preservation(preservation, by=head, decision=PreservationDecision.RELEASE)


def test_preservation_deadline_over_the_national_day_week(cw):
    """Registered on Sunday 2025-09-28 (a make-up working day): 7 working days skip 1–8 October and count
    Saturday 11 October — the decision is due Tuesday 14 October."""
    case = filed_case(cw)
    preservation = services.register_preservation(case, by=cw.users["officer_a"], items=ITEMS, place="田间",
                                                  reason="易灭失", registered_on=D(2025, 9, 28))
    preservation = services.approve_preservation(preservation, by=cw.users["leader_a"])
    assert preservation.due_on == D(2025, 10, 14)
    assert case.deadlines.get(key=f"preservation:{preservation.pk}").due_on == D(2025, 10, 14)
    assert preservation.is_late  # undecided long after
    preservation = services.decide_preservation(preservation, by=cw.users["leader_a"],
                                                decision=PreservationDecision.RECORD_AND_RETURN)
    assert case.events.filter(kind=CaseEventKind.PRESERVATION, data__late=True).exists()


def test_preservation_input_errors(cw):
    case = filed_case(cw)
    with pytest.raises(ValidationError) as error:
        services.register_preservation(case, by=cw.users["officer_a"], items=[], place="", reason="")
    assert {"items", "place", "reason"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.register_preservation(case, by=cw.users["officer_a"], items=[{"name": "", "quantity": 1,
                                                                                "unit": "件"}], place="x", reason="y")
    assert "Item 1" in error.value.message_dict["items"][0] or "1" in error.value.message_dict["items"][0]
    assert services.parse_item_lines("秸秆，20，捆，约30公斤\n\n打火机,1,个") == [
        {"name": "秸秆", "quantity": 20, "unit": "捆", "specification": "约30公斤", "kept_at": ""},
        {"name": "打火机", "quantity": 1, "unit": "个", "specification": "", "kept_at": ""}]
    with pytest.raises(ValidationError):
        services.parse_item_lines("秸秆, 二十, 捆")
    refused = services.register_preservation(case, by=cw.users["officer_a"], items=ITEMS, place="x", reason="y")
    with pytest.raises(ValidationError):
        services.approve_preservation(refused, by=cw.users["leader_a"], approve=False)
    refused = services.approve_preservation(refused, by=cw.users["leader_a"], approve=False, reason="证据充分")
    assert refused.status == PreservationStatus.REFUSED
    assert not case.deadlines.filter(key=f"preservation:{refused.pk}").exists()


# --- seizure --------------------------------------------------------------------------------------------------

SEIZED = [{"name": "电动三轮车", "quantity": 1, "unit": "辆", "specification": "蓝色"},
          {"name": "遮阳伞", "quantity": 2, "unit": "把"}]


def seize(cw, case, **fields):
    fields.setdefault("seized_on", TODAY())
    return services.register_seizure(case, by=cw.users["officer_a"], items=SEIZED, place="人民路12号门前",
                                     reason="占道经营，经责令拒不改正", custody_place="执法队暂扣物品仓库",
                                     custodian="周明远", **fields)


def test_seizure_30_plus_30_and_no_second_extension(cw):
    case = filed_case(cw)
    head = cw.users["leader_a"]
    seizure = seize(cw, case, seized_on=D(2025, 9, 1))
    assert not SeizedItem.objects.exists()  # the ledger starts at approval
    with pytest.raises(ValidationError):
        services.approve_seizure(seizure, by=cw.users["officer_a"])
    seizure = services.approve_seizure(seizure, by=head)
    assert seizure.status == SeizureStatus.IN_FORCE
    assert seizure.due_on == D(2025, 10, 9)  # 1 Oct + 30 = 1 Oct … a day off: the next working day
    assert SeizedItem.objects.filter(seizure=seizure, status=ItemStatus.IN_CUSTODY).count() == 2
    seizure = services.extend_seizure(seizure, by=head, days=30, reason="案情复杂，需进一步调查",
                                      on=D(2025, 10, 8))
    assert seizure.extension_days == 30
    assert seizure.due_on == D(2025, 11, 10)  # 30 days after 9 October is Saturday 8 November
    deadline = case.deadlines.get(key=f"seizure:{seizure.pk}", state="open")
    assert deadline.due_on == seizure.due_on and deadline.rule == "seizure-extension"
    with pytest.raises(ValidationError) as error:
        services.extend_seizure(seizure, by=head, days=10, reason="再延长", on=D(2025, 10, 9))
    assert "only once" in str(error.value) or "一次" in str(error.value)
    assert "第二十五条" in str(error.value)


def test_seizure_term_and_extension_limits(cw):
    case = filed_case(cw)
    with pytest.raises(ValidationError) as error:
        seize(cw, case, term_days=31)
    assert "第二十五条" in str(error.value.message_dict["term_days"])
    seizure = services.approve_seizure(seize(cw, case, term_days=10, seized_on=TODAY()), by=cw.users["leader_a"])
    assert seizure.due_on == TODAY() + datetime.timedelta(days=10)
    with pytest.raises(ValidationError):
        services.extend_seizure(seizure, by=cw.users["leader_a"], days=31, reason="复杂")
    with pytest.raises(ValidationError):
        services.extend_seizure(seizure, by=cw.users["leader_a"], days=5, reason="")
    with pytest.raises(ValidationError):
        services.extend_seizure(seizure, by=cw.users["officer_a"], days=5, reason="复杂")
    late = services.approve_seizure(seize(cw, case, seized_on=D(2025, 1, 2)), by=cw.users["leader_a"])
    with pytest.raises(ValidationError) as error:
        services.extend_seizure(late, by=cw.users["leader_a"], days=5, reason="复杂")
    assert "第二十八条" in str(error.value)


def test_testing_time_is_not_counted(cw):
    case = filed_case(cw)
    seizure = services.approve_seizure(seize(cw, case, term_days=20), by=cw.users["leader_a"])
    due = seizure.due_on
    seizure = services.add_testing_period(seizure, by=cw.users["officer_a"], days=12, note="送县质检所检验")
    assert seizure.testing_days == 12 and seizure.due_on == due + datetime.timedelta(days=12)
    assert case.deadlines.get(key=f"seizure:{seizure.pk}", state="open").due_on == seizure.due_on
    seizure = services.add_testing_period(seizure, by=cw.users["officer_a"], days=3, note="复检")
    assert seizure.testing_days == 15
    with pytest.raises(ValidationError):
        services.add_testing_period(seizure, by=cw.users["officer_a"], days=0, note="x")


def test_ledger_status_changes_end_the_seizure(cw):
    case = filed_case(cw)
    head = cw.users["leader_a"]
    seizure = services.approve_seizure(seize(cw, case), by=head)
    tricycle, umbrellas = seizure.items.order_by("id")
    with pytest.raises(ValidationError) as error:
        services.change_item_status(tricycle, by=head, status=ItemStatus.RETURNED, document_ref="")
    assert "document_ref" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.change_item_status(tricycle, by=cw.users["officer_a"], status=ItemStatus.RETURNED,
                                    document_ref="城关街综执解扣〔2025〕1号")
    services.change_item_status(tricycle, by=head, status=ItemStatus.RETURNED,
                                document_ref="城关街综执解扣〔2025〕1号", note="已退还当事人")
    seizure.refresh_from_db()
    assert seizure.status == SeizureStatus.IN_FORCE
    services.change_item_status(umbrellas, by=head, status=ItemStatus.CONFISCATED, document_ref="城关街综执罚决〔2025〕3号")
    seizure.refresh_from_db()
    assert seizure.status == SeizureStatus.ENDED and seizure.ended_on == TODAY()
    assert case.deadlines.get(key=f"seizure:{seizure.pk}").state == "met"
    umbrellas = services.change_item_status(umbrellas, by=head, status=ItemStatus.DESTROYED,
                                            document_ref="销毁记录2025-1")
    with pytest.raises(ValidationError):
        services.change_item_status(umbrellas, by=head, status=ItemStatus.RETURNED, document_ref="x")
    history = list(umbrellas.events.order_by("id").values_list("from_status", "to_status", "document_ref"))
    assert history == [("", "in_custody", ""), ("in_custody", "confiscated", "城关街综执罚决〔2025〕3号"),
                       ("confiscated", "destroyed", "销毁记录2025-1")]
    assert all(e.actor_name for e in umbrellas.events.all())
    assert case.events.filter(kind=CaseEventKind.SEIZURE_RELEASED).count() == 3
    tricycle.refresh_from_db()
    with pytest.raises(ValidationError):
        services.move_item(tricycle, by=head, custody_place="新仓库", custodian="李")


def test_move_item_records_custody(cw):
    seizure = services.approve_seizure(seize(cw, filed_case(cw)), by=cw.users["leader_a"])
    item = services.move_item(seizure.items.first(), by=cw.users["officer_a"], custody_place="县物证中心",
                              custodian="王保管")
    assert item.custody_place == "县物证中心" and item.events.count() == 2


def test_files_content_sniffing_helpers():
    from zongzhi.evidence.uploads import check_file

    assert check_file(f.office("a.docx", "word/document.xml")).content_type.endswith("document")
    assert check_file(f.txt(text="gb 中文".encode("gb18030").decode("latin-1"))).content_type == "text/plain"
    assert check_file(ContentFile(b"%PDF-1.4\n", name="x.PDF")).extension == "pdf"
