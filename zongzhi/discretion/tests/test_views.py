import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zongzhi.audit.services import history
from zongzhi.discretion.choices import StandardStatus
from zongzhi.discretion.models import DiscretionStandard
from zongzhi.utilities.testing import client_for, export_cells

from .conftest import BURNING_BANDS, make_standard

pytestmark = pytest.mark.django_db


def standard_data(burning, region, **extra):
    return {"matter": burning.pk, "issuing_region": region.pk, "issuer": "襄城县生态环境分局",
            "title": "襄城县生态环境行政处罚裁量基准（2025年版）", "document_number": "襄环〔2025〕3号",
            "version": "2025", "effective_from": "2025-01-01", **extra}


def bands_data(*bands, initial=0):
    data = {"bands-TOTAL_FORMS": str(len(bands)), "bands-INITIAL_FORMS": str(initial), "bands-MIN_NUM_FORMS": "1",
            "bands-MAX_NUM_FORMS": "5"}
    for i, band in enumerate(bands):
        for key, value in band.items():
            data[f"bands-{i}-{key}"] = value
    return data


def band(level, low, high, types=("fine",), **extra):
    return {"level": level, "conditions": "情形", "penalty_types": list(types), "fine_min": low, "fine_max": high,
            "item": "第一项", **extra}


def test_create_a_standard_with_its_bands(world, burning):
    client = client_for(world.users["admin"])
    response = client.post("/discretion/add/", {**standard_data(burning, world.county),
                                                **bands_data(band("lighter", "500", "800"),
                                                             band("ordinary", "800", "1500"))})
    assert response.status_code == 302, response.content.decode()[:3000]
    standard = DiscretionStandard.objects.get(version="2025")
    assert [b.level for b in standard.ordered_bands()] == ["lighter", "ordinary"]
    assert history(standard).first().user_name == "admin"


@pytest.mark.parametrize("bands, message", [
    ((band("ordinary", "800", "2500"),), "fine_max"),
    ((band("ordinary", "900", "800"),), "fine_max"),
    ((band("ordinary", "800", "900"), band("ordinary", "900", "1000")), "level"),
    ((band("ordinary", "800", "900", types=("fine", "order_closure")),), "penalty_types"),
    ((), "min"),
])
def test_formset_validation_saves_nothing(world, burning, bands, message):
    client = client_for(world.users["admin"])
    response = client.post("/discretion/add/", {**standard_data(burning, world.county), **bands_data(*bands)})
    assert response.status_code == 400
    assert not DiscretionStandard.objects.exists()
    body = response.content.decode()
    assert "field-error" in body or "form-error" in body


def test_formset_messages_are_chinese(world, burning):
    client = client_for(world.users["admin"])
    body = client.post("/discretion/add/", {**standard_data(burning, world.county),
                                            **bands_data(band("ordinary", "800", "2500"),
                                                         band("lighter", "100", "600"))}).content.decode()
    assert "高于该事项的法定最高" in body and "低于该事项的法定最低" in body


def test_filed_standard_is_frozen_in_the_ui(world, province_burning):
    client = client_for(world.users["admin"])
    page = client.get(province_burning.get_absolute_url()).content.decode()
    assert f"/discretion/{province_burning.pk}/edit/" not in page
    response = client.post(f"/discretion/{province_burning.pk}/edit/", {
        **standard_data(province_burning.matter, world.province, version="2024"), **bands_data(
            band("ordinary", "800", "1500"))})
    assert response.status_code == 400
    assert client.get(f"/discretion/{province_burning.pk}/delete/").status_code == 404


def test_file_publish_and_new_version_from_the_detail_page(world, burning):
    client = client_for(world.users["admin"])
    draft = make_standard(burning, world.county, status=StandardStatus.DRAFT, bands=BURNING_BANDS)
    assert client.post(f"/discretion/{draft.pk}/file/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == StandardStatus.FILED
    client.post(f"/discretion/{draft.pk}/new-version/", {"version": "2026", "effective_from": "2026-01-01"})
    newer = DiscretionStandard.objects.get(version="2026")
    assert newer.supersedes == draft and newer.bands.count() == 4
    client.post(f"/discretion/{newer.pk}/publish/")
    draft.refresh_from_db()
    assert draft.status == StandardStatus.SUPERSEDED
    page = client.get(newer.get_absolute_url()).content.decode()
    assert page.count("list-group-item") == 2  # the version chain
    bad = client.post(f"/discretion/{newer.pk}/new-version/", {"version": "", "effective_from": ""}, follow=True)
    assert DiscretionStandard.objects.count() == 2 and bad.status_code == 200


def test_an_officer_reads_but_cannot_write(world, burning, province_burning):
    client = client_for(world.users["officer_a"])
    assert client.get("/discretion/").status_code == 200
    assert client.get(province_burning.get_absolute_url()).status_code == 200
    assert client.get("/discretion/add/").status_code == 404
    assert client.post(f"/discretion/{province_burning.pk}/publish/").status_code == 404
    assert client.get("/discretion/import/").status_code == 404
    draft = make_standard(burning, world.county, status=StandardStatus.DRAFT, bands=BURNING_BANDS)
    assert client.post(f"/discretion/{draft.pk}/file/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == StandardStatus.DRAFT


def test_list_filters_and_export(world, burning, province_burning):
    draft = make_standard(burning, world.county, status=StandardStatus.DRAFT, bands=BURNING_BANDS)
    client = client_for(world.users["officer_a"])
    for params, shown, hidden in [({"status": "published"}, province_burning, draft),
                                  ({"issuing_level": "county"}, draft, province_burning),
                                  ({"q": "襄城县"}, draft, province_burning)]:
        body = client.get("/discretion/", params).content.decode()
        assert f'href="{shown.get_absolute_url()}"' in body and f'href="{hidden.get_absolute_url()}"' not in body
    export = client.get("/discretion/?export=xlsx&status=published")
    assert "《河南省生态环境行政处罚裁量基准（2024年版）》（文〔2024〕1号）" in export_cells(export)


def test_pages_render(world, burning, province_burning):
    client = client_for(world.users["admin"])
    draft = make_standard(burning, world.county, status=StandardStatus.DRAFT, bands=BURNING_BANDS)
    detail = client.get(draft.get_absolute_url()).content.decode()
    assert "第一项第3目" in detail and "data-testid=\"file\"" in detail and "不予处罚" in detail
    edit = client.get(f"/discretion/{draft.pk}/edit/").content.decode()
    assert edit.count('data-testid="band-form"') == 4 + 1  # four bands and the template of a new one
    assert client.get("/discretion/add/").status_code == 200
    assert client.get(f"/discretion/{draft.pk}/history/").status_code == 200


def test_list_keeps_a_fixed_number_of_queries(world, burning):
    client = client_for(world.users["bureau"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/discretion/").status_code == 200
        return len(ctx)

    make_standard(burning, world.province, bands=BURNING_BANDS)
    count()
    before = count()
    for i in range(10):
        make_standard(burning, world.county, version=f"v{i}", effective=datetime.date(2024, 2, 1 + i))
    assert count() == before


def test_calculator_shows_band_flags_and_citations(world, province_burning):
    client = client_for(world.users["officer_a"])
    page = client.get("/discretion/calculator/")
    assert page.status_code == 200 and 'value="411025001"' in page.content.decode()
    preselected = client.get(f"/discretion/calculator/?matter={province_burning.matter_id}").content.decode()
    assert "calculator-errors" not in preselected and f'value="{province_burning.matter_id}" selected' in preselected
    params = {"matter": province_burning.matter_id, "region": "411025001", "date": "2025-06-01", "level": "lighter",
              "amount": "1800", "penalty_types": ["fine"]}
    body = client.get("/discretion/calculator/", params, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "calculator-flags" in body and "第一项第2目" in body
    assert "第一百一十九条" in body
    ok = client.get("/discretion/calculator/", {**params, "amount": "600"}, HTTP_HX_REQUEST="true").content.decode()
    assert "calculator-ok" in ok
    above = client.get("/discretion/calculator/", {**params, "amount": "5000"}, HTTP_HX_REQUEST="true")
    assert "calculator-errors" in above.content.decode()
    missing = client.get("/discretion/calculator/", {**params, "region": "999999"}, HTTP_HX_REQUEST="true")
    assert "999999" in missing.content.decode()
