import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator

from zongzhi.discretion.choices import StandardStatus
from zongzhi.discretion.models import DiscretionBand, DiscretionStandard
from zongzhi.utilities.testing import api_client_for

from .conftest import BURNING_BANDS, make_standard

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def band_query(**extra):
    return {"matter": "ECO-001", "region": "411025001", "date": "2025-06-01", "level": "ordinary", **extra}


def test_band_endpoint_returns_the_band_with_citations(world, province_burning):
    response = api_client_for(world.users["officer_a"]).get("/api/v1/discretion/band/", band_query())
    assert response.status_code == 200
    body = response.json()
    assert (body["amount_min"], body["amount_max"], body["amount_basis"]) == ("800.00", "1500.00", "fixed")
    assert (body["legal_min"], body["legal_max"]) == ("500.00", "2000.00")
    assert body["penalty_types"] == ["fine"] and body["standard"] == province_burning.pk
    assert body["benchmark_citation"].endswith("第一项第3目")
    assert body["penalty_citation"] == "《中华人民共和国大气污染防治法》第一百一十九条第一款"


def test_band_endpoint_uses_the_facts(world, sand):
    make_standard(sand, world.province, bands=[
        {"level": "heavier", "conditions": "多次", "penalty_types": ["confiscate_gains", "fine"], "multiple_min": D(3),
         "multiple_max": D(5), "multiple_base": "illegal_gains", "item": "第二项"}])
    api = api_client_for(world.users["officer_a"])
    response = api.get("/api/v1/discretion/band/", band_query(matter="WAT-001", level="heavier", illegal_gains="1000"))
    assert (response.json()["amount_min"], response.json()["amount_max"]) == ("3000.00", "5000.00")
    missing = api.get("/api/v1/discretion/band/", band_query(matter="WAT-001", level="heavier"), **ZH)
    assert missing.status_code == 400 and "illegal_gains" in missing.json()


def test_band_endpoint_bad_parameters_are_400_with_field_messages(world, province_burning):
    response = api_client_for(world.users["officer_a"]).get(
        "/api/v1/discretion/band/", {"matter": "NOPE", "region": "411025001", "date": "yesterday", "level": "worst",
                                     "illegal_gains": "-5"}, **ZH)
    assert response.status_code == 400
    body = response.json()
    assert {"matter", "date", "level", "illegal_gains"} <= set(body)
    assert "NOPE" in body["matter"][0] and "不存在" in body["matter"][0]


def test_band_endpoint_without_a_standard_is_404_naming_matter_and_region(world, burning):
    response = api_client_for(world.users["officer_a"]).get("/api/v1/discretion/band/", band_query(), **ZH)
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "露天焚烧秸秆" in detail and "城关街道" in detail


def test_check_endpoint_flags_and_errors(world, province_burning):
    api = api_client_for(world.users["officer_a"])
    inside = api.post("/api/v1/discretion/check/", {**band_query(), "amount": "1000", "penalty_types": ["fine"]},
                      format="json")
    assert inside.status_code == 200
    assert inside.json()["flags"] == [] and inside.json()["needs_legal_review"] is False
    outside = api.post("/api/v1/discretion/check/", {**band_query(), "amount": "1800", "penalty_types": ["fine"]},
                       format="json").json()
    assert outside["flags"] == ["outside_band"] and outside["needs_reason"] and outside["needs_legal_review"]
    assert outside["review_basis"] == "《中华人民共和国行政处罚法》第五十八条"
    above = api.post("/api/v1/discretion/check/", {**band_query(), "amount": "2500", "penalty_types": ["fine"]},
                     format="json", **ZH)
    assert above.status_code == 400 and "法定最高" in above.json()["amount"][0]
    bad = api.post("/api/v1/discretion/check/", {**band_query(), "amount": "abc", "penalty_types": ["nope"]},
                   format="json", **ZH)
    assert bad.status_code == 400 and {"amount", "penalty_types"} <= set(bad.json())


def test_anyone_signed_in_reads_standards_with_their_bands(world, province_burning):
    response = api_client_for(world.users["officer_b"]).get(f"/api/v1/discretion/standards/{province_burning.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert len(body["bands"]) == 4 and body["citation"] == province_burning.citation
    assert all(b["citation"].startswith("《河南省") for b in body["bands"])


def test_an_officer_cannot_write(world, burning, province_burning):
    api = api_client_for(world.users["officer_a"])
    payload = {"matter": burning.pk, "issuing_region": world.county.pk, "issuer": "襄城县", "title": "x",
               "version": "1", "effective_from": "2025-01-01"}
    assert api.post("/api/v1/discretion/standards/", payload, format="json").status_code == 403
    assert api.post(f"/api/v1/discretion/standards/{province_burning.pk}/publish/").status_code == 403
    assert api.delete(f"/api/v1/discretion/bands/{province_burning.bands.first().pk}/").status_code == 403
    assert not DiscretionStandard.objects.filter(title="x").exists()


def test_superuser_writes_a_draft_band_by_band_then_files_it(world, burning):
    api = api_client_for(world.users["admin"])
    created = api.post("/api/v1/discretion/standards/", {
        "matter": burning.pk, "issuing_region": world.county.pk, "issuer": "襄城县生态环境分局",
        "title": "《襄城县生态环境行政处罚裁量基准》", "version": "2025", "effective_from": "2025-01-01"}, format="json")
    assert created.status_code == 201, created.json()
    standard = DiscretionStandard.objects.get(pk=created.json()["id"])
    assert standard.title == "襄城县生态环境行政处罚裁量基准" and standard.status == StandardStatus.DRAFT
    band = {"standard": standard.pk, "level": "ordinary", "conditions": "一般情形", "penalty_types": ["fine"],
            "fine_min": "800", "fine_max": "2500", "item": "第一项"}
    too_high = api.post("/api/v1/discretion/bands/", band, format="json", **ZH)
    assert too_high.status_code == 400 and "fine_max" in too_high.json()
    assert api.post("/api/v1/discretion/bands/", {**band, "fine_max": "1500"}, format="json").status_code == 201
    duplicate = api.post("/api/v1/discretion/bands/", {**band, "fine_max": "1500"}, format="json", **ZH)
    assert duplicate.status_code == 400
    filed = api.post(f"/api/v1/discretion/standards/{standard.pk}/file/")
    assert filed.status_code == 200 and filed.json()["status"] == "filed"
    frozen = api.patch(f"/api/v1/discretion/standards/{standard.pk}/", {"issuer": "改"}, format="json", **ZH)
    assert frozen.status_code == 400
    band_id = standard.bands.get().pk
    assert api.patch(f"/api/v1/discretion/bands/{band_id}/", {"fine_min": "900"}, format="json").status_code == 400
    assert api.delete(f"/api/v1/discretion/bands/{band_id}/").status_code == 400
    assert api.delete(f"/api/v1/discretion/standards/{standard.pk}/").status_code == 400
    assert api.post(f"/api/v1/discretion/standards/{standard.pk}/file/", **ZH).status_code == 400
    assert DiscretionBand.objects.get(pk=band_id).fine_min == D(800)


def test_list_filters(world, burning, sand, province_burning):
    make_standard(burning, world.county, status=StandardStatus.DRAFT, bands=BURNING_BANDS)
    api = api_client_for(world.users["officer_a"])

    def ids(**params):
        return {row["id"] for row in api.get("/api/v1/discretion/standards/", params).json()["results"]}

    assert ids(issuing_level="province") == {province_burning.pk}
    assert len(ids(status="draft")) == 1 and ids(domain=world.domains["water"].pk) == set()
    assert len(ids(matter=burning.pk)) == 2


def test_api_list_keeps_a_fixed_number_of_queries(world, burning):
    api = api_client_for(world.users["bureau"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert api.get("/api/v1/discretion/standards/").status_code == 200
        return len(ctx)

    make_standard(burning, world.province, bands=BURNING_BANDS)
    count()
    before = count()
    for i in range(10):
        make_standard(burning, world.county, version=f"v{i}", effective=datetime.date(2024, 2, 1 + i),
                      bands=BURNING_BANDS)
    assert count() == before


def test_the_county_justice_bureau_writes_only_county_benchmarks(world, burning, province_burning):
    api = api_client_for(world.users["bureau"])
    payload = {"matter": burning.pk, "issuer": "襄城县司法局", "title": "襄城县基准", "version": "2025",
               "effective_from": "2025-01-01"}
    assert api.post("/api/v1/discretion/standards/", {**payload, "issuing_region": world.county.pk},
                    format="json").status_code == 201
    assert api.post("/api/v1/discretion/standards/", {**payload, "issuing_region": world.province.pk},
                    format="json").status_code == 403
    assert api.post(f"/api/v1/discretion/standards/{province_burning.pk}/publish/").status_code == 404


def test_schema_documents_the_endpoints():
    generator = SchemaGenerator(patterns=[path("api/v1/", include("zongzhi.discretion.api.urls"))])
    paths = generator.get_schema(request=None, public=True)["paths"]
    assert {"/api/v1/discretion/band/", "/api/v1/discretion/check/", "/api/v1/discretion/standards/{id}/file/"} <= set(
        paths)
    assert {p["name"] for p in paths["/api/v1/discretion/band/"]["get"]["parameters"]} >= {
        "matter", "region", "date", "level", "illegal_gains", "goods_value"}
