"""Masking personal data in published decisions (行政处罚决定公示: 自然人姓名、身份证号码等个人信息应当隐去).

An individual's name keeps its surname: 张三 → 张某, 张三丰 → 张某某, 欧阳娜娜 → 欧阳某某; a name written with the
middle dot of many ethnic names keeps its first character: 阿依古丽·买买提 → 阿某某. Identity numbers keep the
first 6 and the last 1 characters (the area and the check character; the birth date and serial are hidden); mobile
numbers keep 3 + 4 digits. Organisations' names and unified social credit codes are public and never masked.
"""

import re

COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯",
    "端木", "轩辕", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "公冶", "太史", "申屠", "闻人", "万俟", "赫连",
    "钟离", "宗政", "濮阳", "淳于", "单于", "拓跋", "司空", "第五", "左丘", "东郭", "南门", "羊舌", "微生", "梁丘",
)
MASK = "某"
DOTS = "·•・．."

ID_18 = re.compile(r"(?<![0-9A-Za-z])(\d{6})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})([0-9Xx])"
                   r"(?![0-9A-Za-z])")
ID_15 = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{2})(\d)(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def mask_name(name: str) -> str:
    """The published form of an individual's name."""
    name = (name or "").strip()
    if not name:
        return ""
    if any(d in name for d in DOTS):
        return name[0] + MASK * 2
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s) and len(name) > len(s)), name[0])
    given = len(name) - len(surname)
    if given <= 0:
        return name
    return surname + MASK * (1 if given == 1 else 2)


def mask_id_number(text: str) -> str:
    """Every identity number (18 or 15 digits, with a plausible birth date) in ``text`` masked."""
    text = ID_18.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)
    return ID_15.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)


def mask_phone(text: str) -> str:
    return MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


def mask_text(text: str, names=()) -> str:
    """``text`` with the given individuals' names, every identity number and every mobile number masked. Longer
    names are replaced first (so 张三丰 is not caught as 张三 + 丰)."""
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return mask_phone(mask_id_number(text))
