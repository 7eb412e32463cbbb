"""The inspection code's QR code as inline SVG (the ``qrcode`` package; no image library needed)."""

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


def qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return mark_safe(svg[svg.index("<svg"):])
