"""Search, pages, API and the Excel import of the law library."""

import io
import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from zongzhi.laws import search as search_module
from zongzhi.laws.forms import LawImporter
from zongzhi.laws.models import Article, Law
from zongzhi.laws.search import SearchError, highlight, search
from zongzhi.laws.services import LIBRARY, import_laws
from zongzhi.utilities.testing import api_client_for, client_for

pytestmark = pytest.mark.django_db

DAQI = "中华人民共和国大气污染防治法"
RONGMAO = "城市市容和环境卫生管理条例"
XUCHANG = "许昌市城市市容和环境卫生管理条例"


@pytest.fixture
def library():
    import_laws()
    return {law.title: law for law in Law.objects.all()}


def ranked(query, n, **kwargs):
    return [(h.article.version.law.title, h.article.number) for h in search(query, **kwargs)[:n]]


def test_burning_straw_finds_the_air_pollution_law_first(library):
    assert set(ranked("露天焚烧秸秆", 2)) == {(DAQI, 77), (DAQI, 119)}
    assert set(ranked("烧秸秆", 2)) == {(DAQI, 77), (DAQI, 119)}  # colloquial: through the domain dictionary


def test_street_stalls_find_the_city_appearance_regulations_first(library):
    top = ranked("占道经营", 5)
    assert {(XUCHANG, 18), (RONGMAO, 14)} <= set(top[:3])
    assert (XUCHANG, 42) in top  # the penalty for 第十八条 follows the article it enforces


def test_hits_carry_citation_and_a_highlighted_snippet(library):
    hit = search("露天焚烧秸秆")[0]
    assert hit.citation == hit.article.citation()
    assert "<mark>露天焚烧秸秆</mark>" in hit.snippet
    assert hit.score > 0


def test_law_filter_and_empty_or_overlong_queries(library):
    within = search("罚款", law=library[XUCHANG].pk)
    assert within and {h.article.version.law_id for h in within} == {library[XUCHANG].pk}
    for bad in ("", "   ", "查" * 101):
        with pytest.raises(SearchError):
            search(bad)
    assert search("的") == []  # stopwords only: nothing to look for


def test_highlight_escapes_and_centres_on_the_matches():
    text = "甲" * 300 + "<b>违法</b>建设" + "乙" * 300
    snippet = highlight(text, {"违法": 1.0, "建设": 1.0})
    assert "&lt;b&gt;<mark>违法</mark>&lt;/b&gt;<mark>建设</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…") and len(snippet) < 200


def test_the_index_follows_changes(library):
    search("秸秆")
    article = Article.objects.get(version__law=library[DAQI], number=77)
    article.tokens += " 独角兽"
    article.save()
    assert ranked("独角兽", 1) == [(DAQI, 77)]


def test_search_over_the_whole_library_is_fast(library):
    queries = ["露天焚烧秸秆", "占道经营", "当场作出行政处罚决定", "查封扣押", "噪声", "违法建设", "食品经营许可", "罚款"]
    for q in queries:
        search(q)  # warm up: the index and jieba's dictionary
    timings = []
    for _ in range(3):
        for q in queries:
            start = time.perf_counter()
            search(q)
            timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.05, timings
    assert search_module.index().size == Article.objects.count()


def test_search_page_and_live_results(world, library):
    client = client_for(world.users["officer_a"])
    page = client.get("/laws/search/", {"q": "露天焚烧秸秆"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "《中华人民共和国大气污染防治法》第七十七条" in body and "<mark>露天焚烧秸秆</mark>" in body
    assert "<html" in body
    partial = client.get("/laws/search/", {"q": "占道经营", "law": library[XUCHANG].pk}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    assert "第十八条" in partial.content.decode()
    too_long = client.get("/laws/search/", {"q": "查" * 101}, HTTP_HX_REQUEST="true")
    assert "最多" in too_long.content.decode()


def test_law_list_detail_and_article_pages(world, library):
    client = client_for(world.users["officer_a"])
    daqi = library[DAQI]
    listing = client.get("/laws/").content.decode()
    assert daqi.get_absolute_url() in listing and "2018年修正" in listing and "129" in listing
    detail = client.get(daqi.get_absolute_url()).content.decode()
    assert 'id="art-119"' in detail and "第七章 法律责任" in detail and 'href="#art-1"' in detail
    assert "56caa97300755351758cd4fc7f96829f287f0a3e92c9252f8faec4f9cac15026" in detail
    article = Article.objects.get(version__law=daqi, number=119)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'data-copy="《中华人民共和国大气污染防治法》第一百一十九条第二款"' in page
    xuchang = {a.number: a for a in Article.objects.filter(version__law=library[XUCHANG], number__in=[18, 42])}
    links = client.get(xuchang[18].get_absolute_url()).content.decode().split('data-testid="penalty-links"')[1]
    assert xuchang[42].get_absolute_url() in links  # 第四十二条: “违反本条例第十八条规定……处以……罚款”
    links = client.get(xuchang[42].get_absolute_url()).content.decode().split('data-testid="penalty-links"')[1]
    assert xuchang[18].get_absolute_url() in links
    assert client.get(f"/laws/{daqi.pk}/history/").status_code == 200
    assert client.get("/laws/versions/").status_code == 200
    assert client.get(f"/laws/articles/?law={daqi.pk}&number=119").status_code == 200


def test_lists_and_api_keep_a_fixed_number_of_queries(world):
    client = client_for(world.users["bureau"])
    api = api_client_for(world.users["bureau"])
    urls = [(client, "/laws/"), (client, "/laws/versions/"), (client, "/laws/articles/"),
            (client, "/laws/search/?q=罚款"), (api, "/api/v1/laws/"), (api, "/api/v1/law-versions/"),
            (api, "/api/v1/articles/"), (api, "/api/v1/laws/search/?q=罚款")]

    def count(c, url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    import_laws([LIBRARY / "xingzheng_chufa_fa_2021.md"])
    [count(c, url) for c, url in urls]  # warm the per-process caches (content types, the search index)
    few = [count(c, url) for c, url in urls]
    import_laws()
    [count(c, url) for c, url in urls[3::4]]  # the search index is rebuilt once after a change
    assert [count(c, url) for c, url in urls] == few


def test_api_lists_filters_search_and_cite(world, library):
    api = api_client_for(world.users["officer_a"])
    daqi = library[DAQI]
    laws = api.get("/api/v1/laws/", {"kind": "local_regulation"}).json()
    assert {r["title"] for r in laws["results"]} == {XUCHANG, "河南省实施《中华人民共和国城乡规划法》办法"}
    articles = api.get("/api/v1/articles/", {"law": daqi.pk, "number": 119}).json()
    assert articles["count"] == 1 and articles["results"][0]["citation"].endswith("第一百一十九条")
    found = api.get("/api/v1/laws/search/", {"q": "露天焚烧秸秆"}).json()
    assert found["results"][0]["citation"] in {"《中华人民共和国大气污染防治法》第七十七条",
                                               "《中华人民共和国大气污染防治法》第一百一十九条"}
    assert "<mark>" in found["results"][0]["snippet"] and found["results"][0]["score"] > 0
    for q in ("", "查" * 101):
        response = api.get("/api/v1/laws/search/", {"q": q}, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 400 and "q" in response.json()
    assert "输入" in api.get("/api/v1/laws/search/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["q"][0]
    cited = api.get("/api/v1/laws/cite/", {"text": "大气污染防治法第119条第1款"}).json()
    assert cited["citation"] == "《中华人民共和国大气污染防治法》第一百一十九条第一款"
    assert cited["article"]["number"] == 119 and cited["paragraph"] == 1
    missing = api.get("/api/v1/laws/cite/", {"text": "《中华人民共和国民法典》第一条"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert missing.status_code == 400 and "民法典" in missing.json()["text"][0]
    assert api.post("/api/v1/laws/", {"title": "x", "kind": "law"}, format="json").status_code in (403, 405)
    assert not Law.objects.filter(title="x").exists()


def headers():
    return [c.header for c in LawImporter(None).columns]


def workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(headers())
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "laws.xlsx"
    return buffer


def test_excel_import_is_all_or_nothing_and_idempotent(world):
    client = client_for(world.users["admin"])
    template = client.get("/laws/import/?template=1")
    assert template.status_code == 200
    sheets = load_workbook(io.BytesIO(template.content)).worksheets
    assert [c.value for c in sheets[0][1]] == headers() and len(sheets) == 2  # data and instructions
    bad = client.post("/laws/import/", {"file": workbook([
        ("中华人民共和国行政处罚法", "行政处罚法", "法律", "全国人民代表大会", ""),
        ("许昌市某条例", "", "条例", "", "4110"),
        ("", "", "法律", "", "9999"),
    ])})
    assert bad.status_code == 400
    errors = bad.content.decode().split('data-testid="import-errors"')[1]
    title, _short, kind, _issuer, region = headers()
    assert f"<td>3</td><td>{kind}</td>" in errors and "条例" in errors
    assert f"<td>4</td><td>{title}</td>" in errors and f"<td>4</td><td>{region}</td>" in errors
    assert not Law.objects.exists()
    good = [("中华人民共和国行政处罚法", "行政处罚法", "法律", "全国人民代表大会", ""),
            ("许昌市城市市容和环境卫生管理条例", "", "地方性法规", "许昌市人民代表大会常务委员会", "4110")]
    assert client.post("/laws/import/", {"file": workbook(good)}).status_code == 200
    assert Law.objects.get(title="许昌市城市市容和环境卫生管理条例").region == world.city
    before = [(law.pk, law.updated) for law in Law.objects.order_by("pk")]
    again = client.post("/laws/import/", {"file": workbook(good)})
    assert 'data-testid="import-ok"' in again.content.decode()
    assert [(law.pk, law.updated) for law in Law.objects.order_by("pk")] == before


def test_export_round_trips_through_the_import(world, library):
    assert library[XUCHANG].region == world.city and library["河南省实施《中华人民共和国城乡规划法》办法"].region == world.province
    client = client_for(world.users["admin"])
    export = client.get("/laws/?export=xlsx")
    assert export.status_code == 200
    before = [(law.pk, law.updated) for law in Law.objects.order_by("pk")]
    result = client.post("/laws/import/", {"file": io.BytesIO(export.content)})
    assert result.status_code == 200 and 'data-testid="import-ok"' in result.content.decode()
    assert [(law.pk, law.updated) for law in Law.objects.order_by("pk")] == before


def test_only_those_who_may_add_laws_import(world, library):
    officer = client_for(world.users["officer_a"])
    assert officer.get("/laws/import/").status_code == 404
    assert officer.post("/laws/import/", {"file": workbook([])}).status_code == 404
    assert "/laws/import/" not in officer.get("/laws/").content.decode()
    # The justice bureau may add laws in its own county (normative documents), not national or city ones.
    bureau = client_for(world.users["bureau"])
    assert "/laws/import/" in bureau.get("/laws/").content.decode()
    refused = bureau.post("/laws/import/", {"file": workbook([
        ("中华人民共和国行政处罚法", "行政处罚法", "法律", "全国人民代表大会", ""),
        ("襄城县某规范性文件", "", "规范性文件", "襄城县人民政府", "411025"),
    ])})
    assert refused.status_code == 400 and not Law.objects.filter(title="襄城县某规范性文件").exists()
    accepted = bureau.post("/laws/import/", {"file": workbook([
        ("襄城县某规范性文件", "", "规范性文件", "襄城县人民政府", "411025"),
    ])})
    assert accepted.status_code == 200 and Law.objects.get(title="襄城县某规范性文件").region == world.county


def test_openapi_schema_describes_search_and_cite():
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(patterns=[path("api/v1/", include("zongzhi.laws.api.urls"))]).get_schema(public=True)
    search_op = schema["paths"]["/api/v1/laws/search/"]["get"]
    assert {"q", "law", "version", "limit"} <= {p["name"] for p in search_op["parameters"]}
    assert "text" in {p["name"] for p in schema["paths"]["/api/v1/laws/cite/"]["get"]["parameters"]}
    assert {"/api/v1/laws/", "/api/v1/law-versions/", "/api/v1/articles/"} <= set(schema["paths"])


def test_a_fresh_process_can_build_the_index_before_any_query(library, monkeypatch):
    # Building the index loads the dictionary: the two must not share one (non-reentrant) lock.
    monkeypatch.setattr(search_module, "_dictionary", None)
    monkeypatch.setattr(search_module, "_index", None)
    assert search_module.index().size == Article.objects.count()
