import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from zongzhi.audit.services import history
from zongzhi.discretion import services
from zongzhi.discretion.choices import Flag, StandardStatus
from zongzhi.discretion.models import DiscretionBand

from .conftest import BURNING_BANDS, band, make_standard

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 1)


def test_province_only_applies_in_every_township(world, province_burning, burning):
    for region in (world.town_a, world.town_b, world.county):
        assert services.applicable_standard(burning, region, TODAY) == province_burning


def test_filed_county_version_overrides_the_province_in_its_county_only(world, province_burning, burning):
    county = make_standard(burning, world.county, status=StandardStatus.FILED, bands=BURNING_BANDS)
    assert services.applicable_standard(burning, world.town_a, TODAY) == county
    assert services.applicable_standard(burning, world.city, TODAY) == province_burning


def test_county_draft_never_applies(world, province_burning, burning):
    make_standard(burning, world.county, status=StandardStatus.DRAFT, bands=BURNING_BANDS)
    assert services.applicable_standard(burning, world.town_a, TODAY) == province_burning


def test_a_version_not_yet_in_effect_leaves_the_previous_one_applying(world, province_burning, burning):
    newer = make_standard(burning, world.province, version="2025", effective=datetime.date(2025, 9, 1),
                          bands=BURNING_BANDS, supersedes=province_burning)
    services._take_over(newer)
    province_burning.refresh_from_db()
    assert province_burning.status == StandardStatus.SUPERSEDED
    assert services.applicable_standard(burning, world.town_a, TODAY) == province_burning
    assert services.applicable_standard(burning, world.town_a, datetime.date(2025, 9, 1)) == newer


def test_no_standard_names_the_matter_and_the_region(world, burning):
    with pytest.raises(services.NoApplicableStandard) as error:
        services.applicable_standard(burning, world.town_a, TODAY)
    assert "露天焚烧秸秆" in str(error.value) and "城关街道" in str(error.value)


def test_fixed_band_carries_both_citations(world, province_burning, burning):
    result = services.band_for(burning, world.town_a, TODAY, "ordinary", {})
    assert (result.amount_min, result.amount_max) == (D(800), D(1500))
    assert (result.legal_min, result.legal_max) == (D(500), D(2000))
    assert result.penalty_types == ["fine"]
    assert result.benchmark_citation == "《河南省生态环境行政处罚裁量基准（2024年版）》（文〔2024〕1号）第一项第3目"
    assert result.penalty_citation == "《中华人民共和国大气污染防治法》第一百一十九条第一款"


@pytest.fixture
def province_sand(world, sand):
    return make_standard(sand, world.province, bands=[
        band("ordinary", D(10000), D(50000), types=("confiscate_gains", "fine"), multiple_min=D(2),
             multiple_max=D(3), multiple_base="illegal_gains", multiple_from=D(10000)),
        band("heavier", types=("confiscate_gains", "fine"), multiple_min=D(3), multiple_max=D(5),
             multiple_base="illegal_gains"),
    ])


def test_multiple_band_turns_into_money_with_the_facts(world, province_sand, sand):
    result = services.band_for(sand, world.town_a, TODAY, "ordinary", {"illegal_gains": D("12345.67")})
    assert (result.amount_min, result.amount_max, result.amount_basis) == (D("24691.34"), D("37037.01"), "multiple")
    assert (result.legal_min, result.legal_max) == (D("10000"), D("100000"))
    heavy = services.band_for(sand, world.town_a, TODAY, "heavier", {"illegal_gains": D(40000)})
    assert (heavy.amount_min, heavy.amount_max) == (D(120000), D(200000))
    assert heavy.legal_max == D(200000)


def test_below_the_threshold_or_without_gains_the_fixed_amounts_apply(world, province_sand, sand):
    for facts in ({}, {"illegal_gains": D(5000)}):
        result = services.band_for(sand, world.town_a, TODAY, "ordinary", facts)
        assert (result.amount_min, result.amount_max, result.amount_basis) == (D(10000), D(50000), "fixed")


def test_a_pure_multiple_band_needs_the_base(world, province_sand, sand):
    with pytest.raises(ValidationError) as error:
        services.band_for(sand, world.town_a, TODAY, "heavier", {})
    assert "illegal_gains" in error.value.message_dict


def test_missing_level_is_reported(world, province_sand, sand):
    with pytest.raises(services.NoApplicableStandard):
        services.band_for(sand, world.town_a, TODAY, "lighter", {})


def test_amount_inside_the_band_needs_nothing(world, province_burning, burning):
    check = services.check_amount(burning, world.town_a, TODAY, "ordinary", {}, D(1000), ["fine"])
    assert check.flags == [] and not check.needs_reason and not check.needs_legal_review


def test_amount_outside_the_band_needs_a_reason_and_legal_review(world, province_burning, burning):
    check = services.check_amount(burning, world.town_a, TODAY, "lighter", {}, D(1800), ["fine"])
    assert check.flags == [Flag.OUTSIDE_BAND]
    assert check.needs_reason and check.needs_legal_review
    assert "第一项第2目" in check.messages[0] and check.review_basis.endswith("第五十八条")


def test_above_the_legal_maximum_is_an_error(world, province_burning, burning):
    with pytest.raises(ValidationError) as error:
        services.check_amount(burning, world.town_a, TODAY, "heavier", {}, D(2001), ["fine"])
    assert error.value.message_dict["amount"] == [
        "2001.00 元超过法定最高限额 2000.00 元（《中华人民共和国大气污染防治法》第一百一十九条第一款），不得作出。"]


def test_below_the_legal_minimum_only_when_mitigated(world, burning):
    make_standard(burning, world.province, bands=[*BURNING_BANDS, band("mitigated", D(200), D(500))])
    with pytest.raises(ValidationError):
        services.check_amount(burning, world.town_a, TODAY, "lighter", {}, D(300), ["fine"])
    check = services.check_amount(burning, world.town_a, TODAY, "mitigated", {}, D(100), ["fine"])
    assert check.flags == [Flag.OUTSIDE_BAND, Flag.OUTSIDE_LEGAL_RANGE]


def test_type_not_in_the_band_is_flagged_and_type_outside_the_law_is_an_error(world, province_sand, sand):
    check = services.check_amount(sand, world.town_a, TODAY, "ordinary", {}, D(20000), ["fine", "warning"])
    assert check.flags == [Flag.TYPE_NOT_ALLOWED] and check.needs_legal_review
    with pytest.raises(ValidationError) as error:
        services.check_amount(sand, world.town_a, TODAY, "ordinary", {}, D(20000), ["fine", "order_closure"])
    assert "penalty_types" in error.value.message_dict


def test_no_penalty_level_flags_any_fine(world, province_burning, burning):
    assert services.check_amount(burning, world.town_a, TODAY, "no_penalty", {}, D(0), []).flags == []
    check = services.check_amount(burning, world.town_a, TODAY, "no_penalty", {}, D(500), ["fine"])
    assert set(check.flags) == {Flag.OUTSIDE_BAND, Flag.TYPE_NOT_ALLOWED}


def test_bad_facts_are_refused():
    with pytest.raises(ValidationError) as error:
        services.parse_facts({"illegal_gains": "abc", "goods_value": "-1"})
    assert set(error.value.message_dict) == {"illegal_gains", "goods_value"}
    assert services.parse_facts({"illegal_gains": " 12.5 ", "goods_value": ""}) == {"illegal_gains": D("12.5")}


def test_filing_and_publishing_supersede_the_previous_version(world, province_burning, burning):
    admin = world.users["admin"]
    county = make_standard(burning, world.county, status=StandardStatus.DRAFT, bands=BURNING_BANDS)
    services.file_standard(county, by=admin, filed_on=datetime.date(2024, 3, 1))
    county.refresh_from_db()
    assert (county.status, county.filed_on) == (StandardStatus.FILED, datetime.date(2024, 3, 1))
    assert history(county).first().user_name == "admin"
    with pytest.raises(ValidationError):
        services.file_standard(county, by=admin)
    draft = services.new_version(county, version="2025", effective_from=datetime.date(2025, 1, 1), by=admin)
    assert draft.status == StandardStatus.DRAFT and draft.bands.count() == len(BURNING_BANDS)
    services.publish_standard(draft, by=admin)
    county.refresh_from_db()
    assert county.status == StandardStatus.SUPERSEDED
    assert services.applicable_standard(burning, world.town_a, TODAY).pk == draft.pk


def test_a_standard_without_bands_cannot_be_filed(world, burning):
    empty = make_standard(burning, world.county, status=StandardStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.file_standard(empty, by=world.users["admin"])
    with pytest.raises(ValidationError):
        services.publish_standard(empty, by=world.users["admin"])


def test_band_validation_against_the_legal_range(world, burning):
    draft = make_standard(burning, world.county, status=StandardStatus.DRAFT)

    def errors(**values):
        candidate = DiscretionBand(standard=draft, **band("ordinary", **values))
        with pytest.raises(ValidationError) as error:
            candidate.full_clean()
        return error.value.message_dict

    assert "fine_max" in errors(low=D(800), high=D(2500))
    assert "fine_min" in errors(low=D(100), high=D(800))
    assert "fine_max" in errors(low=D(900), high=D(800))
    assert "penalty_types" in errors(low=D(800), high=D(900), types=("fine", "order_closure"))
    assert "penalty_types" in errors(types=("fine",))
    DiscretionBand(standard=draft, **band("mitigated", D(100), D(400))).full_clean()


def test_a_filed_standard_cannot_change_its_bands(world, province_burning):
    existing = province_burning.bands.get(level="ordinary")
    existing.fine_max = D(1600)
    with pytest.raises(ValidationError):
        existing.full_clean()
