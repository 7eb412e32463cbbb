import pytest

from zongzhi.documents.masking import mask_id_number, mask_name, mask_phone, mask_text
from zongzhi.utilities.testing import fake_id_number


@pytest.mark.parametrize("name, masked", [
    ("张三", "张某"),
    ("王小明", "王某某"),
    ("李", "李"),
    ("欧阳娜娜", "欧阳某某"),
    ("欧阳锋", "欧阳某"),
    ("司马相如", "司马某某"),
    ("诸葛亮", "诸葛某"),
    ("上官婉儿", "上官某某"),
    ("阿依古丽·买买提", "阿某某"),
    ("买买提·艾力", "买某某"),
    ("迪丽热巴•迪力木拉提", "迪某某"),
    ("  赵四  ", "赵某"),
    ("", ""),
    ("欧阳", "欧某"),  # a one-character surname 欧 with given name 阳
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


def test_identity_numbers_are_masked_but_credit_codes_are_not():
    number = fake_id_number(7)
    assert mask_id_number(f"身份证号码：{number}。") == f"身份证号码：{number[:6]}{'*' * 11}{number[-1]}。"
    assert mask_id_number("41102519850101123X") == "411025***********X"
    assert mask_id_number("411025850101123") == "411025********3"  # old 15-digit numbers
    assert mask_id_number("统一社会信用代码：93411025MA4000000U") == "统一社会信用代码：93411025MA4000000U"
    assert mask_id_number("罚款20250928元") == "罚款20250928元"  # no birth-date shape, no mask
    assert mask_id_number("编号411025199913451234") == "编号411025199913451234"  # month 13: not an identity number


def test_mobile_numbers_are_masked():
    assert mask_phone("联系电话：13812345678") == "联系电话：138****5678"
    assert mask_phone("固话0374-7123456") == "固话0374-7123456"
    assert mask_phone("138123456789") == "138123456789"  # 12 digits: not a mobile number


def test_mask_text_names_and_organisations():
    text = "当事人：张三丰，委托代理人张三，系襄城县丰收农业合作社员工，身份证号码411025198501010074，电话13912345678。"
    masked = mask_text(text, names=["张三", "张三丰"])
    assert "张三" not in masked and "张某某" in masked and "委托代理人张某" in masked
    assert "襄城县丰收农业合作社" in masked and "411025***********4" in masked and "139****5678" in masked
