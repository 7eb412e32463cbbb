import csv
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from zongzhi.utilities.identifiers import (
    is_valid_resident_id,
    is_valid_uscc,
    mask_resident_id,
    validate_resident_id,
    validate_uscc,
)

VECTORS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "identifiers"
LOCAL = Path(__file__).resolve().parent / "vectors"


def rows(name):
    path = VECTORS / name if (VECTORS / name).exists() else LOCAL / name
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("row", rows("uscc_test_vectors.csv"), ids=lambda r: r["code"])
def test_uscc_vectors(row):
    assert is_valid_uscc(row["code"]) is (row["expected_valid"] == "true")


@pytest.mark.parametrize("row", rows("resident_id_test_vectors.csv"), ids=lambda r: r["id_number"])
def test_resident_id_vectors(row):
    assert is_valid_resident_id(row["id_number"]) is (row["expected_valid"] == "true")


@pytest.mark.parametrize("bad", ["", "123", "11010519491231002", "110105194913310026", "11010519491231002Y",
                                 "A10105194912310021"])
def test_resident_id_rejects_malformed(bad):
    assert not is_valid_resident_id(bad)


def test_uscc_rejects_excluded_letters_and_length():
    assert not is_valid_uscc("91350100M000100Y4")
    assert not is_valid_uscc("91350100M000100Y4I")


def test_validators_raise_chinese_messages():
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as err:
        validate_resident_id("110105194912310021")
    assert "公民身份号码" in err.value.messages[0]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as err:
        validate_uscc("914403001922038217")
    assert "统一社会信用代码" in err.value.messages[0]


def test_mask():
    assert mask_resident_id("11010519491231002X") == "110105********002X"
