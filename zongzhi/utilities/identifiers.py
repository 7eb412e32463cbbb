"""Validators for Chinese identifiers.

- 统一社会信用代码 (unified social credit code, USCC), GB 32100-2015.
- 公民身份号码 (resident identity number), GB 11643-1999.

Test vectors: ../shared/data/identifiers/.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
ID_CHECK = "10X98765432"


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    if not isinstance(code, str) or len(code) != 18:
        return False
    code = code.upper()
    if any(c not in USCC_CHARSET for c in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_valid_resident_id(number: str) -> bool:
    if not isinstance(number, str) or len(number) != 18:
        return False
    number = number.upper()
    if not number[:17].isdigit() or number[17] not in "0123456789X":
        return False
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if birth.year < 1800 or birth > datetime.date.today():
        return False
    return id_check_char(number[:17]) == number[17]


def validate_uscc(value):
    if not is_valid_uscc(value):
        raise ValidationError(
            _("%(value)s is not a valid unified social credit code (GB 32100: 18 characters with a correct check character)."),
            code="invalid_uscc",
            params={"value": value},
        )


def validate_resident_id(value):
    if not is_valid_resident_id(value):
        raise ValidationError(
            _("%(value)s is not a valid resident identity number (GB 11643: 18 characters, a real birth date and a correct check character)."),
            code="invalid_resident_id",
            params={"value": value},
        )


def mask_resident_id(value: str) -> str:
    """Show the first 6 and last 4 characters only: 411025********123X."""
    if not value:
        return ""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]
