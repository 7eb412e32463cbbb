"""Chinese numerals and the stable citation format."""

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 15 -> 十五, 119 -> 一百一十九, 100 -> 一百, 105 -> 一百零五, 1000 -> 一千."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    out = ""
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero = False
    started = False
    for value, name in units:
        d = (n // value) % 10
        if d:
            if zero and started:
                out += "零"
            out += DIGITS[d] + name
            zero = False
            started = True
        elif started:
            zero = True
    return out


def parse_chinese_number(text: str) -> int:
    """一百一十九 -> 119, 十五 -> 15, 一百零五 -> 105."""
    total, current = 0, 0
    units = {"十": 10, "百": 100, "千": 1000}
    for ch in text:
        if ch in DIGITS:
            current = DIGITS.index(ch)
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
        else:
            raise ValueError(text)
    return total + current


def cite(title: str, article: int, paragraph: int | None = None, item: int | None = None) -> str:
    text = f"《{title}》第{chinese_number(article)}条"
    if paragraph:
        text += f"第{chinese_number(paragraph)}款"
    if item:
        text += f"第（{chinese_number(item)}）项"
    return text
