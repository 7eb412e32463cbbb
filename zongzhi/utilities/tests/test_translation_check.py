"""The translation check (scripts/check_translations.py) catches two apps translating one string differently."""

import importlib.util
from pathlib import Path

import polib
from django.utils import translation

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "check_translations.py"
spec = importlib.util.spec_from_file_location("check_translations", SCRIPT)
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)


def write(tmp_path, app, entries):
    po = polib.POFile()
    for msgctxt, msgid, msgstr in entries:
        po.append(polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgstr=msgstr))
    path = tmp_path / app / "django.po"
    path.parent.mkdir()
    po.save(str(path))
    return path


def test_conflict_is_reported_with_every_app(tmp_path):
    catalogues = {
        "cases": write(tmp_path, "cases", [(None, "Open", "办理中"), (None, "Kind", "类型")]),
        "regions": write(tmp_path, "regions", [(None, "Open", "展开"), (None, "Kind", "类型")]),
    }
    assert check.conflicts(catalogues) == [(None, "Open", {"cases": "办理中", "regions": "展开"})]
    assert check.conflicts(catalogues, only=["cases"])
    assert check.conflicts(catalogues, only=["laws"]) == []


def test_context_separates_meanings(tmp_path):
    catalogues = {
        "cases": write(tmp_path, "cases", [("clue status", "Open", "办理中")]),
        "regions": write(tmp_path, "regions", [(None, "Open", "展开")]),
    }
    assert check.conflicts(catalogues) == []


def test_same_context_different_translation_conflicts(tmp_path):
    catalogues = {
        "a": write(tmp_path, "a", [("status", "Open", "办理中"), (None, "Fuzzy", "")]),
        "b": write(tmp_path, "b", [("status", "Open", "打开"), (None, "Fuzzy", "模糊")]),
    }
    assert check.conflicts(catalogues) == [("status", "Open", {"a": "办理中", "b": "打开"})]


def test_committed_catalogues_agree():
    found = check.conflicts(check.catalogue_paths())
    assert found == [], [(c, m) for c, m, _ in found]


def test_words_that_differed_by_app_now_read_right():
    """Each pair below used to show another app's word (whichever catalogue Django merged last)."""
    from django.template import engines

    from zongzhi.cases.choices import CaseEventKind, DeadlineState, PublicStatus
    from zongzhi.cases.models import Case, Clue
    from zongzhi.catalog.models import CatalogItem
    from zongzhi.discretion.models import DiscretionStandard
    from zongzhi.laws.models import Article
    from zongzhi.officers.choices import CertificateStatus
    from zongzhi.patrols.choices import AttachmentKind, NonSiteStatus
    from zongzhi.subjects.choices import SubjectKind

    def label(model, field):
        return str(model._meta.get_field(field).verbose_name)

    with translation.override("zh-hans"):
        assert str(PublicStatus.OPEN.label) == "办理中"
        assert str(DeadlineState.OPEN.label) == "计算中"
        assert engines["django"].from_string(
            "{% load i18n %}{% translate 'Open' context 'tree node' %}").render({}) == "展开"
        assert label(Case, "filed_on") == "立案日期"
        assert label(DiscretionStandard, "filed_on") == "备案日期"
        assert label(Clue, "number") == "编号"
        assert label(Article, "number") == "条号"
        assert label(CatalogItem, "number") == "序号"
        assert str(CaseEventKind.SUSPENDED.label) == "已中止"
        assert str(CertificateStatus.SUSPENDED.label) == "暂扣"
        assert str(AttachmentKind.FILE.label) == "文件"
        assert str(NonSiteStatus.ACCEPTED.label) == "审核通过"
        assert str(SubjectKind.PLACE.label) == "场所"
