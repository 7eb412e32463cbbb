"""Parser, import and citations of the law library, on the real shipped texts."""

import datetime
import shutil

import pytest

from zongzhi.audit.models import ChangeLogEntry
from zongzhi.audit.services import history
from zongzhi.laws.choices import LawKind
from zongzhi.laws.citation import (
    Citation,
    CitationError,
    chinese_number,
    cite,
    enforced_articles,
    parse_chinese_number,
    parse_citation,
    resolve_citation,
)
from zongzhi.laws.models import Article, Law, LawVersion
from zongzhi.laws.parser import LawParseError, parse_file, parse_text, read_manifest
from zongzhi.laws.services import LIBRARY, LawImportError, import_law_file, import_laws
from zongzhi.users.models import User
from zongzhi.utilities.testing import client_for

CHUFA = LIBRARY / "xingzheng_chufa_fa_2021.md"
DAQI = LIBRARY / "daqi_wuran_fangzhi_fa_2018.md"


def test_every_shipped_file_parses_with_the_manifest_article_count():
    manifest = read_manifest(LIBRARY)
    assert len(manifest) == 17
    for name, row in manifest.items():
        parsed = parse_file(LIBRARY / name)
        assert parsed.title == row["title"]
        assert len(parsed.articles) == int(row["articles"]), name
        assert parsed.sha256 == row["sha256"]
        assert [a.number for a in parsed.articles] == list(range(1, len(parsed.articles) + 1))


def test_paragraphs_items_chapters_and_sections():
    chufa = parse_file(CHUFA)
    art51 = chufa.articles[50]
    assert (art51.label, art51.chapter, art51.section) == ("第五十一条", "第五章 行政处罚的决定", "第二节 简易程序")
    assert art51.paragraphs[0]["text"].startswith("违法事实确凿并有法定依据")
    art9 = chufa.articles[8]
    assert len(art9.paragraphs) == 1 and len(art9.paragraphs[0]["items"]) == 6
    assert art9.paragraphs[0]["items"][0] == "（一）警告、通报批评；"
    art119 = parse_file(DAQI).articles[118]
    assert len(art119.paragraphs) == 3 and art119.chapter == "第七章 法律责任"
    assert "露天焚烧秸秆" in art119.paragraphs[0]["text"]


def test_metadata_dates_kind_issuer_and_source():
    chufa = parse_file(CHUFA)
    assert chufa.promulgated == datetime.date(2021, 1, 22)
    assert chufa.effective == datetime.date(2021, 7, 15)  # 第八十六条: 本法自2021年7月15日起施行
    assert chufa.kind == LawKind.LAW and chufa.issuer == "全国人民代表大会"
    assert chufa.label == "2021年修订"
    assert chufa.source.endswith("2f4c5c23716267af9dbebbbbd6cbbf732b101981/行政法/行政处罚法(2021-01-22).md")
    assert chufa.retrieved == datetime.date(2026, 11, 22)
    daqi = parse_file(DAQI)  # the text's own "自2016年1月1日起施行" predates the 2018 amendment
    assert daqi.effective == datetime.date(2018, 10, 26)
    rongmao = parse_file(LIBRARY / "chengshi_shirong_huanjing_weisheng_tiaoli_2017.md")
    assert (rongmao.kind, rongmao.issuer) == (LawKind.ADMINISTRATIVE_REGULATION, "国务院")
    xuchang = parse_file(LIBRARY / "henan_xuchang_shirong_huanjing_weisheng_tiaoli_2019.md")
    assert (xuchang.kind, xuchang.issuer) == (LawKind.LOCAL_REGULATION, "许昌市人民代表大会常务委员会")
    fuyi = parse_file(LIBRARY / "xingzheng_fuyi_fa_2023.md")
    assert fuyi.effective == datetime.date(2024, 1, 1)


TEXT = "# 某某条例\n\n2020年1月2日 某某会议通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了……\n\n{rest}\n"


def test_numbering_gaps_and_malformed_files_are_reported():
    with pytest.raises(LawParseError, match="第三条"):
        parse_text(TEXT.format(rest="第三条 跳过了第二条。"))
    with pytest.raises(LawParseError, match="INFO END"):
        parse_text("# 某某条例\n\n第一条 正文\n")
    with pytest.raises(LawParseError):
        parse_text("没有标题\n")
    parsed = parse_text(TEXT.format(rest="第二条\u3000全角空格分隔。\n\n(一)半角括号的项；"))
    assert parsed.articles[1].paragraphs == [{"text": "全角空格分隔。", "items": ["(一)半角括号的项；"]}]


@pytest.mark.django_db
def test_import_is_idempotent_and_logged():
    outcomes = import_laws([CHUFA, DAQI])
    assert all(o.version_created for o in outcomes)
    law = Law.objects.get(title="中华人民共和国行政处罚法")
    assert (law.short_title, law.kind, law.issuer) == ("行政处罚法", LawKind.LAW, "全国人民代表大会")
    version = law.current_version()
    assert version.effective == datetime.date(2021, 7, 15) and version.articles.count() == 86
    assert history(version).filter(action="create").exists()  # articles are bulk-created as part of it
    article = version.articles.get(number=51)
    assert "当场" in article.tokens.split() and "的" not in article.tokens.split()
    entries = ChangeLogEntry.objects.count()
    again = import_laws([CHUFA, DAQI])
    assert not any(o.changed for o in again)
    assert ChangeLogEntry.objects.count() == entries
    assert Article.objects.count() == 86 + 129


@pytest.mark.django_db
def test_a_new_version_and_a_corrected_text(tmp_path):
    import_law_file(CHUFA)
    text = CHUFA.read_text(encoding="utf-8")
    newer = tmp_path / "chufa_new.md"  # not in a manifest: the version date comes from the history
    newer.write_text(text.replace("<!-- INFO END -->", "2025年1月1日 某次会议修正\n\n<!-- INFO END -->"),
                     encoding="utf-8")
    outcome = import_law_file(newer)
    assert outcome.version_created and not outcome.law_created
    law = Law.objects.get()
    assert law.versions.count() == 2
    assert law.current_version().effective == datetime.date(2025, 1, 1)
    assert law.current_version(datetime.date(2022, 1, 1)).effective == datetime.date(2021, 7, 15)
    old = law.versions.get(effective=datetime.date(2021, 7, 15))
    page = client_for(User.objects.create_superuser("root", password="x")).get(old.get_absolute_url())
    assert page.status_code == 200 and f'active" href="?version={old.pk}"' in page.content.decode()
    corrected = tmp_path / "chufa_fixed.md"
    corrected.write_text(newer.read_text(encoding="utf-8").replace("第五十一条 违法事实确凿", "第五十一条 违法事实清楚"),
                         encoding="utf-8")
    outcome = import_law_file(corrected)
    assert (outcome.version_created, outcome.articles_changed) == (False, 1)
    article = Article.objects.get(version=outcome.version, number=51)
    assert article.text.startswith("违法事实清楚")
    assert history(article).filter(action="update").exists()


@pytest.mark.django_db
def test_a_bad_file_imports_nothing(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(TEXT.format(rest="第三条 缺第二条。"), encoding="utf-8")
    with pytest.raises(LawImportError, match="bad.md"):
        import_laws([CHUFA, bad])
    assert not Law.objects.exists() and not LawVersion.objects.exists()


@pytest.mark.django_db
def test_manifest_mismatch_is_refused(tmp_path):
    shutil.copy(LIBRARY / "manifest.csv", tmp_path)
    changed = tmp_path / CHUFA.name
    changed.write_text(CHUFA.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(LawImportError, match="SHA-256"):
        import_law_file(changed)


@pytest.mark.django_db
def test_import_command_defaults_to_the_library(capsys):
    from django.core.management import call_command

    call_command("import_laws")
    assert Law.objects.count() == 17
    assert LawVersion.objects.get(law__title="中华人民共和国行政复议法").effective == datetime.date(2024, 1, 1)
    call_command("import_laws")
    assert "0" in capsys.readouterr().out.strip().splitlines()[-1]
    assert Law.objects.get(title="许昌市城市市容和环境卫生管理条例").kind == LawKind.LOCAL_REGULATION


def test_chinese_numbers_round_trip():
    assert [chinese_number(n) for n in (1, 10, 15, 20, 100, 105, 110, 119, 1000)] == [
        "一", "十", "十五", "二十", "一百", "一百零五", "一百一十", "一百一十九", "一千"]
    for n in range(1, 1200):
        assert parse_chinese_number(chinese_number(n)) == n


def test_citation_format_and_parse_round_trip():
    text = cite("中华人民共和国大气污染防治法", 119, 1)
    assert text == "《中华人民共和国大气污染防治法》第一百一十九条第一款"
    assert parse_citation(text) == Citation("中华人民共和国大气污染防治法", 119, 1, None)
    full = cite("中华人民共和国行政处罚法", 9, 1, 2)
    assert full == "《中华人民共和国行政处罚法》第九条第一款第（二）项"
    assert parse_citation(full) == Citation("中华人民共和国行政处罚法", 9, 1, 2)
    nested = cite("河南省实施《中华人民共和国城乡规划法》办法", 3)
    assert nested == "《河南省实施〈中华人民共和国城乡规划法〉办法》第三条"
    assert parse_citation(nested).title == "河南省实施《中华人民共和国城乡规划法》办法"
    assert parse_citation("大气污染防治法 第119条 第2款") == Citation("大气污染防治法", 119, 2, None)
    assert enforced_articles("违反本条例第十八条、第十九条第二款规定的，处以罚款。违反本法规定的，责令改正。") == [18, 19]
    for bad in ("", "行政处罚法", "《行政处罚法》第零条", "x" * 400):
        with pytest.raises(CitationError):
            parse_citation(bad)


@pytest.mark.django_db
def test_resolve_citation():
    import_laws([CHUFA, DAQI])
    article = resolve_citation("《中华人民共和国大气污染防治法》第一百一十九条第一款")
    assert (article.version.law.title, article.number) == ("中华人民共和国大气污染防治法", 119)
    assert article.citation() == "《中华人民共和国大气污染防治法》第一百一十九条"
    assert resolve_citation("行政处罚法第九条第一款第（六）项").number == 9  # by short title
    for bad, message in [("《中华人民共和国民法典》第一条", "民法典"), ("行政处罚法第九十条", "九十"),
                         ("行政处罚法第五十一条第二款", "1"), ("行政处罚法第九条第（七）项", "（七）")]:
        with pytest.raises(CitationError, match=message):
            resolve_citation(bad)
